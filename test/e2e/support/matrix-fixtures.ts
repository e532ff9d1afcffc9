import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import {
  CommandExecutor,
  DEADLINE_TIMER_ACTOR,
  EVENT_STORE,
  EventStore,
  alarmCommandId,
  caseDefinitionOf,
  createCaseAggregates,
  timersOfCase,
} from '@xj/application';
import { CaseKind, SHIPPED_HOLIDAY_YEARS, createDomainConfig, scheduleOf } from '@xj/domain';
import type { ClueState } from '@xj/domain';
import { TestApp } from './test-app';

/**
 * Fixtures for the authorization matrix: cases in Dawa (panjin/dawa, agency dawa.emergency) brought
 * into a known state through the API by their legitimate actors, a signed checkpoint, plus a valid
 * body for every route.
 */

/** Every demo account (apps/api/src/auth/demo-accounts.ts), by the part it plays in the matrix. */
export const ACCOUNTS = [
  'office', // RuleOfLawOffice, city, staff
  'office-head', // RuleOfLawOffice, city, head
  'dawa-office', // RuleOfLawOffice, own county, staff
  'dawa-office-head', // RuleOfLawOffice, own county, head
  'panshan-office-head', // RuleOfLawOffice, other county, head
  'justice', // JusticeBureau, city, staff
  'justice-head', // JusticeBureau, city, head
  'dawa-emergency-head', // EnforcementAgency, own agency, head
  'dawa-emergency', // EnforcementAgency, own agency, staff
  'panjin-urban-head', // EnforcementAgency, other agency, head
  'ccdi', // DisciplineCommission, city, staff (案管室)
  'ccdi-head', // DisciplineCommission, city, head
  'dawa-ccdi-head', // DisciplineCommission, own county, head
  'panshan-ccdi-head', // DisciplineCommission, other county, head
  'org-dept-head', // AppointingAuthority, city
  'secretary', // PartyLeadership, city
  'auditor', // Auditor
  'admin', // Administrator (系统管理员)
  'secadmin', // SecurityAdministrator (安全管理员)
  'auditadmin', // AuditAdministrator (安全审计员)
] as const;
export type Account = (typeof ACCOUNTS)[number];

export type ClueStage =
  'Registered' | 'Analysis' | 'Verification' | 'Supervision' | 'Rectification' | 'Feedback' | 'Evaluation' | 'Closed';
export type ReferralStage =
  | 'Draft'
  | 'Approved'
  | 'Sent'
  | 'Received'
  | 'Returned'
  | 'Accepted'
  | 'Disposing:PreliminaryVerification'
  | 'Disposing:ShelvedPending'
  | 'Disposing:TalkOrInquiryLetter'
  | 'CaseFiled'
  | 'Decided'
  | 'Decided:OrganisationalHandling'
  /** Outcomes left open (`complete: false`): another body still decides (issue 17 §5). */
  | 'Decided:Open'
  | 'ResultFedBack';
/**
 * Who the referral went to: the Dawa commission, the city commission, or (after a return) the city's
 * 任免机关. The persons follow the receiver (DOMAIN.md Decision 5): two 乡科级 for the county, two
 * 县处级 for the city; `county-mixed` sends one of each to the Dawa commission, which may keep only
 * its 乡科级 one.
 */
export type Receiver = 'county' | 'city' | 'appointing' | 'county-mixed';
export type ItemStage = 'Assigned' | 'InProgress' | 'Reported' | 'EvaluatedPass' | 'EvaluatedFail' | 'Closed';

/** An accountability case (issue 17) opened by the city justice bureau on a Dawa clue, which it decides. */
export type AccountabilityStage = 'Opened' | 'Investigating' | 'Decided' | 'Executed';
/** A 法治督察 campaign of the Dawa office over the Dawa agency (issue 17), at a stage of its lifecycle. */
export type CampaignStage = 'Planned' | 'InProgress' | 'Feedback' | 'Reported';

/** After the stage: an extension request (`ext-m`) awaiting a decision, or the deadline paused (issue 15 §2). */
export type DeadlineStage = 'ExtensionRequested' | 'Paused';

export type CaseFixtureSpec = (
  | { readonly kind: 'clue'; readonly stage: ClueStage; readonly inaction?: true }
  | {
      readonly kind: 'referral';
      readonly stage: ReferralStage;
      readonly receiver: Receiver;
      /** 机密: read only by its 知悉范围 (issue 17 item 8); 内部 otherwise. */
      readonly secret?: true;
    }
  | { readonly kind: 'item'; readonly stage: ItemStage }
) & { readonly deadline?: DeadlineStage };
/**
 * A case; an escalation against an organisation (the city office's 约谈 of the Dawa agency, no case);
 * or a case of `on` whose first open deadline ran late up to the 督办 ladder's proposal, waiting for a head.
 */
export type FixtureSpec =
  | CaseFixtureSpec
  | { readonly kind: 'escalation' }
  | { readonly kind: 'accountability'; readonly stage: AccountabilityStage }
  | { readonly kind: 'campaign'; readonly stage: CampaignStage }
  | { readonly kind: 'lookBackRound' }
  /** A 联席会议 of the Dawa office and commission that discussed a sent Dawa referral and decided to refer it. */
  | { readonly kind: 'meeting' }
  | { readonly kind: 'proposal'; readonly on: CaseFixtureSpec }
  | { readonly kind: 'evidence'; readonly on: CaseFixtureSpec };

/** A file sent as multipart/form-data (field `file`) instead of a JSON body: an evidence upload. */
export class UploadBody {
  constructor(
    readonly bytes: Buffer,
    readonly fileName: string,
  ) {}
}

/** The evidence file of an `evidence` fixture (a case with this PDF attached by the city office), and its hash. */
export const MATRIX_EVIDENCE = new UploadBody(Buffer.from('%PDF-1.7\nmatrix evidence\n'), '证据.pdf');
/** The sample 线索台账 (docs/templates), uploaded to the ledger import as a dry run. */
export const MATRIX_LEDGER = new UploadBody(
  readFileSync(join(__dirname, '..', '..', '..', 'docs', 'templates', '线索台账样例.xlsx')),
  '线索台账.xlsx',
);
export const MATRIX_EVIDENCE_SHA256 = createHash('sha256').update(MATRIX_EVIDENCE.bytes).digest('hex');

/**
 * The deadline each kind's deadline fixture works on, who bears it and who decides: the instrument's
 * correction period of a clue in Supervision, the Dawa commission's acceptance period of a received
 * referral, an item's rectification period.
 */
export const DEADLINE_FIXTURE = {
  clue: { rule: 'SupervisionOpinionCorrection', bearer: 'dawa-emergency', head: 'dawa-office-head', path: 'clues' },
  referral: { rule: 'CommissionAcceptance', bearer: 'dawa-ccdi-head', head: 'dawa-ccdi-head', path: 'referrals' },
  item: {
    rule: 'InspectionFeedbackRectification',
    bearer: 'dawa-emergency',
    head: 'dawa-office-head',
    path: 'rectification-items',
  },
} as const satisfies Record<CaseFixtureSpec['kind'], { rule: string; bearer: Account; head: Account; path: string }>;

export interface Reply {
  readonly status: number;
  readonly code: string | undefined;
  readonly body: Record<string, unknown>;
}

const DAY = 86_400_000;
/** A local date (UTC+8, the domain's business time zone) `days` from now. */
export const localDate = (days: number): string =>
  new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

const clueStages: readonly ClueStage[] = [
  'Registered',
  'Analysis',
  'Verification',
  'Supervision',
  'Rectification',
  'Feedback',
  'Evaluation',
  'Closed',
];
const RECEIVER_ACCOUNT: Record<Receiver, Account> = {
  county: 'dawa-ccdi-head',
  'county-mixed': 'dawa-ccdi-head',
  city: 'ccdi-head',
  appointing: 'org-dept-head',
};

/** The cadre ranks of s-1 and s-2 on a referral to this receiver. */
const RANKS: Record<Receiver, readonly [string, string]> = {
  county: ['TownshipSectionOrBelow', 'TownshipSectionOrBelow'],
  'county-mixed': ['TownshipSectionOrBelow', 'CountyDivision'],
  city: ['CountyDivision', 'CountyDivision'],
  appointing: ['TownshipSectionOrBelow', 'CountyDivision'],
};

const SITUATION = {
  situationCodes: ['FailToCorrectIllegalAct'],
  evidenceCodes: ['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF'],
};
const subject = (subjectId: string, cadreRank: string) => ({
  subjectId,
  name: subjectId === 's-1' ? '张某' : '李某',
  unit: '大洼区应急管理局',
  post: subjectId === 's-1' ? '科长' : '局长',
  cadreRank,
  isPartyMember: true,
  isPublicOfficial: true,
});

/** Valid bodies for every route (dates relative to today, so they never lie in the past). */
export const bodies = {
  /** The shipped 2026 table, as PUT /api/v1/calendar/2026 takes it: setting it again changes nothing. */
  holidayYear2026: () => {
    const table = SHIPPED_HOLIDAY_YEARS.find((y) => y.year === 2026);
    if (!table) throw new Error('the 2026 table ships with the product');
    return { source: table.source, holidays: [...table.holidays], makeUpWorkdays: [...table.makeUpWorkdays] };
  },
  clue: (county: 'dawa' | 'panshan' = 'dawa') => ({
    regionId: `panjin/${county}`,
    source: 'Reconsideration',
    sourceRef: '盘复〔2026〕12号',
    receivedAt: new Date(Date.now() - DAY).toISOString(),
    agency: { orgId: `${county}.emergency`, name: county === 'dawa' ? '大洼区应急管理局' : '盘山县应急管理局' },
    summary: 'The bureau did not perform a reconsideration decision within its time limit.',
    subjects: [subject('s-1', 'TownshipSectionOrBelow'), subject('s-2', 'CountyDivision')],
  }),
  analysis: () => ({ analystUserId: 'user-dawa-office' }),
  dismissal: () => ({
    reason: 'Untrue',
    explanation: 'The facts reported could not be matched to any enforcement file.',
  }),
  // Not 行政不作为: the 组织部 reads those of its region (issue 17 item 8), a row of its own (inactionVerification).
  verification: () => ({
    ...SITUATION,
    category: 'ArbitraryAction',
    verificationPlan: 'Read the case file; interview the handler.',
    team: ['user-dawa-office'],
  }),
  followUpInstrument: () => ({
    instrument: { kind: 'SupervisionDecision', documentNo: '大法督决〔2026〕1号' },
    reason: '监督意见书送达后30日内未自行纠正',
  }),
  instrument: () => ({
    verificationReport: 'The decision was not performed within 60 days.',
    responsibleUnits: ['dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: '大法督〔2026〕3号' },
    dueDate: localDate(60),
  }),
  plan: () => ({
    items: [
      {
        issue: 'Decision not performed',
        measures: 'Perform it; train the staff',
        mode: 'LongTerm',
        longTermTarget: 'No overdue decision',
        responsiblePerson: '王某',
        owner: '赵局长',
      },
    ],
  }),
  clueFeedback: () => ({
    report: 'Performed on day 45; staff trained.',
    evidence: [{ title: '履行记录', documentRef: 'doc://2026/0042' }],
  }),
  clueFail: () => ({
    result: 'Fail',
    method: 'Document',
    notes: 'Training not evidenced.',
    failureReasons: ['No attendance list'],
    newDueDate: localDate(60),
  }),
  pass: () => ({ result: 'Pass', method: 'OnSite', notes: 'Checked on site.' }),
  proposal: () => ({ ...SITUATION }),
  extensionRequest: (rule: string) => ({
    requestId: 'ext-m',
    rule,
    proposedDueOn: localDate(90),
    reason: 'A technical appraisal (鉴定) is needed first.',
  }),
  extensionApproval: () => ({ requestId: 'ext-m', opinion: 'Agreed.' }),
  extensionRefusal: () => ({ requestId: 'ext-m', reason: 'No reason given for the delay.' }),
  pause: (rule: string) => ({ rule, reason: 'Waiting for the appraisal (鉴定).' }),
  deadlineResumption: (rule: string) => ({ rule, reason: 'The appraisal arrived.' }),
  /** 约谈 of the Dawa agency by the city office, with no case (POST /api/v1/escalations). */
  orgEscalation: () => ({
    escalationType: 'Interview',
    reason: 'No referral in a year (全年零移送).',
    targetOrgId: 'dawa.emergency',
  }),
  escalation: (escalationType = 'Interview') => ({
    escalationType,
    reason: 'Lagging rectification.',
    targetOrgId: 'dawa.emergency',
  }),
  draft: (
    clueId: string,
    referralId?: string,
    ranks: readonly [string, string] = RANKS['county-mixed'],
    secrecyLevel = 'Internal',
  ) => ({
    ...(referralId ? { referralId } : {}),
    clueId,
    transferLetter: '关于移送大洼区应急管理局有关问题线索的函',
    clueSummary: 'Failure to perform a reconsideration decision.',
    source: 'Reconsideration',
    sourceRef: '盘复〔2026〕12号',
    ...SITUATION,
    subjects: [subject('s-1', ranks[0]), subject('s-2', ranks[1])],
    facts: 'The decision of 2026-01-05 was not performed by its deadline.',
    evidence: [{ title: '复议决定书', documentRef: 'doc://2026/0012' }],
    legalBasis: ['行政复议法 art. 83'],
    transferorOpinion: 'Transfer for accountability.',
    contact: '大洼区法治办 王某',
    secrecyLevel,
  }),
  approval: () => ({ opinion: 'Approved after collective study.' }),
  sending: (orgId = 'dawa.ccdi') => ({ target: { orgId, kind: 'DisciplineCommission' } }),
  receipt: () => ({ registrationNo: '大纪案登〔2026〕15号' }),
  forwarding: () => ({ forwardTo: { orgId: 'panjin.ccdi' }, reason: 'A county-division cadre: city jurisdiction.' }),
  returning: () => ({ reason: 'No supervisory jurisdiction.' }),
  rerouting: () => ({ target: { orgId: 'panjin.org-dept' } }),
  partial: () => ({
    acceptedSubjectIds: ['s-1'],
    forwardTo: { orgId: 'panjin.ccdi' },
    reason: 's-2 is a county-division cadre.',
  }),
  partialReturn: () => ({ returnedSubjectIds: ['s-2'], reason: 's-2 is not under its supervisory jurisdiction.' }),
  disposal: (method = 'PreliminaryVerification') => ({ method, reason: 'Decided after collective study.' }),
  resumption: () => ({ newEvidence: 'A new complaint with documents.' }),
  talkHeld: () => ({ form: 'Talk' }),
  talk: () => ({ record: 'Talk held; the facts are admitted and minor.', problemsSurfaced: false }),
  caseFiling: () => ({ caseNo: '大监立〔2026〕3号' }),
  conclusion: () => ({ report: 'Nothing to file.' }),
  outcomes: () => ({
    outcomes: [
      { subjectId: 's-1', outcome: 'GovSanction.Demerit', decisionDate: localDate(-1), documentNo: '大纪〔2026〕8号' },
    ],
  }),
  /** 免职: the organisation department must carry it out within 1 month (问责条例 art. 9). */
  organisationalOutcomes: () => ({
    outcomes: [
      {
        subjectId: 's-1',
        outcome: 'OrganisationalHandling.Removal',
        decisionDate: localDate(-1),
        documentNo: '大纪〔2026〕9号',
      },
    ],
  }),
  openOutcomes: () => ({ ...bodies.outcomes(), complete: false }),
  organisationalHandlingDone: () => ({ documentNo: '大组任〔2026〕4号' }),
  resultFeedback: () => ({ summary: 's-1: demerit.' }),
  typicalCase: () => ({ text: 'An official failed to perform a reconsideration decision.', anonymised: true }),
  clueTypicalCase: () => ({ text: '某局未按期履行行政复议决定，经督办整改到位。' }),
  assign: (clueId: string) => ({
    clueId,
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: 'Penalty decisions lack legal basis citations.',
    measures: 'Correct the templates; re-review the files.',
    dueDate: localDate(60),
    owner: '赵局长',
    responsiblePerson: '王某',
  }),
  /** 行政错案问责 of a court-ruled loss, decided by the city justice bureau (issue 17). */
  accountability: (clueId: string) => ({
    accountabilityType: 'WrongfulCase',
    ground: 'CourtRuledLoss',
    clueId,
    decidingOrgId: 'panjin.justice',
    summary: '行政处罚决定被法院判决撤销',
    occurredOn: localDate(0),
  }),
  accountabilityAct: () => ({ occurredOn: localDate(0) }),
  accountabilityDecision: () => ({
    held: [
      {
        subject: {
          subjectId: 's-1',
          name: '王某',
          unit: '大洼区应急管理局',
          post: '执法队员',
          cadreRank: 'TownshipSectionOrBelow',
          isPartyMember: false,
          isPublicOfficial: true,
        },
        measureCodes: ['OrderSelfExamination'],
      },
      {
        subject: { kind: 'Unit', subjectId: 'u-1', name: '大洼区应急管理局执法大队', unit: '大洼区应急管理局' },
        measureCodes: ['Unit.CirculatedCriticism'],
      },
    ],
    documentNo: '盘司追〔2026〕1号',
    decisionDate: localDate(0),
  }),
  accountabilityWithdrawal: () => ({ reason: '经调查不存在执法过错', occurredOn: localDate(0) }),
  itemReport: () => ({ report: 'Templates corrected.', evidence: ['doc://2026/0051'] }),
  itemFail: () => ({
    method: 'Document',
    result: 'Fail',
    notes: 'Not done.',
    failureReasons: ['Only half of the files re-reviewed'],
  }),
  reopening: () => ({ reasons: ['Only half of the files re-reviewed'], newDueDate: localDate(60) }),
  lookBackSchedule: () => ({ lookBackOn: localDate(90) }),
  campaign: () => ({
    regionId: 'panjin/dawa',
    title: '大洼区2026年度法治督察',
    periodFrom: localDate(0),
    periodTo: localDate(60),
    teams: [{ name: '第一督察组', lead: '组长甲', members: ['组员乙'] }],
    topics: ['涉企乱罚款'],
    unitOrgIds: ['dawa.emergency'],
  }),
  finding: () => ({ unitOrgId: 'dawa.emergency', topic: '涉企乱罚款', summary: 'Repeated fines on one enterprise.' }),
  campaignFeedback: () => ({ unitOrgId: 'dawa.emergency', documentNo: '大法督反〔2026〕1号', opinion: '限期整改' }),
  campaignCircular: () => ({ documentNo: '大法督通〔2026〕1号', commonProblems: ['执法程序不规范'] }),
  /** 回头看 over the Dawa items closed in the last year (the matrix's closed item fixtures among them). */
  lookBackRound: () => ({ regionId: 'panjin/dawa', closedFrom: localDate(-365), closedTo: localDate(0) }),
  meeting: (referralId: string) => ({
    regionId: 'panjin/dawa',
    organisationIds: ['dawa.rol-office', 'dawa.ccdi'],
    persons: ['区法治办 王主任', '区纪委监委 李主任'],
    casesDiscussed: [{ kind: 'referral', id: referralId }],
    decisions: [
      {
        decisionId: 'd-1',
        decisionType: 'Refer',
        text: '移送区纪委监委',
        cases: [{ kind: 'referral', id: referralId }],
      },
    ],
  }),
};

/** Runs requests as demo accounts and builds fixtures; fails loudly when a legitimate step fails. */
export class MatrixFixtures {
  private readonly tokens = new Map<Account, string>();
  private signed: Record<string, unknown> | undefined;
  /** The referral each 'meeting' fixture discussed, by meeting id. */
  private readonly meetingReferrals = new Map<string, string>();

  /** A meeting fixture's decision d-1 and the referral it carried out (the referral it discussed). */
  meetingLinkOf(meetingId: string): object {
    return { decisionId: 'd-1', act: { kind: 'referral', id: this.meetingReferrals.get(meetingId) ?? '' } };
  }

  /** The deadline whose proposal each 'proposal' fixture waits on, by case id. */
  private readonly proposals = new Map<string, { readonly rule: string; readonly dueOn: string }>();

  constructor(private readonly t: TestApp) {}

  async login(): Promise<void> {
    for (const account of ACCOUNTS) this.tokens.set(account, await this.t.token(account));
  }

  async send(account: Account, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: object): Promise<Reply> {
    const token = this.tokens.get(account) ?? (await this.t.token(account));
    const http = this.t.http();
    const req =
      method === 'GET'
        ? http.get(path)
        : body instanceof UploadBody
          ? http.post(path).attach('file', body.bytes, body.fileName)
          : (method === 'PUT' ? http.put(path) : method === 'PATCH' ? http.patch(path) : http.post(path)).send(
              body ?? {},
            );
    const res = await req.set('Authorization', `Bearer ${token}`);
    const parsed = (res.body ?? {}) as Record<string, unknown>;
    return { status: res.status, code: typeof parsed.code === 'string' ? parsed.code : undefined, body: parsed };
  }

  /** A setup step by its legitimate actor: anything but 2xx is a broken fixture, not a matrix result. */
  private async step(account: Account, path: string, body: object = {}): Promise<Record<string, unknown>> {
    const reply = await this.send(account, 'POST', path, body);
    if (reply.status < 200 || reply.status > 299) {
      throw new Error(`fixture step POST ${path} as ${account} answered ${reply.status} ${reply.code ?? ''}`);
    }
    return reply.body;
  }

  /**
   * Polls a case until `until` holds of its state (undefined while it does not exist), for 10 s at
   * most: what a command sets off on other cases is done by the workflows after the answer.
   */
  async settled(
    account: Account,
    path: string,
    until: (state: Record<string, unknown> | undefined) => boolean = (state) => state !== undefined,
  ): Promise<void> {
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 10))) {
      const reply = await this.send(account, 'GET', path);
      if (reply.status !== 200 && reply.status !== 404) throw new Error(`GET ${path} as ${account}: ${reply.status}`);
      if (until(reply.status === 200 ? (reply.body.state as Record<string, unknown>) : undefined)) return;
      if (Date.now() - started > 10_000) throw new Error(`GET ${path} as ${account}: not settled in 10 s`);
    }
  }

  /** Builds the fixture, then reads it back: a fixture not in the state it names is a broken test. */
  async make(spec: FixtureSpec): Promise<string> {
    if (spec.kind === 'escalation')
      return String((await this.step('office', '/api/v1/escalations', bodies.orgEscalation())).id);
    if (spec.kind === 'campaign') return this.campaign(spec.stage);
    if (spec.kind === 'lookBackRound') return this.lookBackRound();
    if (spec.kind === 'meeting') {
      const referralId = await this.make({ kind: 'referral', stage: 'Sent', receiver: 'county' });
      const id = String((await this.step('dawa-office', '/api/v1/joint-meetings', bodies.meeting(referralId))).id);
      this.meetingReferrals.set(id, referralId);
      return id;
    }
    if (spec.kind === 'evidence') {
      const id = await this.make(spec.on);
      const base = { clue: 'clues', referral: 'referrals', item: 'rectification-items' }[spec.on.kind];
      await this.step('office', `/api/v1/${base}/${id}/attachments`, MATRIX_EVIDENCE);
      return id;
    }
    if (spec.kind === 'accountability') return this.accountability(spec.stage);
    if (spec.kind === 'proposal') {
      const id = await this.make(spec.on);
      await this.runLate(spec.on.kind === 'item' ? 'rectification' : spec.on.kind, id);
      return id;
    }
    const [id, path, status] =
      spec.kind === 'clue'
        ? [await this.clue(spec.stage, spec.inaction), 'clues', spec.stage]
        : spec.kind === 'referral'
          ? [
              await this.referral(spec.stage, spec.receiver, spec.secret),
              'referrals',
              spec.stage.replace(/:(OrganisationalHandling|Open)$/, ''),
            ]
          : [
              await this.item(spec.stage),
              'rectification-items',
              spec.stage.replace(/^Evaluated(Pass|Fail)$/, 'Evaluated'),
            ];
    const state = (await this.send('dawa-office', 'GET', `/api/v1/${path}/${id}`)).body.state as
      { status?: string; disposal?: { method?: string } } | undefined;
    const actual =
      state?.disposal?.method && state.status === 'Disposing' ? `Disposing:${state.disposal.method}` : state?.status;
    if (actual !== status) throw new Error(`fixture ${spec.kind} ${id} is ${String(actual)}, not ${status}`);
    if (spec.deadline) {
      const { rule, bearer, head, path: base } = DEADLINE_FIXTURE[spec.kind];
      const c = `/api/v1/${base}/${id}`;
      if (spec.deadline === 'ExtensionRequested')
        await this.step(bearer, `${c}/deadline-extensions`, bodies.extensionRequest(rule));
      else await this.step(head, `${c}/deadline-pauses`, bodies.pause(rule));
    }
    return id;
  }

  /**
   * A round launched by the Dawa office head over whatever Dawa items closed in the last year still
   * wait for a look-back (rounds built in parallel take each other's: a round may be empty).
   */
  private async lookBackRound(): Promise<string> {
    return String((await this.step('dawa-office-head', '/api/v1/look-back-rounds', bodies.lookBackRound())).id);
  }

  /** A campaign planned by the Dawa office head and walked by its staff to the stage, read back. */
  private async campaign(stage: CampaignStage): Promise<string> {
    const id = String((await this.step('dawa-office-head', '/api/v1/campaigns', bodies.campaign())).id);
    const c = `/api/v1/campaigns/${id}`;
    const steps: readonly [CampaignStage, string, object][] = [
      ['InProgress', `${c}/start`, {}],
      ['Feedback', `${c}/feedback`, bodies.campaignFeedback()],
      ['Reported', `${c}/circular`, bodies.campaignCircular()],
    ];
    const order: readonly CampaignStage[] = ['Planned', 'InProgress', 'Feedback', 'Reported'];
    for (const [reached, path, body] of steps)
      if (order.indexOf(reached) <= order.indexOf(stage)) await this.step('dawa-office', path, body);
    const status = ((await this.send('dawa-office', 'GET', c)).body.state as { status?: string } | undefined)?.status;
    if (status !== stage) throw new Error(`fixture campaign ${id} is ${String(status)}, not ${stage}`);
    return id;
  }

  /**
   * Walks the case's first open deadline up the ladder to the proposal, as the ticker would on the
   * days each step falls due (the decider reads "today" from the command's `at`; the days lie ahead).
   */
  private async runLate(kind: CaseKind, id: string): Promise<void> {
    const config = createDomainConfig();
    const definition = caseDefinitionOf(createCaseAggregates(config), kind);
    const executor = new CommandExecutor(this.t.app.get<EventStore>(EVENT_STORE));
    const { state } = await executor.load(definition, id);
    const timer = timersOfCase(kind, id, state, config)[0];
    if (!timer) throw new Error(`fixture ${kind} ${id} carries no open deadline`);
    const schedule = scheduleOf(timer, config.ladder, config.calendar);
    const idField = {
      clue: 'clueId',
      referral: 'referralId',
      rectification: 'itemId',
      accountability: 'accountabilityId',
      campaign: 'campaignId',
    }[kind];
    for (const step of ['missed', 'urge', 'proposal'] as const) {
      const fireOn = schedule.find((s) => s.step === step)?.fireOn ?? '';
      const command = {
        type: 'FireDeadlineAlarm',
        actor: DEADLINE_TIMER_ACTOR,
        at: `${fireOn}T09:00:00+08:00`,
        rule: timer.rule,
        dueOn: timer.dueOn,
        step,
        [idField]: id,
      } as never;
      const commandId = alarmCommandId(timer, step);
      await executor.execute(definition, id, command, { commandId, correlationId: commandId });
    }
    this.proposals.set(id, { rule: timer.rule, dueOn: timer.dueOn });
  }

  /** The deadline a 'proposal' fixture's head decides on: the body's `rule` and `dueOn`. */
  proposalOf(id: string): { readonly rule: string; readonly dueOn: string } {
    const proposal = this.proposals.get(id);
    if (!proposal) throw new Error(`no proposal fixture ${id}`);
    return proposal;
  }

  /** Signs a checkpoint as the auditor, so GET …/checkpoints/latest has one to answer. */
  async signCheckpoint(): Promise<void> {
    this.signed = await this.step('auditor', '/api/v1/integrity/checkpoints');
  }

  /** The checkpoint signCheckpoint() signed, as exported: a valid body for POST …/checkpoints/verification. */
  checkpoint(): Record<string, unknown> {
    if (!this.signed) throw new Error('no checkpoint signed yet: call signCheckpoint() first');
    return this.signed;
  }

  /** A Dawa clue registered by the county office and walked to `stage` (its plan has one long-term item). */
  async clue(stage: ClueStage, inaction?: true): Promise<string> {
    const id = String((await this.step('dawa-office', '/api/v1/clues', bodies.clue())).id);
    const at = (s: ClueStage) => clueStages.indexOf(stage) >= clueStages.indexOf(s);
    const c = `/api/v1/clues/${id}`;
    if (at('Analysis')) await this.step('dawa-office', `${c}/analysis`, bodies.analysis());
    if (at('Verification'))
      await this.step('dawa-office-head', `${c}/verification`, {
        ...bodies.verification(),
        ...(inaction ? { category: 'Inaction' } : {}),
      });
    if (at('Supervision')) await this.step('dawa-office-head', `${c}/supervision-instrument`, bodies.instrument());
    if (at('Rectification')) {
      await this.step('dawa-emergency-head', `${c}/rectification-plan`, bodies.plan());
      const { state } = (await this.send('dawa-office', 'GET', c)).body as { state: ClueState };
      for (const { itemId } of state.rectificationItems)
        await this.settled('dawa-office', `/api/v1/rectification-items/${itemId}`);
    }
    if (at('Feedback')) await this.step('dawa-emergency-head', `${c}/rectification-feedback`, bodies.clueFeedback());
    if (at('Evaluation')) await this.step('dawa-office', `${c}/evaluation-start`);
    if (at('Closed')) await this.step('dawa-office-head', `${c}/evaluation`, bodies.pass());
    return id;
  }

  /**
   * A referral proposed on a Dawa clue in Verification, drafted by the county office and walked to
   * `stage`. The appointing-authority path goes Sent → Received → Returned by the Dawa commission,
   * then is re-routed to the city's 任免机关, which receives it.
   */
  async referral(stage: ReferralStage, receiver: Receiver, secret?: true): Promise<string> {
    const clueId = await this.clue('Verification');
    const id = `ref-${randomUUID()}`;
    await this.step('dawa-office', `/api/v1/clues/${clueId}/referral-proposals`, {
      ...bodies.proposal(),
      referralId: id,
    });
    await this.step(
      'dawa-office',
      '/api/v1/referrals',
      bodies.draft(clueId, id, RANKS[receiver], secret ? 'Secret' : 'Internal'),
    );
    const r = `/api/v1/referrals/${id}`;
    const order: readonly string[] = [
      'Draft',
      'Approved',
      'Sent',
      'Received',
      'Accepted',
      'Disposing',
      'CaseFiled',
      'Decided',
      'ResultFedBack',
    ];
    const reach = (s: string) =>
      stage !== 'Returned' && order.indexOf(stage.split(':')[0] ?? stage) >= order.indexOf(s);
    const holder = RECEIVER_ACCOUNT[receiver];
    const outcomes =
      stage === 'Decided:OrganisationalHandling'
        ? bodies.organisationalOutcomes
        : stage === 'Decided:Open'
          ? bodies.openOutcomes
          : bodies.outcomes;
    if (stage === 'Draft') return id;
    await this.step('dawa-office-head', `${r}/approval`, bodies.approval());
    if (stage === 'Approved') return id;
    await this.step('dawa-office', `${r}/sending`, bodies.sending(receiver === 'city' ? 'panjin.ccdi' : 'dawa.ccdi'));
    await this.settled('dawa-office', `/api/v1/clues/${clueId}`, (clue) =>
      Boolean((clue as ClueState | undefined)?.sentReferralIds.includes(id)),
    );
    if (receiver === 'appointing' || stage === 'Returned') {
      await this.step('dawa-ccdi-head', `${r}/receipt`, bodies.receipt());
      await this.step('dawa-ccdi-head', `${r}/return`, bodies.returning());
      if (stage === 'Returned') return id;
      await this.step('dawa-office-head', `${r}/rerouting`, bodies.rerouting());
    }
    if (reach('Received')) await this.step(holder, `${r}/receipt`, bodies.receipt());
    if (reach('Accepted')) await this.step(holder, `${r}/acceptance`);
    if (receiver === 'appointing') {
      // A 任免机关 has no disposal methods: it decides straight after accepting.
      if (reach('Decided')) await this.step(holder, `${r}/outcomes`, outcomes());
      if (reach('ResultFedBack')) await this.step(holder, `${r}/result-feedback`, bodies.resultFeedback());
      return id;
    }
    const method = stage.startsWith('Disposing:') ? stage.slice('Disposing:'.length) : 'PreliminaryVerification';
    if (reach('Disposing')) await this.step(holder, `${r}/disposal`, bodies.disposal(method));
    if (reach('CaseFiled')) await this.step(holder, `${r}/case-filing`, bodies.caseFiling());
    if (reach('Decided')) await this.step(holder, `${r}/outcomes`, outcomes());
    if (reach('ResultFedBack')) await this.step(holder, `${r}/result-feedback`, bodies.resultFeedback());
    return id;
  }

  /** An accountability case the city justice bureau opens on a Dawa clue and decides itself, walked to `stage`. */
  async accountability(stage: AccountabilityStage): Promise<string> {
    const clueId = await this.clue('Registered');
    const id = String((await this.step('justice', '/api/v1/accountability-cases', bodies.accountability(clueId))).id);
    const a = `/api/v1/accountability-cases/${id}`;
    if (stage === 'Opened') return id;
    await this.step('justice', `${a}/investigation`, bodies.accountabilityAct());
    if (stage === 'Investigating') return id;
    await this.step('justice-head', `${a}/decision`, bodies.accountabilityDecision());
    if (stage === 'Decided') return id;
    await this.step('justice', `${a}/execution`, bodies.accountabilityAct());
    return id;
  }

  /** A rectification item assigned by the Dawa office on a Dawa clue to dawa.emergency, walked to `stage`. */
  async item(stage: ItemStage): Promise<string> {
    const clueId = await this.clue('Registered');
    const id = String((await this.step('dawa-office', '/api/v1/rectification-items', bodies.assign(clueId))).id);
    const i = `/api/v1/rectification-items/${id}`;
    if (stage === 'Assigned') return id;
    await this.step('dawa-emergency', `${i}/start`);
    if (stage === 'InProgress') return id;
    await this.step('dawa-emergency-head', `${i}/report`, bodies.itemReport());
    if (stage === 'Reported') return id;
    await this.step('dawa-office', `${i}/evaluation`, stage === 'EvaluatedFail' ? bodies.itemFail() : bodies.pass());
    if (stage === 'Closed') await this.step('dawa-office-head', `${i}/close-out`);
    return id;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; keeps the order of results. */
export const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
