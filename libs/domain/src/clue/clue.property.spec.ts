import fc from 'fast-check';
import { CLUE_PRECONDITIONS, availableClueCommands } from './clue.preconditions';
import { ActionAgreement } from '../shared/action-agreement.fixtures-spec';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { addDays, localDateOf } from '../shared/time';
import { createDomainConfig } from '../domain-config';
import { CLUE_SOURCES, SUPERVISION_INSTRUMENT_KINDS } from './clue-source';
import { ClueCommand, DISMISSAL_REASONS, PLAN_ITEM_MODES, PlanItemMode, RectificationPlanItem } from './clue.commands';
import { ClueEvent } from './clue.events';
import { createClueDecider } from './clue.decider';
import { ClueState, ClueStatus } from './clue.state';

/**
 * Random command sequences through the clue decider. Commands come from small pools of actors,
 * ids and values so that many are valid; half of the steps are "the natural next step" for the
 * current status, so sequences regularly reach closure, look-back and reopening.
 */

const config = createDomainConfig();
const decider = createClueDecider(config);
const CLUE = 'c-1';
const REGION = 'panjin/dawa';
const AGENCY = 'dawa.emergency';

const actor = (
  userId: string,
  role: Actor['role'],
  position: Actor['position'],
  orgId: string,
  regionId: string,
): Actor => ({
  userId,
  role,
  position,
  orgId,
  regionId,
});
const officeHead = actor('u-oh', 'RuleOfLawOffice', 'Head', 'panjin.rol', 'panjin');
const agencyHead = actor('u-ah', 'EnforcementAgency', 'Head', AGENCY, REGION);
const ACTORS: readonly Actor[] = [
  officeHead,
  actor('u-os', 'RuleOfLawOffice', 'Staff', 'panjin.rol', 'panjin'),
  actor('u-js', 'JusticeBureau', 'Staff', 'panjin.justice', 'panjin'),
  actor('u-ch', 'RuleOfLawOffice', 'Head', 'dawa.rol', REGION),
  actor('u-xh', 'RuleOfLawOffice', 'Head', 'sts.rol', 'panjin/shuangtaizi'),
  agencyHead,
  actor('u-as', 'EnforcementAgency', 'Staff', AGENCY, REGION),
  actor('u-oa', 'EnforcementAgency', 'Head', 'dawa.urban', REGION),
  actor('u-au', 'Auditor', 'Head', 'panjin.audit', 'panjin'),
  actor('u-ad', 'Administrator', 'Head', 'panjin.it', 'panjin'),
  actor('u-pl', 'PartyLeadership', 'Head', 'panjin.party', 'panjin'),
  actor('u-cc', 'DisciplineCommission', 'Head', 'panjin.ccdi', 'panjin'),
];

/** A command is built against the state it will meet, so "next step" templates can be valid. */
type Template = (state: ClueState, at: string) => ClueCommand;
type Step = { readonly template: Template; readonly gapDays: number };

const anyActor = fc.constantFrom(...ACTORS);
/** Mostly the right actor, sometimes anyone. */
const actorOr = (right: Actor) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: anyActor });
const itemIds = fc.constantFrom('i-1', 'i-2', 'i-3');
const dayOffset = fc.integer({ min: -2, max: 70 });
const situationCodes = fc.subarray(['ImproperPerformance', 'FailToCorrectIllegalAct', 'Gossip'], { maxLength: 2 });
const evidenceCodes = fc.subarray([
  'IP.DUTY_SOURCE',
  'IP.ACT_OR_OMISSION',
  'FC.INSTRUMENT',
  'FC.DEADLINE',
  'FC.OVERDUE_PROOF',
]);
const grounds = fc.subarray(['DerelictionOfDuty', 'CorruptionOrBribery']);
const legal = fc.record({
  justification: fc.option(fc.constantFrom('Repeated reversals', ' '), { nil: undefined }),
  legalBasis: fc.subarray(['行政复议法 art. 85', '']),
});

const due = (at: string, offset: number) => addDays(localDateOf(at), offset);
const base = <T extends ClueCommand['type']>(type: T, a: Actor, at: string) => ({ type, actor: a, at, clueId: CLUE });

const planItem = (
  itemId: string,
  mode: PlanItemMode,
  offset: number,
  target: boolean,
  at: string,
): RectificationPlanItem => ({
  itemId,
  issue: 'issue',
  measures: 'measures',
  mode,
  responsiblePerson: '责任人',
  ...(mode !== 'LongTerm' || offset > 30 ? { dueDate: due(at, offset) } : {}),
  ...(target ? { longTermTarget: 'keep it up' } : {}),
});

const register = fc
  .record({
    a: actorOr(officeHead),
    region: fc.constantFrom(REGION, 'panjin/shuangtaizi'),
    source: fc.constantFrom(...CLUE_SOURCES),
    ok: fc.boolean(),
  })
  .map(({ a, region, source, ok }): Template => (_, at) => ({
    ...base('RegisterClue', a, at),
    regionId: region,
    source,
    sourceRef: 'ref',
    receivedAt: at,
    agency: { orgId: AGENCY, name: '应急管理局' },
    summary: ok ? 'summary' : '',
  }));

const randomTemplates: fc.Arbitrary<Template> = fc.oneof(
  register,
  actorOr(officeHead).map((a): Template => (_, at) => ({ ...base('StartAnalysis', a, at), analystUserId: 'u-an' })),
  fc
    .record({ a: actorOr(officeHead), reason: fc.constantFrom(...DISMISSAL_REASONS), report: fc.boolean() })
    .map(({ a, reason, report }): Template => (_, at) => ({
      ...base('DismissClue', a, at),
      reason,
      explanation: 'why',
      ...(report ? { verificationReport: 'report' } : {}),
    })),
  fc
    .record({ a: actorOr(officeHead), s: situationCodes, e: evidenceCodes, g: grounds, l: legal, team: fc.boolean() })
    .map(({ a, s, e, g, l, team }): Template => (_, at) => ({
      ...base('StartVerification', a, at),
      situationCodes: s,
      evidenceCodes: e,
      statutoryGroundCodes: g,
      ...l,
      category: 'Inaction',
      verificationPlan: 'plan',
      team: team ? ['u-an'] : [],
    })),
  fc
    .record({
      a: actorOr(officeHead),
      kind: fc.constantFrom(...SUPERVISION_INSTRUMENT_KINDS),
      dueOffset: fc.option(dayOffset, { nil: undefined }),
      s: fc.option(situationCodes, { nil: undefined }),
      e: fc.option(evidenceCodes, { nil: undefined }),
    })
    .map(({ a, kind, dueOffset, s, e }): Template => (_, at) => ({
      ...base('IssueSupervisionInstrument', a, at),
      verificationReport: 'findings',
      responsibleUnits: [AGENCY],
      instrument: { kind, documentNo: 'No. 1' },
      ...(dueOffset !== undefined ? { dueDate: due(at, dueOffset) } : {}),
      ...(s !== undefined ? { situationCodes: s } : {}),
      ...(e !== undefined ? { evidenceCodes: e } : {}),
    })),
  // Issue 17 §6: a further instrument (any kind, some repeating a document number).
  fc
    .record({
      a: actorOr(officeHead),
      kind: fc.constantFrom(...SUPERVISION_INSTRUMENT_KINDS),
      no: fc.constantFrom('No. 1', 'No. 2', 'No. 3'),
    })
    .map(({ a, kind, no }): Template => (_, at) => ({
      ...base('IssueFollowUpInstrument', a, at),
      instrument: { kind, documentNo: no },
      reason: 'not corrected',
    })),
  fc
    .record({
      a: actorOr(agencyHead),
      items: fc.array(fc.tuple(itemIds, fc.constantFrom(...PLAN_ITEM_MODES), dayOffset, fc.boolean()), {
        minLength: 0,
        maxLength: 3,
      }),
    })
    .map(({ a, items }): Template => (_, at) => ({
      ...base('SubmitRectificationPlan', a, at),
      items: items.map(([id, m, o, t]) => planItem(id, m, o, t, at)),
    })),
  fc.record({ a: actorOr(agencyHead), ev: fc.boolean() }).map(({ a, ev }): Template => (_, at) => ({
    ...base('SubmitRectificationFeedback', a, at),
    report: 'done',
    evidence: ev ? [{ title: 't', documentRef: 'd' }] : [],
  })),
  actorOr(officeHead).map((a): Template => (_, at) => ({ ...base('StartEvaluation', a, at) })),
  fc
    .record({
      a: actorOr(officeHead),
      pass: fc.boolean(),
      snapshots: fc.array(
        fc.tuple(
          itemIds,
          fc.constantFrom('Closed', 'Reported', 'LookBackPassed', 'InProgress'),
          fc.constantFrom(...PLAN_ITEM_MODES),
        ),
      ),
      dueOffset: dayOffset,
    })
    .map(({ a, pass, snapshots, dueOffset }): Template => (_, at) => ({
      ...base('EvaluateClue', a, at),
      result: pass ? 'Pass' : 'Fail',
      method: 'Document',
      notes: 'notes',
      ...(pass
        ? { rectificationItems: snapshots.map(([itemId, status, mode]) => ({ itemId, status, mode })) }
        : { failureReasons: ['not real'], newDueDate: due(at, dueOffset) }),
    })),
  fc
    .record({ a: actorOr(officeHead), pass: fc.boolean(), dueOffset: dayOffset })
    .map(({ a, pass, dueOffset }): Template => (_, at) => ({
      ...base('CompleteClueLookBack', a, at),
      result: pass ? 'Pass' : 'Fail',
      method: 'OnSite',
      notes: 'notes',
      ...(pass ? {} : { failureReasons: ['relapsed'], newDueDate: due(at, dueOffset) }),
    })),
  fc
    .record({
      a: actorOr(officeHead),
      id: fc.constantFrom('r-1', 'r-2'),
      s: situationCodes,
      e: evidenceCodes,
      g: grounds,
      l: legal,
    })
    .map(({ a, id, s, e, g, l }): Template => (_, at) => ({
      ...base('ProposeReferral', a, at),
      referralId: id,
      situationCodes: s,
      evidenceCodes: e,
      statutoryGroundCodes: g,
      ...l,
    })),
  fc
    .record({ a: actorOr(officeHead), id: fc.constantFrom('r-1', 'r-2', 'r-3') })
    .map(({ a, id }): Template => (_, at) => ({ ...base('RecordReferralSent', a, at), referralId: id, sentAt: at })),
  fc
    .record({
      a: actorOr(officeHead),
      id: fc.constantFrom('e-1', 'e-2'),
      kind: fc.constantFrom('Interview', 'OrderPerformance', 'LeaderInstruction' as const),
      o: dayOffset,
    })
    .map(({ a, id, kind, o }): Template => (_, at) => ({
      ...base('RaiseEscalation', a, at),
      escalationId: id,
      escalationType: kind,
      reason: 'slow',
      targetOrgId: AGENCY,
      target: { orgId: AGENCY, role: 'EnforcementAgency', regionId: REGION },
      ...(kind === 'OrderPerformance' ? { performBy: due(at, Math.abs(o)) } : {}),
    })),
);

/** The natural next command for the status, valid in the main, with a coin for pass / fail. */
const nextStep = fc
  .record({
    pass: fc.boolean(),
    offset: fc.integer({ min: 1, max: 40 }),
    longTerm: fc.boolean(),
    side: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ pass, offset, longTerm, side }): Template => (state, at) => {
    const h = officeHead;
    // Now and then the transfer track instead: propose a mandatory referral, or report one sent.
    const unsent = state.referralIds.find((id) => !state.sentReferralIds.includes(id));
    if (side === 0 && unsent !== undefined)
      return { ...base('RecordReferralSent', h, at), referralId: unsent, sentAt: at };
    if (side === 1 && state.referralIds.length < 3) {
      return {
        ...base('ProposeReferral', h, at),
        referralId: `r-${state.referralIds.length + 1}`,
        situationCodes: [],
        evidenceCodes: [],
        statutoryGroundCodes: ['DerelictionOfDuty'],
      };
    }
    switch (state.status) {
      case 'None':
        return {
          ...base('RegisterClue', h, at),
          regionId: REGION,
          source: 'Complaint',
          sourceRef: 'ref',
          receivedAt: at,
          agency: { orgId: AGENCY, name: 'a' },
          summary: 's',
        };
      case 'Registered':
        return { ...base('StartAnalysis', h, at), analystUserId: 'u-an' };
      case 'Analysis':
        return {
          ...base('StartVerification', h, at),
          situationCodes: [],
          evidenceCodes: [],
          category: 'Other',
          verificationPlan: 'p',
          team: ['u'],
        };
      case 'Verification':
        return {
          ...base('IssueSupervisionInstrument', h, at),
          verificationReport: 'r',
          responsibleUnits: [AGENCY],
          instrument: { kind: 'SupervisionOpinion', documentNo: '1' },
        };
      case 'Supervision': {
        const used = new Set(state.rectificationItems.map((i) => i.itemId));
        const id = ['i-1', 'i-2', 'i-3', 'i-4'].find((i) => !used.has(i)) ?? 'i-1';
        return {
          ...base('SubmitRectificationPlan', agencyHead, at),
          items: [planItem(id, longTerm ? 'LongTerm' : 'Deadline', offset, true, at)],
        };
      }
      case 'Rectification':
        return {
          ...base('SubmitRectificationFeedback', agencyHead, at),
          report: 'r',
          evidence: [{ title: 't', documentRef: 'd' }],
        };
      case 'Feedback':
        return { ...base('StartEvaluation', h, at) };
      case 'Evaluation':
        return pass
          ? {
              ...base('EvaluateClue', h, at),
              result: 'Pass',
              method: 'OnSite',
              notes: 'n',
              rectificationItems: state.rectificationItems.map((i) => ({
                itemId: i.itemId,
                status: 'Closed',
                mode: i.mode,
              })),
            }
          : {
              ...base('EvaluateClue', h, at),
              result: 'Fail',
              method: 'OnSite',
              notes: 'n',
              failureReasons: ['f'],
              newDueDate: due(at, offset),
            };
      case 'Closed':
        return pass
          ? { ...base('CompleteClueLookBack', h, at), result: 'Pass', method: 'OnSite', notes: 'n' }
          : {
              ...base('CompleteClueLookBack', h, at),
              result: 'Fail',
              method: 'OnSite',
              notes: 'n',
              failureReasons: ['f'],
              newDueDate: due(at, offset),
            };
      case 'Archived':
      case 'Dismissed':
        return { ...base('StartAnalysis', h, at), analystUserId: 'u-an' };
    }
  });

const steps = fc.array(
  fc.record({
    template: fc.oneof({ weight: 2, arbitrary: nextStep }, { weight: 1, arbitrary: randomTemplates }),
    gapDays: fc.integer({ min: 0, max: 6 }),
  }),
  { minLength: 1, maxLength: 40, size: 'max' },
);

const START = Date.parse('2026-01-05T09:00:00+08:00');

interface Outcome {
  readonly events: readonly ClueEvent[];
  /** Status after each emitted event, aligned with `events`. */
  readonly statuses: readonly ClueStatus[];
  readonly state: ClueState;
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

const agreement = new ActionAgreement();
const ACTION_TYPES = Object.keys(CLUE_PRECONDITIONS);

/** Runs the steps; checks at every step that a rejection emits nothing and changes nothing. */
const play = (input: readonly Step[]): Outcome => {
  let state = decider.initialState();
  let day = 0;
  const events: ClueEvent[] = [];
  const statuses: ClueStatus[] = [];
  for (const { template, gapDays } of input) {
    day += gapDays;
    const at = new Date(START + day * 86_400_000).toISOString();
    const command = template(state, at);
    const before = JSON.stringify(state);
    const result = decider.decide(command, deepFreeze(state));
    agreement.check(availableClueCommands, ACTION_TYPES, state, command, result);
    // Plain comparisons here: this runs for every step of every run.
    if (JSON.stringify(state) !== before) throw new Error(`${command.type} changed the state it was given`);
    if (JSON.stringify(decider.decide(command, state)) !== JSON.stringify(result))
      throw new Error(`${command.type} is not deterministic`);
    if (isDomainError(result)) continue;
    for (const event of result) {
      state = decider.evolve(state, event);
      events.push(event);
      statuses.push(state.status);
    }
  }
  return { events, statuses, state };
};

/** Every Deadline-shaped value inside an event or state. */
const deadlinesIn = (value: unknown): { rule: string; dueOn: string; amount?: number; nonWorkingDay?: true }[] => {
  if (value === null || typeof value !== 'object') return [];
  const here =
    'rule' in value && 'dueOn' in value
      ? [value as { rule: string; dueOn: string; amount?: number; nonWorkingDay?: true }]
      : [];
  return [...here, ...Object.values(value).flatMap(deadlinesIn)];
};

const TERMINAL: readonly ClueStatus[] = ['Dismissed', 'Archived'];
const RUNS = { numRuns: 150 };

// Each invariant returns its violations (empty when it holds): one assertion per run keeps the suite fast.

const closedOnlyAfterPassingEvaluation = ({ events, statuses }: Outcome): string[] =>
  events.flatMap((event, i) => {
    const entered = statuses[i] === 'Closed' && (i === 0 || statuses[i - 1] !== 'Closed');
    const previous = events[i - 1];
    const afterPass = previous?.type === 'ClueEvaluated' && previous.data.result === 'Pass';
    const problems: string[] = [];
    if (entered && (event.type !== 'ClueClosed' || !afterPass))
      problems.push(`Closed entered by ${event.type} after ${previous?.type}`);
    if (event.type === 'ClueClosed' && !afterPass) problems.push(`ClueClosed after ${previous?.type}`);
    if (event.type === 'ClueEvaluated' && event.data.result === 'Pass' && events[i + 1]?.type !== 'ClueClosed')
      problems.push('a pass without closure');
    return problems;
  });

const terminalStaysTerminal = ({ events, statuses }: Outcome): string[] => {
  const end = statuses.findIndex((s) => TERMINAL.includes(s));
  if (end < 0) return [];
  return events
    .slice(end + 1)
    .flatMap((event, k) =>
      event.type !== 'ClueReferralSent' || statuses[end + 1 + k] !== statuses[end]
        ? [`${event.type} after ${statuses[end]}`]
        : [],
    );
};

// A computed deadline is moved onto a working day; an explicit one is kept and flagged (issue 15 §4).
const deadlinesOffWorkingDays = ({ events, state }: Outcome): string[] =>
  [...deadlinesIn(events), ...deadlinesIn(state)]
    .filter(
      (d) =>
        config.calendar.isWorkingDay(d.dueOn) === (d.nonWorkingDay === true) || (d.nonWorkingDay && d.amount !== 0),
    )
    .map((d) => `${d.rule} due on ${d.dueOn}`);

const wrongSpeakers = ({ events }: Outcome): string[] =>
  events.flatMap((event) => {
    const { role, orgId } = event.data.by;
    if (event.type === 'RectificationPlanSubmitted' || event.type === 'RectificationFeedbackSubmitted') {
      return role === 'EnforcementAgency' && orgId === AGENCY ? [] : [`${event.type} by ${role} ${orgId}`];
    }
    // Escalations may come from the party leadership (批示); everything else moves under a supervisor.
    return event.type === 'EscalationRaised' || role === 'RuleOfLawOffice' || role === 'JusticeBureau'
      ? []
      : [`${event.type} by ${role}`];
  });

describe('Clue decider properties', () => {
  it('a rejected command changes nothing, and folding the emitted events reproduces the state', () => {
    fc.assert(
      fc.property(steps, (input) => {
        const { events, state } = play(input);
        expect(fold(decider, events)).toEqual(state);
      }),
      RUNS,
    );
  });

  it.each<[string, (outcome: Outcome) => string[]]>([
    [
      'Closed is only entered by ClueEvaluated{Pass} immediately followed by ClueClosed',
      closedOnlyAfterPassingEvaluation,
    ],
    [
      'Dismissed and Archived accept no further transition (only a referral sent elsewhere is recorded)',
      terminalStaysTerminal,
    ],
    ['every deadline falls on a working day, or is an explicit date flagged nonWorkingDay', deadlinesOffWorkingDays],
    ['only the supervised agency speaks for the rectification, and supervisors move the clue', wrongSpeakers],
  ])('%s', (_, violations) => {
    fc.assert(
      fc.property(steps, (input) => {
        expect(violations(play(input))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never throws on malformed input: commands arrive as JSON, so any field may hold anything', () => {
    // Histories in several statuses, and well-formed commands of every type whose fields get overwritten with junk.
    const histories = fc.sample(steps, { numRuns: 30, seed: 7 }).map((input) => play(input).state);
    const command = fc.tuple(nextStep, randomTemplates).chain(([next, random]) => fc.constantFrom(next, random));
    fc.assert(
      fc.property(
        fc.constantFrom(...histories),
        command,
        fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })),
        fc.nat(),
        (state, template, junk, pick) => {
          const valid = template(state, '2026-03-02T09:00:00+08:00') as unknown as Record<string, unknown>;
          const keys = Object.keys(valid).filter((k) => !['type', 'actor', 'at'].includes(k));
          const key = keys[pick % keys.length] ?? 'clueId';
          const malformed = {
            ...valid,
            ...junk,
            type: valid.type,
            actor: valid.actor,
            at: valid.at,
            [key]: Object.values(junk)[0] ?? null,
          };
          const result = decider.decide(malformed as unknown as ClueCommand, state);
          expect(isDomainError(result) || Array.isArray(result)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('the generator reaches the interesting states (guards the properties against vacuity)', () => {
    const reached = new Set<string>();
    for (const input of fc.sample(steps, { numRuns: 200, seed: 42 })) {
      const { events, statuses } = play(input);
      statuses.forEach((s) => reached.add(s));
      events.forEach((e) => reached.add(e.type));
    }
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'Closed',
        'Archived',
        'Dismissed',
        'ClueReopened',
        'ReferralProposed',
        'ClueReferralSent',
        'EscalationRaised',
      ]),
    );
  });

  it('the invariant checks catch what they are meant to catch', () => {
    const at = '2026-03-02T09:00:00+08:00';
    const by = { userId: 'u', role: 'EnforcementAgency' as const, orgId: 'elsewhere' };
    const sneaky: Outcome = {
      events: [
        { type: 'RectificationFeedbackSubmitted', data: { at, by, report: 'r', evidence: [] } },
        {
          type: 'ClueClosed',
          data: {
            at,
            by,
            lookBackDeadline: { rule: 'LookBack', from: '2026-03-02', amount: 0, unit: 'Days', dueOn: '2026-03-07' },
          },
        },
        {
          type: 'ClueReopened',
          data: {
            at,
            by,
            trigger: 'LookBack',
            failureReasons: [],
            deadline: { rule: 'LookBack', from: '2026-03-02', amount: 0, unit: 'Days', dueOn: '2026-03-09' },
          },
        },
      ],
      statuses: ['Feedback', 'Closed', 'Rectification'],
      state: decider.initialState(),
    };
    expect(closedOnlyAfterPassingEvaluation(sneaky)).toHaveLength(2);
    expect(deadlinesOffWorkingDays(sneaky)).toEqual(['LookBack due on 2026-03-07']);
    expect(wrongSpeakers(sneaky)).toHaveLength(3);
    expect(terminalStaysTerminal({ ...sneaky, statuses: ['Dismissed', 'Dismissed', 'Rectification'] })).toHaveLength(2);
  });

  it('lists exactly the commands decide may accept now (the runs above): unlisted ones are refused, listed ones never as missing or out of order', () => {
    expect(agreement.violations.slice(0, 5)).toEqual([]);
    expect(agreement.seen.listedAccepted).toBeGreaterThan(200);
    expect(agreement.seen.unlistedRefused).toBeGreaterThan(50);
  });
});
