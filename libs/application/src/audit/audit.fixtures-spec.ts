/**
 * Test data for the audit specs: a small world of cases driven through the real deciders and the
 * one command path (CommandExecutor) on the embedded store in memory, so that together the cases
 * hold every event type of the three aggregates. Named `*-spec.ts` so the build leaves it out and
 * jest does not run it as a suite; product code never imports it.
 */
import {
  Actor,
  BusinessCalendar,
  ClueCommand,
  ImportClueFromLedger,
  ImportRectificationFromLedger,
  HolidayYear,
  RULEBOOK_V1,
  RectificationCommand,
  ReferralCommand,
  PersonSubject,
  Subject,
  TransferPackage,
  SHIPPED_HOLIDAY_YEARS,
  createDomainConfig,
} from '@xj/domain';
import { CaseKind, createCaseAggregates } from '../cases/case-aggregates';
import { CommandExecutor } from '../command/command-executor';
import { Clock, FixedClock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
export const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  makeUpWorkdays: ['2027-01-02'],
};
/** The calendar the world's deciders read: the shipped years, then 2027 once the world "sets" it. */
const calendars = {
  shipped: new BusinessCalendar(SHIPPED_HOLIDAY_YEARS),
  with2027: new BusinessCalendar([...SHIPPED_HOLIDAY_YEARS, TEST_2027]),
};
let calendarNow = calendars.shipped;
export const config = createDomainConfig({ calendarSource: { current: () => calendarNow } });
export const aggregates = createCaseAggregates(config);

const actor = (
  userId: string,
  role: Actor['role'],
  position: Actor['position'],
  orgId: string,
  regionId: string,
): Actor => ({ userId, role, position, orgId, regionId });

export const ACTORS = {
  office: actor('u-office', 'RuleOfLawOffice', 'Staff', 'panjin.rol-office', 'panjin'),
  officeHead: actor('u-office-head', 'RuleOfLawOffice', 'Head', 'panjin.rol-office', 'panjin'),
  agencyHead: actor('u-dawa-emergency-head', 'EnforcementAgency', 'Head', 'dawa.emergency', 'panjin/dawa'),
  ccdi: actor('u-ccdi', 'DisciplineCommission', 'Staff', 'panjin.ccdi', 'panjin'),
  ccdiHead: actor('u-ccdi-head', 'DisciplineCommission', 'Head', 'panjin.ccdi', 'panjin'),
  dawaCcdiHead: actor('u-dawa-ccdi-head', 'DisciplineCommission', 'Head', 'dawa.ccdi', 'panjin/dawa'),
  orgDeptHead: actor('u-org-dept', 'AppointingAuthority', 'Head', 'panjin.org-dept', 'panjin'),
} as const;

export const CITY_CCDI = { kind: 'DisciplineCommission', orgId: 'panjin.ccdi', regionId: 'panjin' } as const;
export const DAWA_CCDI = { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' } as const;
export const ORG_DEPT = { kind: 'AppointingAuthority', orgId: 'panjin.org-dept', regionId: 'panjin' } as const;

/** `day(0)` is Monday 2 March 2026, 09:30 in Panjin; `day(n)` is n calendar days later. */
export const day = (n: number): string => {
  const date = new Date(Date.UTC(2026, 2, 2 + n));
  return `${date.toISOString().slice(0, 10)}T09:30:00+08:00`;
};
export const dateOf = (n: number): string => day(n).slice(0, 10);

/** Names that must never appear in a description. */
export const SUBJECT_NAMES = ['张三丰', '李四光', '王五常', '赵六安'];
const subject = (subjectId: string, name: string, cadreRank: PersonSubject['cadreRank']): PersonSubject => ({
  subjectId,
  name,
  unit: '大洼区应急管理局',
  post: '副局长',
  cadreRank,
  isPartyMember: true,
  isPublicOfficial: true,
});
export const S1 = subject('s1', '张三丰', 'CountyDivision');
export const S2 = subject('s2', '李四光', 'TownshipSectionOrBelow');

const rule = RULEBOOK_V1.rules.find((r) => r.code === 'FailToCorrectIllegalAct');
export const CLAIM = {
  situationCodes: ['FailToCorrectIllegalAct'],
  evidenceCodes: (rule?.evidence ?? []).filter((e) => e.required).map((e) => e.code),
};

export const packageOf = (subjects: readonly Subject[]): TransferPackage => ({
  transferLetter: '关于移送有关人员问题线索的函',
  clueSummary: '复议意见书送达后逾期未纠正',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  ...CLAIM,
  subjects,
  facts: '意见书送达后期限届满仍未纠正',
  evidence: [{ title: '行政复议意见书', documentRef: 'doc://2026/0012' }],
  legalBasis: ['行政复议法 (2023) arts. 76, 77'],
  transferorOpinion: '建议依规依纪依法处理',
  contact: '市委法治办 0427-1234567',
  secrecyLevel: 'Internal',
});

type Cmd<C extends { type: string }, T extends C['type']> = Omit<Extract<C, { type: T }>, 'type' | 'actor' | 'at'>;

/**
 * The store, its clock (moved to each command's time, so recordedAt follows business time) and the
 * command path. The spec passes the adapter in (the embedded store in memory): application code,
 * this helper included, does not import adapters.
 */
export class AuditWorld {
  readonly clock = new FixedClock(new Date(day(0)));
  readonly store: EventStore;
  readonly executor: CommandExecutor;
  private sequence = 0;

  constructor(storeOf: (clock: Clock) => EventStore) {
    this.store = storeOf(this.clock);
    this.executor = new CommandExecutor(this.store);
  }

  async run(
    kind: CaseKind,
    id: string,
    command:
      ClueCommand | ImportClueFromLedger | ImportRectificationFromLedger | ReferralCommand | RectificationCommand,
  ): Promise<void> {
    this.sequence += 1;
    this.clock.set(new Date(Date.parse(command.at) + this.sequence));
    const definition = aggregates[kind] as typeof aggregates.clue;
    await this.executor.execute(definition, id, command as never, {
      commandId: `cmd-${this.sequence}`,
      correlationId: `corr-${kind}-${id}`,
    });
  }

  clue<T extends ClueCommand['type']>(
    id: string,
    type: T,
    by: Actor,
    n: number,
    body: Omit<Cmd<ClueCommand, T>, 'clueId'>,
  ): Promise<void> {
    return this.run('clue', id, { type, actor: by, at: day(n), clueId: id, ...body } as unknown as ClueCommand);
  }

  referral<T extends ReferralCommand['type']>(
    id: string,
    type: T,
    by: Actor,
    n: number,
    body: Omit<Cmd<ReferralCommand, T>, 'referralId'>,
  ): Promise<void> {
    return this.run('referral', id, {
      type,
      actor: by,
      at: day(n),
      referralId: id,
      ...body,
    } as unknown as ReferralCommand);
  }

  item<T extends RectificationCommand['type']>(
    id: string,
    type: T,
    by: Actor,
    n: number,
    body: Omit<Cmd<RectificationCommand, T>, 'itemId'>,
  ): Promise<void> {
    return this.run('rectification', id, {
      type,
      actor: by,
      at: day(n),
      itemId: id,
      ...body,
    } as unknown as RectificationCommand);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

const { office, officeHead, agencyHead, ccdi, ccdiHead, dawaCcdiHead, orgDeptHead } = ACTORS;

/** C1 with its analysis, verification and proposal of R1 (day 0–1). */
export const clueProposed = async (w: AuditWorld, id = 'C1', referralId = 'R1'): Promise<void> => {
  await w.clue(id, 'RegisterClue', office, 0, {
    regionId: 'panjin/dawa',
    source: 'Reconsideration',
    sourceRef: '盘复〔2026〕12号',
    receivedAt: '2026-02-27T16:00:00+08:00',
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '复议意见书送达后逾期未纠正违法罚款',
    subjects: [S1, S2],
  });
  await w.clue(id, 'StartAnalysis', office, 0, { analystUserId: 'u-office' });
  await w.clue(id, 'StartVerification', officeHead, 1, {
    ...CLAIM,
    category: 'Inaction',
    verificationPlan: '调取卷宗并现场核查',
    team: ['u-office'],
  });
  await w.clue(id, 'ProposeReferral', office, 1, { ...CLAIM, referralId });
};

/** R1: drafted day 1, approved day 1, sent to the city commission day 2, received day 3. */
export const referralReceived = async (
  w: AuditWorld,
  id = 'R1',
  clueId = 'C1',
  subjects: readonly Subject[] = [S1, S2],
): Promise<void> => {
  await w.referral(id, 'DraftReferral', office, 1, {
    clueId,
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    package: packageOf(subjects),
  });
  await w.referral(id, 'ApproveReferral', officeHead, 1, { opinion: '同意移送' });
  await w.referral(id, 'SendReferral', office, 2, { target: CITY_CCDI });
  await w.clue(clueId, 'RecordReferralSent', office, 2, { referralId: id, sentAt: day(2) });
  await w.referral(id, 'ReceiveReferral', ccdi, 3, { registrationNo: 'JW-2026-001' });
};

/** R6 (days 30–32): the city commission keeps s1 and returns s2 in R6a (部分退回, 实施条例 art. 171(4)). */
const partiallyReturned = async (w: AuditWorld): Promise<void> => {
  await w.referral('R6', 'DraftReferral', office, 30, {
    clueId: 'C1',
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    package: packageOf([S1, S2]),
  });
  await w.referral('R6', 'ApproveReferral', officeHead, 30, { opinion: '同意' });
  await w.referral('R6', 'SendReferral', office, 31, { target: CITY_CCDI });
  await w.referral('R6', 'ReceiveReferral', ccdi, 32, { registrationNo: 'JW-2026-006' });
  await w.referral('R6', 'PartiallyReturnReferral', ccdiHead, 32, {
    returnedSubjectIds: ['s2'],
    childReferralId: 'R6a',
    reason: '不属于监察对象',
  });
  const parent = (await w.executor.load(aggregates.referral, 'R6')).state;
  if (parent.status === 'None') throw new Error('setup: R6 was not drafted');
  await w.referral('R6a', 'OpenReturnedReferral', ccdiHead, 32, {
    parentReferralId: 'R6',
    clueId: 'C1',
    regionId: 'panjin/dawa',
    ownerOrgId: 'panjin.rol-office',
    package: packageOf([S2]),
    rulebookVersion: 'v1',
    evaluation: parent.evaluation,
    returnedBy: 'panjin.ccdi',
    reason: '不属于监察对象',
  });
};

/** Every event type of the three aggregates, spread over clues C1–C3, C8, C17, referrals R1, R1a, R2–R4, R6, R6a, R8, R17 and items I1, I2, I8. */
export const buildAuditWorld = async (w: AuditWorld): Promise<void> => {
  await clueProposed(w);
  await w.clue('C1', 'RaiseEscalation', office, 1, {
    escalationId: 'E1',
    escalationType: 'Interview',
    reason: '督促整改',
    targetOrgId: 'dawa.emergency',
    target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
  });
  await referralReceived(w);
  const parent = (await w.executor.load(aggregates.referral, 'R1')).state;
  if (parent.status === 'None') throw new Error('setup: R1 was not drafted');
  await w.referral('R1', 'PartiallyAcceptReferral', ccdiHead, 4, {
    acceptedSubjectIds: ['s1'],
    forwardTo: DAWA_CCDI,
    childReferralId: 'R1a',
    reason: '乡科级干部由区纪委监委管辖',
  });
  await w.referral('R1a', 'OpenForwardedReferral', ccdiHead, 4, {
    parentReferralId: 'R1',
    clueId: 'C1',
    regionId: 'panjin/dawa',
    ownerOrgId: 'panjin.rol-office',
    package: packageOf([S2]),
    rulebookVersion: 'v1',
    evaluation: parent.evaluation,
    forwardedBy: 'panjin.ccdi',
    forwardTo: DAWA_CCDI,
    reason: '乡科级干部由区纪委监委管辖',
  });
  await w.referral('R1', 'DecideDisposal', ccdiHead, 7, { method: 'TalkOrInquiryLetter', reason: '集体研究' });
  await w.referral('R1', 'RecordTalkOrInquiryHeld', ccdi, 9, { form: 'Talk' });
  await w.referral('R1', 'CompleteTalkOrInquiry', ccdi, 10, { record: '谈话记录', problemsSurfaced: true });
  await w.referral('R1', 'FileCase', ccdiHead, 20, { caseNo: '盘纪立〔2026〕5号' });
  await w.referral('R1', 'RecordOutcomes', ccdi, 40, {
    outcomes: [
      { subjectId: 's1', outcome: 'GovSanction.Demerit', decisionDate: dateOf(40), documentNo: '盘监处〔2026〕1号' },
      {
        subjectId: 's1',
        outcome: 'OrganisationalHandling.Reassignment',
        decisionDate: dateOf(40),
        documentNo: '盘纪〔2026〕2号',
      },
    ],
  });
  await w.referral('R1', 'FeedBackResult', ccdi, 42, { summary: '已作出处理' });
  await w.referral('R1', 'RecordOrganisationalHandlingDone', ccdi, 42, { documentNo: '盘组任〔2026〕7号' });
  await w.referral('R1', 'PublishTypicalCase', ccdi, 43, { text: '某局不依法纠正违法行为典型案例', anonymised: true });
  await w.referral('R1', 'RaiseEscalation', office, 44, {
    escalationId: 'E2',
    escalationType: 'InquiryLetter',
    reason: '函询办结进度',
    targetOrgId: 'panjin.ccdi',
    target: { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
  });

  await w.clue('C1', 'IssueSupervisionInstrument', officeHead, 3, {
    verificationReport: '核实属实',
    responsibleUnits: ['dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕3号' },
  });
  await w.clue('C1', 'SubmitRectificationPlan', agencyHead, 4, {
    items: [
      {
        itemId: 'I1',
        issue: '违法罚款未纠正',
        measures: '撤销罚款决定',
        mode: 'Deadline',
        dueDate: dateOf(30),
        responsiblePerson: '王五常',
      },
    ],
  });
  await w.item('I1', 'AssignRectificationItem', officeHead, 4, {
    clueId: 'C1',
    regionId: 'panjin/dawa',
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: '违法罚款未纠正',
    measures: '撤销罚款决定',
    dueDate: dateOf(30),
    owner: '赵六安 局长',
    responsiblePerson: '王五常',
  });
  await w.item('I1', 'StartRectification', agencyHead, 5, {});
  await w.item('I1', 'ReportRectification', agencyHead, 8, { report: '已撤销', evidence: ['doc://2026/0101'] });
  await w.item('I1', 'EvaluateRectification', office, 9, {
    method: 'Document',
    result: 'Fail',
    notes: '未退还罚款',
    failureReasons: ['罚款未退还'],
  });
  await w.item('I1', 'ReopenItem', office, 9, { reasons: ['罚款未退还'], newDueDate: dateOf(35) });
  await w.item('I1', 'ReportRectification', agencyHead, 12, { report: '已退还', evidence: ['doc://2026/0102'] });
  await w.item('I1', 'EvaluateRectification', office, 13, { method: 'OnSite', result: 'Pass', notes: '属实' });
  await w.item('I1', 'CloseItem', officeHead, 14, {});
  await w.item('I1', 'ScheduleLookBack', office, 15, { lookBackOn: dateOf(60) });
  await w.item('I1', 'CompleteLookBack', office, 60, {
    method: 'OnSite',
    result: 'Fail',
    notes: '问题反弹',
    reasons: ['再次违法罚款'],
    newDueDate: dateOf(90),
  });
  await w.item('I1', 'RaiseEscalation', office, 61, {
    escalationId: 'E3',
    escalationType: 'OrderPerformance',
    reason: '限期整改',
    targetOrgId: 'dawa.emergency',
    target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
    performBy: dateOf(75),
  });

  const attachments = [{ title: '整改报告', documentRef: 'doc://2026/0103' }];
  await w.clue('C1', 'SubmitRectificationFeedback', agencyHead, 10, { report: '已整改', evidence: attachments });
  await w.clue('C1', 'StartEvaluation', office, 11, {});
  await w.clue('C1', 'EvaluateClue', office, 11, {
    result: 'Fail',
    method: 'Document',
    notes: '未退还罚款',
    failureReasons: ['罚款未退还'],
    newDueDate: dateOf(40),
  });
  await w.clue('C1', 'SubmitRectificationFeedback', agencyHead, 20, { report: '已退还', evidence: attachments });
  await w.clue('C1', 'StartEvaluation', office, 21, {});
  await w.clue('C1', 'EvaluateClue', officeHead, 21, {
    result: 'Pass',
    method: 'OnSite',
    notes: '属实',
    rectificationItems: [{ itemId: 'I1', status: 'Closed', mode: 'Deadline' }],
  });
  await w.referral('R1', 'CloseReferral', office, 50, {
    linkedRectification: [{ itemId: 'I1', status: 'Closed', mode: 'Deadline' }],
  });

  await w.clue('C2', 'RegisterClue', office, 0, {
    regionId: 'panjin/dawa',
    source: 'Complaint',
    sourceRef: '12345-2026-88',
    receivedAt: '2026-02-27T16:00:00+08:00',
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '投诉不实',
  });
  await w.clue('C2', 'StartAnalysis', office, 0, { analystUserId: 'u-office' });
  await w.clue('C2', 'DismissClue', officeHead, 1, { reason: 'Untrue', explanation: '经查反映不实' });

  // 历史补录: a clue of the office's legacy ledger, closed out in 2023 (issue 19 §3).
  await w.run('clue', 'C-LEGACY', {
    type: 'ImportClueFromLedger',
    actor: office,
    at: day(1),
    clueId: 'C-LEGACY',
    regionId: 'panjin/dawa',
    source: 'RuleOfLawInspection',
    sourceRef: '督察〔2023〕3号',
    receivedAt: '2023-03-01T00:00:00+08:00',
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '执法记录不全',
    status: 'Closed',
    statusOn: '2023-08-31',
    ledgerRow: { ledger: 'clue', ledgerNo: 'PJ-2023-003', fileSha256: 'b'.repeat(64), row: 2 },
  });
  // 历史补录 of the 整改台账: the legacy clue's item, closed out after a passed evaluation and looked back on.
  await w.run('rectification', 'I-LEGACY', {
    type: 'ImportRectificationFromLedger',
    actor: office,
    at: day(1),
    itemId: 'I-LEGACY',
    clueId: 'C-LEGACY',
    regionId: 'panjin/dawa',
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: '执法记录不全',
    measures: '配备执法记录仪并建立归档制度',
    dueDate: '2023-05-31',
    owner: '局长',
    responsiblePerson: '法制科科长',
    assignedOn: '2023-03-20',
    status: 'LookBackPassed',
    evaluation: { method: 'OnSite', result: 'Pass', on: '2023-06-10' },
    closedOn: '2023-06-20',
    lookBack: { method: 'Document', result: 'Pass', on: '2023-12-15' },
    clueLedgerNo: 'PJ-2023-003',
    ledgerRow: { ledger: 'rectification', ledgerNo: 'PJ-ZG-2023-001', fileSha256: 'c'.repeat(64), row: 2 },
  });

  await w.clue('C1', 'ProposeReferral', office, 21, { ...CLAIM, referralId: 'R2' });
  await w.referral('R2', 'DraftReferral', office, 21, {
    clueId: 'C1',
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    // The 县处级 S1 is the city's (Decision 5): the city may register the referral, the 乡科级 S2 is Dawa's.
    package: packageOf([S1, S2]),
  });
  await w.referral('R2', 'ApproveReferral', officeHead, 21, { opinion: '同意' });
  await w.referral('R2', 'SendReferral', office, 22, { target: CITY_CCDI });
  await w.referral('R2', 'ReceiveReferral', ccdi, 23, { registrationNo: 'JW-2026-002' });
  await w.referral('R2', 'ForwardReferral', ccdiHead, 23, { forwardTo: DAWA_CCDI, reason: '乡科级干部' });
  await w.referral('R2', 'ReceiveReferral', dawaCcdiHead, 24, { registrationNo: 'DW-2026-001' });
  await w.referral('R2', 'ReturnReferral', dawaCcdiHead, 24, { reason: '不属于监察管辖范围' });
  await w.referral('R2', 'RerouteReferral', officeHead, 25, { target: ORG_DEPT });
  await w.referral('R2', 'ReceiveReferral', orgDeptHead, 26, { registrationNo: 'ZZ-2026-001' });
  await w.referral('R2', 'AcceptReferral', orgDeptHead, 27, {});
  // Outcomes left open, then declared complete (issue 17 §5).
  await w.referral('R2', 'RecordOutcomes', orgDeptHead, 28, {
    outcomes: [
      {
        subjectId: 's2',
        outcome: 'OrganisationalHandling.Reassignment',
        decisionDate: dateOf(28),
        documentNo: '盘组〔2026〕3号',
        decidedBy: { kind: 'OrganisationDept', orgId: 'panjin.org-dept' },
      },
    ],
    complete: false,
  });
  await w.referral('R2', 'CompleteOutcomes', orgDeptHead, 29, {});

  await w.referral('R3', 'DraftReferral', office, 30, {
    clueId: 'C1',
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    package: packageOf([S1]),
  });
  await w.referral('R3', 'ApproveReferral', officeHead, 30, { opinion: '同意' });
  await w.referral('R3', 'SendReferral', office, 31, { target: CITY_CCDI });
  await w.referral('R3', 'ReceiveReferral', ccdi, 32, { registrationNo: 'JW-2026-003' });
  await w.referral('R3', 'AcceptReferral', ccdi, 32, {});
  await w.referral('R3', 'DecideDisposal', ccdiHead, 33, { method: 'ShelvedPending', reason: '暂存待查' });
  await w.referral('R3', 'ResumeShelved', ccdiHead, 40, { newEvidence: '新举报材料' });
  await w.referral('R3', 'ConcludeVerification', ccdiHead, 50, { report: '初核未发现问题' });
  await partiallyReturned(w);
  await w.clue('C1', 'CompleteClueLookBack', officeHead, 100, { result: 'Pass', method: 'OnSite', notes: '未反弹' });
  // 典型案例 by the office (issue 17), anonymised on publication.
  await w.clue('C1', 'PublishTypicalCase', officeHead, 101, { text: '某局未按期履行行政复议决定，经督办整改到位。' });
  await deadlineChanges(w);
  await recomputedWhen2027Arrives(w);
  await instrumentFollowedUp(w);
  await caseAccess(w);
  // 追责问责 opened on the dismissed C2 (issue 17), linked on it as the accountability-linked workflow does.
  await w.clue('C2', 'LinkAccountabilityCase', office, 102, {
    accountabilityId: 'A1',
    accountabilityType: 'EnforcementFault',
    decidingOrgId: 'dawa.emergency',
    openedOn: dateOf(102),
  });
};

/** C4: a 监督意见书 not corrected, followed by a 监督决定书 (issue 17 §6; 山东 arts. 28–29). */
const instrumentFollowedUp = async (w: AuditWorld): Promise<void> => {
  await w.clue('C4', 'RegisterClue', office, 300, {
    regionId: 'panjin/dawa',
    source: 'EnforcementSupervision',
    sourceRef: '盘法监〔2026〕7号',
    receivedAt: day(300),
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '违法罚款未撤销',
  });
  await w.clue('C4', 'StartAnalysis', office, 300, { analystUserId: 'u-office' });
  await w.clue('C4', 'StartVerification', officeHead, 300, {
    ...CLAIM,
    category: 'Inaction',
    verificationPlan: '调取卷宗',
    team: ['u-office'],
  });
  await w.clue('C4', 'IssueSupervisionInstrument', officeHead, 301, {
    verificationReport: '罚款无法律依据',
    responsibleUnits: ['dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督意〔2026〕9号' },
  });
  await w.clue('C4', 'IssueFollowUpInstrument', officeHead, 332, {
    instrument: { kind: 'SupervisionDecision', documentNo: '盘法督决〔2026〕2号' },
    reason: '监督意见书送达后30日内未自行纠正',
  });
};

/**
 * 抄送 and 机密 (issue 17 item 8) on streams of their own: clue C17's instrument copied to the city
 * commission; referral R17, classified 机密, copied to the 组织部 and its commission handlers named.
 */
const caseAccess = async (w: AuditWorld): Promise<void> => {
  await clueProposed(w, 'C17', 'R17');
  await w.clue('C17', 'IssueSupervisionInstrument', officeHead, 2, {
    verificationReport: '核实属实',
    responsibleUnits: ['dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕17号' },
  });
  await w.clue('C17', 'SendCarbonCopy', officeHead, 3, {
    copyTo: [{ orgId: 'panjin.ccdi', regionId: 'panjin' }],
    note: '抄送意见书 盘法督〔2026〕17号',
  });
  await w.referral('R17', 'DraftReferral', office, 1, {
    clueId: 'C17',
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    package: { ...packageOf([S1]), secrecyLevel: 'Secret' },
  });
  await w.referral('R17', 'ApproveReferral', officeHead, 1, { opinion: '同意移送' });
  await w.referral('R17', 'SendReferral', office, 2, { target: CITY_CCDI });
  await w.referral('R17', 'SendCarbonCopy', office, 2, {
    copyTo: [{ orgId: 'panjin.org-dept', regionId: 'panjin' }],
    note: '抄送移送函',
  });
  await w.referral('R17', 'NameCaseHandlers', ccdiHead, 3, { handlers: [{ userId: ccdi.userId, orgId: ccdi.orgId }] });
};

/**
 * 延期申请, its approval and refusal, 中止 and 恢复 on each kind of case: clue C8's verification,
 * referral R8's acceptance and item I8's rectification period (streams of their own, days 0–12).
 */
const deadlineChanges = async (w: AuditWorld): Promise<void> => {
  await clueProposed(w, 'C8', 'R8');
  await referralReceived(w, 'R8', 'C8');
  await w.item('I8', 'AssignRectificationItem', officeHead, 1, {
    clueId: 'C8',
    regionId: 'panjin/dawa',
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: '执法记录缺失',
    measures: '补齐记录',
    dueDate: dateOf(30),
    owner: '赵六安 局长',
    responsiblePerson: '王五常',
  });
  const changes = [
    { kind: 'clue', id: 'C8', rule: 'ClueVerification', asker: office, head: officeHead },
    { kind: 'referral', id: 'R8', rule: 'CommissionAcceptance', asker: ccdi, head: ccdiHead },
    { kind: 'rectification', id: 'I8', rule: 'InspectionFeedbackRectification', asker: agencyHead, head: officeHead },
  ] as const;
  for (const { kind, id, rule, asker, head } of changes) {
    const run = (by: Actor, n: number, body: Record<string, unknown>) =>
      w.run(kind, id, { ...body, actor: by, at: day(n), clueId: id, referralId: id, itemId: id } as never);
    await run(asker, 3, {
      type: 'RequestDeadlineExtension',
      requestId: 'X1',
      rule,
      proposedDueOn: dateOf(45),
      reason: '需补充鉴定',
    });
    await run(head, 4, { type: 'RefuseDeadlineExtension', requestId: 'X1', reason: '理由不足' });
    await run(asker, 4, {
      type: 'RequestDeadlineExtension',
      requestId: 'X2',
      rule,
      proposedDueOn: dateOf(45),
      reason: '需补充鉴定',
    });
    await run(head, 5, { type: 'ApproveDeadlineExtension', requestId: 'X2', opinion: '同意' });
    await run(head, 8, { type: 'PauseDeadline', rule, reason: '等待鉴定意见' });
    await run(head, 12, { type: 'ResumeDeadline', rule, reason: '鉴定意见已出' });
  }
};

/**
 * C3, R4 and I2 with deadlines counted on 2026-12-17 into 2027 while it had no table (provisional),
 * then recounted once the (test) 2027 table is in force: a DeadlineRecomputed on each kind of case.
 */
const recomputedWhen2027Arrives = async (w: AuditWorld): Promise<void> => {
  calendarNow = calendars.shipped;
  await w.clue('C3', 'RegisterClue', office, 290, {
    regionId: 'panjin/dawa',
    source: 'Reconsideration',
    sourceRef: '盘复〔2026〕99号',
    receivedAt: day(290),
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '复议意见书送达后逾期未纠正',
    subjects: [S1],
  });
  await w.clue('C3', 'StartAnalysis', office, 290, { analystUserId: 'u-office' });
  await w.clue('C3', 'StartVerification', officeHead, 290, {
    ...CLAIM,
    category: 'Inaction',
    verificationPlan: '调取卷宗',
    team: ['u-office'],
  });
  await w.referral('R4', 'DraftReferral', office, 290, {
    clueId: 'C3',
    clue: { regionId: 'panjin/dawa', status: 'Verification' },
    package: packageOf([S1]),
  });
  await w.item('I2', 'AssignRectificationItem', officeHead, 290, {
    clueId: 'C3',
    regionId: 'panjin/dawa',
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: '违法罚款未退还',
    measures: '退还罚款',
    owner: '局长',
    responsiblePerson: '科长',
    dueDate: '2027-02-05',
  });
  calendarNow = calendars.with2027;
  const cause = { year: 2027, calendarEventId: 'evt-calendar-2027', source: TEST_2027.source };
  const admin: Actor = { ...officeHead, userId: 'u-admin', role: 'Administrator', orgId: 'panjin.it' };
  await w.clue('C3', 'RecomputeDeadline', admin, 291, { slot: 'deadline', rule: 'ClueVerification', cause });
  await w.referral('R4', 'RecomputeDeadline', admin, 291, {
    slot: 'transferDeadline',
    rule: 'TransferAfterConditionsMet',
    cause,
  });
  await w.item('I2', 'RecomputeDeadline', admin, 291, {
    slot: 'deadline',
    rule: 'InspectionFeedbackRectification',
    cause,
  });
  calendarNow = calendars.shipped;
};
