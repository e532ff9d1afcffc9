/**
 * Test data for the projection specs: genuine events, produced by the real deciders (fold +
 * decide) so the projections are tested on the shapes production appends. Named `*-spec.ts` so
 * the build leaves it out and jest does not run it as a suite; product code never imports it.
 */
import {
  Actor,
  ClueCommand,
  ClueSource,
  DomainEvent,
  EventDataBase,
  OutcomeEntry,
  RectificationCommand,
  ReferralCommand,
  ReferralTarget,
  PersonSubject,
  Subject,
  createClueDecider,
  createDomainConfig,
  createRectificationDecider,
  createReferralDecider,
  fold,
  isDomainError,
} from '@xj/domain';

/** Where the events go (structurally, an EventLog of @xj/testing). */
export interface EventSink {
  append(streamId: string, events: readonly { readonly type: string; readonly data: object }[]): unknown;
}

const config = createDomainConfig();
const deciders = {
  clue: createClueDecider(config),
  referral: createReferralDecider(config),
  rectification: createRectificationDecider(config),
};

const actor = (
  userId: string,
  role: Actor['role'],
  position: Actor['position'],
  orgId: string,
  regionId: string,
): Actor => ({ userId, role, position, orgId, regionId });

export const ACTORS = {
  cityOffice: actor('u-office', 'RuleOfLawOffice', 'Staff', 'panjin.rol-office', 'panjin'),
  cityOfficeHead: actor('u-office-head', 'RuleOfLawOffice', 'Head', 'panjin.rol-office', 'panjin'),
  dawaOfficeHead: actor('u-dawa-office-head', 'RuleOfLawOffice', 'Head', 'dawa.rol-office', 'panjin/dawa'),
  panshanOfficeHead: actor('u-panshan-office-head', 'RuleOfLawOffice', 'Head', 'panshan.rol-office', 'panjin/panshan'),
  cityJustice: actor('u-justice', 'JusticeBureau', 'Staff', 'panjin.justice', 'panjin'),
  secretary: actor('u-secretary', 'PartyLeadership', 'Head', 'panjin', 'panjin'),
  dawaAgencyHead: actor('u-dawa-emergency-head', 'EnforcementAgency', 'Head', 'dawa.emergency', 'panjin/dawa'),
  dawaUrbanHead: actor('u-dawa-urban-head', 'EnforcementAgency', 'Head', 'dawa.urban-mgmt', 'panjin/dawa'),
  cityCcdi: actor('u-ccdi', 'DisciplineCommission', 'Staff', 'panjin.ccdi', 'panjin'),
  cityCcdiHead: actor('u-ccdi-head', 'DisciplineCommission', 'Head', 'panjin.ccdi', 'panjin'),
  dawaCcdiHead: actor('u-dawa-ccdi-head', 'DisciplineCommission', 'Head', 'dawa.ccdi', 'panjin/dawa'),
  panshanCcdiHead: actor('u-panshan-ccdi-head', 'DisciplineCommission', 'Head', 'panshan.ccdi', 'panjin/panshan'),
  orgDeptHead: actor('u-org-dept', 'AppointingAuthority', 'Head', 'panjin.org-dept', 'panjin'),
  auditor: actor('u-auditor', 'Auditor', 'Staff', 'panjin.audit', 'panjin'),
  admin: actor('u-admin', 'Administrator', 'Staff', 'panjin.it', 'panjin'),
} as const;

/** The head of an agency (签字背书) or a commission in a region. */
export const headOf = (role: Actor['role'], orgId: string, regionId: string): Actor =>
  actor(`u-${orgId}-head`, role, 'Head', orgId, regionId);

export const CITY_CCDI: ReferralTarget = { kind: 'DisciplineCommission', orgId: 'panjin.ccdi', regionId: 'panjin' };
export const DAWA_CCDI: ReferralTarget = { kind: 'DisciplineCommission', orgId: 'dawa.ccdi', regionId: 'panjin/dawa' };
export const ORG_DEPT: ReferralTarget = { kind: 'AppointingAuthority', orgId: 'panjin.org-dept', regionId: 'panjin' };

/** `day(0)` is Monday 2 March 2026, 09:30 in Panjin; `day(n)` is n calendar days later. */
export const day = (n: number, time = '09:30'): string => {
  const date = new Date(Date.UTC(2026, 2, 2 + n));
  return `${date.toISOString().slice(0, 10)}T${time}:00+08:00`;
};
export const dateOfDay = (n: number): string => day(n).slice(0, 10);

export const subject = (
  subjectId: string,
  cadreRank: PersonSubject['cadreRank'],
  over: Partial<PersonSubject> = {},
): PersonSubject => ({
  subjectId,
  name: `某${subjectId}`,
  unit: '大洼区应急管理局',
  post: cadreRank === 'CountyDivision' ? '局长' : '科员',
  cadreRank,
  isPartyMember: true,
  isPublicOfficial: true,
  ...over,
});

type Event = DomainEvent<string, EventDataBase>;

/** Runs commands through the real deciders, one history per stream, and sends the events to the sink. */
export class CaseWorld {
  private readonly streams = new Map<string, Event[]>();

  constructor(readonly sink: EventSink) {}

  private run<C>(
    decider: { decide: (c: C, s: never) => unknown; evolve: unknown; initialState: unknown },
    streamId: string,
    command: C,
  ): Event[] {
    const history = this.streams.get(streamId) ?? [];
    const typed = decider as unknown as {
      decide: (c: C, s: unknown) => Event[];
      evolve: (s: unknown, e: Event) => unknown;
      initialState: () => unknown;
    };
    const result = typed.decide(command, fold(typed, history)) as unknown;
    if (isDomainError(result))
      throw new Error(
        `setup: ${(command as { type: string }).type} on ${streamId} rejected: ${result.code} ${result.message}`,
      );
    const events = result as Event[];
    this.streams.set(streamId, [...history, ...events]);
    this.sink.append(streamId, events);
    return events;
  }

  clue(command: ClueCommand): Event[] {
    return this.run(deciders.clue, `clue-${command.clueId}`, command);
  }

  referral(command: ReferralCommand): Event[] {
    return this.run(deciders.referral, `referral-${command.referralId}`, command);
  }

  item(command: RectificationCommand): Event[] {
    return this.run(deciders.rectification, `rectification-${command.itemId}`, command);
  }

  /** The current state of a clue (the application passes parts of it on to referral commands). */
  clueStatus(clueId: string): string {
    const state = fold(deciders.clue, (this.streams.get(`clue-${clueId}`) ?? []) as never[]);
    return state.status;
  }
}

export interface ClueSpec {
  readonly clueId: string;
  readonly regionId?: string;
  readonly office?: Actor;
  readonly source?: ClueSource;
  readonly agency?: { readonly orgId: string; readonly name: string };
  readonly receivedDay?: number;
  readonly summary?: string;
}

/** C1 → C2 → C4 (matching situation #1, so transfer is mandatory) → C6, starting on `start`. */
export const clueToSupervision = (
  world: CaseWorld,
  spec: ClueSpec,
  start = 0,
  stopAt: 'Registered' | 'Verification' | 'Supervision' = 'Supervision',
): void => {
  const office = spec.office ?? ACTORS.cityOfficeHead;
  const clueId = spec.clueId;
  world.clue({
    type: 'RegisterClue',
    actor: office,
    at: day(start),
    clueId,
    regionId: spec.regionId ?? 'panjin/dawa',
    source: spec.source ?? 'Reconsideration',
    sourceRef: `盘复〔2026〕${clueId}号`,
    receivedAt: day(spec.receivedDay ?? start, '08:00'),
    agency: spec.agency ?? { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: spec.summary ?? '应急管理局未在期限内履行行政复议决定',
  });
  if (stopAt === 'Registered') return;
  world.clue({ type: 'StartAnalysis', actor: office, at: day(start), clueId, analystUserId: 'u-analyst' });
  world.clue({
    type: 'StartVerification',
    actor: office,
    at: day(start + 1),
    clueId,
    situationCodes: ['ImproperPerformance'],
    evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
    category: 'Inaction',
    verificationPlan: '调阅案卷，约谈承办人',
    team: ['u-analyst'],
  });
  if (stopAt === 'Verification') return;
  world.clue({
    type: 'IssueSupervisionInstrument',
    actor: office,
    at: day(start + 2),
    clueId,
    verificationReport: '复议决定未履行',
    responsibleUnits: [spec.agency?.orgId ?? 'dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: `盘法督〔2026〕${clueId}号` },
  });
};

export interface ReferralSpec {
  readonly clueId: string;
  readonly referralId: string;
  readonly regionId?: string;
  readonly office?: Actor;
  readonly subjects: readonly Subject[];
  readonly target?: ReferralTarget;
  readonly receiver?: Actor;
  readonly situationCodes?: readonly string[];
}

/** C14 → R0 → R1 → R2 (recorded on the clue) → R3 → R6 (accepted), starting on `start`. */
export const referralToAccepted = (
  world: CaseWorld,
  spec: ReferralSpec,
  start: number,
  stopAt: 'Sent' | 'Received' | 'Accepted' = 'Accepted',
): void => {
  const office = spec.office ?? ACTORS.cityOfficeHead;
  const { clueId, referralId } = spec;
  const situation = {
    situationCodes: spec.situationCodes ?? ['ImproperPerformance'],
    evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
  };
  world.clue({ type: 'ProposeReferral', actor: office, at: day(start), clueId, referralId, ...situation });
  world.referral({
    type: 'DraftReferral',
    actor: office,
    at: day(start),
    referralId,
    clueId,
    clue: { regionId: spec.regionId ?? 'panjin/dawa', status: world.clueStatus(clueId) },
    package: {
      transferLetter: '移送函',
      clueSummary: '拒不履行行政复议决定',
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕1号',
      ...situation,
      subjects: spec.subjects,
      facts: '事实材料',
      evidence: [{ title: '复议决定书', documentRef: 'doc-1' }],
      legalBasis: ['行政复议法 art. 83'],
      transferorOpinion: '建议依规依纪依法处理',
      contact: '0427-0000000',
      secrecyLevel: 'Confidential',
    },
  });
  world.referral({ type: 'ApproveReferral', actor: office, at: day(start), referralId, opinion: '同意' });
  world.referral({
    type: 'SendReferral',
    actor: office,
    at: day(start + 1),
    referralId,
    target: spec.target ?? CITY_CCDI,
  });
  world.clue({
    type: 'RecordReferralSent',
    actor: office,
    at: day(start + 1),
    clueId,
    referralId,
    sentAt: day(start + 1),
  });
  if (stopAt === 'Sent') return;
  const receiver = spec.receiver ?? ACTORS.cityCcdiHead;
  world.referral({
    type: 'ReceiveReferral',
    actor: receiver,
    at: day(start + 2),
    referralId,
    registrationNo: `JW-${referralId}`,
  });
  if (stopAt === 'Received') return;
  world.referral({ type: 'AcceptReferral', actor: receiver, at: day(start + 3), referralId });
};

/** R7 初核 → R9 立案 → R11 outcomes → R12 feedback (→ R13 typical case), on a commission's referral. */
export const handleWithOutcomes = (
  world: CaseWorld,
  referralId: string,
  outcomes: readonly Omit<OutcomeEntry, 'decisionDate' | 'documentNo'>[],
  start: number,
  options: { readonly receiver?: Actor; readonly typicalCase?: boolean } = {},
): void => {
  const receiver = options.receiver ?? ACTORS.cityCcdiHead;
  world.referral({
    type: 'DecideDisposal',
    actor: receiver,
    at: day(start),
    referralId,
    method: 'PreliminaryVerification',
    reason: '集体研究',
  });
  world.referral({
    type: 'FileCase',
    actor: receiver,
    at: day(start + 1),
    referralId,
    caseNo: `立〔2026〕${referralId}`,
  });
  world.referral({
    type: 'RecordOutcomes',
    actor: receiver,
    at: day(start + 2),
    referralId,
    outcomes: outcomes.map((o, i) => ({
      ...o,
      decisionDate: dateOfDay(start + 2),
      documentNo: `处〔2026〕${referralId}-${i}`,
    })),
  });
  world.referral({ type: 'FeedBackResult', actor: receiver, at: day(start + 3), referralId, summary: '已作出处理' });
  if (options.typicalCase)
    world.referral({
      type: 'PublishTypicalCase',
      actor: receiver,
      at: day(start + 4),
      referralId,
      text: '典型案例',
      anonymised: true,
    });
};

/** C7 plan by the agency head, then one AssignRectificationItem per item (the plan process does this in the API). */
export const planItems = (
  world: CaseWorld,
  clueId: string,
  items: readonly {
    readonly itemId: string;
    readonly mode: 'Immediate' | 'Deadline' | 'LongTerm';
    readonly dueDay?: number;
  }[],
  start: number,
  options: { readonly agencyHead?: Actor; readonly office?: Actor; readonly regionId?: string } = {},
): void => {
  const agencyHead = options.agencyHead ?? ACTORS.dawaAgencyHead;
  const office = options.office ?? ACTORS.cityOfficeHead;
  const planItem = (i: (typeof items)[number]) => ({
    itemId: i.itemId,
    issue: `问题 ${i.itemId}`,
    measures: `措施 ${i.itemId}`,
    mode: i.mode,
    ...(i.dueDay !== undefined ? { dueDate: dateOfDay(i.dueDay) } : {}),
    ...(i.mode === 'LongTerm' ? { longTermTarget: '长效机制' } : {}),
    responsiblePerson: '张科长',
  });
  world.clue({
    type: 'SubmitRectificationPlan',
    actor: agencyHead,
    at: day(start),
    clueId,
    items: items.map(planItem),
  });
  for (const item of items) {
    world.item({
      type: 'AssignRectificationItem',
      actor: office,
      at: day(start),
      clueId,
      regionId: options.regionId ?? 'panjin/dawa',
      agencyOrgId: agencyHead.orgId,
      owner: '王局长',
      ...planItem(item),
    });
  }
};

/** Start → report → evaluate (pass) → 销号 for one item. */
export const closeItem = (
  world: CaseWorld,
  itemId: string,
  start: number,
  options: { readonly agencyHead?: Actor; readonly office?: Actor } = {},
): void => {
  const agencyHead = options.agencyHead ?? ACTORS.dawaAgencyHead;
  const office = options.office ?? ACTORS.cityOfficeHead;
  world.item({ type: 'StartRectification', actor: agencyHead, at: day(start), itemId });
  world.item({
    type: 'ReportRectification',
    actor: agencyHead,
    at: day(start + 1),
    itemId,
    report: '已整改',
    evidence: ['doc-77'],
  });
  world.item({
    type: 'EvaluateRectification',
    actor: office,
    at: day(start + 2),
    itemId,
    method: 'OnSite',
    result: 'Pass',
    notes: '实地核查',
  });
  world.item({ type: 'CloseItem', actor: office, at: day(start + 2), itemId });
};

// ---- A Panjin-shaped history ----

/**
 * A Panjin-shaped case history (DOMAIN.md §8, seed 004), built with the real deciders: 23 persons
 * held accountable (9 县处级 + 14 乡科级及以下), one transfer to the procuratorate, 4 typical cases,
 * one county (Panshan) without any referral, plus the traps the queries must get right: a partial
 * acceptance whose forwarded part is not a new referral, a person with two sanctions, a person
 * with NoAction only, subject ids reused across clues, a return re-routed to the appointing
 * authority, and a region `panjin/dawax` that merely starts like `panjin/dawa`.
 */
export const COUNTIES = ['panjin/shuangtaizi', 'panjin/xinglongtai', 'panjin/dawa', 'panjin/panshan'] as const;

const agency = (orgId: string, name: string, regionId: string) => ({
  agency: { orgId, name },
  head: headOf('EnforcementAgency', orgId, regionId),
  regionId,
});
export const TRAFFIC = agency('shuangtaizi.traffic-police', '双台子区交警大队', 'panjin/shuangtaizi');
export const HOUSING = agency('xinglongtai.housing', '兴隆台区住建局', 'panjin/xinglongtai');
export const DAWA_EMERGENCY = agency('dawa.emergency', '大洼区应急管理局', 'panjin/dawa');
export const DAWA_URBAN = agency('dawa.urban-mgmt', '大洼区城管执法局', 'panjin/dawa');
const XLT_CCDI_HEAD = headOf('DisciplineCommission', 'xinglongtai.ccdi', 'panjin/xinglongtai');
const STZ_CCDI_HEAD = headOf('DisciplineCommission', 'shuangtaizi.ccdi', 'panjin/shuangtaizi');

/**
 * R6 部分受理 (实施条例 art. 171(3)): the holder keeps the persons it manages, the others go to the
 * competent commission in a child referral, which registers and accepts them (DOMAIN.md Decision 5).
 */
const keepAndForward = (
  w: CaseWorld,
  o: {
    readonly parent: string;
    readonly child: string;
    readonly clueId: string;
    readonly regionId: string;
    readonly holder: Actor;
    readonly kept: readonly string[];
    readonly forwarded: readonly Subject[];
    readonly competent: Actor;
    readonly day: number;
    readonly reason: string;
  },
): void => {
  const forwardTo = { orgId: o.competent.orgId, regionId: o.competent.regionId };
  w.referral({
    type: 'PartiallyAcceptReferral',
    actor: o.holder,
    at: day(o.day),
    referralId: o.parent,
    acceptedSubjectIds: o.kept,
    forwardTo,
    childReferralId: o.child,
    reason: o.reason,
  });
  w.referral({
    type: 'OpenForwardedReferral',
    actor: o.holder,
    at: day(o.day),
    referralId: o.child,
    parentReferralId: o.parent,
    clueId: o.clueId,
    regionId: o.regionId,
    ownerOrgId: 'panjin.rol-office',
    package: childPackage(o.forwarded),
    rulebookVersion: 'v1',
    evaluation: {
      rulebookVersion: 'v1',
      rules: [],
      matchedCodes: ['ImproperPerformance'],
      statutoryGrounds: [],
      unknownCodes: [],
      transferMandatory: true,
      summaryZh: '',
      summaryEn: '',
    } as never,
    forwardedBy: o.holder.orgId,
    forwardTo,
    reason: o.reason,
  });
  w.referral({
    type: 'ReceiveReferral',
    actor: o.competent,
    at: day(o.day + 1),
    referralId: o.child,
    registrationNo: `JW-${o.child}`,
  });
  w.referral({ type: 'AcceptReferral', actor: o.competent, at: day(o.day + 2), referralId: o.child });
};

const ranks = (cd: number, ts: number) => [
  ...Array.from({ length: cd }, (_, i) => subject(`s${i + 1}`, 'CountyDivision')),
  ...Array.from({ length: ts }, (_, i) => subject(`s${cd + i + 1}`, 'TownshipSectionOrBelow')),
];
const each = (from: number, to: number, outcome: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ subjectId: `s${from + i}`, outcome }));

export const buildPanjin = (w: CaseWorld): void => {
  const office = ACTORS.cityOfficeHead;

  // k1 双台子 traffic police, a reconsideration: 2 县处级 + 2 乡科级; one transferred to the procuratorate.
  clueToSupervision(
    w,
    { clueId: 'k1', regionId: TRAFFIC.regionId, agency: TRAFFIC.agency, source: 'Reconsideration' },
    0,
  );
  planItems(
    w,
    'k1',
    [
      { itemId: 'i1', mode: 'Deadline', dueDay: 20 },
      { itemId: 'i2', mode: 'LongTerm' },
      { itemId: 'i3', mode: 'Deadline', dueDay: 30 },
    ],
    4,
    { agencyHead: TRAFFIC.head, regionId: TRAFFIC.regionId },
  );
  closeItem(w, 'i1', 5, { agencyHead: TRAFFIC.head });
  closeItem(w, 'i2', 5, { agencyHead: TRAFFIC.head });
  // Decision 5: the city commission keeps its 县处级 s1 and s4 and forwards the 乡科级 s2 and s3 to 双台子 (R1a).
  const subjectsK1 = [
    subject('s1', 'CountyDivision'),
    subject('s2', 'TownshipSectionOrBelow'),
    subject('s3', 'TownshipSectionOrBelow'),
    subject('s4', 'CountyDivision'),
  ];
  referralToAccepted(
    w,
    { clueId: 'k1', referralId: 'R1', regionId: TRAFFIC.regionId, subjects: subjectsK1 },
    6,
    'Received',
  );
  keepAndForward(w, {
    parent: 'R1',
    child: 'R1a',
    clueId: 'k1',
    regionId: TRAFFIC.regionId,
    holder: ACTORS.cityCcdiHead,
    kept: ['s1', 's4'],
    forwarded: subjectsK1.slice(1, 3),
    competent: STZ_CCDI_HEAD,
    day: 9,
    reason: '乡科级干部由区纪委管辖',
  });
  handleWithOutcomes(
    w,
    'R1',
    [
      { subjectId: 's1', outcome: 'GovSanction.Demerit' },
      { subjectId: 's1', outcome: 'PartySanction.Warning' },
      { subjectId: 's4', outcome: 'TransferToProcuratorate' },
    ],
    10,
    { typicalCase: true },
  );
  handleWithOutcomes(
    w,
    'R1a',
    [
      { subjectId: 's2', outcome: 'OrganisationalHandling.Removal' },
      { subjectId: 's3', outcome: 'GovSanction.Warning' },
    ],
    12,
    { receiver: STZ_CCDI_HEAD },
  );

  // k2 兴隆台 housing: partly accepted by the city commission (3 县处级), the 4 乡科级 forwarded to the county.
  clueToSupervision(
    w,
    { clueId: 'k2', regionId: HOUSING.regionId, agency: HOUSING.agency, source: 'Complaint' },
    1,
    'Verification',
  );
  const subjectsK2 = ranks(3, 4);
  referralToAccepted(
    w,
    { clueId: 'k2', referralId: 'R2', regionId: HOUSING.regionId, subjects: subjectsK2 },
    7,
    'Received',
  );
  keepAndForward(w, {
    parent: 'R2',
    child: 'R2a',
    clueId: 'k2',
    regionId: HOUSING.regionId,
    holder: ACTORS.cityCcdiHead,
    kept: ['s1', 's2', 's3'],
    forwarded: subjectsK2.slice(3),
    competent: XLT_CCDI_HEAD,
    day: 10,
    reason: '乡科级干部由区纪委管辖',
  });
  handleWithOutcomes(w, 'R2', each(1, 3, 'GovSanction.Demerit'), 12, { typicalCase: true });
  handleWithOutcomes(w, 'R2a', each(4, 7, 'Admonishment'), 14, { receiver: XLT_CCDI_HEAD });

  // k3 大洼 emergency bureau, a court loss: returned by the commission, re-routed to the appointing authority.
  clueToSupervision(
    w,
    { clueId: 'k3', regionId: 'panjin/dawa', agency: DAWA_EMERGENCY.agency, source: 'LitigationLossOrReversal' },
    2,
    'Verification',
  );
  referralToAccepted(w, { clueId: 'k3', referralId: 'R3', subjects: ranks(2, 1) }, 8, 'Received');
  w.referral({
    type: 'ReturnReferral',
    actor: ACTORS.cityCcdiHead,
    at: day(11),
    referralId: 'R3',
    reason: '不属监察管辖',
  });
  w.referral({ type: 'RerouteReferral', actor: office, at: day(12), referralId: 'R3', target: ORG_DEPT });
  w.referral({
    type: 'ReceiveReferral',
    actor: ACTORS.orgDeptHead,
    at: day(13),
    referralId: 'R3',
    registrationNo: 'ZZB-1',
  });
  w.referral({ type: 'AcceptReferral', actor: ACTORS.orgDeptHead, at: day(14), referralId: 'R3' });
  w.referral({
    type: 'RecordOutcomes',
    actor: ACTORS.orgDeptHead,
    at: day(16),
    referralId: 'R3',
    outcomes: each(1, 3, 'OrganisationalHandling.Reassignment').map((o, i) => ({
      ...o,
      decisionDate: dateOfDay(16),
      documentNo: `组〔2026〕${i}`,
    })),
  });
  w.referral({
    type: 'FeedBackResult',
    actor: ACTORS.orgDeptHead,
    at: day(17),
    referralId: 'R3',
    summary: '已调整职务',
  });
  w.referral({
    type: 'PublishTypicalCase',
    actor: ACTORS.orgDeptHead,
    at: day(18),
    referralId: 'R3',
    text: '典型案例',
    anonymised: true,
  });

  // k4 大洼 urban management, a case-file review: the county commission, 2 + 7, one more with NoAction only.
  clueToSupervision(
    w,
    {
      clueId: 'k4',
      regionId: DAWA_URBAN.regionId,
      agency: DAWA_URBAN.agency,
      source: 'CaseFileReview',
      summary: '罚款(违法) 50%, "超标" 处罚',
    },
    3,
  );
  planItems(
    w,
    'k4',
    [
      { itemId: 'i4', mode: 'Deadline', dueDay: 20 },
      { itemId: 'i5', mode: 'Immediate', dueDay: 7 },
    ],
    7,
    { agencyHead: DAWA_URBAN.head, regionId: DAWA_URBAN.regionId },
  );
  closeItem(w, 'i4', 8, { agencyHead: DAWA_URBAN.head });
  closeItem(w, 'i5', 8, { agencyHead: DAWA_URBAN.head });
  w.item({
    type: 'CompleteLookBack',
    actor: office,
    at: day(100),
    itemId: 'i4',
    method: 'OnSite',
    result: 'Fail',
    notes: '反弹',
    reasons: ['问题反弹'],
    newDueDate: dateOfDay(120),
  });
  w.item({
    type: 'CompleteLookBack',
    actor: office,
    at: day(101),
    itemId: 'i5',
    method: 'Document',
    result: 'Pass',
    notes: '巩固',
  });
  // Decision 5: the county commission keeps its 8 乡科级 and forwards the 2 县处级 to the city (R4a).
  const subjectsK4 = ranks(2, 8);
  referralToAccepted(
    w,
    { clueId: 'k4', referralId: 'R4', subjects: subjectsK4, target: DAWA_CCDI, receiver: ACTORS.dawaCcdiHead },
    9,
    'Received',
  );
  keepAndForward(w, {
    parent: 'R4',
    child: 'R4a',
    clueId: 'k4',
    regionId: DAWA_URBAN.regionId,
    holder: ACTORS.dawaCcdiHead,
    kept: subjectsK4.slice(2).map((p) => p.subjectId),
    forwarded: subjectsK4.slice(0, 2),
    competent: ACTORS.cityCcdiHead,
    day: 12,
    reason: '县处级干部由市纪委监委管辖',
  });
  handleWithOutcomes(w, 'R4', [...each(3, 9, 'CriticismEducation'), { subjectId: 's10', outcome: 'NoAction' }], 15, {
    receiver: ACTORS.dawaCcdiHead,
    typicalCase: true,
  });
  handleWithOutcomes(w, 'R4a', each(1, 2, 'GovSanction.MajorDemerit'), 15);

  // No referral at all: Panshan (the county to summon, 约谈), older clues of the traffic police, the city, and a look-alike region.
  register(
    w,
    'k5',
    'panjin/panshan',
    { orgId: 'panshan.market-regulation', name: '盘山县市场监管局' },
    'SpecialSupervision',
    4,
    ACTORS.panshanOfficeHead,
  );
  register(w, 'k6', TRAFFIC.regionId, TRAFFIC.agency, 'Reconsideration', -300);
  register(w, 'k7', TRAFFIC.regionId, TRAFFIC.agency, 'Reconsideration', -290);
  register(w, 'k8', TRAFFIC.regionId, TRAFFIC.agency, 'LitigationLossOrReversal', -280);
  register(w, 'k9', 'panjin', { orgId: 'panjin.urban-mgmt', name: '市城管执法局' }, 'Complaint', 5);
  register(w, 'k10', 'panjin/dawax', { orgId: 'dawax.emergency', name: '大洼x应急局' }, 'Complaint', 5);
};

const register = (
  w: CaseWorld,
  clueId: string,
  regionId: string,
  agencyRef: { orgId: string; name: string },
  source: 'Reconsideration' | 'LitigationLossOrReversal' | 'Complaint' | 'SpecialSupervision',
  receivedDay: number,
  office: Actor = ACTORS.cityOfficeHead,
) =>
  clueToSupervision(
    w,
    { clueId, regionId, agency: agencyRef, source, receivedDay, office },
    Math.max(receivedDay, 0) + 20,
    'Registered',
  );

const childPackage = (subjects: readonly Subject[]) => ({
  transferLetter: '移送函',
  clueSummary: '拒不履行行政复议决定',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕1号',
  situationCodes: ['ImproperPerformance'],
  evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
  subjects,
  facts: '事实材料',
  evidence: [{ title: '复议决定书', documentRef: 'doc-1' }],
  legalBasis: ['行政复议法 art. 83'],
  transferorOpinion: '建议依规依纪依法处理',
  contact: '0427-0000000',
  secrecyLevel: 'Confidential' as const,
});
