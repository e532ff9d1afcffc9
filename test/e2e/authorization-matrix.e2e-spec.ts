import { createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { EVENT_STORE, EventStore } from '@xj/application';
import { TestApp, startTestApp } from './support/test-app';
import {
  MATRIX_LEDGER,
  ACCOUNTS,
  Account,
  DEADLINE_FIXTURE,
  DeadlineStage,
  CaseFixtureSpec,
  FixtureSpec,
  MatrixFixtures,
  Receiver,
  Reply,
  bodies,
  localDate,
  mapLimit,
  MATRIX_EVIDENCE,
  MATRIX_EVIDENCE_SHA256,
  UploadBody,
} from './support/matrix-fixtures';

/**
 * Every route × every demo account. A case route (commands, reads, history, past state) runs against
 * a Dawa case (panjin/dawa, agency dawa.emergency) in the state the route needs, with a valid body:
 * the allow-list below must get 2xx, everyone else 403 (the case is visible to them but the step is
 * not theirs) or 404 (the case is hidden from them). A role-gated route (integrity, access log,
 * read-model lists) gives the allow-list 2xx and everyone else 403. An allowed command runs on a
 * fresh fixture of its own; the refused calls and the reads share one per row.
 */

// ── Who is who (relative to the Dawa fixtures) ───────────────────────────────────────────────────
/** 法治建设办 and 司法局 whose region covers Dawa: the city ones and Dawa's own (not Panshan's). */
const SUPERVISORS: readonly Account[] = [
  'office',
  'office-head',
  'dawa-office',
  'dawa-office-head',
  'justice',
  'justice-head',
];
const CITY_SUPERVISORS: readonly Account[] = ['office', 'office-head', 'justice', 'justice-head'];
const SUPERVISOR_HEADS: readonly Account[] = ['office-head', 'dawa-office-head', 'justice-head'];
/**
 * The Dawa office drafted the fixture referrals and owns them: only it approves, sends, re-routes
 * and closes them (issue 17 item 4); the city office and the justice bureaux supervise (督办) but do not act.
 */
const OWNING_OFFICE: readonly Account[] = ['dawa-office', 'dawa-office-head'];
const OWNING_OFFICE_HEAD: readonly Account[] = ['dawa-office-head'];
const OWN_AGENCY: readonly Account[] = ['dawa-emergency-head', 'dawa-emergency'];
const ESCALATORS: readonly Account[] = [...SUPERVISORS, 'secretary'];
/** Who decides a proposed rung of the 督办 ladder: a head of 法治建设办, 司法局 or 党委 over the case's region. */
const RUNG_DECIDERS: readonly Account[] = [...SUPERVISOR_HEADS, 'secretary'];

/** Confirm and waive the ladder's proposal on a case of `base` (path prefix) that ran late. */
const proposalRows = (base: string, on: CaseFixtureSpec, sees: readonly Account[]): Row[] => [
  {
    route: `POST ${base}/{id}/escalation-proposals/confirmation`,
    fixture: proposal(on),
    body: (id, fx) => ({ ...fx.proposalOf(id), note: '函询: 限期说明逾期原因' }),
    allow: RUNG_DECIDERS,
    sees,
  },
  {
    route: `POST ${base}/{id}/escalation-proposals/waiver`,
    fixture: proposal(on),
    body: (id, fx) => ({ ...fx.proposalOf(id), reason: '已电话督促, 不再函询' }),
    allow: RUNG_DECIDERS,
    sees,
  },
];

// ── Who sees which case (libs/domain/src/access/case-visibility.rules.ts); a hidden case answers 404 ───────────
const EVERYONE: readonly Account[] = ACCOUNTS;
/** 三员 (issue 18): the system, security and audit administrators; none sees a case. */
const ADMINS: readonly Account[] = ['admin', 'secadmin', 'auditadmin'];
const SEES_CLUE: readonly Account[] = [...SUPERVISORS, 'secretary', ...OWN_AGENCY, 'auditor'];
const SEES_ITEM: readonly Account[] = SEES_CLUE;
/** The agency learns of a clue only once the supervision instrument is served (the domain's CASE_VISIBILITY). */
const SEES_EARLY_CLUE: readonly Account[] = SEES_CLUE.filter((a) => !OWN_AGENCY.includes(a));
/** Before it is sent no receiver sees a referral; afterwards the organisation it went to does. */
const RECEIVER_ACCOUNTS: Record<Receiver, readonly Account[]> = {
  county: ['dawa-ccdi-head'],
  'county-mixed': ['dawa-ccdi-head'],
  city: ['ccdi', 'ccdi-head'],
  appointing: ['org-dept-head'],
};
const seesReferral = (receiver?: Receiver): readonly Account[] => [
  ...SUPERVISORS,
  'secretary',
  'auditor',
  ...(receiver ? RECEIVER_ACCOUNTS[receiver] : []),
];

// ── Who may use a role-gated view at all, whatever region (libs/application/src/projections/read-access.ts) ──
/** 法治建设办, 司法局 and 党委 of any region: they see their region in every view. */
const SUPERVISING_ROLES: readonly Account[] = [
  'office',
  'office-head',
  'dawa-office',
  'dawa-office-head',
  'panshan-office-head',
  'justice',
  'justice-head',
  'secretary',
];
const AGENCIES: readonly Account[] = [...OWN_AGENCY, 'panjin-urban-head'];
/** 纪委监委 and 任免机关: the inbox of what was sent to them, and the statistics of those referrals. */
const RECEIVING_ROLES: readonly Account[] = [
  'ccdi',
  'ccdi-head',
  'dawa-ccdi-head',
  'panshan-ccdi-head',
  'org-dept-head',
];

// ── The matrix ───────────────────────────────────────────────────────────────────────────────────
interface Row {
  /** `METHOD path` exactly as in the OpenAPI document. */
  readonly route: string;
  readonly variant?: string;
  /** The case the route acts on ({id}), or whose id the body names (creating routes). */
  readonly fixture?: FixtureSpec;
  /** The query string (without `?`) the route needs, e.g. the revision of an as-of read. */
  readonly query?: (fixtureId: string) => string;
  readonly body?: (fixtureId: string, fx: MatrixFixtures) => object | Promise<object>;
  /** The account a user-management route acts on ({username}). */
  readonly username?: string;
  /** The organisation an organisation route acts on ({id} without a case). */
  readonly orgId?: string;
  /** The official document a documents route draws up ({type}). */
  readonly documentType?: string;
  /** Exactly these accounts get a 2xx. */
  readonly allow: readonly Account[];
  /** The others get 403 if they are here, 404 if not (EVERYONE on a role-gated route: 403 for the rest). */
  readonly sees: readonly Account[];
}

/** A route gated by role before any case is looked at: the allowed roles get 2xx, every other account 403. */
const gated = (
  route: string,
  allow: readonly Account[],
  rest: Partial<Pick<Row, 'variant' | 'fixture' | 'query' | 'body' | 'username' | 'orgId'>> = {},
): Row => ({
  route,
  allow,
  sees: EVERYONE,
  ...rest,
});

const clue = (stage: Extract<FixtureSpec, { kind: 'clue' }>['stage']): CaseFixtureSpec => ({ kind: 'clue', stage });
const referral = (
  stage: Extract<FixtureSpec, { kind: 'referral' }>['stage'],
  receiver: Receiver = 'county',
): CaseFixtureSpec => ({ kind: 'referral', stage, receiver });
const item = (stage: Extract<FixtureSpec, { kind: 'item' }>['stage']): CaseFixtureSpec => ({ kind: 'item', stage });
const withDeadline = (fixture: CaseFixtureSpec, deadline?: DeadlineStage): CaseFixtureSpec =>
  deadline ? { ...fixture, deadline } : fixture;
/** The case ran late up to the ladder's proposal, which waits for a supervising head. */
const proposal = (on: CaseFixtureSpec): FixtureSpec => ({ kind: 'proposal', on });

const C = '/api/v1/clues';
const R = '/api/v1/referrals';
const I = '/api/v1/rectification-items';

const CLUE_ROWS: readonly Row[] = [
  { route: `POST ${C}`, variant: 'Dawa clue', body: () => bodies.clue(), allow: SUPERVISORS, sees: EVERYONE },
  {
    route: `POST ${C}`,
    variant: 'Panshan clue',
    body: () => bodies.clue('panshan'),
    allow: [...CITY_SUPERVISORS, 'panshan-office-head'],
    sees: EVERYONE,
  },
  { route: `GET ${C}/{id}`, fixture: clue('Rectification'), allow: SEES_CLUE, sees: SEES_CLUE },
  // Seed 004 (DOMAIN.md §8; issue 17 item 8): the 组织部 reads the 行政不作为 clues of its region, field-restricted.
  {
    route: `GET ${C}/{id}`,
    variant: '行政不作为',
    fixture: { kind: 'clue', stage: 'Rectification', inaction: true },
    allow: [...SEES_CLUE, 'org-dept-head'],
    sees: [...SEES_CLUE, 'org-dept-head'],
  },
  {
    route: `POST ${C}/{id}/analysis`,
    fixture: clue('Registered'),
    body: bodies.analysis,
    allow: SUPERVISORS,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `POST ${C}/{id}/dismissal`,
    fixture: clue('Analysis'),
    body: bodies.dismissal,
    allow: SUPERVISOR_HEADS,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `POST ${C}/{id}/verification`,
    fixture: clue('Analysis'),
    body: bodies.verification,
    allow: SUPERVISOR_HEADS,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `POST ${C}/{id}/supervision-instrument`,
    fixture: clue('Verification'),
    body: bodies.instrument,
    allow: SUPERVISOR_HEADS,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `POST ${C}/{id}/follow-up-instrument`,
    fixture: clue('Supervision'),
    body: bodies.followUpInstrument,
    allow: SUPERVISOR_HEADS,
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/rectification-plan`,
    fixture: clue('Supervision'),
    body: bodies.plan,
    allow: ['dawa-emergency-head'],
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/rectification-feedback`,
    fixture: clue('Rectification'),
    body: bodies.clueFeedback,
    allow: ['dawa-emergency-head'],
    sees: SEES_CLUE,
  },
  { route: `POST ${C}/{id}/evaluation-start`, fixture: clue('Feedback'), allow: SUPERVISORS, sees: SEES_CLUE },
  {
    route: `POST ${C}/{id}/evaluation`,
    variant: 'fail → 重新整改',
    fixture: clue('Evaluation'),
    body: bodies.clueFail,
    allow: SUPERVISORS,
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/evaluation`,
    variant: 'pass → 销号',
    fixture: clue('Evaluation'),
    body: bodies.pass,
    allow: SUPERVISOR_HEADS,
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/look-back`,
    fixture: clue('Closed'),
    body: bodies.pass,
    allow: SUPERVISORS,
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/typical-case`,
    fixture: clue('Closed'),
    body: bodies.clueTypicalCase,
    allow: SUPERVISOR_HEADS,
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/referral-proposals`,
    fixture: clue('Analysis'),
    body: bodies.proposal,
    allow: SUPERVISORS,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `POST ${C}/{id}/escalations`,
    variant: '约谈',
    fixture: clue('Rectification'),
    body: () => bodies.escalation('Interview'),
    allow: ESCALATORS,
    sees: SEES_CLUE,
  },
  {
    route: `POST ${C}/{id}/escalations`,
    variant: '批示',
    fixture: clue('Rectification'),
    body: () => bodies.escalation('LeaderInstruction'),
    allow: ['secretary'],
    sees: SEES_CLUE,
  },
  ...proposalRows(C, clue('Supervision'), SEES_CLUE),
  // 抄送 of the instrument (DOMAIN.md §3 CarbonCopy, §9.5; issue 17 item 8): the supervisors of its region.
  {
    route: `POST ${C}/{id}/carbon-copies`,
    fixture: clue('Rectification'),
    body: () => ({ copyTo: [{ orgId: 'panjin.ccdi' }], note: '抄送意见书' }),
    allow: SUPERVISORS,
    sees: SEES_CLUE,
  },
];

const DAWA = ['dawa-ccdi-head'] as const;
const REFERRAL_ROWS: readonly Row[] = [
  {
    route: `POST ${R}`,
    fixture: clue('Analysis'),
    body: (clueId) => bodies.draft(clueId),
    allow: SUPERVISORS,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `GET ${R}/{id}`,
    variant: 'sent to the Dawa commission',
    fixture: referral('Sent'),
    allow: seesReferral('county'),
    sees: seesReferral('county'),
  },
  {
    route: `GET ${R}/{id}`,
    variant: 'sent to the city commission',
    fixture: referral('Sent', 'city'),
    allow: seesReferral('city'),
    sees: seesReferral('city'),
  },
  {
    route: `GET ${R}/{id}`,
    variant: 're-routed to the 任免机关',
    fixture: referral('Sent', 'appointing'),
    allow: seesReferral('appointing'),
    sees: seesReferral('appointing'),
  },
  {
    route: `POST ${R}/{id}/approval`,
    fixture: referral('Draft'),
    body: bodies.approval,
    allow: OWNING_OFFICE_HEAD,
    sees: seesReferral(),
  },
  {
    route: `POST ${R}/{id}/sending`,
    fixture: referral('Approved'),
    body: () => bodies.sending('dawa.ccdi'),
    allow: OWNING_OFFICE,
    sees: seesReferral(),
  },
  {
    route: `POST ${R}/{id}/receipt`,
    variant: 'Dawa commission',
    fixture: referral('Sent'),
    body: bodies.receipt,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/receipt`,
    variant: 'city commission (案管室 staff may)',
    fixture: referral('Sent', 'city'),
    body: bodies.receipt,
    allow: ['ccdi', 'ccdi-head'],
    sees: seesReferral('city'),
  },
  {
    route: `POST ${R}/{id}/receipt`,
    variant: '任免机关',
    fixture: referral('Sent', 'appointing'),
    body: bodies.receipt,
    allow: ['org-dept-head'],
    sees: seesReferral('appointing'),
  },
  {
    route: `POST ${R}/{id}/forwarding`,
    // Its 县处级 s-2 is the city's (DOMAIN.md Decision 5): the city commission is competent to receive it.
    fixture: referral('Received', 'county-mixed'),
    body: bodies.forwarding,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/return`,
    fixture: referral('Received'),
    body: bodies.returning,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/rerouting`,
    fixture: referral('Returned'),
    body: bodies.rerouting,
    allow: OWNING_OFFICE_HEAD,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/acceptance`,
    variant: 'Dawa commission',
    fixture: referral('Received'),
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/acceptance`,
    variant: '任免机关',
    fixture: referral('Received', 'appointing'),
    allow: ['org-dept-head'],
    sees: seesReferral('appointing'),
  },
  {
    route: `POST ${R}/{id}/partial-acceptance`,
    fixture: referral('Received', 'county-mixed'),
    body: bodies.partial,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/partial-return`,
    fixture: referral('Received', 'county-mixed'),
    body: bodies.partialReturn,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/disposal`,
    variant: 'Dawa commission',
    fixture: referral('Accepted'),
    body: () => bodies.disposal(),
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/disposal`,
    variant: 'city commission: head only',
    fixture: referral('Accepted', 'city'),
    body: () => bodies.disposal(),
    allow: ['ccdi-head'],
    sees: seesReferral('city'),
  },
  {
    route: `POST ${R}/{id}/resumption`,
    fixture: referral('Disposing:ShelvedPending'),
    body: bodies.resumption,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/talk-or-inquiry-held`,
    fixture: referral('Disposing:TalkOrInquiryLetter'),
    body: bodies.talkHeld,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/talk-or-inquiry-result`,
    fixture: referral('Disposing:TalkOrInquiryLetter'),
    body: bodies.talk,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/case-filing`,
    variant: 'Dawa commission',
    fixture: referral('Disposing:PreliminaryVerification'),
    body: bodies.caseFiling,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/case-filing`,
    variant: 'city commission: head only',
    fixture: referral('Disposing:PreliminaryVerification', 'city'),
    body: bodies.caseFiling,
    allow: ['ccdi-head'],
    sees: seesReferral('city'),
  },
  {
    route: `POST ${R}/{id}/verification-conclusion`,
    variant: 'Dawa commission',
    fixture: referral('Disposing:PreliminaryVerification'),
    body: bodies.conclusion,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/verification-conclusion`,
    variant: 'city commission',
    fixture: referral('Disposing:PreliminaryVerification', 'city'),
    body: bodies.conclusion,
    allow: ['ccdi', 'ccdi-head'],
    sees: seesReferral('city'),
  },
  {
    route: `POST ${R}/{id}/outcomes`,
    variant: 'Dawa commission',
    fixture: referral('CaseFiled'),
    body: bodies.outcomes,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/outcomes`,
    variant: '任免机关',
    fixture: referral('Accepted', 'appointing'),
    body: bodies.outcomes,
    allow: ['org-dept-head'],
    sees: seesReferral('appointing'),
  },
  {
    route: `POST ${R}/{id}/outcomes-complete`,
    fixture: referral('Decided:Open'),
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/result-feedback`,
    fixture: referral('Decided'),
    body: bodies.resultFeedback,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/organisational-handling-done`,
    fixture: referral('Decided:OrganisationalHandling'),
    body: bodies.organisationalHandlingDone,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/typical-case`,
    fixture: referral('ResultFedBack'),
    body: bodies.typicalCase,
    allow: DAWA,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/closure`,
    fixture: referral('ResultFedBack'),
    allow: OWNING_OFFICE,
    sees: seesReferral('county'),
  },
  {
    route: `POST ${R}/{id}/escalations`,
    fixture: referral('Sent'),
    body: () => bodies.escalation(),
    allow: ESCALATORS,
    sees: seesReferral('county'),
  },
  ...proposalRows(R, referral('Received'), seesReferral('county')),
  // 抄送 of a referral (DOMAIN.md §3 CarbonCopy, §9.5; issue 17 item 8): the office side or the holder.
  {
    route: `POST ${R}/{id}/carbon-copies`,
    fixture: referral('Received'),
    body: () => ({ copyTo: [{ orgId: 'panjin.org-dept' }], note: '抄送移送函' }),
    allow: [...SUPERVISORS, ...DAWA],
    sees: seesReferral('county'),
  },
  // 机密 (issue 17 item 8; 保密法 2010 art. 16): only its 知悉范围 sees it — the drafter, the heads of the
  // owning office and of the holder, the auditor — and the holder's head names its own staff.
  {
    route: `POST ${R}/{id}/handlers`,
    variant: '机密, held by the city commission',
    fixture: { kind: 'referral', stage: 'Sent', receiver: 'city', secret: true },
    body: () => ({ userIds: ['user-ccdi'] }),
    allow: ['ccdi-head'],
    sees: ['dawa-office', 'dawa-office-head', 'ccdi-head', 'auditor'],
  },
  {
    route: `POST ${R}/{id}/handlers`,
    variant: '机密, the owning office names its staff',
    fixture: { kind: 'referral', stage: 'Sent', receiver: 'city', secret: true },
    body: () => ({ userIds: ['user-dawa-office'] }),
    allow: ['dawa-office-head'],
    sees: ['dawa-office', 'dawa-office-head', 'ccdi-head', 'auditor'],
  },
  {
    route: `GET ${R}/{id}`,
    variant: '机密',
    fixture: { kind: 'referral', stage: 'Sent', receiver: 'city', secret: true },
    allow: ['dawa-office', 'dawa-office-head', 'ccdi-head', 'auditor'],
    sees: ['dawa-office', 'dawa-office-head', 'ccdi-head', 'auditor'],
  },
];

// ── 追责问责 outside the commission (issue 17): the city justice bureau opened it on a Dawa clue and decides it ──
const A = '/api/v1/accountability-cases';
const accountability = (stage: Extract<FixtureSpec, { kind: 'accountability' }>['stage']): FixtureSpec => ({
  kind: 'accountability',
  stage,
});
/** The supervising offices of the region, the party leadership and the auditor; never the commission. */
const SEES_ACCOUNTABILITY: readonly Account[] = [...SUPERVISORS, 'secretary', 'auditor'];
const DECIDING_BUREAU: readonly Account[] = ['justice', 'justice-head'];
const ACCOUNTABILITY_ROWS: readonly Row[] = [
  // Naming the city justice bureau as the decider: a county office may not (outside its region), an agency
  // opens only its own cases; a caller who cannot see the clue is answered 404.
  {
    route: `POST ${A}`,
    fixture: clue('Rectification'),
    body: (clueId) => bodies.accountability(clueId),
    allow: CITY_SUPERVISORS,
    sees: SEES_CLUE,
  },
  { route: `GET ${A}/{id}`, fixture: accountability('Opened'), allow: SEES_ACCOUNTABILITY, sees: SEES_ACCOUNTABILITY },
  {
    route: `POST ${A}/{id}/investigation`,
    fixture: accountability('Opened'),
    body: () => bodies.accountabilityAct(),
    allow: DECIDING_BUREAU,
    sees: SEES_ACCOUNTABILITY,
  },
  {
    route: `POST ${A}/{id}/decision`,
    fixture: accountability('Investigating'),
    body: () => bodies.accountabilityDecision(),
    allow: ['justice-head'],
    sees: SEES_ACCOUNTABILITY,
  },
  {
    route: `POST ${A}/{id}/withdrawal`,
    fixture: accountability('Investigating'),
    body: () => bodies.accountabilityWithdrawal(),
    allow: ['justice-head'],
    sees: SEES_ACCOUNTABILITY,
  },
  {
    route: `POST ${A}/{id}/execution`,
    fixture: accountability('Decided'),
    body: () => bodies.accountabilityAct(),
    allow: DECIDING_BUREAU,
    sees: SEES_ACCOUNTABILITY,
  },
  {
    route: `POST ${A}/{id}/archiving`,
    fixture: accountability('Executed'),
    body: () => bodies.accountabilityAct(),
    allow: DECIDING_BUREAU,
    sees: SEES_ACCOUNTABILITY,
  },
  {
    route: 'GET /api/v1/cases/{kind}/{id}/actions',
    variant: 'accountability',
    fixture: accountability('Investigating'),
    allow: SEES_ACCOUNTABILITY,
    sees: SEES_ACCOUNTABILITY,
  },
  // Its history and past state, as for the other kinds (recorded in the access log).
  {
    route: `GET ${A}/{id}/history`,
    fixture: accountability('Decided'),
    allow: SEES_ACCOUNTABILITY,
    sees: SEES_ACCOUNTABILITY,
  },
  {
    route: `GET ${A}/{id}/as-of`,
    fixture: accountability('Decided'),
    query: () => `revision=0`,
    allow: SEES_ACCOUNTABILITY,
    sees: SEES_ACCOUNTABILITY,
  },
];

const ITEM_ROWS: readonly Row[] = [
  {
    route: `POST ${I}`,
    fixture: clue('Registered'),
    body: (clueId) => bodies.assign(clueId),
    allow: SUPERVISORS,
    sees: SEES_EARLY_CLUE,
  },
  { route: `GET ${I}/{id}`, fixture: item('InProgress'), allow: SEES_ITEM, sees: SEES_ITEM },
  { route: `POST ${I}/{id}/start`, fixture: item('Assigned'), allow: OWN_AGENCY, sees: SEES_ITEM },
  {
    route: `POST ${I}/{id}/report`,
    fixture: item('InProgress'),
    body: bodies.itemReport,
    allow: ['dawa-emergency-head'],
    sees: SEES_ITEM,
  },
  {
    route: `POST ${I}/{id}/evaluation`,
    fixture: item('Reported'),
    body: bodies.pass,
    allow: SUPERVISORS,
    sees: SEES_ITEM,
  },
  { route: `POST ${I}/{id}/close-out`, fixture: item('EvaluatedPass'), allow: SUPERVISOR_HEADS, sees: SEES_ITEM },
  {
    route: `POST ${I}/{id}/reopening`,
    fixture: item('EvaluatedFail'),
    body: bodies.reopening,
    allow: SUPERVISORS,
    sees: SEES_ITEM,
  },
  {
    route: `POST ${I}/{id}/look-back-schedule`,
    fixture: item('Closed'),
    body: bodies.lookBackSchedule,
    allow: SUPERVISORS,
    sees: SEES_ITEM,
  },
  {
    route: `POST ${I}/{id}/look-back`,
    fixture: item('Closed'),
    body: bodies.pass,
    allow: SUPERVISORS,
    sees: SEES_ITEM,
  },
  {
    route: `POST ${I}/{id}/escalations`,
    fixture: item('InProgress'),
    body: () => bodies.escalation(),
    allow: ESCALATORS,
    sees: SEES_ITEM,
  },
  ...proposalRows(I, item('InProgress'), SEES_ITEM),
];

/**
 * History, past state and explanation follow the case GETs (apps/api/src/audit/case-audit.service.ts):
 * whoever may read the case now reads these too — the agency its clue redacted — and a past state
 * only if the caller could have seen the case as it stood then: the agency sees no clue before the
 * instrument is served, and no receiver sees a referral before it is sent to it. Clue revisions:
 * 0 registered, 1 analysis, 2 verification, 3 instrument served. Referral: 0 drafted, 1 approved, 2 sent.
 */
const revision = (n: number) => () => `revision=${n}`;
const AUDIT_ROWS: readonly Row[] = [
  { route: `GET ${C}/{id}/history`, fixture: clue('Rectification'), allow: SEES_CLUE, sees: SEES_CLUE },
  {
    route: `GET ${C}/{id}/history`,
    variant: 'before the instrument',
    fixture: clue('Verification'),
    allow: SEES_EARLY_CLUE,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `GET ${C}/{id}/as-of`,
    variant: 'as the instrument was served',
    fixture: clue('Rectification'),
    query: revision(3),
    allow: SEES_CLUE,
    sees: SEES_CLUE,
  },
  {
    route: `GET ${C}/{id}/as-of`,
    variant: 'as it stood just before the instrument',
    fixture: clue('Rectification'),
    query: revision(2),
    allow: SEES_EARLY_CLUE,
    sees: SEES_EARLY_CLUE,
  },
  {
    route: `GET ${R}/{id}/history`,
    variant: 'sent to the Dawa commission',
    fixture: referral('Sent'),
    allow: seesReferral('county'),
    sees: seesReferral('county'),
  },
  {
    route: `GET ${R}/{id}/history`,
    variant: 'sent to the city commission',
    fixture: referral('Sent', 'city'),
    allow: seesReferral('city'),
    sees: seesReferral('city'),
  },
  {
    route: `GET ${R}/{id}/as-of`,
    variant: 'as sent',
    fixture: referral('Sent'),
    query: revision(2),
    allow: seesReferral('county'),
    sees: seesReferral('county'),
  },
  {
    route: `GET ${R}/{id}/as-of`,
    variant: 'as drafted, before it was sent',
    fixture: referral('Sent'),
    query: revision(0),
    allow: seesReferral(),
    sees: seesReferral(),
  },
  {
    route: `GET ${R}/{id}/explanation`,
    fixture: referral('Sent'),
    allow: seesReferral('county'),
    sees: seesReferral('county'),
  },
  {
    route: `GET ${R}/{id}/explanation`,
    variant: 're-routed to the 任免机关',
    fixture: referral('Sent', 'appointing'),
    allow: seesReferral('appointing'),
    sees: seesReferral('appointing'),
  },
  { route: `GET ${I}/{id}/history`, fixture: item('InProgress'), allow: SEES_ITEM, sees: SEES_ITEM },
  { route: `GET ${I}/{id}/as-of`, fixture: item('InProgress'), query: revision(0), allow: SEES_ITEM, sees: SEES_ITEM },
];

/**
 * The logs (issue 18, 三员分立): the access log is queried by the auditor (about a case) and the audit
 * administrator; the administration log is read, and both are exported, by the audit administrator only.
 */
const LOG_ROWS: readonly Row[] = [
  gated('GET /api/v1/audit/access-log', ['auditor', 'auditadmin'], {
    fixture: clue('Rectification'),
    query: (clueId) => `caseKind=clue&caseId=${clueId}`,
  }),
  gated('GET /api/v1/audit/administration-log', ['auditadmin']),
  ...['administration-log', 'access-log'].flatMap((log) =>
    ['csv', 'xlsx', 'json'].map((extension) => gated(`GET /api/v1/audit/${log}/export.${extension}`, ['auditadmin'])),
  ),
];

/** Auditors only: tamper evidence (apps/api/src/integrity) and past states of the read models. */
const AUDITOR_ROWS: readonly Row[] = [
  gated('GET /api/v1/audit/read-models/{name}/as-of', ['auditor'], {
    query: () => `at=${encodeURIComponent(new Date().toISOString())}&limit=5`,
  }),
  gated('POST /api/v1/integrity/verification', ['auditor'], { body: () => ({}) }),
  gated('POST /api/v1/integrity/checkpoints', ['auditor']),
  gated('GET /api/v1/integrity/checkpoints', ['auditor']),
  gated('GET /api/v1/integrity/checkpoints/latest', ['auditor']),
  gated('POST /api/v1/integrity/checkpoints/verification', ['auditor'], { body: (_id, fx) => fx.checkpoint() }),
];

/**
 * Integrity breaches (apps/api/src/integrity/integrity-breaches.controller.ts) are about the system,
 * not a case: auditors and the administrator see them; only the administrator acknowledges one —
 * with no breach recorded here, its acknowledgement reaches the lookup and finds none (404).
 */
const BREACH_ROWS: readonly Row[] = [
  gated('GET /api/v1/integrity/breaches', ['auditor', 'admin', 'secadmin']),
  {
    route: 'POST /api/v1/integrity/breach-acknowledgements',
    variant: 'no such breach',
    body: () => ({ breachId: '00000000-0000-4000-8000-000000000000', reason: 'matrix' }),
    allow: [],
    // The security administrator acknowledges (三员分立): it gets past the role check to the lookup.
    sees: EVERYONE.filter((account) => account !== 'secadmin'),
  },
];

/**
 * The calendar (apps/api/src/calendar): everyone signed in reads the holiday tables; only the
 * administrator sets one (here the shipped 2026 table again, which changes nothing).
 */
const CALENDAR_ROWS: readonly Row[] = [
  gated('GET /api/v1/calendar', EVERYONE),
  gated('GET /api/v1/calendar/{year}', EVERYONE),
  gated('PUT /api/v1/calendar/{year}', ['admin'], { body: () => bodies.holidayYear2026() }),
];

/**
 * The read-model lists (read-access.ts accessFilter): which roles may use the view; what is in it is
 * filtered and tested elsewhere, the statistics against the cases each account opens at the end of this file.
 */
const LIST_ROWS: readonly Row[] = [
  // 抄送 (issue 17 item 8): an agency lists the referrals copied to it, a commission or the 组织部 the clues.
  gated('GET /api/v1/inbox', [...SUPERVISING_ROLES, ...RECEIVING_ROLES, ...AGENCIES, 'auditor']),
  gated('GET /api/v1/ledgers/clues', [...SUPERVISING_ROLES, ...AGENCIES, ...RECEIVING_ROLES, 'auditor']),
  gated('GET /api/v1/ledgers/rectification', [...SUPERVISING_ROLES, ...AGENCIES, 'auditor']),
  // 追责问责台账 (issue 17): an agency lists the cases it decides; the commission and the 任免机关 none.
  gated('GET /api/v1/ledgers/accountability', [...SUPERVISING_ROLES, ...AGENCIES, 'auditor']),
  gated('GET /api/v1/ledgers/corrected-cases', [...SUPERVISING_ROLES, 'auditor']),
  gated('GET /api/v1/ledgers/corrected-cases', [...SUPERVISING_ROLES, 'auditor'], {
    variant: 'format=csv',
    query: () => 'format=csv',
  }),
  gated('GET /api/v1/ledgers/corrected-cases/export.csv', [...SUPERVISING_ROLES, 'auditor']),
  gated('GET /api/v1/statistics', [...SUPERVISING_ROLES, ...RECEIVING_ROLES, 'auditor']),
  // 年度报告 (issue 17): the statistics of a business year, the same readers (read-access.ts statisticsFilters).
  ...['annual', 'annual.xlsx', 'annual.docx'].map((route) =>
    gated(`GET /api/v1/reports/${route}`, [...SUPERVISING_ROLES, ...RECEIVING_ROLES, 'auditor'], {
      query: () => 'year=2026',
    }),
  ),
  // Escalations against organisations: every organisation lists those it may see (at least its own); administrators none.
  gated(
    'GET /api/v1/escalations',
    EVERYONE.filter((account) => !ADMINS.includes(account)),
  ),
  // The files of the ledgers (issue 16): the same roles as the JSON ledger they export.
  gated('GET /api/v1/ledgers/clues/export.csv', [...SUPERVISING_ROLES, ...AGENCIES, ...RECEIVING_ROLES, 'auditor']),
  gated('GET /api/v1/ledgers/clues/export.xlsx', [...SUPERVISING_ROLES, ...AGENCIES, ...RECEIVING_ROLES, 'auditor']),
  gated('GET /api/v1/ledgers/rectification/export.csv', [...SUPERVISING_ROLES, ...AGENCIES, 'auditor']),
  gated('GET /api/v1/ledgers/rectification/export.xlsx', [...SUPERVISING_ROLES, ...AGENCIES, 'auditor']),
  gated('GET /api/v1/ledgers/corrected-cases', [...SUPERVISING_ROLES, 'auditor'], {
    variant: 'format=xlsx',
    query: () => 'format=xlsx',
  }),
  gated('GET /api/v1/ledgers/corrected-cases/export.xlsx', [...SUPERVISING_ROLES, 'auditor']),
  // The 督办 lists over the deadline timers (libs/application/src/deadlines/deadline-queries.ts).
  gated('GET /api/v1/ledgers/overdue', [...SUPERVISING_ROLES, ...AGENCIES, ...RECEIVING_ROLES, 'auditor']),
  gated('GET /api/v1/escalation-proposals', [...SUPERVISING_ROLES, 'auditor']),
  // 历史补录 (issue 19 §3, requireLedgerImporter): the office and the justice bureau import their own
  // ledger; a dry run, so every allowed account gets its report and nothing is written.
  gated(
    'POST /api/v1/imports/ledgers',
    SUPERVISING_ROLES.filter((a) => a !== 'secretary'),
    { query: () => 'kind=clue&dryRun=true', body: () => MATRIX_LEDGER },
  ),
];

/**
 * 延期申请 and 中止/恢复 (apps/api/src/cases/case-deadlines.controller.ts): the party bearing the
 * deadline asks; the supervising head decides, pauses and resumes — on a referral's acceptance
 * period both are the holding commission (here the Dawa commission, whose one account is its head).
 */
const deadlineRows = (
  kind: keyof typeof DEADLINE_FIXTURE,
  fixture: CaseFixtureSpec,
  asks: readonly Account[],
  decides: readonly Account[],
  sees: readonly Account[],
): Row[] => {
  const { rule, path } = DEADLINE_FIXTURE[kind];
  const base = `/api/v1/${path}/{id}`;
  return [
    {
      route: `POST ${base}/deadline-extensions`,
      fixture,
      body: () => bodies.extensionRequest(rule),
      allow: asks,
      sees,
    },
    {
      route: `POST ${base}/deadline-extension-approvals`,
      fixture: withDeadline(fixture, 'ExtensionRequested'),
      body: bodies.extensionApproval,
      allow: decides,
      sees,
    },
    {
      route: `POST ${base}/deadline-extension-refusals`,
      fixture: withDeadline(fixture, 'ExtensionRequested'),
      body: bodies.extensionRefusal,
      allow: decides,
      sees,
    },
    { route: `POST ${base}/deadline-pauses`, fixture, body: () => bodies.pause(rule), allow: decides, sees },
    {
      route: `POST ${base}/deadline-resumptions`,
      fixture: withDeadline(fixture, 'Paused'),
      body: () => bodies.deadlineResumption(rule),
      allow: decides,
      sees,
    },
  ];
};
const DEADLINE_ROWS: readonly Row[] = [
  ...deadlineRows('clue', clue('Supervision'), OWN_AGENCY, SUPERVISOR_HEADS, SEES_CLUE),
  // The same clue's transfer period (a situation was claimed at verification) is the supervisors' own.
  {
    route: 'POST /api/v1/clues/{id}/deadline-extensions',
    variant: "the transfer period (the supervisors')",
    fixture: clue('Supervision'),
    body: () => bodies.extensionRequest('TransferAfterConditionsMet'),
    allow: SUPERVISORS,
    sees: SEES_CLUE,
  },
  ...deadlineRows('referral', referral('Received'), ['dawa-ccdi-head'], ['dawa-ccdi-head'], seesReferral('county')),
  ...deadlineRows('item', item('InProgress'), OWN_AGENCY, SUPERVISOR_HEADS, SEES_ITEM),
];

/**
 * 法治督察 campaigns (issue 17, apps/api/src/cases/campaigns.controller.ts): an office head plans
 * one over its region; the planning office's staff and head record; its head closes. Seen by the
 * supervising side of the region, the region's commissions (Bijie copies 督察 results to them) and
 * the auditor — not by the agencies, whose part reaches them as clues.
 */
const SEES_CAMPAIGN: readonly Account[] = [
  ...SUPERVISORS,
  'secretary',
  'ccdi',
  'ccdi-head',
  'dawa-ccdi-head',
  'auditor',
];
const P = '/api/v1/campaigns';
const campaign = (stage: Extract<FixtureSpec, { kind: 'campaign' }>['stage']): FixtureSpec => ({
  kind: 'campaign',
  stage,
});
/**
 * 回头看 rounds (issue 17, apps/api/src/look-back-rounds): launched by a supervising head whose region
 * covers the round's (Dawa); read by the supervising side of the region and the auditor.
 */
const SEES_ROUND: readonly Account[] = [...SUPERVISORS, 'secretary', 'auditor'];
const LOOK_BACK_ROWS: readonly Row[] = [
  gated('POST /api/v1/look-back-rounds', SUPERVISOR_HEADS, {
    fixture: { kind: 'lookBackRound' },
    body: () => bodies.lookBackRound(),
  }),
  {
    route: 'GET /api/v1/look-back-rounds/{id}',
    fixture: { kind: 'lookBackRound' },
    allow: SEES_ROUND,
    sees: SEES_ROUND,
  },
];
/**
 * 联席会议 (issue 17, apps/api/src/joint-meetings): recorded and linked by the office or the commission
 * of a region covering the meeting's (Dawa) that sees the cases it names (a referral sent to the Dawa
 * commission); read by those sides and the party committee of the region, and the auditor.
 */
const MEETING_SIDES: readonly Account[] = [
  'office',
  'office-head',
  'dawa-office',
  'dawa-office-head',
  'dawa-ccdi-head',
];
const SEES_MEETING: readonly Account[] = [
  'office',
  'office-head',
  'dawa-office',
  'dawa-office-head',
  'ccdi',
  'ccdi-head',
  'dawa-ccdi-head',
  'secretary',
  'auditor',
];
const MEETING_ROWS: readonly Row[] = [
  {
    route: 'POST /api/v1/joint-meetings',
    fixture: referral('Sent'),
    body: (referralId) => bodies.meeting(referralId),
    allow: MEETING_SIDES,
    sees: seesReferral('county'),
  },
  {
    route: 'POST /api/v1/joint-meetings/{id}/links',
    fixture: { kind: 'meeting' },
    body: (id, fx) => fx.meetingLinkOf(id),
    allow: MEETING_SIDES,
    // Those who see the meeting and the referral: the city commission does not see the county's referral.
    sees: [...MEETING_SIDES, 'secretary', 'auditor'],
  },
  { route: 'GET /api/v1/joint-meetings/{id}', fixture: { kind: 'meeting' }, allow: SEES_MEETING, sees: SEES_MEETING },
  {
    route: 'GET /api/v1/cases/{kind}/{id}/meetings',
    fixture: referral('Sent'),
    allow: seesReferral('county'),
    sees: seesReferral('county'),
  },
];
const CAMPAIGN_ROWS: readonly Row[] = [
  gated(`POST ${P}`, ['office-head', 'dawa-office-head'], { body: () => bodies.campaign() }),
  { route: `GET ${P}/{id}`, fixture: campaign('InProgress'), allow: SEES_CAMPAIGN, sees: SEES_CAMPAIGN },
  { route: `GET ${P}/{id}/figures`, fixture: campaign('Feedback'), allow: SEES_CAMPAIGN, sees: SEES_CAMPAIGN },
  { route: `POST ${P}/{id}/start`, fixture: campaign('Planned'), allow: OWNING_OFFICE, sees: SEES_CAMPAIGN },
  {
    route: `POST ${P}/{id}/findings`,
    fixture: campaign('InProgress'),
    body: () => bodies.finding(),
    allow: OWNING_OFFICE,
    sees: SEES_CAMPAIGN,
  },
  {
    route: `POST ${P}/{id}/feedback`,
    fixture: campaign('InProgress'),
    body: () => bodies.campaignFeedback(),
    allow: OWNING_OFFICE,
    sees: SEES_CAMPAIGN,
  },
  {
    route: `POST ${P}/{id}/circular`,
    fixture: campaign('Feedback'),
    body: () => bodies.campaignCircular(),
    allow: OWNING_OFFICE,
    sees: SEES_CAMPAIGN,
  },
  { route: `POST ${P}/{id}/close`, fixture: campaign('Reported'), allow: OWNING_OFFICE_HEAD, sees: SEES_CAMPAIGN },
  { route: `GET ${P}/{id}/history`, fixture: campaign('InProgress'), allow: SEES_CAMPAIGN, sees: SEES_CAMPAIGN },
  {
    route: `GET ${P}/{id}/as-of`,
    fixture: campaign('InProgress'),
    query: revision(0),
    allow: SEES_CAMPAIGN,
    sees: SEES_CAMPAIGN,
  },
];

/**
 * Escalations against an organisation (apps/api/src/escalations): raised by the offices, justice
 * bureaus and party committee whose region covers the target (here the Dawa agency); the fixture,
 * raised by the city office, is seen by the target, the raiser's office, the target's supervisors and
 * the auditor — 404 for everyone else.
 */
const ESCALATION_ROWS: readonly Row[] = [
  gated('POST /api/v1/escalations', ESCALATORS, { body: () => bodies.orgEscalation() }),
  { route: 'GET /api/v1/escalations/{id}', fixture: { kind: 'escalation' }, allow: SEES_CLUE, sees: SEES_CLUE },
];

/**
 * Notifications (apps/api/src/notifications): everyone signed in reads and marks their own (what is in
 * them is filtered and tested in the notifications specs); marking an id that is none of the caller's
 * answers 404 for everyone; the administrator (who runs the senders) and the auditor see the outbox's
 * parked deliveries (case numbers and kinds, no content).
 */
const NOTIFICATION_ROWS: readonly Row[] = [
  gated('GET /api/v1/notifications', EVERYONE),
  gated('GET /api/v1/notifications/outbox/parked', ['admin', 'auditor']),
  gated('POST /api/v1/notifications/read', EVERYONE, {
    body: () => ({ ids: ['00000000-0000-8000-8000-000000000000'] }),
  }),
  {
    route: 'POST /api/v1/notifications/{id}/read',
    variant: 'no such notification',
    allow: [],
    sees: [],
  },
];

/**
 * User management (issue 18, apps/api/src/accounts): the system administrator administers, the
 * security administrator grants roles and resets second factors (三员分立) and reads the accounts, the
 * auditor reads as it reads everything, every other account is refused by role. Demo accounts are not
 * administered, so the rows act on accounts of their own that the administrator creates first
 * ({username}; matrix-enable is disabled beforehand). Changing one's own password with a wrong
 * current one is refused to everyone, and changes nothing (the matrix's tokens stay valid).
 */
const MATRIX_ACCOUNTS = ['matrix-disable', 'matrix-enable', 'matrix-reset', 'matrix-change', 'matrix-role'] as const;
const newAccount = (username: string) => ({
  username,
  displayName: '矩阵测试',
  role: 'RuleOfLawOffice',
  orgId: 'dawa.rol-office',
  position: 'Staff',
});
/** matrix-mfa changes its one-time password and begins enrolling a second factor. */
const beginEnrolment = async (t: TestApp, created: Record<string, unknown>): Promise<void> => {
  const once = String(created['oneTimePassword']);
  const login = async (password: string): Promise<string> =>
    (await t.http().post('/api/v1/auth/token').send({ username: 'matrix-mfa', password }).expect(200)).body
      .accessToken as string;
  const first = await login(once);
  await t
    .http()
    .post('/api/v1/auth/password')
    .set('Authorization', `Bearer ${first}`)
    .send({ currentPassword: once, newPassword: 'Matrix-second-77' })
    .expect(204);
  const token = await login('Matrix-second-77');
  await t.http().post('/api/v1/auth/second-factor/enrolment').set('Authorization', `Bearer ${token}`).expect(201);
};
const ACCOUNT_ROWS: readonly Row[] = [
  gated('GET /api/v1/accounts', ['admin', 'secadmin', 'auditor']),
  gated('POST /api/v1/accounts', ['admin'], { body: () => newAccount('matrix-created') }),
  gated('GET /api/v1/accounts/{username}', ['admin', 'secadmin', 'auditor'], { username: 'matrix-change' }),
  gated('PATCH /api/v1/accounts/{username}', ['admin'], {
    username: 'matrix-change',
    body: () => ({ position: 'Head' }),
  }),
  gated('PATCH /api/v1/accounts/{username}', ['secadmin'], {
    variant: 'role change',
    username: 'matrix-role',
    body: () => ({ role: 'JusticeBureau', orgId: 'panjin.justice' }),
  }),
  gated('POST /api/v1/accounts/{username}/disable', ['admin'], { username: 'matrix-disable', body: () => ({}) }),
  gated('POST /api/v1/accounts/{username}/enable', ['admin'], { username: 'matrix-enable' }),
  gated('POST /api/v1/accounts/{username}/reset-password', ['admin'], { username: 'matrix-reset' }),
  gated('POST /api/v1/auth/password', [], {
    variant: 'wrong current password',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'Never-applied-2026' }),
  }),
  // The second factor: matrix-mfa has an enrolment begun (beforeAll) for the security administrator to reset.
  gated('POST /api/v1/accounts/{username}/reset-second-factor', ['secadmin'], { username: 'matrix-mfa' }),
  // Anyone may begin enrolling their own; it changes no login until a code confirms it.
  gated('POST /api/v1/auth/second-factor/enrolment', EVERYONE),
  // A wrong code is refused to everyone (the chance that 000000 is an account's code is ~1e-6 per account).
  gated('POST /api/v1/auth/second-factor/enrolment/confirmation', [], {
    variant: 'wrong code',
    body: () => ({ code: '000000' }),
  }),
];

/**
 * Reference data for the workbench's forms and labels (issue 16): every signed-in account reads
 * them (nothing in them names a case; the organisations and regions are cut to the caller's
 * region, the users to its organisation — lookups in catalogue.e2e-spec.ts).
 */
const REFERENCE_ROWS: readonly Row[] = [
  gated('GET /api/v1/auth/session', EVERYONE),
  gated('GET /api/v1/catalogue', EVERYONE),
  gated('GET /api/v1/lookups/situations', EVERYONE),
  gated('GET /api/v1/lookups/outcomes', EVERYONE),
  gated('GET /api/v1/lookups/organisations', EVERYONE),
  gated('GET /api/v1/lookups/regions', EVERYONE),
  gated('GET /api/v1/lookups/users', EVERYONE),
];

/** What a caller may do on a case: anyone who sees it may ask (the answer may be an empty list). */
const ACTIONS = 'GET /api/v1/cases/{kind}/{id}/actions';
const ACTION_ROWS: readonly Row[] = [
  { route: ACTIONS, variant: 'clue', fixture: clue('Analysis'), allow: SEES_EARLY_CLUE, sees: SEES_EARLY_CLUE },
  {
    route: ACTIONS,
    variant: 'referral',
    fixture: referral('Received'),
    allow: seesReferral('county'),
    sees: seesReferral('county'),
  },
  { route: ACTIONS, variant: 'item', fixture: item('Reported'), allow: SEES_ITEM, sees: SEES_ITEM },
  { route: ACTIONS, variant: 'campaign', fixture: campaign('InProgress'), allow: SEES_CAMPAIGN, sees: SEES_CAMPAIGN },
];

/** The cases controllers: the workflow commands and the case GETs. */
/**
 * Evidence (issue 19 §1): whoever sees the case attaches (read-only roles aside), lists and
 * downloads; a file the case's own event references, attached by the city office.
 */
const evidenceRows = (base: string, on: CaseFixtureSpec, sees: readonly Account[]): Row[] => [
  {
    route: `POST ${base}/{id}/attachments`,
    fixture: on,
    body: () => MATRIX_EVIDENCE,
    allow: sees.filter((a) => a !== 'auditor'),
    sees,
  },
  { route: `GET ${base}/{id}/attachments`, fixture: { kind: 'evidence', on }, allow: sees, sees },
  { route: `GET ${base}/{id}/attachments/{sha256}`, fixture: { kind: 'evidence', on }, allow: sees, sees },
];
const EVIDENCE_ROWS: readonly Row[] = [
  ...evidenceRows(C, clue('Rectification'), SEES_CLUE),
  ...evidenceRows(R, referral('Sent'), seesReferral('county')),
  ...evidenceRows(I, item('InProgress'), SEES_ITEM),
];

/**
 * Official documents (issue 19 §2): read like the case by whoever sees it; drawn up and attached
 * (EvidenceAttached) by whoever may attach evidence. Each case at a stage that produces the document.
 */
const documentRows = (base: string, on: CaseFixtureSpec, documentType: string, sees: readonly Account[]): Row[] => [
  // The list of the case's documents (issue 16 item 3) reads like the case.
  { route: `GET ${base}/{id}/documents`, fixture: on, allow: sees, sees },
  { route: `GET ${base}/{id}/documents/{type}`, fixture: on, documentType, allow: sees, sees },
  {
    route: `POST ${base}/{id}/documents/{type}`,
    fixture: on,
    documentType,
    allow: sees.filter((a) => a !== 'auditor'),
    sees,
  },
];
const DOCUMENT_ROWS: readonly Row[] = [
  ...documentRows(C, clue('Rectification'), 'supervision-instrument', SEES_CLUE),
  ...documentRows(R, referral('Sent'), 'transfer-letter', seesReferral('county')),
  ...documentRows(I, item('InProgress'), 'rectification-notice', SEES_ITEM),
];

/** The instance of the matrix (set in beforeAll): the import rows export a package from it first. */
let matrixApp: TestApp | undefined;
/** Collects a binary answer (supertest parses only text and JSON). */
const collect = (
  res: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  done: (error: Error | null, body: Buffer) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
/**
 * The Dawa office's package of a referral, from the matrix's own instance — which trusts its own
 * key for the Dawa office here, so that the package verifies and only the parties decide.
 */
const packageOf = async (referralId: string): Promise<UploadBody> => {
  const t = matrixApp as TestApp;
  const res = await t
    .http()
    .post(`${R}/${referralId}/package`)
    .set('Authorization', `Bearer ${await t.token('dawa-office')}`)
    .buffer(true)
    .parse((res, done) => collect(res, done));
  if (res.status !== 200) throw new Error(`fixture step: the package of ${referralId} answered ${res.status}`);
  const trusted = join(t.dataDir, 'transfer-trusted-keys', 'dawa.rol-office');
  mkdirSync(trusted, { recursive: true });
  const key = createPublicKey(readFileSync(join(t.dataDir, 'checkpoint-signing-key.pem')));
  writeFileSync(join(trusted, 'self.pem'), key.export({ type: 'spki', format: 'pem' }));
  return new UploadBody(res.body as Buffer, 'package.tar');
};

/**
 * Transfer packages (issue 19 §4): the owning office exports the referral and the holder its
 * feedback; a referral package is imported by the organisation it was sent to, and by nobody else.
 * Neither is a step of the case's workflow: the actions list offers none.
 */
const PACKAGE_ROWS: readonly Row[] = [
  {
    route: `POST ${R}/{id}/package`,
    fixture: referral('Sent'),
    allow: [...OWNING_OFFICE, ...RECEIVER_ACCOUNTS.county],
    sees: seesReferral('county'),
  },
  {
    route: 'POST /api/v1/packages',
    fixture: referral('Sent'),
    body: (id) => packageOf(id),
    allow: RECEIVER_ACCOUNTS.county,
    sees: EVERYONE,
  },
];

const WORKFLOW_ROWS: readonly Row[] = [
  ...CLUE_ROWS,
  ...REFERRAL_ROWS,
  ...ITEM_ROWS,
  ...ACCOUNTABILITY_ROWS,
  ...DEADLINE_ROWS,
  ...ACTION_ROWS,
  ...EVIDENCE_ROWS,
  ...DOCUMENT_ROWS,
  ...PACKAGE_ROWS,
];
/**
 * Organisations (issue 18, apps/api/src/organisations): the system administrator maintains them,
 * the auditor reads them as it reads everything, every other account is refused by role. The
 * rename gives the names it has (a 200 that changes nothing); the closure closes a unit no other
 * row addresses.
 */
const ORGANISATION_ROWS: readonly Row[] = [
  gated('GET /api/v1/organisations', ['admin', 'auditor']),
  gated('POST /api/v1/organisations', ['admin'], {
    body: () => ({
      id: 'dawa.matrix-bureau',
      nameZh: '大洼区矩阵测试局',
      nameEn: 'Dawa Matrix Bureau',
      role: 'EnforcementAgency',
      regionId: 'panjin/dawa',
      parentId: 'dawa',
    }),
  }),
  gated('PATCH /api/v1/organisations/{id}', ['admin'], {
    orgId: 'dawa.housing',
    body: () => ({ nameZh: '大洼区住房和城乡建设局' }),
  }),
  gated('POST /api/v1/organisations/{id}/closure', ['admin'], {
    orgId: 'xinglongtai.market-regulation',
    body: () => ({ reason: '矩阵测试' }),
  }),
];

/** Rows whose refusals depend on seeing a case (so the administrator, who sees none, gets 404). */
const CASE_ROWS: readonly Row[] = [
  ...WORKFLOW_ROWS,
  ...AUDIT_ROWS,
  ...ESCALATION_ROWS,
  ...CAMPAIGN_ROWS,
  ...LOOK_BACK_ROWS,
  ...MEETING_ROWS,
];
const MATRIX: readonly Row[] = [
  ...CASE_ROWS,
  ...AUDITOR_ROWS,
  ...LOG_ROWS,
  ...BREACH_ROWS,
  ...CALENDAR_ROWS,
  ...LIST_ROWS,
  ...NOTIFICATION_ROWS,
  ...REFERENCE_ROWS,
  ...ACCOUNT_ROWS,
  ...ORGANISATION_ROWS,
];

/** The {id} of a row without a fixture: an id nobody has. */
const NO_SUCH_ID = '00000000-0000-8000-8000-000000000000';

/** Routes of the OpenAPI document open without a token, so have no row (the session's: browser-session.e2e-spec.ts). */
const OPEN_ROUTES = [
  'POST /api/v1/auth/token',
  'POST /api/v1/auth/token/second-factor',
  'POST /api/v1/auth/session',
  'POST /api/v1/auth/session/second-factor',
  'DELETE /api/v1/auth/session',
  'GET /health/live',
  'GET /health/ready',
];

// ── Running it ───────────────────────────────────────────────────────────────────────────────────
interface Outcome {
  readonly row: Row;
  readonly account: Account;
  readonly expected: 'allow' | 403 | 404;
  readonly reply: Reply;
}

/** The `{kind}` of the actions route for a fixture (a proposal's is that of the case it is on). */
const kindOf = (fixture: FixtureSpec | undefined): string =>
  fixture?.kind === 'proposal' || fixture?.kind === 'evidence'
    ? kindOf(fixture.on)
    : fixture?.kind === 'item'
      ? 'rectification'
      : (fixture?.kind ?? '');

interface Listing {
  readonly row: Row;
  readonly account: Account;
  readonly status: number;
  /** The row's route, on the row's case, is among the actions offered to the account. */
  readonly listed: boolean;
}

const label = (row: Row): string => (row.variant ? `${row.route} [${row.variant}]` : row.route);
const is2xx = (status: number): boolean => status >= 200 && status <= 299;
const show = (o: Outcome): string =>
  `${label(o.row)} | ${o.account} | expected ${o.expected} | got ${o.reply.status} ${o.reply.code ?? '-'}`;

/** A refusal is right when it has the status the table states and, for 403, an AUTH.* code. */
const wrong = (o: Outcome): boolean => {
  if (o.expected === 'allow') return !is2xx(o.reply.status);
  if (o.reply.status !== o.expected) return true;
  return o.expected === 403 ? !(o.reply.code ?? '').startsWith('AUTH.') : o.reply.code !== 'NOT_FOUND';
};

describe('authorization matrix: every route × every demo account, own and other organisation', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let outcomes: Outcome[] = [];
  let listings: Listing[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    matrixApp = t;
    fx = new MatrixFixtures(t);
    await fx.login();
    for (const username of MATRIX_ACCOUNTS)
      expect((await fx.send('admin', 'POST', '/api/v1/accounts', newAccount(username))).status).toBe(201);
    expect((await fx.send('admin', 'POST', '/api/v1/accounts/matrix-enable/disable', {})).status).toBe(200);
    await beginEnrolment(t, (await fx.send('admin', 'POST', '/api/v1/accounts', newAccount('matrix-mfa'))).body);
    // One fixture per row for the reads and the refused calls, built in parallel; then a checkpoint
    // over them, so …/checkpoints/latest has one and …/checkpoints/verification a body.
    const shared = await mapLimit(MATRIX, 8, (row) => (row.fixture ? fx.make(row.fixture) : Promise.resolve('')));
    await fx.signCheckpoint();
    const pairs = MATRIX.flatMap((row, index) =>
      ACCOUNTS.map((account) => ({ row, account, sharedId: shared[index] ?? '' })),
    );
    outcomes = await mapLimit(pairs, 12, async ({ row, account, sharedId }): Promise<Outcome> => {
      const [method, template] = row.route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH', string];
      const allowed = row.allow.includes(account);
      // An allowed command changes its case: it gets a fresh one, so no other pair sees the change.
      const id = allowed && method === 'POST' && row.fixture ? await fx.make(row.fixture) : sharedId;
      const path = `${template
        .replace('{id}', id || (row.orgId ?? NO_SUCH_ID))
        .replace('{name}', 'clue-ledger')
        .replace('{year}', '2026')
        .replace('{kind}', kindOf(row.fixture))
        .replace('{username}', row.username ?? '')
        .replace('{sha256}', MATRIX_EVIDENCE_SHA256)
        .replace('{type}', row.documentType ?? '')}${row.query ? `?${row.query(id)}` : ''}`;
      const body = method !== 'GET' ? await (row.body?.(id, fx) ?? {}) : undefined;
      const reply = await fx.send(account, method, path, body);
      return { row, account, expected: allowed ? 'allow' : row.sees.includes(account) ? 403 : 404, reply };
    });
    // What the actions route offers each account on the same (unchanged: refusals write nothing) cases.
    // Drawing up a document is no step of the case's workflow: the actions list offers none (issue 19 §2).
    const commandRows = MATRIX.flatMap((row, index) =>
      row.route.startsWith('POST ') &&
      row.route.includes('{id}') &&
      row.fixture &&
      !DOCUMENT_ROWS.includes(row) &&
      !PACKAGE_ROWS.includes(row) &&
      !MEETING_ROWS.includes(row)
        ? row.sees.map((account) => ({ row, account, id: shared[index] ?? '' }))
        : [],
    );
    listings = await mapLimit(commandRows, 12, async ({ row, account, id }): Promise<Listing> => {
      const path = row.route.split(' ')[1]?.replace('{id}', id) ?? '';
      // As a client that uploads files asks: evidence uploads are listed too.
      const reply = await fx.send(
        account,
        'GET',
        `/api/v1/cases/${kindOf(row.fixture)}/${id}/actions?uploads=multipart`,
      );
      const actions = (reply.body.actions ?? []) as { path: string }[];
      return { row, account, status: reply.status, listed: actions.some((a) => a.path === path) };
    });
    // A bound on a hung setup, not a speed target (jest.config.js): some 3,000 requests take over
    // 100 s on a loaded two-core machine, with or without the account rows.
    // 20 accounts × every route; on a shared, loaded machine the pairs alone can take minutes.
  }, 900_000);

  afterAll(() => t?.close());

  it('has a row for every route of the OpenAPI document (any method), and none for a route it does not list', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((route) => !OPEN_ROUTES.includes(route));
    const covered = new Set(MATRIX.map((row) => row.route));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => route.startsWith('POST ')).length).toBeGreaterThanOrEqual(40);
  });

  it('lists only accounts the table can see among the allowed ones (the table is consistent)', () => {
    expect(MATRIX.filter((row) => row.allow.some((a) => !row.sees.includes(a))).map(label)).toEqual([]);
    expect(outcomes).toHaveLength(MATRIX.length * ACCOUNTS.length);
  });

  it('gives every allowed pair a 2xx and every other pair exactly the 403 or 404 of the table (never 2xx, never 5xx)', () => {
    expect(outcomes.filter(wrong).map(show)).toEqual([]);
  });

  it('offers an action exactly to the accounts the table lets send it (GET …/actions agrees with every command row)', () => {
    const sameCase = (a: Row, b: Row) => a.route === b.route && isDeepStrictEqual(a.fixture, b.fixture);
    // Rows with variants (evaluation pass / fail) differ by body only: the action is offered when some variant is allowed.
    const allowedSomehow = (l: Listing) => MATRIX.some((r) => sameCase(r, l.row) && r.allow.includes(l.account));
    const disagreements = listings
      .filter(
        (l) => l.status !== 200 || (l.row.allow.includes(l.account) && !l.listed) || (l.listed && !allowedSomehow(l)),
      )
      .map((l) => `${label(l.row)} | ${l.account} | ${l.status} | listed ${l.listed}`);
    expect(disagreements).toEqual([]);
    expect(listings.filter((l) => l.listed).length).toBeGreaterThan(40);
    expect(listings.filter((l) => !l.listed).length).toBeGreaterThan(200);
  });

  it('never lets the auditor or an administrator change a case; the auditor reads everything, the administrators nothing', () => {
    const caseCommands = outcomes.filter((o) => WORKFLOW_ROWS.includes(o.row) && o.row.route.startsWith('POST '));
    const readOnly = caseCommands.filter((o) => o.account === 'auditor' || ADMINS.includes(o.account));
    expect(readOnly.filter((o) => is2xx(o.reply.status)).map(show)).toEqual([]);
    // The auditor sees every case it is refused on, so the refusal names its read-only role.
    expect(readOnly.filter((o) => o.account === 'auditor' && o.reply.code !== 'AUTH.READ_ONLY_ROLE').map(show)).toEqual(
      [],
    );
    const reads = outcomes.filter((o) => o.row.route.startsWith('GET '));
    const notTheAuditors = LOG_ROWS.filter((row) => !row.allow.includes('auditor'));
    expect(
      reads
        .filter((o) => o.account === 'auditor' && !notTheAuditors.includes(o.row) && o.reply.status !== 200)
        .map(show),
    ).toEqual([]);
    // 29 reads before issue 16, the calendar (2), escalations (2), notifications (2) and the 督办 lists (2)
    // of issue 15, then 6 ledger files, 7 reference reads and 3 action lists of issue 16, the 机密 referral
    // and the 行政不作为 clue of issue 17, the accounts (2) and the organisations (1) of issue 18, and the
    // evidence lists and downloads of the three kinds (6) and their official documents (3) of issue 19,
    // the lists of those documents (3, issue 16); an accountability case, its action list and the
    // 追责问责台账 (3) of issue 17, its history and past state (2); a 法治督察 campaign's page, figures, history, past state and actions
    // (5), a 回头看 round (1) and a 联席会议 with a case's meetings (2) of issue 17; the administration log
    // and the six log exports of issue 18 (the auditor is refused them, 三员分立); the 年度报告 as JSON,
    // XLSX and DOCX (3) of issue 17.
    expect(reads.filter((o) => o.account === 'auditor' && o.reply.status === 200)).toHaveLength(86);
    expect(reads.filter((o) => o.account === 'auditor')).toHaveLength(93);
    // The administrators run the system, not cases: they get nothing but the integrity breaches, the
    // calendar (which everyone reads and the system administrator maintains), their own (empty)
    // notifications and the outbox's parked deliveries, the reference data every account reads
    // (labels, look-ups, who it is), the accounts, the organisations and the logs; a case read is as if
    // it did not exist.
    const system = [
      ...BREACH_ROWS,
      ...CALENDAR_ROWS,
      ...NOTIFICATION_ROWS,
      ...REFERENCE_ROWS,
      ...ACCOUNT_ROWS,
      ...ORGANISATION_ROWS,
      ...LOG_ROWS,
    ];
    const caseOrView = outcomes.filter((o) => !system.includes(o.row));
    expect(caseOrView.filter((o) => ADMINS.includes(o.account) && is2xx(o.reply.status)).map(show)).toEqual([]);
    expect(
      reads
        .filter(
          (o) =>
            ADMINS.includes(o.account) &&
            !system.includes(o.row) &&
            o.reply.status !== (CASE_ROWS.includes(o.row) ? 404 : 403),
        )
        .map(show),
    ).toEqual([]);
  });

  it("shows the agency a clue's history and past state only redacted: its part of the events, no payloads, no persons", () => {
    const agencyReads = outcomes.filter(
      (o) =>
        OWN_AGENCY.includes(o.account) &&
        /^GET \/api\/v1\/clues\/\{id\}\/(history|as-of)$/.test(o.row.route) &&
        is2xx(o.reply.status),
    );
    expect(agencyReads.map((o) => `${label(o.row)} | ${o.account}`)).toHaveLength(4);
    const leaks = agencyReads.filter((o) => {
      if (o.row.route.endsWith('/as-of'))
        return (o.reply.body.state as Record<string, unknown> | null)?.subjects !== undefined;
      const entries = o.reply.body.entries as ReadonlyArray<{ type: string; data?: unknown }>;
      return (
        o.reply.body.redacted !== true ||
        entries.some(
          (e) =>
            e.data !== undefined || ['ClueRegistered', 'ClueAnalysisStarted', 'VerificationStarted'].includes(e.type),
        )
      );
    });
    expect(leaks.map(show)).toEqual([]);
  });

  /**
   * Organisations named in a body are part of access too: a Dawa case must not be handed to the
   * commission, 任免机关 or agency of another region, which would then read it. Any 4xx is a refusal here
   * (403 or a 422 validation are both sound); a 2xx is the bug.
   */
  describe('organisations outside Dawa named in a body', () => {
    const attempt = async (account: Account, route: string, id: string, body?: object): Promise<string | undefined> => {
      const [method, template] = route.split(' ') as ['GET' | 'POST', string];
      const reply = await fx.send(account, method, template.replace('{id}', id), body);
      const refused = reply.status >= 400 && reply.status <= 499;
      return refused ? undefined : `${route} | ${account} | expected a 4xx | got ${reply.status} ${reply.code ?? '-'}`;
    };
    const offending = (rows: ReadonlyArray<string | undefined>): string[] =>
      rows.filter((r): r is string => r !== undefined);

    it('a Dawa referral cannot be sent to the Panshan commission, nor re-routed to the Panshan 任免机关', async () => {
      const approved = await fx.make(referral('Approved'));
      const returned = await fx.make(referral('Returned'));
      expect(
        offending([
          await attempt('dawa-office', `POST ${R}/{id}/sending`, approved, bodies.sending('panshan.ccdi')),
          await attempt('panshan-ccdi-head', `GET ${R}/{id}`, approved),
          await attempt('panshan-ccdi-head', `POST ${R}/{id}/receipt`, approved, bodies.receipt()),
          await attempt('dawa-office-head', `POST ${R}/{id}/rerouting`, returned, {
            target: { orgId: 'panshan.org-dept' },
          }),
        ]),
      ).toEqual([]);
    });

    it('a Dawa clue cannot name an agency outside Dawa (the city urban bureau), nor get a rectification item assigned to one', async () => {
      const registered = await fx.send('dawa-office', 'POST', C, {
        ...bodies.clue(),
        agency: { orgId: 'panjin.urban-mgmt', name: '市城管执法局' },
      });
      const clueId = await fx.clue('Registered');
      const assigned = await fx.send('dawa-office', 'POST', I, {
        ...bodies.assign(clueId),
        agencyOrgId: 'panjin.urban-mgmt',
      });
      const rows = [registered, assigned].map((reply, index) =>
        reply.status >= 400 && reply.status <= 499
          ? undefined
          : `POST ${index === 0 ? C : I} | dawa-office | expected a 4xx | got ${reply.status} ${reply.code ?? '-'}`,
      );
      // Whatever was created anyway must at least stay hidden from that agency.
      if (is2xx(registered.status))
        rows.push(await attempt('panjin-urban-head', `GET ${C}/{id}`, String(registered.body.id)));
      if (is2xx(assigned.status))
        rows.push(await attempt('panjin-urban-head', `GET ${I}/{id}`, String(assigned.body.id)));
      expect(offending(rows)).toEqual([]);
    });
  });
});

/**
 * #13 item 7: every figure of GET /api/v1/statistics counts only the cases the account can open, and
 * names (agencies, counties) only of those. On an app of its own, so the cases are few enough for each
 * account to try every one: a case counts for an account exactly when its GET answers 200 to it.
 * The cases: Dawa clues under analysis (never referred) and in rectification (with the item of its
 * plan); referrals decided by the Dawa commission, by the city commission, and by the 任免机关 after
 * the Dawa commission returned it; a referral the Dawa commission partly accepted, forwarding s-2 to
 * the city commission (the child it may not open); a rectification item; a Panshan clue.
 */
describe('authorization matrix: statistics count only the cases each account can open', () => {
  const STATISTICS_ACCOUNTS: readonly Account[] = [...SUPERVISING_ROLES, ...RECEIVING_ROLES, 'auditor'];
  const PANSHAN_AGENCY = bodies.clue('panshan').agency.name;
  const DAWA_AGENCY = bodies.clue().agency.name;
  let t: TestApp;
  let fx: MatrixFixtures;

  interface Figures {
    readonly clues: number;
    readonly cluesByCounty: Record<string, number>;
    readonly referrals: number;
    readonly persons: number;
    readonly rectificationItems: number;
    readonly agencies: readonly string[];
  }
  type CaseRead = { readonly path: string; readonly state: Record<string, unknown> };
  let cases: { clues: CaseRead[]; referrals: CaseRead[]; items: CaseRead[] };
  /** Per account: the figures of the cases it opens, and the figures its statistics give. */
  let compared: { account: Account; opened: Figures; statistics: Figures; stale: unknown }[] = [];

  const must = async (account: Account, path: string, body: object = {}): Promise<void> => {
    const reply = await fx.send(account, 'POST', path, body);
    if (reply.status < 200 || reply.status > 299)
      throw new Error(`setup POST ${path} as ${account} answered ${reply.status} ${reply.code ?? ''}`);
  };
  const decide = async (account: Account, referralId: string, subjectId: string): Promise<void> => {
    const r = `${R}/${referralId}`;
    await must(account, `${r}/disposal`, bodies.disposal());
    await must(account, `${r}/case-filing`, bodies.caseFiling());
    await must(account, `${r}/outcomes`, {
      outcomes: [
        {
          subjectId,
          outcome: 'GovSanction.Demerit',
          decisionDate: localDate(-1),
          documentNo: `纪〔2026〕${subjectId}`,
        },
      ],
    });
  };
  const headPosition = async (): Promise<bigint> => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    let position = 0n;
    for (;;) {
      const last = (await store.readAll({ fromPosition: position, maxCount: 1000 })).at(-1);
      if (!last) return position;
      position = last.position;
    }
  };
  const countyOf = (regionId: string): string => regionId.split('/').slice(0, 2).join('/');
  const tally = (keys: readonly string[]): Record<string, number> =>
    keys.reduce<Record<string, number>>((n, k) => ({ ...n, [k]: (n[k] ?? 0) + 1 }), {});

  /** The figures statistics should give for these cases (all fixture outcomes hold a person accountable). */
  const figuresOf = (
    clues: readonly CaseRead[],
    referrals: readonly CaseRead[],
    items: readonly CaseRead[],
  ): Figures => {
    const clueStates = clues.map((c) => c.state as { regionId: string; source: string; agency: { name: string } });
    const referralStates = referrals.map(
      (r) =>
        r.state as { clueId: string; sentAt?: string; parentReferralId?: string; outcomes: { subjectId: string }[] },
    );
    return {
      clues: clueStates.length,
      cluesByCounty: tally(clueStates.map((c) => countyOf(c.regionId))),
      referrals: referralStates.filter((r) => r.sentAt !== undefined && r.parentReferralId === undefined).length,
      persons: new Set(referralStates.flatMap((r) => r.outcomes.map((o) => `${r.clueId}/${o.subjectId}`))).size,
      rectificationItems: items.length,
      agencies: [
        ...new Set(
          clueStates
            .filter((c) => ['Reconsideration', 'LitigationLossOrReversal'].includes(c.source))
            .map((c) => c.agency.name),
        ),
      ].sort(),
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    await fx.make(clue('Analysis'));
    await fx.make(clue('Rectification'));
    await fx.make(item('InProgress'));
    await must('panshan-office-head', C, bodies.clue('panshan'));
    for (const receiver of ['county', 'city', 'appointing'] as const) await fx.make(referral('Decided', receiver));
    const parent = await fx.make(referral('Received', 'county-mixed'));
    const child = `ref-child-${parent}`;
    await must('dawa-ccdi-head', `${R}/${parent}/partial-acceptance`, { ...bodies.partial(), childReferralId: child });
    await fx.settled('ccdi-head', `${R}/${child}`);
    await decide('dawa-ccdi-head', parent, 's-1');
    await must('ccdi-head', `${R}/${child}/receipt`, bodies.receipt());
    await must('ccdi-head', `${R}/${child}/acceptance`);
    await decide('ccdi-head', child, 's-2');

    // Every case, from the auditor's lists (all of them: the auditor sees everything), read in full once.
    const minPosition = await headPosition();
    const list = async (path: string, id: string): Promise<string[]> => {
      const reply = await fx.send('auditor', 'GET', `${path}?limit=100&minPosition=${minPosition}`);
      if (reply.body.stale !== false) throw new Error(`${path} is stale`);
      return (reply.body.items as Record<string, string>[]).map((i) => i[id] as string);
    };
    const read = (base: string, ids: readonly string[]) =>
      mapLimit(ids, 8, async (id) => ({
        path: `${base}/${id}`,
        state: (await fx.send('auditor', 'GET', `${base}/${id}`)).body.state as Record<string, unknown>,
      }));
    cases = {
      clues: await read(C, await list('/api/v1/ledgers/clues', 'clueId')),
      referrals: await read(R, await list('/api/v1/inbox', 'referralId')),
      items: await read(I, await list('/api/v1/ledgers/rectification', 'itemId')),
    };

    compared = await mapLimit(STATISTICS_ACCOUNTS, 4, async (account) => {
      const opens = async (reads: readonly CaseRead[]) => {
        const statuses = await mapLimit(reads, 8, async (c) => (await fx.send(account, 'GET', c.path)).status);
        return reads.filter((_c, i) => statuses[i] === 200);
      };
      const opened = figuresOf(await opens(cases.clues), await opens(cases.referrals), await opens(cases.items));
      const stats = (await fx.send(account, 'GET', `/api/v1/statistics?minPosition=${minPosition}`)).body as Record<
        string,
        never
      >;
      const byCounty = (stats.byCounty ?? []) as { regionId: string; clues: number }[];
      const statistics: Figures = {
        clues: (stats.clues as { total: number } | undefined)?.total ?? -1,
        cluesByCounty: Object.fromEntries(byCounty.filter((c) => c.clues > 0).map((c) => [c.regionId, c.clues])),
        referrals: (stats.referrals as { total: number } | undefined)?.total ?? -1,
        persons: (stats.persons as { total: number } | undefined)?.total ?? -1,
        rectificationItems: (stats.rectification as { total: number } | undefined)?.total ?? -1,
        agencies: ((stats.agencyYearOnYear ?? []) as { agencyName: string }[]).map((a) => a.agencyName).sort(),
      };
      return { account, opened, statistics, stale: stats.stale };
    });
  }, 120_000);

  afterAll(() => t?.close());

  it('has the cases it names, all readable by the auditor', () => {
    // 8 clues (one per fixture, one in Panshan), 5 referrals (the partial acceptance's child among them), 2 items (one from a plan).
    expect([cases.clues.length, cases.referrals.length, cases.items.length]).toEqual([8, 5, 2]);
    expect(
      [...cases.clues, ...cases.referrals, ...cases.items].filter((c) => c.state === undefined).map((c) => c.path),
    ).toEqual([]);
  });

  it('gives every account the figures, and the agency names, of exactly the cases it can open', () => {
    expect(compared.filter((c) => c.stale !== false).map((c) => c.account)).toEqual([]);
    const wrongFigures = compared.filter((c) => !isDeepStrictEqual(c.opened, c.statistics));
    expect(wrongFigures.map((c) => ({ account: c.account, opens: c.opened, statistics: c.statistics }))).toEqual([]);
  });

  it('tests what matters: commissions and the 任免机关 open no clue of their region, offices their region only', () => {
    const of = (account: Account) => compared.find((c) => c.account === account)?.opened;
    // A clue under analysis in Dawa and Dawa's agency are there to leak, and answer 404 to every receiver.
    for (const receiver of RECEIVING_ROLES)
      expect({ receiver, ...of(receiver) }).toMatchObject({ receiver, clues: 0, rectificationItems: 0, agencies: [] });
    // The Dawa commission: its referral and the parent it kept (not the part it split off, not the one it returned).
    expect(of('dawa-ccdi-head')).toMatchObject({ referrals: 2, persons: 2 });
    // The city commission: its referral and the part forwarded to it (not a new referral, its person counts).
    expect(of('ccdi-head')).toMatchObject({ referrals: 1, persons: 2 });
    expect(of('org-dept-head')).toMatchObject({ referrals: 1, persons: 1 });
    expect(of('panshan-ccdi-head')).toMatchObject({ referrals: 0, persons: 0 });
    expect(of('office')).toMatchObject({
      clues: 8,
      referrals: 4,
      persons: 5,
      rectificationItems: 2,
      agencies: [DAWA_AGENCY, PANSHAN_AGENCY].sort(),
    });
    expect(of('dawa-office')).toMatchObject({ clues: 7, cluesByCounty: { 'panjin/dawa': 7 }, agencies: [DAWA_AGENCY] });
    expect(of('panshan-office-head')).toMatchObject({ clues: 1, referrals: 0, agencies: [PANSHAN_AGENCY] });
  });
});
