import fc from 'fast-check';
import { Query } from 'mingo';
import {
  Actor,
  CaseKind,
  CaseStateOf,
  ClueCommand,
  ClueState,
  OrgRef,
  OrganisationRef,
  RectificationCommand,
  RectificationState,
  ReferralCommand,
  ReferralState,
  ReferralTarget,
  Role,
  canSeeCase,
  caseSight,
  caseViewFor,
  createAccountabilityDecider,
  createCampaignDecider,
  createClueDecider,
  createDomainConfig,
  createRectificationDecider,
  createReferralDecider,
  fold,
  historyEntryVisible,
  isDomainError,
  visibilityRule,
} from '@xj/domain';
import { DocumentMap, EventLog, foldProjection } from '@xj/testing';
import { ReadModelDocument } from '../read-models/projection';
import type { ItemEntry } from './clue-links';
import { Filter } from '../read-models/read-model-store.port';
import { dateOfDay, day, headOf, subject } from './case-world.fixtures-spec';
import { ClueLedgerDocument, clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { correctedCasesProjection } from './corrected-cases.projection';
import { ReadModelAccessDenied, accessFilter, documentView, readView, visibleCasesFilter } from './read-access';
import { rectificationLedgerProjection } from './rectification-ledger.projection';

/**
 * One rule, two evaluations: for generated cases (random walks of commands through the real
 * deciders — every kind, status, region, agency, target, forwarding and split-off part) and every
 * kind of actor, the domain's per-case check (canSeeCase, what the API answers) and the read-model
 * filter generated from the same table (what lists and statistics count), evaluated with mingo on
 * the document the real projection wrote, as the embedded read-model store does, agree exactly.
 * On the way it checks that each read model shows the status evolve computes (the domain's status
 * functions), for the case and for the referral and item entries of a clue's line.
 */

const config = createDomainConfig();
const deciders = {
  clue: createClueDecider(config),
  referral: createReferralDecider(config),
  rectification: createRectificationDecider(config),
  accountability: createAccountabilityDecider(),
  campaign: createCampaignDecider(),
};

const REGIONS = ['panjin', 'panjin/dawa', 'panjin/dawa/rongxing', 'panjin/panshan', 'panjin/dawax'] as const;
const AGENCIES = [
  { orgId: 'dawa.emergency', name: '大洼区应急管理局', regionId: 'panjin/dawa' },
  { orgId: 'dawa.urban-mgmt', name: '大洼区城管执法局', regionId: 'panjin/dawa' },
  { orgId: 'panshan.market', name: '盘山县市场监管局', regionId: 'panjin/panshan' },
  { orgId: 'dawax.emergency', name: '大洼x应急局', regionId: 'panjin/dawax' },
  { orgId: 'panjin.urban-mgmt', name: '市城管执法局', regionId: 'panjin' },
] as const;
const COMMISSIONS: readonly OrgRef[] = [
  { orgId: 'panjin.ccdi', regionId: 'panjin' },
  { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
  { orgId: 'panshan.ccdi', regionId: 'panjin/panshan' },
  { orgId: 'dawax.ccdi', regionId: 'panjin/dawax' },
];
const TARGETS: readonly ReferralTarget[] = [
  ...COMMISSIONS.map((c): ReferralTarget => ({ kind: 'DisciplineCommission', ...c })),
  // The city commission twice: it is the only one competent for the 县处级 of CITY_SUBJECTS (Decision 5).
  { kind: 'DisciplineCommission', ...COMMISSIONS[0]! },
  { kind: 'AppointingAuthority', orgId: 'panjin.org-dept', regionId: 'panjin' },
];
const OFFICE = headOf('RuleOfLawOffice', 'panjin.rol-office', 'panjin');
/** 抄送 recipients (issue 17 item 8): the 组织部, a commission, an agency, the administrators' unit. */
/** A 督办's target as the API resolves it from the directory (issue 17 item 4: required on the command). */
const escalationTargetOf = (target: OrganisationRef) => ({ targetOrgId: target.orgId, target });

const COPY_RECIPIENTS = [
  { orgId: 'panjin.org-dept', regionId: 'panjin' },
  { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
  { orgId: 'dawa.urban-mgmt', regionId: 'panjin/dawa' },
  { orgId: 'panjin.it', regionId: 'panjin' },
] as const;

/** Every role; for organisation-scoped roles every organisation cases can name, one they never name and one of another role's. */
const viewer = (role: Role, orgId: string, regionId: string): Actor => ({
  userId: `v-${role}-${orgId}-${regionId}`,
  role,
  position: 'Staff',
  orgId,
  regionId,
});
/** The staff member of the actor's organisation among the viewers (a head names it as a 机密 referral's handler). */
const staffOf = (a: Actor): string => viewer(a.role, a.orgId, a.regionId).userId;
const VIEWERS: readonly Actor[] = [
  // 机密 (issue 17 item 8): the owning office's staff (a handler only when named) and the heads of
  // the organisations that hold or get copies of referrals (in the 知悉范围 of a classified one).
  viewer('RuleOfLawOffice', 'panjin.rol-office', 'panjin'),
  ...[...COMMISSIONS, { orgId: 'panjin.org-dept', regionId: 'panjin' }].map((c) =>
    headOf(c.orgId.endsWith('org-dept') ? 'AppointingAuthority' : 'DisciplineCommission', c.orgId, c.regionId),
  ),
  ...(['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'] as const).flatMap((role) =>
    REGIONS.map((region) => viewer(role, `${region}.supervisor`, region)),
  ),
  ...[...AGENCIES, { orgId: 'nowhere.agency', regionId: 'panjin/dawa' }].map((a) =>
    viewer('EnforcementAgency', a.orgId, a.regionId),
  ),
  viewer('EnforcementAgency', 'dawa.ccdi', 'panjin/dawa'),
  ...[...COMMISSIONS, { orgId: 'nowhere.ccdi', regionId: 'panjin' }].map((c) =>
    viewer('DisciplineCommission', c.orgId, c.regionId),
  ),
  viewer('DisciplineCommission', 'dawa.emergency', 'panjin/dawa'),
  viewer('AppointingAuthority', 'panjin.org-dept', 'panjin'),
  viewer('AppointingAuthority', 'panjin.ccdi', 'panjin'),
  viewer('Auditor', 'panjin.audit', 'panjin'),
  viewer('Administrator', 'panjin.it', 'panjin'),
];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

interface Step {
  readonly pick: number;
  /** 0: any command type instead of one that fits the status. */
  readonly wild: number;
  readonly v1: number;
  readonly v2: number;
  readonly days: number;
}
const stepArb: fc.Arbitrary<Step> = fc.record({
  pick: fc.nat(),
  wild: fc.nat({ max: 9 }),
  v1: fc.nat(),
  v2: fc.nat(),
  days: fc.nat({ max: 5 }),
});
const steps = (maxLength: number) => fc.array(stepArb, { maxLength });

const regionArb = fc.constantFrom(...REGIONS);
const agencyArb = fc.constantFrom(...AGENCIES);
const caseArb = fc.record({
  region: regionArb,
  agency: agencyArb,
  clueSteps: steps(14),
  // 18 steps: 抄送 and handler naming take steps of the lifecycle's own (Draft … Closed is 10).
  referrals: fc.array(fc.record({ region: regionArb, steps: steps(18), childSteps: steps(6) }), { maxLength: 2 }),
  items: fc.array(fc.record({ region: regionArb, agency: agencyArb, steps: steps(9) }), { maxLength: 2 }),
});
type CasePlan = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

type Event = { readonly type: string; readonly data: object };
type Loose = {
  decide: (c: unknown, s: unknown) => unknown;
  evolve: (s: unknown, e: Event) => unknown;
  initialState: () => unknown;
};

/** Runs commands through the real deciders, one history per stream; a rejected command appends nothing. */
class Streams {
  readonly log = new EventLog();
  private readonly histories = new Map<string, { readonly kind: CaseKind; readonly events: Event[] }>();

  state<K extends CaseKind>(kind: K, id: string): CaseStateOf<K> {
    return fold(
      deciders[kind] as unknown as Loose,
      this.histories.get(`${kind}-${id}`)?.events ?? [],
    ) as CaseStateOf<K>;
  }

  run(kind: CaseKind, id: string, command: { readonly type: string }): readonly Event[] {
    const streamId = `${kind}-${id}`;
    const decider = deciders[kind] as unknown as Loose;
    const history = this.histories.get(streamId) ?? { kind, events: [] };
    const result = decider.decide(command, fold(decider, history.events));
    if (isDomainError(result)) return [];
    const events = result as Event[];
    this.histories.set(streamId, { kind, events: [...history.events, ...events] });
    this.log.append(streamId, events);
    return events;
  }

  ids(kind: CaseKind): string[] {
    return [...this.histories.entries()]
      .filter(([, h]) => h.kind === kind)
      .map(([streamId]) => streamId.slice(kind.length + 1));
  }
}

const CLUE_NEXT: Readonly<Record<ClueState['status'], readonly ClueCommand['type'][]>> = {
  None: ['RegisterClue'],
  Registered: ['StartAnalysis'],
  Analysis: ['StartVerification', 'StartVerification', 'DismissClue'],
  Verification: ['IssueSupervisionInstrument', 'IssueSupervisionInstrument', 'DismissClue'],
  Supervision: ['SubmitRectificationPlan', 'SendCarbonCopy'],
  Rectification: ['SubmitRectificationFeedback', 'SendCarbonCopy'],
  Feedback: ['StartEvaluation'],
  Evaluation: ['EvaluateClue'],
  Closed: ['CompleteClueLookBack', 'CompleteClueLookBack', 'RaiseEscalation'],
  Archived: ['RaiseEscalation'],
  Dismissed: ['RaiseEscalation'],
};
const CLUE_TYPES = [...new Set(Object.values(CLUE_NEXT).flat())];

const clueCommand = (
  type: ClueCommand['type'],
  plan: CasePlan,
  clueId: string,
  state: ClueState,
  step: Step,
  offset: number,
): ClueCommand => {
  const agencyHead = headOf('EnforcementAgency', plan.agency.orgId, plan.agency.regionId);
  const base = { actor: OFFICE, at: day(offset), clueId };
  const later = dateOfDay(offset + 30);
  const result = pick(['Pass', 'Pass', 'Fail'] as const, step.v1);
  const record = {
    result,
    method: 'OnSite' as const,
    notes: '核查',
    ...(result === 'Fail' ? { failureReasons: ['未整改到位'], newDueDate: later } : {}),
  };
  switch (type) {
    case 'RegisterClue':
      return {
        type,
        ...base,
        regionId: plan.region,
        source: pick(['Reconsideration', 'CaseFileReview', 'Complaint'] as const, step.v1),
        sourceRef: `ref-${clueId}`,
        receivedAt: day(offset, '08:00'),
        agency: { orgId: plan.agency.orgId, name: plan.agency.name },
        summary: '未履行复议决定',
      };
    case 'StartAnalysis':
      return { type, ...base, analystUserId: 'u-analyst' };
    case 'DismissClue':
      return { type, ...base, reason: 'NoProblemFound', explanation: '经核实无问题', verificationReport: '核实报告' };
    case 'StartVerification':
      return {
        type,
        ...base,
        situationCodes: ['ImproperPerformance'],
        evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
        category: pick(['Inaction', 'ArbitraryAction', 'Inaction'] as const, step.v2),
        verificationPlan: '调阅案卷',
        team: ['u-analyst'],
      };
    case 'IssueSupervisionInstrument':
      return {
        type,
        ...base,
        verificationReport: '复议决定未履行',
        responsibleUnits: [plan.agency.orgId],
        instrument: { kind: 'SupervisionOpinion', documentNo: `督〔2026〕${clueId}` },
      };
    case 'SubmitRectificationPlan':
      return {
        type,
        ...base,
        actor: agencyHead,
        items: [
          {
            itemId: `${clueId}-plan`,
            issue: '问题',
            measures: '措施',
            mode: 'Deadline',
            dueDate: later,
            responsiblePerson: '张科长',
          },
        ],
      };
    case 'SubmitRectificationFeedback':
      return {
        type,
        ...base,
        actor: agencyHead,
        report: '已整改',
        evidence: [{ title: '整改报告', documentRef: 'doc-1' }],
      };
    case 'StartEvaluation':
      return { type, ...base };
    case 'EvaluateClue':
      return {
        type,
        ...base,
        ...record,
        rectificationItems: state.rectificationItems.map(({ itemId, mode }) => ({ itemId, mode, status: 'Closed' })),
      };
    case 'CompleteClueLookBack':
      return { type, ...base, ...record };
    case 'SendCarbonCopy':
      return { type, ...base, copyTo: [pick(COPY_RECIPIENTS, step.v2)], note: '抄送意见书' };
    default:
      return {
        type: 'RaiseEscalation',
        ...base,
        escalationId: `e${step.v2 % 4}`,
        escalationType: 'Interview',
        reason: '督办',
        ...escalationTargetOf(
          pick(
            [
              { orgId: plan.agency.orgId, role: 'EnforcementAgency', regionId: plan.agency.regionId },
              { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin/dawa' },
            ],
            step.v2,
          ),
        ),
      };
  }
};

const REFERRAL_NEXT: Readonly<Record<ReferralState['status'], readonly ReferralCommand['type'][]>> = {
  None: ['DraftReferral'],
  Draft: ['ApproveReferral'],
  Approved: ['SendReferral'],
  // Weighted towards the lifecycle: 抄送 and handler naming are side steps (CaseFiled must still be reached).
  Sent: ['ReceiveReferral', 'ReceiveReferral', 'ReceiveReferral', 'SendCarbonCopy', 'NameCaseHandlers'],
  Forwarded: ['ReceiveReferral'],
  Received: [
    'AcceptReferral',
    'PartiallyAcceptReferral',
    'PartiallyAcceptReferral',
    'ForwardReferral',
    'ForwardReferral',
    'ReturnReferral',
  ],
  Returned: ['RerouteReferral'],
  Accepted: [
    'DecideDisposal',
    'DecideDisposal',
    'DecideDisposal',
    'RecordOutcomes',
    'SendCarbonCopy',
    'NameCaseHandlers',
  ],
  PartiallyAccepted: ['DecideDisposal'],
  Disposing: ['FileCase', 'ConcludeVerification'],
  CaseFiled: ['RecordOutcomes'],
  Decided: ['FeedBackResult'],
  Concluded: ['FeedBackResult'],
  ResultFedBack: ['CloseReferral', 'CloseReferral', 'PublishTypicalCase'],
  Closed: ['RaiseEscalation'],
};
const REFERRAL_TYPES = [...new Set(Object.values(REFERRAL_NEXT).flat())];
const SUBJECTS = [
  subject('s1', 'CountyDivision'),
  subject('s2', 'TownshipSectionOrBelow'),
  subject('s3', 'TownshipSectionOrBelow'),
];
const CITY_SUBJECTS = SUBJECTS.map((p) => ({ ...p, cadreRank: 'CountyDivision' as const }));
const PACKAGE = {
  transferLetter: '移送函',
  clueSummary: '拒不履行行政复议决定',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕1号',
  situationCodes: ['ImproperPerformance'],
  evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
  subjects: SUBJECTS,
  facts: '事实材料',
  evidence: [{ title: '复议决定书', documentRef: 'doc-1' }],
  legalBasis: ['行政复议法 art. 83'],
  transferorOpinion: '建议依规依纪依法处理',
  contact: '0427-0000000',
  secrecyLevel: 'Confidential',
} as const;

const referralCommand = (
  type: ReferralCommand['type'],
  clueId: string,
  referralId: string,
  region: string,
  state: ReferralState,
  step: Step,
  offset: number,
): ReferralCommand => {
  const holder = state.status === 'None' ? undefined : state.holder;
  const receiver = holder ? headOf(holder.kind, holder.orgId, holder.regionId) : OFFICE;
  const office = { actor: OFFICE, at: day(offset), referralId };
  const receiving = { ...office, actor: receiver };
  // Forwarding goes to a commission covering the case's region (and competent for its persons, Decision 5):
  // the case's own county is offered more often, so that forwarded and split-off parts stay frequent.
  const local = COMMISSIONS.filter((c) => c.regionId === region);
  const forwardTo = pick([...COMMISSIONS, ...local, ...local], step.v1);
  switch (type) {
    case 'DraftReferral':
      return {
        type,
        ...office,
        clueId,
        clue: { regionId: region, status: pick(['Analysis', 'Verification', 'Supervision'], step.v1) },
        // Mixed ranks (split by partial acceptance) or all 县处级 (the city commission accepts them all, Decision 5);
        // and a secrecy level (v1 + v2: the two picks must not follow each other).
        package: {
          ...pick([PACKAGE, { ...PACKAGE, subjects: CITY_SUBJECTS }], step.v2),
          secrecyLevel: pick(['Secret', 'Confidential', 'Secret', 'Internal'] as const, step.v1 + step.v2),
        },
      };
    case 'ApproveReferral':
      return { type, ...office, opinion: '同意' };
    case 'SendReferral':
    case 'RerouteReferral':
      return { type, ...office, target: pick(TARGETS, step.v1) };
    case 'ReceiveReferral':
      return { type, ...receiving, registrationNo: `JW-${referralId}` };
    case 'AcceptReferral':
      return { type, ...receiving };
    case 'PartiallyAcceptReferral':
      return {
        type,
        ...receiving,
        acceptedSubjectIds: ['s1'],
        forwardTo,
        childReferralId: `${referralId}c`,
        reason: '乡科级干部由县纪委管辖',
      };
    case 'ForwardReferral':
      return { type, ...receiving, forwardTo, reason: '管辖' };
    case 'ReturnReferral':
      return { type, ...receiving, reason: '无监察管辖权' };
    case 'DecideDisposal':
      return {
        type,
        ...receiving,
        method: pick(['PreliminaryVerification', 'Concluded'] as const, step.v1),
        reason: '集体研究',
      };
    case 'FileCase':
      return { type, ...receiving, caseNo: `立-${referralId}` };
    case 'ConcludeVerification':
      return { type, ...receiving, report: '初核报告' };
    case 'RecordOutcomes':
      return {
        type,
        ...receiving,
        outcomes: [
          {
            subjectId: 's1',
            outcome: 'GovSanction.Demerit',
            decisionDate: dateOfDay(offset),
            documentNo: `处-${referralId}`,
          },
        ],
      };
    case 'FeedBackResult':
      return { type, ...receiving, summary: '已作出处理' };
    case 'PublishTypicalCase':
      return { type, ...receiving, text: '典型案例', anonymised: true };
    case 'CloseReferral':
      return { type, ...office, linkedRectification: [] };
    case 'SendCarbonCopy':
      return {
        type,
        ...(step.v1 % 2 === 0 ? office : receiving),
        copyTo: [pick(COPY_RECIPIENTS, step.v2)],
        note: '抄送移送函',
      };
    case 'NameCaseHandlers': {
      const copied = state.status === 'None' ? [] : (state.copiedTo ?? []);
      const recipient = COPY_RECIPIENTS.find((r) => r.orgId === pick(copied, step.v2));
      const head =
        step.v1 % 3 === 0
          ? OFFICE
          : step.v1 % 3 === 1 || recipient === undefined
            ? receiver
            : headOf(
                recipient.orgId.endsWith('ccdi') ? 'DisciplineCommission' : 'AppointingAuthority',
                recipient.orgId,
                recipient.regionId,
              );
      return { type, ...office, actor: head, handlers: [{ userId: staffOf(head), orgId: head.orgId }] };
    }
    default:
      return {
        type: 'RaiseEscalation',
        ...office,
        escalationId: `e${step.v2 % 4}`,
        escalationType: 'Interview',
        reason: '督办',
        ...escalationTargetOf(
          holder
            ? { orgId: holder.orgId, role: holder.kind, regionId: holder.regionId }
            : { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
        ),
      };
  }
};

const ITEM_NEXT: Readonly<Record<RectificationState['status'], readonly RectificationCommand['type'][]>> = {
  None: ['AssignRectificationItem'],
  Assigned: ['StartRectification'],
  InProgress: ['ReportRectification'],
  Reopened: ['ReportRectification'],
  Reported: ['EvaluateRectification'],
  Evaluated: ['CloseItem', 'CloseItem', 'ReopenItem'],
  Closed: ['ScheduleLookBack', 'CompleteLookBack'],
  LookBackPending: ['CompleteLookBack'],
  LookBackPassed: ['RaiseEscalation'],
};
const ITEM_TYPES = [...new Set(Object.values(ITEM_NEXT).flat())];

const itemCommand = (
  type: RectificationCommand['type'],
  clueId: string,
  itemId: string,
  item: CasePlan['items'][number],
  step: Step,
  offset: number,
): RectificationCommand => {
  const office = { actor: OFFICE, at: day(offset), itemId };
  const agency = { ...office, actor: headOf('EnforcementAgency', item.agency.orgId, item.agency.regionId) };
  const later = dateOfDay(offset + 30);
  const result = pick(['Pass', 'Pass', 'Fail'] as const, step.v1);
  switch (type) {
    case 'AssignRectificationItem':
      return {
        type,
        ...office,
        clueId,
        regionId: item.region,
        agencyOrgId: item.agency.orgId,
        mode: pick(['Deadline', 'Immediate', 'LongTerm'] as const, step.v1),
        issue: '问题',
        measures: '措施',
        dueDate: later,
        owner: '王局长',
        responsiblePerson: '张科长',
        ...(step.v1 % 3 === 2 ? { longTermTarget: '长效机制' } : {}),
      };
    case 'StartRectification':
      return { type, ...agency };
    case 'ReportRectification':
      return { type, ...agency, report: '已整改', evidence: ['doc-77'] };
    case 'EvaluateRectification':
      return {
        type,
        ...office,
        method: 'OnSite',
        result,
        notes: '实地核查',
        ...(result === 'Fail' ? { failureReasons: ['未到位'] } : {}),
      };
    case 'CloseItem':
      return { type, ...office };
    case 'ReopenItem':
      return { type, ...office, reasons: ['反弹'], newDueDate: later };
    case 'ScheduleLookBack':
      return { type, ...office, lookBackOn: later };
    case 'CompleteLookBack':
      return {
        type,
        ...office,
        method: 'Document',
        result,
        notes: '回头看',
        ...(result === 'Fail' ? { reasons: ['反弹'], newDueDate: later } : {}),
      };
    default:
      return {
        type: 'RaiseEscalation',
        ...office,
        escalationId: `e${step.v2 % 4}`,
        escalationType: 'Interview',
        reason: '督办',
        ...escalationTargetOf({ orgId: item.agency.orgId, role: 'EnforcementAgency', regionId: item.agency.regionId }),
      };
  }
};

/** Walks one stream: most steps take a command that fits the current status, some any command at all. */
const walk = <S extends { readonly status: string }, T extends string>(
  streams: Streams,
  kind: CaseKind,
  id: string,
  plan: readonly Step[],
  next: Readonly<Record<string, readonly T[]>>,
  all: readonly T[],
  command: (type: T, state: S, step: Step, offset: number) => { readonly type: string },
  after: (events: readonly Event[], state: S, offset: number) => void = () => undefined,
): void => {
  let offset = 0;
  for (const step of plan) {
    offset += step.days;
    const state = streams.state(kind, id) as unknown as S;
    const type = step.wild === 0 ? pick(all, step.pick) : pick(next[state.status] ?? all, step.pick);
    after(streams.run(kind, id, command(type, state, step, offset)), state, offset);
  }
};

const build = (plans: readonly CasePlan[]): Streams => {
  const streams = new Streams();
  plans.forEach((plan, c) => {
    const clueId = `k${c}`;
    walk<ClueState, ClueCommand['type']>(
      streams,
      'clue',
      clueId,
      plan.clueSteps,
      CLUE_NEXT,
      CLUE_TYPES,
      (type, state, step, offset) => clueCommand(type, plan, clueId, state, step, offset),
    );
    plan.referrals.forEach((r, i) => {
      const referralId = `${clueId}r${i}`;
      // A partial acceptance opens the forwarded part at once, as the API does (referrals.controller.ts).
      const openChild = (events: readonly Event[], parent: ReferralState, offset: number): void => {
        const split = events.find((e) => e.type === 'ReferralPartiallyAccepted') as
          { data: { forwardTo: OrgRef; childReferralId: string } } | undefined;
        if (split === undefined || parent.status === 'None' || parent.holder === undefined) return;
        const open: ReferralCommand = {
          type: 'OpenForwardedReferral',
          actor: headOf(parent.holder.kind, parent.holder.orgId, parent.holder.regionId),
          at: day(offset),
          referralId: split.data.childReferralId,
          parentReferralId: referralId,
          clueId,
          regionId: parent.regionId,
          ownerOrgId: parent.ownerOrgId,
          package: { ...parent.package, subjects: SUBJECTS.slice(1) },
          rulebookVersion: parent.rulebookVersion,
          evaluation: parent.evaluation,
          forwardedBy: parent.holder.orgId,
          forwardTo: split.data.forwardTo,
          reason: '乡科级干部由县纪委管辖',
        };
        streams.run('referral', split.data.childReferralId, open);
      };
      const referralWalk = (id: string, plan: readonly Step[]) =>
        walk<ReferralState, ReferralCommand['type']>(
          streams,
          'referral',
          id,
          plan,
          REFERRAL_NEXT,
          REFERRAL_TYPES,
          (type, state, step, offset) => referralCommand(type, clueId, id, r.region, state, step, offset),
          openChild,
        );
      referralWalk(referralId, r.steps);
      referralWalk(`${referralId}c`, r.childSteps);
    });
    plan.items.forEach((item, i) => {
      const itemId = `${clueId}i${i}`;
      walk<RectificationState, RectificationCommand['type']>(
        streams,
        'rectification',
        itemId,
        item.steps,
        ITEM_NEXT,
        ITEM_TYPES,
        (type, _state, step, offset) => itemCommand(type, clueId, itemId, item, step, offset),
      );
    });
  });
  return streams;
};

/** The referral as if it were not classified: what the table alone would show. */
const unclassified = (state: ReferralState): ReferralState =>
  state.status === 'None' ? state : { ...state, package: { ...state.package, secrecyLevel: 'Internal' } };

const matches = (filter: Filter | undefined, doc: ReadModelDocument): boolean =>
  filter !== undefined && new Query(filter).test(doc);
const denied = (read: () => Filter): Filter | undefined => {
  try {
    return read();
  } catch (error) {
    if (error instanceof ReadModelAccessDenied) return undefined;
    throw error;
  }
};
const CORRECTED_CASES_ROLES: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership', 'Auditor'];

/** What the runs covered, so the property cannot pass by generating nothing interesting. */
const reached = {
  statuses: new Set<string>(),
  sights: new Set<string>(),
  forwarded: 0,
  splitOff: 0,
  agencyLines: 0,
  hiddenChanges: 0,
  agencyDue: 0,
  copiesSeen: 0,
  secretHidden: 0,
  handlersNamed: 0,
  orgDeptLines: 0,
};

/** Fields of the line that would tell the agency what its clue view hides. */
const NOT_FOR_THE_AGENCY = [
  'ownerOrgId',
  'receivedAt',
  'receivedOn',
  'registeredAt',
  'transferredAt',
  'transferDueOn',
  'referrals',
  'summary',
  'situationCodes',
  'matchedCodes',
  'category',
  'dismissalReason',
];

/**
 * The agency's line, as it reads it, against its view of the clue (what GET /clues/{id} answers it):
 * the same step, deadlines and escalations, only its own items, a due date from those alone, and an
 * update time that moves only with an event its view shows (never a referral's).
 */
const checkAgencyLine = (
  streams: Streams,
  clueId: string,
  state: ClueState,
  doc: ReadModelDocument,
  actor: Actor,
): void => {
  const view = caseViewFor(actor, 'clue', state);
  const line = readView<Omit<ClueLedgerDocument, 'agencyItems'> & { items: readonly ItemEntry[] }>(
    doc,
    documentView(actor, 'clue-ledger'),
  );
  const own = streams.ids('rectification').filter((id) => {
    const item = streams.state('rectification', id);
    return item.status !== 'None' && item.clueId === clueId && item.agencyOrgId === actor.orgId;
  });
  const seen = streams.log.events.filter((e) =>
    e.category === 'clue'
      ? e.aggregateId === clueId && historyEntryVisible(actor, 'clue', e)
      : e.category === 'rectification' && own.includes(e.aggregateId),
  );
  const dueDates = [view.deadline?.dueOn, view.planDeadline?.dueOn, ...line.items.map((i) => i.dueOn)]
    .filter((d): d is string => d !== undefined)
    .sort();
  reached.agencyLines += 1;
  if (seen[seen.length - 1]?.recordedAt !== doc['updatedAt']) reached.hiddenChanges += 1;
  if (dueDates[0] !== undefined && dueDates[0] !== doc['nextDueOn']) reached.agencyDue += 1;
  const ofLine = {
    status: line.status,
    stepDueOn: line.stepDueOn,
    planDueOn: line.planDueOn,
    instrument: line.instrument?.documentNo,
    escalations: line.escalations,
    items: line.items.map((i) => i.itemId).sort(),
    nextDueOn: line.nextDueOn,
    updatedAt: line.updatedAt,
    leaks: NOT_FOR_THE_AGENCY.filter((field) => Object.hasOwn(line, field)),
  };
  expect([clueId, actor.userId, ofLine]).toEqual([
    clueId,
    actor.userId,
    {
      status: view.status,
      stepDueOn: view.deadline?.dueOn,
      planDueOn: view.planDeadline?.dueOn,
      instrument: view.instrument?.documentNo,
      escalations: view.escalations?.length,
      items: [...own].sort(),
      nextDueOn: dueDates[0],
      updatedAt: seen[seen.length - 1]?.recordedAt,
      leaks: [],
    },
  ]);
};

/** Fields of the line the 组织部 never reads (seed 004: inaction data, not persons, analysis or the office's work). */
const NOT_FOR_THE_ORG_DEPT = [
  ...NOT_FOR_THE_AGENCY.filter(
    (f) => f !== 'receivedAt' && f !== 'receivedOn' && f !== 'registeredAt' && f !== 'category',
  ),
  'sourceRef',
  'items',
  'escalations',
  'nextDueOn',
  'stepDueOn',
  'planDueOn',
  'updatedAt',
  'copiedTo',
  'agencyItems',
  'agencyNextDueOn',
];

/** The 组织部's line of an inaction clue: its category, and nothing its view hides. */
const checkOrgDeptLine = (clueId: string, doc: ReadModelDocument, actor: Actor): void => {
  const line = readView<Record<string, unknown>>(doc, documentView(actor, 'clue-ledger'));
  reached.orgDeptLines += 1;
  expect([clueId, line['category'], NOT_FOR_THE_ORG_DEPT.filter((f) => Object.hasOwn(line, f))]).toEqual([
    clueId,
    'Inaction',
    [],
  ]);
};

const checkWorld = async (plans: readonly CasePlan[]): Promise<void> => {
  const streams = build(plans);
  const docs = async (projection: Parameters<typeof foldProjection>[0]): Promise<DocumentMap> =>
    foldProjection(projection, streams.log.events);
  const [ledger, inbox, items, corrected] = await Promise.all([
    docs(clueLedgerProjection),
    docs(commissionInboxProjection),
    docs(rectificationLedgerProjection),
    docs(correctedCasesProjection),
  ]);
  const cases: {
    kind: CaseKind;
    id: string;
    state: CaseStateOf<CaseKind>;
    doc: ReadModelDocument | undefined;
    model: 'clue-ledger' | 'inbox' | 'rectification-ledger';
  }[] = [
    ...streams.ids('clue').map((id) => ({
      kind: 'clue' as const,
      id,
      state: streams.state('clue', id),
      doc: ledger.get(`clues/${id}`),
      model: 'clue-ledger' as const,
    })),
    ...streams.ids('referral').map((id) => ({
      kind: 'referral' as const,
      id,
      state: streams.state('referral', id),
      doc: inbox.get(`inbox/${id}`),
      model: 'inbox' as const,
    })),
    ...streams.ids('rectification').map((id) => ({
      kind: 'rectification' as const,
      id,
      state: streams.state('rectification', id),
      doc: items.get(`items/${id}`),
      model: 'rectification-ledger' as const,
    })),
  ];
  for (const { kind, id, state, doc, model } of cases) {
    reached.statuses.add(`${kind}:${state.status}`);
    // The read model shows the status evolve computes (both take it from the domain's status functions).
    expect([kind, id, doc?.['status']]).toEqual([kind, id, state.status]);
    if (doc === undefined) continue;
    if (kind === 'referral') {
      const referral = state as ReferralState;
      if (referral.status !== 'None' && referral.forwardings.length > 0) reached.forwarded += 1;
      if (referral.status !== 'None' && referral.parentReferralId !== undefined) reached.splitOff += 1;
      const line = ledger.get(`clues/${referral.status === 'None' ? '' : referral.clueId}`);
      const entry = (line?.['referrals'] as { referralId: string; status: string }[] | undefined)?.find(
        (e) => e.referralId === id,
      );
      if (entry !== undefined) expect([id, entry.status]).toEqual([id, referral.status]);
    }
    if (kind === 'rectification') {
      const item = state as RectificationState;
      const entry = (
        ledger.get(`clues/${item.clueId}`)?.['items'] as { itemId: string; status: string }[] | undefined
      )?.find((e) => e.itemId === id);
      if (entry !== undefined) expect([id, entry.status]).toEqual([id, item.status]);
    }
    if (kind === 'referral' && (state as ReferralState).status !== 'None') {
      const referral = state as Exclude<ReferralState, { status: 'None' }>;
      if ((referral.handlers ?? []).length > 1) reached.handlersNamed += 1;
    }
    for (const actor of VIEWERS) {
      const perCase = canSeeCase(actor, kind, state);
      const copies = (state as { copiedTo?: readonly string[] }).copiedTo ?? [];
      if (perCase && copies.includes(actor.orgId) && visibilityRule(kind, actor).sight === 'not-see')
        reached.copiesSeen += 1;
      if (!perCase && kind === 'referral' && canSeeCase(actor, kind, unclassified(state as ReferralState)))
        reached.secretHidden += 1;
      reached.sights.add(`${kind}:${actor.role}:${perCase}`);
      expect([kind, id, actor.userId, matches(visibleCasesFilter(actor, model), doc)]).toEqual([
        kind,
        id,
        actor.userId,
        perCase,
      ]);
      const restricted = kind === 'clue' && caseSight(actor, 'clue', state as ClueState) === 'see-without-fields';
      if (restricted && actor.role === 'EnforcementAgency')
        checkAgencyLine(streams, id, state as ClueState, doc, actor);
      if (restricted && actor.role === 'AppointingAuthority') checkOrgDeptLine(id, doc, actor);
      const correctedDoc = kind === 'clue' ? corrected.get(`cases/${id}`) : undefined;
      if (correctedDoc !== undefined) {
        const expected = CORRECTED_CASES_ROLES.includes(actor.role) && perCase;
        expect([
          id,
          actor.userId,
          matches(
            denied(() => accessFilter(actor, 'corrected-cases')),
            correctedDoc,
          ),
        ]).toEqual([id, actor.userId, expected]);
      }
    }
  }
};

describe('case visibility: the per-case check and the generated read-model filters agree, and the agency reads of its line what its clue view shows (property)', () => {
  it('on generated cases, for every kind of actor', async () => {
    await fc.assert(fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 3 }), checkWorld), {
      numRuns: 320,
      seed: 20261214,
    });
  });

  it('covers every status, forwarding and split-off parts, and both answers for every role that sees anything', () => {
    const statuses = (kind: CaseKind, list: readonly string[]) =>
      list.filter((s) => s !== 'None').map((s) => `${kind}:${s}`);
    for (const status of [
      ...statuses('clue', Object.keys(CLUE_NEXT)),
      ...statuses('referral', Object.keys(REFERRAL_NEXT)),
      ...statuses('rectification', Object.keys(ITEM_NEXT)),
    ]) {
      expect([status, reached.statuses.has(status)]).toEqual([status, true]);
    }
    expect(reached.forwarded).toBeGreaterThan(20);
    // 抄送 opened cases the role's cell closes; 机密 hid referrals the cell opens; handlers were named.
    expect(reached.copiesSeen).toBeGreaterThan(10);
    expect(reached.secretHidden).toBeGreaterThan(10);
    expect(reached.handlersNamed).toBeGreaterThan(3);
    expect(reached.orgDeptLines).toBeGreaterThan(10);
    expect(reached.splitOff).toBeGreaterThan(5);
    // Agency lines whose line changed after the last event the agency saw, and whose office due date is not the agency's.
    expect(reached.agencyLines).toBeGreaterThan(20);
    expect(reached.hiddenChanges).toBeGreaterThan(5);
    expect(reached.agencyDue).toBeGreaterThan(5);
    const seeing: [CaseKind, Role][] = [
      ['clue', 'RuleOfLawOffice'],
      ['clue', 'EnforcementAgency'],
      ['referral', 'JusticeBureau'],
      ['referral', 'DisciplineCommission'],
      ['referral', 'AppointingAuthority'],
      ['rectification', 'PartyLeadership'],
      ['rectification', 'EnforcementAgency'],
    ];
    for (const [kind, role] of seeing) {
      for (const answer of [true, false])
        expect([kind, role, answer, reached.sights.has(`${kind}:${role}:${answer}`)]).toEqual([
          kind,
          role,
          answer,
          true,
        ]);
    }
  });
});
