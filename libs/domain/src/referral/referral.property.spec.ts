import fc from 'fast-check';
import { REFERRAL_PRECONDITIONS, availableReferralCommands } from './referral.preconditions';
import { ActionAgreement } from '../shared/action-agreement.fixtures-spec';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { isCompetentReceiver } from '../shared/jurisdiction';
import { localDateOf, addDays } from '../shared/time';
import { findOutcome, outcomeApplies } from './outcomes';
import { ReferralCommand } from './referral.commands';
import { RECEIVING_SIDE_EVENT_TYPES, ReferralEvent } from './referral.events';
import { DISPOSAL_METHODS, OrgRef, OutcomeEntry, ReferralStatus, ReferralTarget } from './referral.model';
import { ReferralState } from './referral.state';
import {
  APPOINTING,
  CHILD_ID,
  CITY_CDI,
  CLUE_ID,
  COUNTY_CDI,
  REFERRAL_ID,
  REGION,
  agencyStaff,
  appointingHead,
  atDraft,
  auditor,
  bureauStaff,
  cityCdiHead,
  cityCdiStaff,
  config,
  countyCdiHead,
  countyCdiStaff,
  day,
  decider,
  officeHead,
  officeStaff,
  otherCountyOffice,
  pkg,
  stateOf,
  mixedSubjects,
  subjects,
} from './referral.fixtures-spec';

/**
 * Random command sequences through the decider. Each step is a handful of random numbers that
 * a small "policy" turns into a command: most of the time a command that fits the current status,
 * issued by a plausible actor, so that runs get deep into the lifecycle; sometimes anything at all.
 */

/** The commission of another county, to which referrals can be forwarded as well. */
const dawaCdi: Actor = {
  userId: 'u-dawa-cdi',
  role: 'DisciplineCommission',
  position: 'Head',
  orgId: 'panjin/dawa.cdi',
  regionId: 'panjin/dawa',
};
const provinceCdi: Actor = {
  userId: 'u-ln-cdi',
  role: 'DisciplineCommission',
  position: 'Head',
  orgId: 'liaoning.cdi',
  regionId: 'liaoning',
};
const ALL_ACTORS: readonly Actor[] = [
  provinceCdi,
  officeHead,
  officeStaff,
  bureauStaff,
  otherCountyOffice,
  cityCdiHead,
  cityCdiStaff,
  countyCdiHead,
  countyCdiStaff,
  dawaCdi,
  appointingHead,
  auditor,
  agencyStaff,
];
const OFFICE_ACTORS: readonly Actor[] = [officeHead, officeStaff, bureauStaff];
const OFFICE_EVENTS: readonly ReferralEvent['type'][] = [
  'ReferralDrafted',
  'ReferralApproved',
  'ReferralSent',
  'ReferralRerouted',
  'ReferralClosed',
];

// The 督办 ladder's commands come from the deadline timer, not from users: deadline-alarm specs cover them.
type CommandType = Exclude<
  ReferralCommand['type'],
  'FireDeadlineAlarm' | 'ConfirmEscalationRung' | 'WaiveEscalationRung'
>;
/** Per status: the commands that move it on, weighted, plus a few premature ones that must be refused. */
const CANDIDATES: Readonly<Record<ReferralStatus, readonly CommandType[]>> = {
  None: ['DraftReferral', 'DraftReferral', 'OpenForwardedReferral', 'OpenReturnedReferral'],
  Draft: ['ApproveReferral'],
  Approved: ['SendReferral', 'RequestDeadlineExtension'],
  Sent: ['ReceiveReferral'],
  Forwarded: ['ReceiveReferral'],
  Received: [
    'AcceptReferral',
    'AcceptReferral',
    'PartiallyAcceptReferral',
    'PartiallyReturnReferral',
    'ForwardReferral',
    'ReturnReferral',
    'RequestDeadlineExtension',
    'ApproveDeadlineExtension',
  ],
  Returned: ['RerouteReferral'],
  Accepted: ['DecideDisposal', 'DecideDisposal', 'RecordOutcomes'],
  PartiallyAccepted: ['DecideDisposal'],
  Disposing: [
    'ResumeShelved',
    'RecordTalkOrInquiryHeld',
    'CompleteTalkOrInquiry',
    'FileCase',
    'ConcludeVerification',
    'RecordOutcomes',
    'PauseDeadline',
    'ResumeDeadline',
    'RequestDeadlineExtension',
    'ApproveDeadlineExtension',
    'RefuseDeadlineExtension',
  ],
  CaseFiled: ['RecordOutcomes', 'RecordOutcomes', 'FeedBackResult'],
  Decided: [
    'FeedBackResult',
    'FeedBackResult',
    'RecordOutcomes',
    'CompleteOutcomes',
    'CloseReferral',
    'PublishTypicalCase',
    'RecordOrganisationalHandlingDone',
  ],
  Concluded: ['FeedBackResult', 'FeedBackResult', 'CloseReferral'],
  ResultFedBack: ['CloseReferral', 'CloseReferral', 'PublishTypicalCase', 'RecordOrganisationalHandlingDone'],
  Closed: ['PublishTypicalCase', 'RaiseEscalation', 'RecordOrganisationalHandlingDone'],
};
const ALL_TYPES = [
  ...new Set(Object.values(CANDIDATES).flat()),
  'RaiseEscalation',
  'SendCarbonCopy',
  'NameCaseHandlers',
] as CommandType[];

/** DOMAIN.md §4.2 as a transition table; events that keep the status (督办, 典型案例, R10) are always allowed. */
const TRANSITIONS = new Set([
  'None>Draft',
  'None>Forwarded',
  'None>Returned',
  'Draft>Approved',
  'Approved>Sent',
  'Sent>Received',
  'Forwarded>Received',
  'Received>Forwarded',
  'Received>Returned',
  'Received>Accepted',
  'Received>PartiallyAccepted',
  'Returned>Sent',
  'Accepted>Disposing',
  'Accepted>Concluded',
  'PartiallyAccepted>Disposing',
  'PartiallyAccepted>Concluded',
  'Disposing>Concluded',
  'Disposing>CaseFiled',
  'CaseFiled>Decided',
  'Decided>ResultFedBack',
  'Concluded>ResultFedBack',
  'ResultFedBack>Closed',
]);

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

const parent = stateOf(atDraft());
if (parent.status === 'None') throw new Error('setup');
const packages = [
  pkg,
  { ...pkg, situationCodes: [], evidenceCodes: [], statutoryGroundCodes: ['CorruptionOrBribery'] },
  { ...pkg, situationCodes: [], evidenceCodes: [], justification: '情节较重' },
  { ...pkg, evidenceCodes: [] }, // conditions not met
  { ...pkg, subjects: [subjects[0]!] },
  { ...pkg, subjects: mixedSubjects },
  { ...pkg, subjects: mixedSubjects },
  { ...pkg, subjects: mixedSubjects },
  { ...pkg, subjects: mixedSubjects },
  { ...pkg, subjects: [{ ...subjects[0]!, cadreRank: 'DepartmentBureau' as const }, ...mixedSubjects.slice(1)] },
];
/** The provincial commission: the directory gives its level (its region is above the city's). */
const PROVINCE_CDI = { orgId: 'liaoning.cdi', regionId: 'liaoning', level: 'Province' } as const;
const TARGETS: readonly ReferralTarget[] = [
  CITY_CDI,
  CITY_CDI,
  APPOINTING,
  { kind: 'DisciplineCommission', ...COUNTY_CDI },
  { kind: 'DisciplineCommission', ...PROVINCE_CDI },
];
const FORWARD_TO: readonly OrgRef[] = [
  COUNTY_CDI,
  COUNTY_CDI,
  { orgId: 'panjin.cdi', regionId: 'panjin' },
  { orgId: 'panjin/dawa.cdi', regionId: 'panjin/dawa' },
  PROVINCE_CDI,
];
const ACCEPTED_SETS = [['s1'], ['s2', 's3'], ['s1'], ['s2'], ['s1'], ['s3', 's1'], ['s1', 's2', 's3'], ['s9'], []];
const OUTCOME_SETS: readonly (readonly [string, string][])[] = [
  [['s1', 'GovSanction.Demerit']],
  [
    ['s1', 'PartySanction.Warning'],
    ['s2', 'GovSanction.Warning'],
  ],
  [['s2', 'PartySanction.Warning']], // not a party member
  [['s3', 'TalkReminder']],
  [
    ['s2', 'NoAction'],
    ['s3', 'OrganisationalHandling.Reassignment'],
  ],
];
const RECTIFICATION_SETS = [
  [],
  [{ itemId: 'i1', status: 'Closed', mode: 'Deadline' }],
  [{ itemId: 'i1', status: 'InProgress', mode: 'Deadline' }],
  [
    { itemId: 'i1', status: 'InProgress', mode: 'LongTerm' },
    { itemId: 'i2', status: 'LookBackPassed', mode: 'Immediate' },
  ],
] as const;

interface Step {
  readonly kind: number;
  readonly actor: number;
  readonly wild: number;
  readonly v1: number;
  readonly v2: number;
  readonly days: number;
}
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.nat(),
  actor: fc.nat(),
  wild: fc.nat({ max: 19 }),
  v1: fc.nat(),
  v2: fc.nat(),
  days: fc.nat({ max: 6 }),
});

const holderActors = (state: ReferralState): readonly Actor[] => {
  const holder = state.status === 'None' ? undefined : state.holder;
  const mine = ALL_ACTORS.filter((a) => a.orgId === (holder?.orgId ?? 'panjin.cdi') && a.role !== 'Auditor');
  return mine.length > 0 ? mine : [cityCdiHead];
};

const toCommand = (step: Step, state: ReferralState, at: string): ReferralCommand => {
  const type = step.wild < 17 ? pick(CANDIDATES[state.status], step.kind) : pick(ALL_TYPES, step.kind);
  const officeSide = [
    'DraftReferral',
    'ApproveReferral',
    'SendReferral',
    'RerouteReferral',
    'CloseReferral',
    'RaiseEscalation',
  ].includes(type);
  const runningRule = state.status === 'None' ? undefined : state.deadline?.rule;
  // A deadline change is the office's on the transfer period and the holder's on the others.
  const officeDeadline =
    type.includes('Deadline') && (runningRule ?? 'TransferAfterConditionsMet') === 'TransferAfterConditionsMet';
  const plausible =
    type === 'OpenForwardedReferral' || type === 'OpenReturnedReferral'
      ? [cityCdiHead]
      : officeSide || officeDeadline
        ? OFFICE_ACTORS
        : holderActors(state);
  const actor = step.wild < 18 ? pick(plausible, step.actor) : pick(ALL_ACTORS, step.actor);
  const today = localDateOf(at);
  const outcomes = (minor: boolean): OutcomeEntry[] =>
    pick(OUTCOME_SETS, step.v1)
      .filter(([, code]) => !minor || findOutcome(code)?.layer === 'Minor')
      .map(([subjectId, outcome]) => ({
        subjectId,
        outcome,
        decisionDate: addDays(today, -(step.v2 % 3)),
        documentNo: `doc-${subjectId}`,
      }));
  const base = { actor, at, referralId: REFERRAL_ID };
  switch (type) {
    case 'DraftReferral':
      return {
        type,
        ...base,
        clueId: CLUE_ID,
        clue: { regionId: REGION, status: pick(['Verification', 'Analysis', 'Supervision', 'Registered'], step.v2) },
        package: pick(packages, step.v1),
        ...(step.v2 % 2 === 0 ? { conditionsMetOn: addDays(today, -(step.v2 % 20)) } : {}),
      };
    case 'OpenForwardedReferral':
      return {
        type,
        ...base,
        parentReferralId: 'ref-0',
        clueId: CLUE_ID,
        regionId: REGION,
        ownerOrgId: officeHead.orgId,
        package: { ...pkg, subjects: mixedSubjects.slice(1) },
        rulebookVersion: 'v1',
        evaluation: parent.evaluation,
        forwardedBy: 'panjin.cdi',
        forwardTo: pick(FORWARD_TO, step.v1),
        reason: '分级管辖',
      };
    case 'OpenReturnedReferral':
      return {
        type,
        ...base,
        parentReferralId: 'ref-0',
        clueId: CLUE_ID,
        regionId: REGION,
        ownerOrgId: officeHead.orgId,
        package: { ...pkg, subjects: mixedSubjects.slice(1) },
        rulebookVersion: 'v1',
        evaluation: parent.evaluation,
        returnedBy: 'panjin.cdi',
        reason: '无监察管辖权',
      };
    case 'PartiallyReturnReferral':
      return {
        type,
        ...base,
        returnedSubjectIds: pick(ACCEPTED_SETS, step.v1),
        childReferralId: CHILD_ID,
        reason: '无监察管辖权',
      };
    case 'ApproveReferral':
      return { type, ...base, opinion: '同意' };
    case 'SendReferral':
      return { type, ...base, target: pick(TARGETS, step.v1) };
    case 'RerouteReferral':
      return { type, ...base, target: pick([APPOINTING, CITY_CDI], step.v1) };
    case 'ReceiveReferral':
      return { type, ...base, registrationNo: `JW-${step.v1 % 100}` };
    case 'ForwardReferral':
      return { type, ...base, forwardTo: pick(FORWARD_TO, step.v1), reason: '管辖' };
    case 'ReturnReferral':
      return { type, ...base, reason: '无监察管辖权' };
    case 'AcceptReferral':
      return { type, ...base };
    case 'PartiallyAcceptReferral':
      return {
        type,
        ...base,
        acceptedSubjectIds: pick(ACCEPTED_SETS, step.v1),
        forwardTo: pick(FORWARD_TO, step.v2),
        childReferralId: CHILD_ID,
        reason: '分级管辖',
      };
    case 'DecideDisposal':
      return { type, ...base, method: pick(DISPOSAL_METHODS, step.v1), reason: '集体研究' };
    case 'ResumeShelved':
      return { type, ...base, newEvidence: '新材料' };
    case 'RecordTalkOrInquiryHeld':
      return {
        type,
        ...base,
        form: pick(['Talk', 'WrittenReply'] as const, step.v1),
        ...(step.v2 % 2 === 0 ? { heldOn: addDays(today, -(step.v2 % 4)) } : {}),
      };
    case 'CompleteTalkOrInquiry':
      return {
        type,
        ...base,
        record: '谈话记录',
        problemsSurfaced: step.v2 % 2 === 0,
        minorOutcomes: step.v2 % 3 === 0 ? [] : outcomes(true),
      };
    case 'FileCase':
      return { type, ...base, caseNo: 'case-1' };
    case 'ConcludeVerification':
      return { type, ...base, report: '初核报告' };
    case 'RecordOutcomes':
      return {
        type,
        ...base,
        outcomes: outcomes(false),
        ...(step.v2 % 3 === 0 ? {} : { complete: step.v2 % 3 === 1 }),
      };
    case 'CompleteOutcomes':
      return { type, ...base };
    case 'FeedBackResult':
      return { type, ...base, summary: '处理结果' };
    case 'RecordOrganisationalHandlingDone':
      return { type, ...base, documentNo: '盘组任〔2026〕1号' };
    case 'PublishTypicalCase':
      return { type, ...base, text: '典型案例', anonymised: step.v1 % 2 === 0 };
    case 'CloseReferral':
      return { type, ...base, linkedRectification: pick(RECTIFICATION_SETS, step.v1) };
    case 'RaiseEscalation':
      return {
        type,
        ...base,
        escalationId: `e${step.v1 % 3}`,
        escalationType: pick(['Interview', 'OrderPerformance', 'Circular'] as const, step.v2),
        reason: '督办',
        targetOrgId: 'panjin.cdi',
        target: { orgId: 'panjin.cdi', role: 'DisciplineCommission', regionId: 'panjin' },
        performBy: addDays(today, 10 + (step.v1 % 7)),
      };
    case 'RequestDeadlineExtension':
      return {
        type,
        ...base,
        requestId: `x${step.v1 % 3}`,
        rule: runningRule ?? 'CommissionAcceptance',
        proposedDueOn: addDays(today, 3 + (step.v2 % 20)),
        reason: '情况复杂',
      };
    case 'ApproveDeadlineExtension':
      return {
        type,
        ...base,
        requestId: `x${step.v1 % 3}`,
        ...(step.v2 % 2 === 0 ? { newDueOn: addDays(today, 5 + (step.v2 % 15)) } : {}),
      };
    case 'RefuseDeadlineExtension':
      return { type, ...base, requestId: `x${step.v1 % 3}`, reason: '理由不足' };
    case 'PauseDeadline':
      return { type, ...base, rule: runningRule ?? 'DisposalProposal', reason: '等待鉴定' };
    case 'ResumeDeadline':
      return { type, ...base, rule: runningRule ?? 'DisposalProposal' };
    case 'RecomputeDeadline':
      // Not drawn (not among the candidates): a recount follows a calendar change, not case work.
      return {
        type,
        ...base,
        slot: 'disposalDeadline',
        rule: 'DisposalProposal',
        cause: { year: 2027, calendarEventId: 'calendar-event', source: 'test' },
      };
    case 'SendCarbonCopy':
      return { type, ...base, copyTo: [{ orgId: 'panjin.org-dept', regionId: 'panjin' }], note: '抄送移送函' };
    case 'NameCaseHandlers':
      return { type, ...base, handlers: [{ userId: 'u-handler', orgId: actor.orgId }] };
  }
};

/** Every Deadline object anywhere in an event ({ rule, dueOn, ... }). */
const deadlinesIn = (value: unknown): { rule: string; dueOn: string; amount?: number; nonWorkingDay?: true }[] => {
  if (typeof value !== 'object' || value === null) return [];
  const here =
    'rule' in value && 'dueOn' in value
      ? [value as { rule: string; dueOn: string; amount?: number; nonWorkingDay?: true }]
      : [];
  return [...here, ...Object.values(value).flatMap(deadlinesIn)];
};

const reached = new Set<string>();
const agreement = new ActionAgreement();
const ACTION_TYPES = Object.keys(REFERRAL_PRECONDITIONS);
let accepted = 0;
let rejected = 0;
let landed = 0;

const run = (steps: readonly Step[]): void => {
  let state = decider.initialState();
  let offset = 0;
  const history: ReferralEvent[] = [];
  for (const step of steps) {
    offset += step.days;
    const command = toCommand(step, state, day(offset));
    const before = JSON.stringify(state);
    const result = decider.decide(command, state);
    agreement.check(availableReferralCommands, ACTION_TYPES, state, command, result);
    // decide is pure: whatever it answers, the state it was given is untouched.
    expect(JSON.stringify(state)).toBe(before);
    if (isDomainError(result)) {
      rejected += 1;
      continue; // a rejection emits nothing: there is nothing to append
    }
    accepted += 1;
    expect(result.length).toBeGreaterThan(0);
    for (const event of result) {
      if (RECEIVING_SIDE_EVENT_TYPES.includes(event.type)) {
        // Only the organisation holding the referral at that moment acts on the receiving side.
        expect(state.status !== 'None' ? state.holder?.orgId : undefined).toBe(event.data.by.orgId);
      }
      if (event.type === 'ForwardedReferralOpened') expect(event.data.by.orgId).toBe(event.data.forwardedBy);
      if (OFFICE_EVENTS.includes(event.type))
        expect(['RuleOfLawOffice', 'JusticeBureau']).toContain(event.data.by.role);
      // On a working day, unless an explicit date kept as given and flagged (issue 15 §4).
      for (const deadline of deadlinesIn(event.data))
        expect([deadline.rule, config.calendar.isWorkingDay(deadline.dueOn)]).toEqual([
          deadline.rule,
          deadline.nonWorkingDay !== true,
        ]);
      if (event.type === 'ReferralClosed') expect(history.some((e) => e.type === 'ResultFedBack')).toBe(true);
      // Decision 5: whoever a referral is sent, re-routed or forwarded to manages at least one of
      // the persons it receives (it keeps those and passes the others on).
      if (state.status !== 'None') {
        const received =
          event.type === 'ReferralSent' || event.type === 'ReferralRerouted'
            ? event.data.target
            : event.type === 'ReferralForwarded'
              ? event.data.forwardTo
              : undefined;
        if (received) expect(isCompetentReceiver(received, state.package.subjects, state.regionId, 'Some')).toBe(true);
        if (event.type === 'ReferralPartiallyAccepted') {
          const rest = state.package.subjects.filter((p) => event.data.forwardedSubjectIds.includes(p.subjectId));
          expect(isCompetentReceiver(event.data.forwardTo, rest, state.regionId, 'Some')).toBe(true);
        }
      }
      history.push(event);
      const from = state;
      state = decider.evolve(state, event);
      const move = `${from.status}>${state.status}`;
      // Accepted → Decided is the appointing authority's short path only (R11).
      const allowed =
        from.status === state.status ||
        TRANSITIONS.has(move) ||
        (move === 'Accepted>Decided' && from.status !== 'None' && from.holder?.kind === 'AppointingAuthority');
      expect([event.type, move, allowed]).toEqual([event.type, move, true]);
    }
    reached.add(state.status);
    if (state.status !== 'None' && state.acceptedSubjectIds.length > 0) {
      const all = state.package.subjects.map((s) => s.subjectId).sort();
      // Each subject is accepted, forwarded (art. 171(3)) or returned (art. 171(4)), exactly once.
      const union = [
        ...state.acceptedSubjectIds,
        ...state.forwardedSubjectIds,
        ...(state.returnedSubjectIds ?? []),
      ].sort();
      expect(union).toEqual(all); // covers every subject, and equal lengths mean disjoint
    }
    if (state.status !== 'None') {
      // No subject ever lands with (is accepted by) a receiver that does not manage them.
      const acceptedIds = state.acceptedSubjectIds;
      const kept = state.package.subjects.filter((p) => acceptedIds.includes(p.subjectId));
      if (kept.length > 0) landed += 1;
      if (kept.length > 0)
        expect(state.holder && isCompetentReceiver(state.holder, kept, state.regionId, 'Every')).toBe(true);
      for (const o of state.outcomes) {
        const subject = state.package.subjects.find((s) => s.subjectId === o.subjectId);
        expect(
          subject && state.acceptedSubjectIds.includes(o.subjectId) && outcomeApplies(findOutcome(o.outcome)!, subject),
        ).toBe(true);
      }
    }
  }
  expect(fold(decider, history)).toEqual(state);
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);
};

describe('Referral — properties over random command sequences', () => {
  it('keeps its invariants', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 35, size: 'max' }), (steps) => run(steps)),
      { numRuns: 200 },
    );
  });

  it('explores the lifecycle (the generator is not trivially rejected)', () => {
    // Guards the property above: it only means something if runs reach the late states.
    for (const status of [
      'Forwarded',
      'Returned',
      'PartiallyAccepted',
      'Disposing',
      'Concluded',
      'Decided',
      'ResultFedBack',
      'Closed',
    ]) {
      expect([status, reached.has(status)]).toEqual([status, true]);
    }
    expect(accepted).toBeGreaterThan(800);
    expect(landed).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(300);
  });

  it('lists exactly the commands decide may accept now (the runs above): unlisted ones are refused, listed ones never as missing or out of order', () => {
    expect(agreement.violations.slice(0, 5)).toEqual([]);
    expect(agreement.seen.listedAccepted).toBeGreaterThan(200);
    expect(agreement.seen.unlistedRefused).toBeGreaterThan(50);
  });
});
