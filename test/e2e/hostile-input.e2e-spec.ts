import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApp, startTestApp } from './support/test-app';
import {
  Account,
  CaseFixtureSpec,
  DEADLINE_FIXTURE,
  FixtureSpec,
  MatrixFixtures,
  bodies,
  mapLimit,
} from './support/matrix-fixtures';
import { Category, DEPTH_LIMIT, HostileRequest, OpenApiDocument, hostileRequests } from './support/hostile-requests';

/**
 * Hostile input on every operation of the OpenAPI document (#13 item 4): malformed JSON, wrong
 * types, missing and null fields, deep nesting, non-JSON content types, control characters and
 * lone surrogates, huge strings, junk ids and query parameters — sent as a user allowed to call the
 * route, on a case in the state the route needs. Nothing may answer 5xx, every error is a problem
 * document with a code, and each kind of bad input gets its own stable answer.
 */

interface Route {
  /** Who calls it (none: the public routes). */
  readonly as?: Account;
  /** The case `{id}` names, in the state the route needs; a creating route's body names it instead. */
  readonly fixture?: FixtureSpec;
  readonly body?: (id: string, fx: MatrixFixtures) => object;
  readonly query?: (id: string) => string;
  /** A fixed value for `{id}` / `{name}` (no fixture). */
  readonly id?: string;
  /** The value for `{kind}`. */
  readonly kind?: string;
}

const clue = (stage: Extract<FixtureSpec, { kind: 'clue' }>['stage']): CaseFixtureSpec => ({ kind: 'clue', stage });
const referral = (
  stage: Extract<FixtureSpec, { kind: 'referral' }>['stage'],
  receiver: Extract<FixtureSpec, { kind: 'referral' }>['receiver'] = 'county',
): CaseFixtureSpec => ({ kind: 'referral', stage, receiver });
const item = (stage: Extract<FixtureSpec, { kind: 'item' }>['stage']): CaseFixtureSpec => ({ kind: 'item', stage });
const CCDI = 'dawa-ccdi-head';
/** A case of `on` that ran late up to the 督办 ladder's proposal; confirmed or waived by the county office's head. */
const proposal = (on: CaseFixtureSpec): FixtureSpec => ({ kind: 'proposal', on });
const proposalRoutes = (base: string, on: CaseFixtureSpec): Record<string, Route> => ({
  [`POST ${base}/{id}/escalation-proposals/confirmation`]: {
    as: 'dawa-office-head',
    fixture: proposal(on),
    body: (id, fx) => ({ ...fx.proposalOf(id), note: '函询: 限期说明逾期原因' }),
  },
  [`POST ${base}/{id}/escalation-proposals/waiver`]: {
    as: 'dawa-office-head',
    fixture: proposal(on),
    body: (id, fx) => ({ ...fx.proposalOf(id), reason: '已电话督促' }),
  },
});

/** 延期申请 and 中止/恢复 on each kind, each route by its allowed account on a case in the state it needs. */
const deadlineRoutes = (kind: keyof typeof DEADLINE_FIXTURE, fixture: CaseFixtureSpec): Record<string, Route> => {
  const { rule, path, bearer, head } = DEADLINE_FIXTURE[kind];
  const base = `/api/v1/${path}/{id}`;
  return {
    [`POST ${base}/deadline-extensions`]: { as: bearer, fixture, body: () => bodies.extensionRequest(rule) },
    [`POST ${base}/deadline-extension-approvals`]: {
      as: head,
      fixture: { ...fixture, deadline: 'ExtensionRequested' },
      body: bodies.extensionApproval,
    },
    [`POST ${base}/deadline-extension-refusals`]: {
      as: head,
      fixture: { ...fixture, deadline: 'ExtensionRequested' },
      body: bodies.extensionRefusal,
    },
    [`POST ${base}/deadline-pauses`]: { as: head, fixture, body: () => bodies.pause(rule) },
    [`POST ${base}/deadline-resumptions`]: {
      as: head,
      fixture: { ...fixture, deadline: 'Paused' },
      body: () => bodies.deadlineResumption(rule),
    },
  };
};

const C = '/api/v1/clues';
const R = '/api/v1/referrals';
const I = '/api/v1/rectification-items';
const A = '/api/v1/accountability-cases';
const accountability = (stage: Extract<FixtureSpec, { kind: 'accountability' }>['stage']): FixtureSpec => ({
  kind: 'accountability',
  stage,
});
const ROUTES: Readonly<Record<string, Route>> = {
  'POST /api/v1/auth/token': { body: () => ({ username: 'office', password: 'not-the-password' }) },
  'POST /api/v1/auth/session': { body: () => ({ username: 'office', password: 'not-the-password' }) },
  'POST /api/v1/auth/token/second-factor': { body: () => ({ challenge: 'not.a-challenge', code: '123456' }) },
  'POST /api/v1/auth/session/second-factor': { body: () => ({ challenge: 'not.a-challenge', code: '123456' }) },
  // A begun enrolment changes no login; a wrong code changes nothing.
  'POST /api/v1/auth/second-factor/enrolment': { as: 'office' },
  'POST /api/v1/auth/second-factor/enrolment/confirmation': { as: 'office', body: () => ({ code: '000000' }) },
  'GET /api/v1/auth/session': { as: 'office' },
  'DELETE /api/v1/auth/session': {},
  'GET /api/v1/catalogue': { as: 'dawa-office' },
  'GET /api/v1/lookups/situations': { as: 'dawa-office' },
  'GET /api/v1/lookups/outcomes': { as: CCDI },
  'GET /api/v1/lookups/organisations': { as: 'dawa-office', query: () => 'role=DisciplineCommission' },
  'GET /api/v1/lookups/regions': { as: 'dawa-office' },
  'GET /api/v1/lookups/users': { as: 'dawa-office' },
  'GET /health/live': {},
  'GET /health/ready': {},

  [`POST ${C}`]: { as: 'dawa-office', body: () => bodies.clue() },
  [`GET ${C}/{id}`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`POST ${C}/{id}/analysis`]: { as: 'dawa-office', fixture: clue('Registered'), body: bodies.analysis },
  [`POST ${C}/{id}/dismissal`]: { as: 'dawa-office-head', fixture: clue('Analysis'), body: bodies.dismissal },
  [`POST ${C}/{id}/verification`]: { as: 'dawa-office-head', fixture: clue('Analysis'), body: bodies.verification },
  [`POST ${C}/{id}/supervision-instrument`]: {
    as: 'dawa-office-head',
    fixture: clue('Verification'),
    body: bodies.instrument,
  },
  [`POST ${C}/{id}/follow-up-instrument`]: {
    as: 'dawa-office-head',
    fixture: clue('Supervision'),
    body: bodies.followUpInstrument,
  },
  [`POST ${C}/{id}/rectification-plan`]: { as: 'dawa-emergency-head', fixture: clue('Supervision'), body: bodies.plan },
  [`POST ${C}/{id}/rectification-feedback`]: {
    as: 'dawa-emergency-head',
    fixture: clue('Rectification'),
    body: bodies.clueFeedback,
  },
  [`POST ${C}/{id}/evaluation-start`]: { as: 'dawa-office', fixture: clue('Feedback') },
  [`POST ${C}/{id}/evaluation`]: { as: 'dawa-office-head', fixture: clue('Evaluation'), body: bodies.clueFail },
  [`POST ${C}/{id}/look-back`]: { as: 'dawa-office', fixture: clue('Closed'), body: bodies.clueFail },
  [`POST ${C}/{id}/typical-case`]: { as: 'dawa-office-head', fixture: clue('Closed'), body: bodies.clueTypicalCase },
  [`POST ${C}/{id}/referral-proposals`]: { as: 'dawa-office', fixture: clue('Analysis'), body: bodies.proposal },
  [`POST ${C}/{id}/escalations`]: {
    as: 'dawa-office',
    fixture: clue('Rectification'),
    body: () => bodies.escalation(),
  },

  [`POST ${C}/{id}/carbon-copies`]: {
    as: 'dawa-office',
    fixture: clue('Rectification'),
    body: () => ({ copyTo: [{ orgId: 'panjin.ccdi' }], note: '抄送意见书' }),
  },

  [`POST ${R}`]: { as: 'dawa-office', fixture: clue('Analysis'), body: (clueId) => bodies.draft(clueId) },
  [`POST ${R}/{id}/carbon-copies`]: {
    as: CCDI,
    fixture: referral('Received'),
    body: () => ({ copyTo: [{ orgId: 'panjin.org-dept' }], note: '抄送移送函' }),
  },
  [`POST ${R}/{id}/handlers`]: {
    as: 'ccdi-head',
    fixture: { kind: 'referral', stage: 'Sent', receiver: 'city', secret: true },
    body: () => ({ userIds: ['user-ccdi'] }),
  },
  [`GET ${R}/{id}`]: { as: 'dawa-office', fixture: referral('Sent') },
  [`POST ${R}/{id}/approval`]: { as: 'dawa-office-head', fixture: referral('Draft'), body: bodies.approval },
  [`POST ${R}/{id}/sending`]: { as: 'dawa-office', fixture: referral('Approved'), body: () => bodies.sending() },
  [`POST ${R}/{id}/receipt`]: { as: CCDI, fixture: referral('Sent'), body: bodies.receipt },
  [`POST ${R}/{id}/forwarding`]: { as: CCDI, fixture: referral('Received', 'county-mixed'), body: bodies.forwarding },
  [`POST ${R}/{id}/return`]: { as: CCDI, fixture: referral('Received'), body: bodies.returning },
  [`POST ${R}/{id}/rerouting`]: { as: 'dawa-office-head', fixture: referral('Returned'), body: bodies.rerouting },
  [`POST ${R}/{id}/acceptance`]: { as: CCDI, fixture: referral('Received') },
  [`POST ${R}/{id}/partial-acceptance`]: {
    as: CCDI,
    fixture: referral('Received', 'county-mixed'),
    body: bodies.partial,
  },
  [`POST ${R}/{id}/partial-return`]: {
    as: CCDI,
    fixture: referral('Received', 'county-mixed'),
    body: bodies.partialReturn,
  },
  [`POST ${R}/{id}/disposal`]: { as: CCDI, fixture: referral('Accepted'), body: () => bodies.disposal() },
  [`POST ${R}/{id}/resumption`]: { as: CCDI, fixture: referral('Disposing:ShelvedPending'), body: bodies.resumption },
  [`POST ${R}/{id}/talk-or-inquiry-held`]: {
    as: CCDI,
    fixture: referral('Disposing:TalkOrInquiryLetter'),
    body: bodies.talkHeld,
  },
  [`POST ${R}/{id}/talk-or-inquiry-result`]: {
    as: CCDI,
    fixture: referral('Disposing:TalkOrInquiryLetter'),
    body: bodies.talk,
  },
  [`POST ${R}/{id}/case-filing`]: {
    as: CCDI,
    fixture: referral('Disposing:PreliminaryVerification'),
    body: bodies.caseFiling,
  },
  [`POST ${R}/{id}/verification-conclusion`]: {
    as: CCDI,
    fixture: referral('Disposing:PreliminaryVerification'),
    body: bodies.conclusion,
  },
  [`POST ${R}/{id}/outcomes`]: { as: CCDI, fixture: referral('CaseFiled'), body: bodies.outcomes },
  [`POST ${R}/{id}/outcomes-complete`]: { as: CCDI, fixture: referral('Decided:Open') },
  [`POST ${R}/{id}/result-feedback`]: { as: CCDI, fixture: referral('Decided'), body: bodies.resultFeedback },
  [`POST ${R}/{id}/organisational-handling-done`]: {
    as: CCDI,
    fixture: referral('Decided:OrganisationalHandling'),
    body: bodies.organisationalHandlingDone,
  },
  [`POST ${R}/{id}/typical-case`]: { as: CCDI, fixture: referral('ResultFedBack'), body: bodies.typicalCase },
  [`POST ${R}/{id}/closure`]: { as: 'dawa-office', fixture: referral('ResultFedBack') },
  [`POST ${R}/{id}/escalations`]: { as: 'dawa-office', fixture: referral('Sent'), body: () => bodies.escalation() },

  [`POST ${I}`]: { as: 'dawa-office', fixture: clue('Registered'), body: (clueId) => bodies.assign(clueId) },
  [`GET ${I}/{id}`]: { as: 'dawa-office', fixture: item('InProgress') },
  [`POST ${I}/{id}/start`]: { as: 'dawa-emergency', fixture: item('Assigned') },
  [`POST ${I}/{id}/report`]: { as: 'dawa-emergency-head', fixture: item('InProgress'), body: bodies.itemReport },
  [`POST ${I}/{id}/evaluation`]: { as: 'dawa-office', fixture: item('Reported'), body: bodies.itemFail },
  [`POST ${I}/{id}/close-out`]: { as: 'dawa-office-head', fixture: item('EvaluatedPass') },
  [`POST ${I}/{id}/reopening`]: { as: 'dawa-office', fixture: item('EvaluatedFail'), body: bodies.reopening },
  [`POST ${I}/{id}/look-back-schedule`]: { as: 'dawa-office', fixture: item('Closed'), body: bodies.lookBackSchedule },
  [`POST ${I}/{id}/look-back`]: {
    as: 'dawa-office',
    fixture: item('Closed'),
    body: () => ({
      ...bodies.itemFail(),
      reasons: ['Relapsed'],
      failureReasons: undefined,
      newDueDate: bodies.reopening().newDueDate,
    }),
  },
  [`POST ${I}/{id}/escalations`]: { as: 'dawa-office', fixture: item('InProgress'), body: () => bodies.escalation() },
  ...deadlineRoutes('clue', clue('Supervision')),
  ...deadlineRoutes('referral', referral('Received')),
  ...deadlineRoutes('item', item('InProgress')),

  'GET /api/v1/cases/{kind}/{id}/actions': { as: CCDI, fixture: referral('Received'), kind: 'referral' },

  // 追责问责 (issue 17): the city justice bureau, which decides the fixture's cases.
  [`POST ${A}`]: { as: 'justice', fixture: clue('Rectification'), body: (clueId) => bodies.accountability(clueId) },
  [`GET ${A}/{id}`]: { as: 'justice', fixture: accountability('Opened') },
  [`POST ${A}/{id}/investigation`]: {
    as: 'justice',
    fixture: accountability('Opened'),
    body: bodies.accountabilityAct,
  },
  [`POST ${A}/{id}/decision`]: {
    as: 'justice-head',
    fixture: accountability('Investigating'),
    body: bodies.accountabilityDecision,
  },
  [`POST ${A}/{id}/withdrawal`]: {
    as: 'justice-head',
    fixture: accountability('Investigating'),
    body: bodies.accountabilityWithdrawal,
  },
  [`POST ${A}/{id}/execution`]: { as: 'justice', fixture: accountability('Decided'), body: bodies.accountabilityAct },
  [`POST ${A}/{id}/archiving`]: { as: 'justice', fixture: accountability('Executed'), body: bodies.accountabilityAct },
  [`GET ${A}/{id}/history`]: { as: 'justice', fixture: accountability('Decided') },
  [`GET ${A}/{id}/as-of`]: { as: 'justice', fixture: accountability('Decided'), query: () => 'revision=0' },
  ...proposalRoutes(C, clue('Supervision')),
  ...proposalRoutes(R, referral('Received')),
  ...proposalRoutes(I, item('InProgress')),

  [`GET ${C}/{id}/history`]: { as: 'auditor', fixture: clue('Rectification'), query: () => 'fromRevision=0&limit=10' },
  [`GET ${R}/{id}/history`]: { as: 'auditor', fixture: referral('Sent'), query: () => 'fromRevision=0&limit=10' },
  [`GET ${I}/{id}/history`]: { as: 'auditor', fixture: item('InProgress'), query: () => 'fromRevision=0&limit=10' },
  [`GET ${C}/{id}/as-of`]: { as: 'auditor', fixture: clue('Rectification'), query: () => 'revision=2' },
  [`GET ${R}/{id}/as-of`]: { as: 'auditor', fixture: referral('Sent'), query: () => 'revision=1' },
  [`GET ${I}/{id}/as-of`]: { as: 'auditor', fixture: item('InProgress'), query: () => 'revision=0' },
  [`GET ${R}/{id}/explanation`]: { as: 'auditor', fixture: referral('Sent') },
  'GET /api/v1/ledgers/overdue': { as: 'dawa-office', query: () => 'responsibleOrgId=dawa.emergency&limit=10&skip=0' },
  'GET /api/v1/escalation-proposals': { as: 'dawa-office-head', query: () => 'limit=10&skip=0' },
  'GET /api/v1/audit/access-log': {
    as: 'auditor',
    fixture: clue('Registered'),
    query: (clueId) => `caseKind=clue&caseId=${clueId}&limit=10`,
  },
  'GET /api/v1/audit/read-models/{name}/as-of': {
    as: 'auditor',
    id: 'clue-ledger',
    query: () => `at=${encodeURIComponent(new Date().toISOString())}&limit=5`,
  },

  'POST /api/v1/integrity/verification': { as: 'auditor', body: () => ({ streamId: 'clue-does-not-exist' }) },
  'POST /api/v1/integrity/checkpoints': { as: 'auditor' },
  'GET /api/v1/integrity/checkpoints': { as: 'auditor' },
  'GET /api/v1/integrity/checkpoints/latest': { as: 'auditor' },
  'POST /api/v1/integrity/checkpoints/verification': { as: 'auditor', body: (_id, fx) => fx.checkpoint() },
  'GET /api/v1/integrity/breaches': { as: 'auditor' },
  'GET /api/v1/calendar': { as: 'office' },
  'GET /api/v1/calendar/{year}': { as: 'office', id: '2026' },
  'PUT /api/v1/calendar/{year}': { as: 'admin', id: '2026', body: () => bodies.holidayYear2026() },
  'POST /api/v1/integrity/breach-acknowledgements': {
    as: 'secadmin',
    body: () => ({ breachId: '00000000-0000-4000-8000-000000000000', reason: '核对' }),
  },
  // Issue 18. A wrong current password changes nothing; the demo account named is not administered
  // (409), so no request here revokes a token another route is called with.
  'POST /api/v1/auth/password': {
    as: 'panshan-office-head',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'Quiet-river-2026' }),
  },
  'GET /api/v1/accounts': { as: 'admin' },
  'POST /api/v1/accounts': {
    as: 'admin',
    body: () => ({
      username: 'hostile.new',
      displayName: '测试',
      role: 'RuleOfLawOffice',
      orgId: 'dawa.rol-office',
      position: 'Staff',
    }),
  },
  'GET /api/v1/accounts/{username}': { as: 'admin', id: 'office' },
  'PATCH /api/v1/accounts/{username}': { as: 'admin', id: 'office', body: () => ({ position: 'Head' }) },
  'POST /api/v1/accounts/{username}/disable': { as: 'admin', id: 'office', body: () => ({ reason: '核对' }) },
  'POST /api/v1/accounts/{username}/enable': { as: 'admin', id: 'office' },
  'POST /api/v1/accounts/{username}/reset-password': { as: 'admin', id: 'office' },
  // An account that begins no enrolment here: 409, so no request revokes a token another route is called with.
  'POST /api/v1/accounts/{username}/reset-second-factor': { as: 'secadmin', id: 'dawa-emergency' },
  // The audit administrator's logs (三员分立): a window, a page, a cursor.
  'GET /api/v1/audit/administration-log': { as: 'auditadmin', query: () => 'limit=5&from=2026-01-01T00:00:00Z' },
  'GET /api/v1/audit/administration-log/export.csv': { as: 'auditadmin', query: () => 'from=2026-01-01T00:00:00Z' },
  'GET /api/v1/audit/administration-log/export.xlsx': { as: 'auditadmin', query: () => 'from=2026-01-01T00:00:00Z' },
  'GET /api/v1/audit/administration-log/export.json': { as: 'auditadmin', query: () => 'from=2026-01-01T00:00:00Z' },
  'GET /api/v1/audit/access-log/export.csv': { as: 'auditadmin', query: () => 'from=2026-01-01T00:00:00Z' },
  'GET /api/v1/audit/access-log/export.xlsx': { as: 'auditadmin', query: () => 'from=2026-01-01T00:00:00Z' },
  'GET /api/v1/audit/access-log/export.json': { as: 'auditadmin', query: () => 'from=2026-01-01T00:00:00Z' },
  // Organisations (issue 18): bodies the directory refuses (a taken id, the last administration unit)
  // or that change nothing (the same names), so no row changes what another route sees.
  'GET /api/v1/organisations': { as: 'admin' },
  'POST /api/v1/organisations': {
    as: 'admin',
    body: () => ({
      id: 'dawa.ccdi',
      nameZh: '重复',
      nameEn: 'Taken',
      role: 'DisciplineCommission',
      regionId: 'panjin/dawa',
    }),
  },
  'PATCH /api/v1/organisations/{id}': {
    as: 'admin',
    id: 'dawa.emergency',
    body: () => ({ nameZh: '大洼区应急管理局' }),
  },
  'POST /api/v1/organisations/{id}/closure': { as: 'admin', id: 'panjin.it', body: () => ({ reason: '核对' }) },

  'GET /api/v1/inbox': { as: CCDI, query: () => 'limit=5' },
  'GET /api/v1/ledgers/clues': { as: 'office', query: () => 'limit=5&county=panjin%2Fdawa' },
  'GET /api/v1/ledgers/rectification': { as: 'office', query: () => 'limit=5' },
  'GET /api/v1/ledgers/accountability': { as: 'justice', query: () => 'limit=5' },
  'GET /api/v1/ledgers/corrected-cases': { as: 'office', query: () => 'limit=5&from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/ledgers/corrected-cases/export.csv': { as: 'office', query: () => 'from=2026-01-01' },
  'GET /api/v1/ledgers/corrected-cases/export.xlsx': { as: 'office', query: () => 'from=2026-01-01' },
  'GET /api/v1/ledgers/clues/export.csv': { as: 'office', query: () => 'county=panjin%2Fdawa' },
  'GET /api/v1/ledgers/clues/export.xlsx': { as: 'office', query: () => 'county=panjin%2Fdawa' },
  'GET /api/v1/ledgers/rectification/export.csv': { as: 'office', query: () => 'overdue=false' },
  'GET /api/v1/ledgers/rectification/export.xlsx': { as: 'office', query: () => 'overdue=false' },
  'GET /api/v1/statistics': { as: 'office', query: () => 'from=2026-01-01&to=2026-12-31' },
  // 年度报告 (issue 17): the statistics' readers, one business year.
  'GET /api/v1/reports/annual': { as: 'office', query: () => 'year=2026&region=panjin%2Fdawa' },
  'GET /api/v1/reports/annual.xlsx': { as: 'office', query: () => 'year=2026' },
  'GET /api/v1/reports/annual.docx': { as: 'office', query: () => 'year=2026' },

  'GET /api/v1/notifications': { as: 'dawa-emergency-head', query: () => 'limit=5&unread=true' },
  'GET /api/v1/notifications/outbox/parked': { as: 'admin' },
  'POST /api/v1/notifications/read': {
    as: 'dawa-emergency-head',
    body: () => ({ ids: ['00000000-0000-8000-8000-000000000000'] }),
  },
  'POST /api/v1/notifications/{id}/read': { as: 'dawa-emergency-head', id: '00000000-0000-8000-8000-000000000000' },
  'POST /api/v1/escalations': { as: 'office', body: () => bodies.orgEscalation() },
  'GET /api/v1/escalations': { as: 'dawa-emergency', query: () => 'limit=5&escalationType=Interview' },
  'GET /api/v1/escalations/{id}': { as: 'dawa-emergency', fixture: { kind: 'escalation' } },
  // 法治督察 campaigns (issue 17), each route by the Dawa office on a campaign in the state it needs.
  'POST /api/v1/campaigns': { as: 'dawa-office-head', body: () => bodies.campaign() },
  'GET /api/v1/campaigns/{id}': { as: 'dawa-office', fixture: { kind: 'campaign', stage: 'InProgress' } },
  'POST /api/v1/joint-meetings': {
    as: 'dawa-office',
    fixture: referral('Sent'),
    body: (referralId) => bodies.meeting(referralId),
  },
  'POST /api/v1/joint-meetings/{id}/links': {
    as: 'dawa-office',
    fixture: { kind: 'meeting' },
    body: (id, fx) => fx.meetingLinkOf(id),
  },
  'GET /api/v1/joint-meetings/{id}': { as: 'dawa-office', fixture: { kind: 'meeting' } },
  'GET /api/v1/cases/{kind}/{id}/meetings': { as: 'dawa-office', fixture: referral('Sent'), kind: 'referral' },
  'POST /api/v1/look-back-rounds': { as: 'dawa-office-head', body: () => bodies.lookBackRound() },
  'GET /api/v1/look-back-rounds/{id}': { as: 'dawa-office', fixture: { kind: 'lookBackRound' } },
  'GET /api/v1/campaigns/{id}/figures': {
    as: 'dawa-office',
    fixture: { kind: 'campaign', stage: 'Feedback' },
    query: () => 'minPosition=1',
  },
  'POST /api/v1/campaigns/{id}/start': { as: 'dawa-office', fixture: { kind: 'campaign', stage: 'Planned' } },
  'POST /api/v1/campaigns/{id}/findings': {
    as: 'dawa-office',
    fixture: { kind: 'campaign', stage: 'InProgress' },
    body: () => bodies.finding(),
  },
  'POST /api/v1/campaigns/{id}/feedback': {
    as: 'dawa-office',
    fixture: { kind: 'campaign', stage: 'InProgress' },
    body: () => bodies.campaignFeedback(),
  },
  'POST /api/v1/campaigns/{id}/circular': {
    as: 'dawa-office',
    fixture: { kind: 'campaign', stage: 'Feedback' },
    body: () => bodies.campaignCircular(),
  },
  'POST /api/v1/campaigns/{id}/close': { as: 'dawa-office-head', fixture: { kind: 'campaign', stage: 'Reported' } },
  'GET /api/v1/campaigns/{id}/history': { as: 'dawa-office', fixture: { kind: 'campaign', stage: 'InProgress' } },
  'GET /api/v1/campaigns/{id}/as-of': {
    as: 'dawa-office',
    fixture: { kind: 'campaign', stage: 'InProgress' },
    query: () => 'revision=0',
  },

  // Evidence (issue 19 §1): the uploads take multipart/form-data; the generic requests are JSON or junk.
  [`POST ${C}/{id}/attachments`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`GET ${C}/{id}/attachments`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`GET ${C}/{id}/attachments/{sha256}`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`POST ${R}/{id}/attachments`]: { as: CCDI, fixture: referral('Sent') },
  [`GET ${R}/{id}/attachments`]: { as: CCDI, fixture: referral('Sent') },
  [`GET ${R}/{id}/attachments/{sha256}`]: { as: CCDI, fixture: referral('Sent') },
  [`POST ${I}/{id}/attachments`]: { as: 'dawa-emergency', fixture: item('InProgress') },
  [`GET ${I}/{id}/attachments`]: { as: 'dawa-emergency', fixture: item('InProgress') },
  [`GET ${I}/{id}/attachments/{sha256}`]: { as: 'dawa-emergency', fixture: item('InProgress') },

  // Official documents (issue 19 §2): {type} stays as written, an unknown document (404 DOCUMENT.UNKNOWN_TYPE).
  [`GET ${C}/{id}/documents`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`GET ${R}/{id}/documents`]: { as: CCDI, fixture: referral('Sent') },
  [`GET ${I}/{id}/documents`]: { as: 'dawa-emergency', fixture: item('InProgress') },
  [`GET ${C}/{id}/documents/{type}`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`POST ${C}/{id}/documents/{type}`]: { as: 'dawa-office', fixture: clue('Rectification') },
  [`GET ${R}/{id}/documents/{type}`]: { as: CCDI, fixture: referral('Sent') },
  [`POST ${R}/{id}/documents/{type}`]: { as: CCDI, fixture: referral('Sent') },
  [`GET ${I}/{id}/documents/{type}`]: { as: 'dawa-emergency', fixture: item('InProgress') },
  [`POST ${I}/{id}/documents/{type}`]: { as: 'dawa-emergency', fixture: item('InProgress') },

  // Transfer packages (issue 19 §4): the export takes no body; the import takes multipart/form-data like an upload.
  [`POST ${R}/{id}/package`]: { as: 'dawa-office', fixture: referral('Sent') },
  'POST /api/v1/packages': { as: CCDI },
  // 历史补录 (issue 19 §3): a workbook upload, multipart/form-data like the evidence; a dry run.
  'POST /api/v1/imports/ledgers': { as: 'dawa-office', query: () => 'kind=clue&dryRun=true' },
};

/**
 * An evidence upload (and a transfer package's or a ledger's import) takes multipart/form-data: a
 * form without its file is the wrong form (400 EVIDENCE.INVALID_FORM), not the wrong media type.
 */
const isUploadForm = (o: Outcome): boolean =>
  /^POST (?:.*\/attachments|\/api\/v1\/packages|\/api\/v1\/imports\/ledgers)$/.test(o.route) &&
  o.request.category === 'content-type' &&
  o.request.label === 'multipart';
const UPLOAD_FORM_EXPECTED = (a: Answer): boolean => a.status === 400 && a.code === 'EVIDENCE.INVALID_FORM';

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly code: string | undefined;
}

interface Outcome {
  readonly route: string;
  readonly request: HostileRequest;
  readonly answer: Answer;
}

const show = (o: Outcome): string =>
  `${o.route} | ${o.request.category}: ${o.request.label} | ${o.answer.status} ${o.answer.code ?? o.answer.contentType}`;

/** What each category must get, on every route (a route ignores no body it is given: every body is parsed). */
const EXPECTED: Partial<Record<Category, (a: Answer) => boolean>> = {
  malformed: (a) => a.status === 400 && a.code === 'REQUEST.MALFORMED',
  'too-deep': (a) => a.status === 400 && a.code === 'REQUEST.TOO_DEEP',
  'deep-within-limit': (a) => a.code !== 'REQUEST.TOO_DEEP',
  'content-type': (a) => a.status === 415 && a.code === 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'bad-text': (a) => a.status === 400 && a.code === 'REQUEST.INVALID_TEXT',
  'wrong-type': (a) => a.status === 400 && a.code === 'REQUEST.VALIDATION_FAILED',
  missing: (a) => a.status === 400 && a.code === 'REQUEST.VALIDATION_FAILED',
  null: (a) => a.status === 400 && a.code === 'REQUEST.VALIDATION_FAILED',
  huge: (a) =>
    (a.status === 400 && a.code === 'REQUEST.VALIDATION_FAILED') ||
    (a.status === 413 && a.code === 'REQUEST.BODY_TOO_LARGE'),
};

describe('hostile input on every operation of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let outcomes: Outcome[] = [];
  let base: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });

  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    request: HostileRequest,
    token: string | undefined,
  ): Promise<Answer> =>
    new Promise((done, fail) => {
      const { payload } = request;
      const body =
        payload.kind === 'json'
          ? Buffer.from(JSON.stringify(payload.value))
          : payload.kind === 'raw'
            ? Buffer.from(payload.text)
            : undefined;
      const headers: Record<string, string> = { ...request.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload.kind === 'json') headers['content-type'] = 'application/json';
      if (payload.kind === 'raw' && payload.contentType) headers['content-type'] = payload.contentType;
      if (body) headers['content-length'] = String(body.length);
      const url = new URL(base);
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: `${request.path}${request.query ? `?${request.query}` : ''}`,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const contentType = String(res.headers['content-type'] ?? '');
            let code: string | undefined;
            if (contentType.startsWith('application/problem+json')) {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: unknown };
              code = typeof parsed.code === 'string' ? parsed.code : undefined;
            }
            done({ status: res.statusCode ?? 0, contentType, code });
          });
        },
      );
      req.on('error', fail);
      req.end(body);
    });

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const fx = new MatrixFixtures(t);
    await fx.login();
    const entries = Object.entries(ROUTES);
    const ids = await mapLimit(entries, 4, ([, route]) =>
      route.fixture ? fx.make(route.fixture) : Promise.resolve(route.id ?? ''),
    );
    await fx.signCheckpoint();
    const tokens = new Map<Account, string>();
    for (const [, route] of entries)
      if (route.as && !tokens.has(route.as)) tokens.set(route.as, await t.token(route.as));
    const work = entries.flatMap(([key, route], index) => {
      const [method, template] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const operation = doc.paths[template]?.[method.toLowerCase()];
      if (!operation) return [];
      const id = ids[index] ?? '';
      const requests = hostileRequests(doc, {
        method,
        template: route.kind ? template.replace('{kind}', route.kind) : template,
        operation,
        id,
        body: route.body?.(id, fx),
        query: route.query?.(id),
      });
      return requests.map((request) => ({
        route: key,
        method,
        request,
        token: route.as ? tokens.get(route.as) : undefined,
      }));
    });
    outcomes = await mapLimit(work, 8, async ({ route, method, request, token }) => ({
      route,
      request,
      answer: await send(method, request, token),
    }));
    // A bound on a hung setup, not a speed target (as the matrix's): with the accountability routes the
    // fixtures and requests took 290 s on a loaded two-core machine (load average ~20).
  }, 300_000);

  afterAll(async () => {
    agent.destroy();
    await t?.close();
  });

  it('has a route entry for every operation of the document, and none for an operation it does not list', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !documented.includes(route))).toEqual([]);
    expect(new Set(outcomes.map((o) => o.route)).size).toBe(documented.length);
  });

  it('never answers 5xx', () => {
    expect(outcomes.filter((o) => o.answer.status >= 500).map(show)).toEqual([]);
  });

  it('answers every error with application/problem+json and a stable code', () => {
    expect(
      outcomes
        .filter(
          (o) =>
            o.answer.status >= 400 && !(o.answer.contentType.startsWith('application/problem+json') && o.answer.code),
        )
        .map(show),
    ).toEqual([]);
  });

  it('reaches the routes as an authorised caller: no request is refused for its token', () => {
    expect(
      outcomes
        .filter(
          (o) => o.answer.code?.startsWith('AUTH.UNAUTHENTICATED') || o.answer.code === 'AUTH.UNKNOWN_ORGANISATION',
        )
        .map(show),
    ).toEqual([]);
    // Every category is exercised on every route that can take it.
    const categories = new Set(outcomes.map((o) => o.request.category));
    expect([...categories].sort()).toEqual([
      'bad-text',
      'content-type',
      'deep-within-limit',
      'fuzz',
      'huge',
      'junk-id',
      'junk-query',
      'malformed',
      'missing',
      'null',
      'odd',
      'too-deep',
      'wrong-type',
    ]);
  });

  it.each(Object.keys(EXPECTED) as Category[])(
    'answers each request of category %s with its stable 4xx',
    (category) => {
      const check = EXPECTED[category] as (a: Answer) => boolean;
      const ofCategory = outcomes.filter((o) => o.request.category === category);
      expect(ofCategory.length).toBeGreaterThan(0);
      expect(
        ofCategory.filter((o) => !(isUploadForm(o) ? UPLOAD_FORM_EXPECTED(o.answer) : check(o.answer))).map(show),
      ).toEqual([]);
    },
  );

  it(`bounds nesting at ${DEPTH_LIMIT} levels: the limit passes the depth check, one more level is refused`, () => {
    const at = outcomes.filter((o) => o.request.label === `${DEPTH_LIMIT} levels`);
    const over = outcomes.filter((o) => o.request.label === `${DEPTH_LIMIT + 1} levels`);
    expect(at.length).toBe(over.length);
    expect(at.filter((o) => o.answer.code === 'REQUEST.TOO_DEEP').map(show)).toEqual([]);
    expect(over.filter((o) => o.answer.code !== 'REQUEST.TOO_DEEP').map(show)).toEqual([]);
  });
});
