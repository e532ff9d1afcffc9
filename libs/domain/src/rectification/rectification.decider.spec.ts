import { deciderSpec } from '@xj/testing';
import { Actor, actorRef } from '../shared/actor';
import { fold } from '../shared/decider';
import { createDomainConfig } from '../domain-config';
import {
  AssignRectificationItem,
  CloseItem,
  CompleteLookBack,
  EvaluateRectification,
  RaiseRectificationEscalation,
  ReopenItem,
  ReportRectification,
  ScheduleLookBack,
  StartRectification,
} from './rectification.commands';
import { createRectificationDecider } from './rectification.decider';
import {
  ItemClosed,
  LookBackCompleted,
  LookBackScheduled,
  RectificationEvaluated,
  RectificationEvent,
  RectificationItemAssigned,
  RectificationReopened,
  RectificationReported,
  RectificationStarted,
} from './rectification.events';
import { evolveRectification } from './rectification.evolve';
import {
  CLOSED_RECTIFICATION_STATUSES,
  RECTIFICATION_CATEGORY,
  isClosedRectificationStatus,
  rectificationStreamName,
} from './rectification.state';

const config = createDomainConfig();
const decider = createRectificationDecider(config);
const spec = deciderSpec(decider);

// Panjin city, the Dawa district under it, and a sibling district (Panshan).
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
const cityOfficeHead = actor('u-city-head', 'RuleOfLawOffice', 'Head', 'panjin.rol-office', 'panjin');
const cityOfficeStaff = actor('u-city-staff', 'RuleOfLawOffice', 'Staff', 'panjin.rol-office', 'panjin');
const dawaBureauStaff = actor('u-dawa-justice', 'JusticeBureau', 'Staff', 'panjin.dawa.justice', 'panjin/dawa');
const panshanOfficeHead = actor(
  'u-panshan-head',
  'RuleOfLawOffice',
  'Head',
  'panjin.panshan.rol-office',
  'panjin/panshan',
);
const agencyHead = actor('u-agency-head', 'EnforcementAgency', 'Head', 'panjin.dawa.emergency', 'panjin/dawa');
const agencyStaff = actor('u-agency-staff', 'EnforcementAgency', 'Staff', 'panjin.dawa.emergency', 'panjin/dawa');
const otherAgencyHead = actor('u-urban-head', 'EnforcementAgency', 'Head', 'panjin.dawa.urban', 'panjin/dawa');
const commission = actor('u-commission', 'DisciplineCommission', 'Head', 'panjin.commission', 'panjin');
const leader = actor('u-secretary', 'PartyLeadership', 'Head', 'panjin.party', 'panjin');
const auditor = actor('u-auditor', 'Auditor', 'Staff', 'panjin.audit', 'panjin');
const admin = actor('u-admin', 'Administrator', 'Staff', 'panjin.it', 'panjin');

const ITEM = 'item-1';
// 2026-03-02 is a Monday; 2026-03-31 a Tuesday.
const T_ASSIGN = '2026-03-02T09:00:00+08:00';
const T_START = '2026-03-03T09:00:00+08:00';
const T_REPORT = '2026-03-16T10:00:00+08:00';
const T_EVAL = '2026-03-18T10:00:00+08:00';
const T_CLOSE = '2026-03-20T10:00:00+08:00';
const T_LATER = '2026-04-01T10:00:00+08:00';

// ---- commands ----
const assignCmd = (over: Partial<AssignRectificationItem> = {}): AssignRectificationItem => ({
  type: 'AssignRectificationItem',
  actor: dawaBureauStaff,
  at: T_ASSIGN,
  itemId: ITEM,
  clueId: 'clue-7',
  regionId: 'panjin/dawa',
  agencyOrgId: agencyHead.orgId,
  mode: 'Deadline',
  issue: '行政处罚案卷未载明法律依据',
  measures: '逐案补正并建立审核制度',
  dueDate: '2026-03-31',
  owner: '张局长 (局长)',
  responsiblePerson: '李科长 (法制科)',
  evidence: ['督察反馈意见书 2026-3'],
  ...over,
});
const startCmd = (over: Partial<StartRectification> = {}): StartRectification => ({
  type: 'StartRectification',
  actor: agencyStaff,
  at: T_START,
  itemId: ITEM,
  ...over,
});
const reportCmd = (over: Partial<ReportRectification> = {}): ReportRectification => ({
  type: 'ReportRectification',
  actor: agencyHead,
  at: T_REPORT,
  itemId: ITEM,
  report: '已补正 12 件案卷，制度已印发',
  evidence: ['整改报告（局长签字）', '制度文件'],
  ...over,
});
const evaluateCmd = (over: Partial<EvaluateRectification> = {}): EvaluateRectification => ({
  type: 'EvaluateRectification',
  actor: dawaBureauStaff,
  at: T_EVAL,
  itemId: ITEM,
  method: 'OnSite',
  result: 'Pass',
  notes: '现场抽查 5 件，均已补正',
  ...over,
});
const failCmd = (over: Partial<EvaluateRectification> = {}): EvaluateRectification =>
  evaluateCmd({ result: 'Fail', notes: '抽查发现 2 件未补正', failureReasons: ['2 件案卷未补正'], ...over });
const closeCmd = (over: Partial<CloseItem> = {}): CloseItem => ({
  type: 'CloseItem',
  actor: cityOfficeHead,
  at: T_CLOSE,
  itemId: ITEM,
  ...over,
});
const reopenCmd = (over: Partial<ReopenItem> = {}): ReopenItem => ({
  type: 'ReopenItem',
  actor: dawaBureauStaff,
  at: T_CLOSE,
  itemId: ITEM,
  reasons: ['2 件案卷未补正'],
  newDueDate: '2026-04-04',
  ...over,
});
const scheduleCmd = (over: Partial<ScheduleLookBack> = {}): ScheduleLookBack => ({
  type: 'ScheduleLookBack',
  actor: dawaBureauStaff,
  at: T_LATER,
  itemId: ITEM,
  ...over,
});
const lookBackCmd = (over: Partial<CompleteLookBack> = {}): CompleteLookBack => ({
  type: 'CompleteLookBack',
  actor: dawaBureauStaff,
  at: '2026-05-06T10:00:00+08:00',
  itemId: ITEM,
  method: 'Document',
  result: 'Pass',
  notes: '回头看未发现反弹',
  ...over,
});
const lookBackFailCmd = (over: Partial<CompleteLookBack> = {}): CompleteLookBack =>
  lookBackCmd({
    result: 'Fail',
    notes: '问题反弹',
    reasons: ['新案卷再次缺少法律依据'],
    newDueDate: '2026-06-01',
    ...over,
  });
const escalateCmd = (over: Partial<RaiseRectificationEscalation> = {}): RaiseRectificationEscalation => ({
  type: 'RaiseEscalation',
  actor: cityOfficeStaff,
  at: T_LATER,
  itemId: ITEM,
  escalationId: 'esc-1',
  escalationType: 'InquiryLetter',
  reason: '整改进度滞后',
  targetOrgId: agencyHead.orgId,
  target: { orgId: agencyHead.orgId, role: agencyHead.role, regionId: agencyHead.regionId },
  ...over,
});

// ---- events (written out by hand: they are what the tests expect) ----
const assigned: RectificationItemAssigned = {
  type: 'RectificationItemAssigned',
  data: {
    at: T_ASSIGN,
    by: actorRef(dawaBureauStaff),
    itemId: ITEM,
    clueId: 'clue-7',
    regionId: 'panjin/dawa',
    supervisorOrgId: dawaBureauStaff.orgId,
    agencyOrgId: agencyHead.orgId,
    mode: 'Deadline',
    issue: '行政处罚案卷未载明法律依据',
    measures: '逐案补正并建立审核制度',
    owner: '张局长 (局长)',
    responsiblePerson: '李科长 (法制科)',
    evidence: ['督察反馈意见书 2026-3'],
    deadline: {
      rule: 'InspectionFeedbackRectification',
      from: '2026-03-02',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-03-31',
    },
  },
};
const started: RectificationStarted = {
  type: 'RectificationStarted',
  data: { at: T_START, by: actorRef(agencyStaff) },
};
const reported: RectificationReported = {
  type: 'RectificationReported',
  data: {
    at: T_REPORT,
    by: actorRef(agencyHead),
    reportNo: 1,
    report: '已补正 12 件案卷，制度已印发',
    evidence: ['整改报告（局长签字）', '制度文件'],
    late: false,
  },
};
const passed: RectificationEvaluated = {
  type: 'RectificationEvaluated',
  data: {
    at: T_EVAL,
    by: actorRef(dawaBureauStaff),
    evaluationNo: 1,
    reportNo: 1,
    evaluatorUserId: dawaBureauStaff.userId,
    method: 'OnSite',
    result: 'Pass',
    notes: '现场抽查 5 件，均已补正',
  },
};
const failed: RectificationEvaluated = {
  type: 'RectificationEvaluated',
  data: { ...passed.data, result: 'Fail', notes: '抽查发现 2 件未补正', failureReasons: ['2 件案卷未补正'] },
};
// LookBack: 2026-03-20 + 3 months = Sat 2026-06-20, inside 端午 (06-19..21) → Mon 2026-06-22.
const closed: ItemClosed = {
  type: 'ItemClosed',
  data: {
    at: T_CLOSE,
    by: actorRef(cityOfficeHead),
    evaluationNo: 1,
    longTerm: false,
    lookBackDue: { rule: 'LookBack', from: '2026-03-20', amount: 3, unit: 'Months', dueOn: '2026-06-22' },
  },
};
const scheduled: LookBackScheduled = {
  type: 'LookBackScheduled',
  data: { at: T_LATER, by: actorRef(dawaBureauStaff), lookBackDue: closed.data.lookBackDue },
};
const lookBackPassed: LookBackCompleted = {
  type: 'LookBackCompleted',
  data: {
    at: '2026-05-06T10:00:00+08:00',
    by: actorRef(dawaBureauStaff),
    method: 'Document',
    result: 'Pass',
    notes: '回头看未发现反弹',
  },
};
// newDueDate 2026-04-04 falls in 清明 (04-04..06) → Tue 2026-04-07.
const reopened: RectificationReopened = {
  type: 'RectificationReopened',
  data: {
    at: T_CLOSE,
    by: actorRef(dawaBureauStaff),
    reopenNo: 1,
    cause: 'EvaluationFailed',
    reasons: ['2 件案卷未补正'],
    deadline: {
      rule: 'InspectionFeedbackRectification',
      from: '2026-03-20',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-04-04',
      nonWorkingDay: true,
    },
  },
};

// ---- histories ----
const hAssigned: RectificationEvent[] = [assigned];
const hInProgress = [...hAssigned, started];
const hReported = [...hInProgress, reported];
const hPassed = [...hReported, passed];
const hFailed = [...hReported, failed];
const hClosed = [...hPassed, closed];
const hLookBackPending = [...hClosed, scheduled];
const hLookBackPassed = [...hLookBackPending, lookBackPassed];
const hReopened = [...hFailed, reopened];

const HISTORIES = {
  Assigned: hAssigned,
  InProgress: hInProgress,
  Reported: hReported,
  EvaluatedPass: hPassed,
  EvaluatedFail: hFailed,
  Closed: hClosed,
  LookBackPending: hLookBackPending,
  LookBackPassed: hLookBackPassed,
  Reopened: hReopened,
} as const;
type HistoryName = keyof typeof HISTORIES;
const except = (...names: HistoryName[]): [HistoryName][] =>
  (Object.keys(HISTORIES) as HistoryName[]).filter((n) => !names.includes(n)).map((n) => [n]);

describe('RectificationItem (整改事项)', () => {
  describe('AssignRectificationItem', () => {
    it('assigns a Deadline item with its explicit due date, recording the supervisor organisation', () => {
      spec.given([]).when(assignCmd()).then([assigned]);
    });

    it('yields an Assigned state carrying the ledger columns', () => {
      const state = spec.given([]).when(assignCmd()).thenState();
      expect(state).toMatchObject({
        status: 'Assigned',
        itemId: ITEM,
        clueId: 'clue-7',
        regionId: 'panjin/dawa',
        supervisorOrgId: 'panjin.dawa.justice',
        agencyOrgId: 'panjin.dawa.emergency',
        mode: 'Deadline',
        owner: '张局长 (局长)',
        responsiblePerson: '李科长 (法制科)',
        evidence: ['督察反馈意见书 2026-3'],
        deadline: { dueOn: '2026-03-31' },
      });
    });

    it('keeps a due date that falls on a holiday and flags it (国庆 2026-10-01; issue 15 §4)', () => {
      const [event] = spec
        .given([])
        .when(assignCmd({ dueDate: '2026-10-01' }))
        .thenEvents();
      expect(event?.type === 'RectificationItemAssigned' && event.data.deadline).toMatchObject({
        dueOn: '2026-10-01',
        nonWorkingDay: true,
      });
    });

    it('lets the city office assign in a county, and accepts an item without evidence', () => {
      const [event] = spec
        .given([])
        .when(assignCmd({ actor: cityOfficeStaff, evidence: undefined }))
        .thenEvents();
      expect(event?.data).toMatchObject({ supervisorOrgId: 'panjin.rol-office', evidence: [] });
    });

    it.each([
      ['a Monday', '2026-03-02T09:00:00+08:00', '2026-03-02', '2026-03-02'],
      ['a Saturday', '2026-03-07T09:00:00+08:00', '2026-03-07', '2026-03-09'],
      ['a make-up working Saturday', '2026-02-14T09:00:00+08:00', '2026-02-14', '2026-02-14'],
      ['an evening (UTC) that is already Sunday in Beijing', '2026-03-07T17:00:00Z', '2026-03-08', '2026-03-09'],
    ])('立行立改 assigned on %s is due on the same or the next working day', (_label, at, from, dueOn) => {
      const [event] = spec
        .given([])
        .when(assignCmd({ mode: 'Immediate', dueDate: undefined, at }))
        .thenEvents();
      expect(event?.type === 'RectificationItemAssigned' && event.data.deadline).toEqual({
        rule: 'InspectionFeedbackRectification',
        from,
        amount: 0,
        unit: 'Days',
        dueOn,
      });
    });

    it('立行立改 may still be given an explicit date', () => {
      const state = spec
        .given([])
        .when(assignCmd({ mode: 'Immediate', dueDate: '2026-03-05' }))
        .thenState();
      expect(state.deadline?.dueOn).toBe('2026-03-05');
    });

    it('长期坚持 without a milestone has a target and no deadline', () => {
      const state = spec
        .given([])
        .when(assignCmd({ mode: 'LongTerm', dueDate: undefined, longTermTarget: '每季度自查案卷' }))
        .thenState();
      expect(state).toMatchObject({ status: 'Assigned', mode: 'LongTerm', longTermTarget: '每季度自查案卷' });
      expect(state).not.toHaveProperty('deadline');
    });

    it('长期坚持 with a milestone records it as the deadline', () => {
      const state = spec
        .given([])
        .when(assignCmd({ mode: 'LongTerm', dueDate: '2026-06-30', longTermTarget: '每季度自查案卷' }))
        .thenState();
      expect(state.deadline?.dueOn).toBe('2026-06-30');
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', admin, 'AUTH.READ_ONLY_ROLE'],
      ['the agency', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the commission', commission, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the party leadership', leader, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', panshanOfficeHead, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given([])
        .when(assignCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it('rejects a county bureau assigning at city level', () => {
      spec
        .given([])
        .when(assignCmd({ regionId: 'panjin' }))
        .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    });

    it.each<[string, Partial<AssignRectificationItem>, string]>([
      ['itemId', { itemId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['clueId', { clueId: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
      ['agencyOrgId', { agencyOrgId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['issue', { issue: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['measures', { measures: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['owner', { owner: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['responsiblePerson', { responsiblePerson: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['an evidence entry', { evidence: ['ok', ''] }, 'VALIDATION.TEXT_REQUIRED'],
      ['mode', { mode: 'Someday' as never }, 'VALIDATION.UNKNOWN_VALUE'],
      ['dueDate of a Deadline item', { dueDate: undefined }, 'VALIDATION.DATE'],
      ['an impossible dueDate', { dueDate: '2026-02-30' }, 'VALIDATION.DATE'],
      ['the target of a LongTerm item', { mode: 'LongTerm', dueDate: undefined }, 'VALIDATION.TEXT_REQUIRED'],
      ['the instant', { at: 'yesterday' }, 'VALIDATION.INSTANT'],
      ['a due date before today', { dueDate: '2026-03-01' }, 'RECTIFICATION.DATE_IN_PAST'],
    ])('rejects a missing or bad %s', (_label, over, code) => {
      spec.given([]).when(assignCmd(over)).thenError('Validation', code);
    });

    it('rejects a missing region as validation, not as a crash', () => {
      spec
        .given([])
        .when(assignCmd({ regionId: undefined as never }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    });

    it('rejects assigning the same item twice', () => {
      spec.given(hAssigned).when(assignCmd()).thenError('Conflict', 'RECTIFICATION.ALREADY_EXISTS');
    });
  });

  describe('StartRectification', () => {
    it('starts an assigned item (agency staff may)', () => {
      spec.given(hAssigned).when(startCmd()).then([started]);
    });

    it('restarts a reopened item, keeping the new deadline', () => {
      const state = spec
        .given(hReopened)
        .when(startCmd({ at: T_LATER }))
        .thenState();
      expect(state).toMatchObject({ status: 'InProgress', deadline: { dueOn: '2026-04-04', nonWorkingDay: true } });
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', admin, 'AUTH.READ_ONLY_ROLE'],
      ['the supervisor', dawaBureauStaff, 'AUTH.ROLE_NOT_ALLOWED'],
      ['another agency', otherAgencyHead, 'AUTH.WRONG_ORGANISATION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hAssigned)
        .when(startCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(startCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it('rejects a bad instant', () => {
      spec
        .given(hAssigned)
        .when(startCmd({ at: '2026-03-03' }))
        .thenError('Validation', 'VALIDATION.INSTANT');
    });

    it.each(except('Assigned', 'Reopened'))('rejects starting an item in history %s', (name) => {
      spec
        .given(HISTORIES[name])
        .when(startCmd({ at: T_LATER }))
        .thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
    });
  });

  describe('ReportRectification (落实反馈, signed by the head)', () => {
    it('reports an item in progress', () => {
      spec.given(hInProgress).when(reportCmd()).then([reported]);
    });

    it('reports an assigned item directly (立行立改 done on the spot)', () => {
      spec.given(hAssigned).when(reportCmd()).then([reported]);
    });

    it('reports a reopened item as the second report', () => {
      const [event] = spec
        .given(hReopened)
        .when(reportCmd({ at: T_LATER }))
        .thenEvents();
      expect(event?.data).toMatchObject({ reportNo: 2, late: false });
    });

    it('clears the running deadline and keeps the report; "Reported" is not "rectified"', () => {
      const state = spec.given(hInProgress).when(reportCmd()).thenState();
      expect(state.status).toBe('Reported');
      expect(isClosedRectificationStatus(state.status)).toBe(false);
      expect(state).not.toHaveProperty('deadline');
      expect(state.lastReport).toEqual(reported.data);
      expect(state.reportCount).toBe(1);
    });

    it.each([
      ['on the due date, late at night in Beijing', '2026-03-31T23:30:00+08:00', false],
      ['after midnight Beijing time (still 03-31 in UTC)', '2026-03-31T16:30:00Z', true],
    ])('marks a report %s as late: %s', (_label, at, late) => {
      const [event] = spec.given(hInProgress).when(reportCmd({ at })).thenEvents();
      expect(event?.type === 'RectificationReported' && event.data.late).toBe(late);
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', admin, 'AUTH.READ_ONLY_ROLE'],
      ['agency staff (the head signs)', agencyStaff, 'AUTH.HEAD_REQUIRED'],
      ['the supervisor', cityOfficeHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the head of another agency', otherAgencyHead, 'AUTH.WRONG_ORGANISATION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hInProgress)
        .when(reportCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it.each<[string, Partial<ReportRectification>, string]>([
      ['a report without evidence', { evidence: [] }, 'VALIDATION.LIST_REQUIRED'],
      ['a blank evidence entry', { evidence: [' '] }, 'VALIDATION.TEXT_REQUIRED'],
      ['a blank report', { report: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['a bad instant', { at: 'now' }, 'VALIDATION.INSTANT'],
    ])('rejects %s', (_label, over, code) => {
      spec.given(hInProgress).when(reportCmd(over)).thenError('Validation', code);
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(reportCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it.each(except('Assigned', 'InProgress', 'Reopened'))('rejects reporting in history %s', (name) => {
      spec
        .given(HISTORIES[name])
        .when(reportCmd({ at: T_LATER }))
        .thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
    });
  });

  describe('EvaluateRectification (评估)', () => {
    it('records a passed evaluation with the evaluator', () => {
      spec.given(hReported).when(evaluateCmd()).then([passed]);
    });

    it('records a failed evaluation with its reasons', () => {
      spec.given(hReported).when(failCmd()).then([failed]);
    });

    it('lets the city office evaluate a county item', () => {
      const state = spec
        .given(hReported)
        .when(evaluateCmd({ actor: cityOfficeStaff }))
        .thenState();
      expect(state.lastEvaluation).toMatchObject({ evaluatorUserId: 'u-city-staff', result: 'Pass', reportNo: 1 });
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', admin, 'AUTH.READ_ONLY_ROLE'],
      ['the agency evaluating itself', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the commission', commission, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', panshanOfficeHead, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hReported)
        .when(evaluateCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it.each<[string, EvaluateRectification, string]>([
      ['a failure without reasons', failCmd({ failureReasons: undefined }), 'VALIDATION.LIST_REQUIRED'],
      ['a failure with an empty reason list', failCmd({ failureReasons: [] }), 'VALIDATION.LIST_REQUIRED'],
      ['a pass with failure reasons', evaluateCmd({ failureReasons: ['x'] }), 'RECTIFICATION.ONLY_ON_FAIL'],
      ['an unknown method', evaluateCmd({ method: 'Phone' as never }), 'VALIDATION.UNKNOWN_VALUE'],
      ['an unknown result', evaluateCmd({ result: 'Maybe' as never }), 'VALIDATION.UNKNOWN_VALUE'],
      ['blank notes', evaluateCmd({ notes: '' }), 'VALIDATION.TEXT_REQUIRED'],
      ['a bad instant', evaluateCmd({ at: '' }), 'VALIDATION.INSTANT'],
    ])('rejects %s', (_label, command, code) => {
      spec.given(hReported).when(command).thenError('Validation', code);
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(evaluateCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it.each(except('Reported'))('rejects evaluating in history %s', (name) => {
      spec
        .given(HISTORIES[name])
        .when(evaluateCmd({ at: T_LATER }))
        .thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
    });
  });

  describe('CloseItem (销号)', () => {
    it('closes a passed item and sets the look-back due date', () => {
      spec.given(hPassed).when(closeCmd()).then([closed]);
    });

    it('closing is listed as closed and keeps the look-back due date in state', () => {
      const state = spec.given(hPassed).when(closeCmd()).thenState();
      expect(state).toMatchObject({ status: 'Closed', closedAt: T_CLOSE, lookBackDue: { dueOn: '2026-06-22' } });
      expect(CLOSED_RECTIFICATION_STATUSES).toContain(state.status);
    });

    it('marks a LongTerm item as in long-term maintenance', () => {
      const longTerm = {
        ...assigned,
        data: { ...assigned.data, mode: 'LongTerm' as const, longTermTarget: '每季度自查' },
      };
      const [event] = spec.given([longTerm, reported, passed]).when(closeCmd()).thenEvents();
      expect(event?.data).toMatchObject({ longTerm: true, evaluationNo: 1 });
    });

    it('rejects a report that was never evaluated: reported is not rectified', () => {
      spec.given(hReported).when(closeCmd()).thenError('Conflict', 'RECTIFICATION.EVALUATION_REQUIRED');
    });

    it.each([['Assigned'], ['InProgress'], ['Reopened']] as [HistoryName][])(
      'rejects closing without any evaluation in %s',
      (name) => {
        spec.given(HISTORIES[name]).when(closeCmd()).thenError('Conflict', 'RECTIFICATION.EVALUATION_REQUIRED');
      },
    );

    it('rejects closing after a failed evaluation', () => {
      spec.given(hFailed).when(closeCmd()).thenError('Conflict', 'RECTIFICATION.EVALUATION_FAILED');
    });

    it('requires an evaluation of the latest report even when an older one passed', () => {
      // Passed, closed, look-back failed → reopened → reported again: the old Pass does not count.
      const lookBackFailedEvents = decider.decide(lookBackFailCmd(), fold(decider, hLookBackPending));
      if (!Array.isArray(lookBackFailedEvents)) throw new Error('expected events');
      const history = [
        ...hLookBackPending,
        ...lookBackFailedEvents,
        { ...reported, data: { ...reported.data, reportNo: 2 } },
      ];
      expect(fold(decider, history).lastEvaluation?.result).toBe('Pass');
      spec
        .given(history)
        .when(closeCmd({ at: '2026-05-20T10:00:00+08:00' }))
        .thenError('Conflict', 'RECTIFICATION.EVALUATION_REQUIRED');
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', admin, 'AUTH.READ_ONLY_ROLE'],
      ["supervisor staff (销号 is the head's)", dawaBureauStaff, 'AUTH.HEAD_REQUIRED'],
      ['the agency head', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the head of another county office', panshanOfficeHead, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hPassed)
        .when(closeCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it('rejects a bad instant', () => {
      spec
        .given(hPassed)
        .when(closeCmd({ at: '20.3.2026' }))
        .thenError('Validation', 'VALIDATION.INSTANT');
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(closeCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it.each([['Closed'], ['LookBackPending'], ['LookBackPassed']] as [HistoryName][])(
      'rejects closing again in %s',
      (name) => {
        spec
          .given(HISTORIES[name])
          .when(closeCmd({ at: T_LATER }))
          .thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
      },
    );
  });

  describe('ReopenItem (重新整改)', () => {
    it('reopens a failed item with the new due date as given, flagged when on a rest day', () => {
      spec.given(hFailed).when(reopenCmd()).then([reopened]);
    });

    it('puts the item back to work with the new deadline', () => {
      const state = spec.given(hFailed).when(reopenCmd()).thenState();
      expect(state).toMatchObject({
        status: 'Reopened',
        reopenCount: 1,
        deadline: { dueOn: '2026-04-04', nonWorkingDay: true },
      });
      expect(isClosedRectificationStatus(state.status)).toBe(false);
    });

    it('rejects reopening a passed item', () => {
      spec.given(hPassed).when(reopenCmd()).thenError('Conflict', 'RECTIFICATION.EVALUATION_PASSED');
    });

    it.each<[string, Partial<ReopenItem>, string]>([
      ['no reasons', { reasons: [] }, 'VALIDATION.LIST_REQUIRED'],
      ['no new due date', { newDueDate: undefined as never }, 'VALIDATION.DATE'],
      ['a new due date in the past', { newDueDate: '2026-03-19' }, 'RECTIFICATION.DATE_IN_PAST'],
      ['a bad instant', { at: 'x' }, 'VALIDATION.INSTANT'],
    ])('rejects %s', (_label, over, code) => {
      spec.given(hFailed).when(reopenCmd(over)).thenError('Validation', code);
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['the agency', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', panshanOfficeHead, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hFailed)
        .when(reopenCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(reopenCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it.each(except('EvaluatedPass', 'EvaluatedFail'))('rejects reopening in history %s', (name) => {
      spec
        .given(HISTORIES[name])
        .when(reopenCmd({ at: T_LATER, newDueDate: '2026-05-29' }))
        .thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
    });
  });

  describe('ScheduleLookBack', () => {
    it('confirms the default look-back date set at close-out', () => {
      spec.given(hClosed).when(scheduleCmd()).then([scheduled]);
    });

    it('sets an explicit look-back date on the 劳动节 holiday as given, flagged', () => {
      const [event] = spec
        .given(hClosed)
        .when(scheduleCmd({ lookBackOn: '2026-05-01' }))
        .thenEvents();
      expect(event?.type === 'LookBackScheduled' && event.data.lookBackDue).toEqual({
        rule: 'LookBack',
        from: '2026-04-01',
        amount: 0,
        unit: 'Days',
        dueOn: '2026-05-01',
        nonWorkingDay: true,
      });
    });

    it('reschedules a pending look-back', () => {
      const state = spec
        .given(hLookBackPending)
        .when(scheduleCmd({ lookBackOn: '2026-07-01' }))
        .thenState();
      expect(state).toMatchObject({ status: 'LookBackPending', lookBackDue: { dueOn: '2026-07-01' } });
    });

    it.each<[string, Partial<ScheduleLookBack>, string]>([
      ['an impossible date', { lookBackOn: '2026-04-31' }, 'VALIDATION.DATE'],
      ['a date in the past', { lookBackOn: '2026-03-31' }, 'RECTIFICATION.DATE_IN_PAST'],
      ['a bad instant', { at: '' }, 'VALIDATION.INSTANT'],
    ])('rejects %s', (_label, over, code) => {
      spec.given(hClosed).when(scheduleCmd(over)).thenError('Validation', code);
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['the agency', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', panshanOfficeHead, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hClosed)
        .when(scheduleCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(scheduleCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it.each(except('Closed', 'LookBackPending'))('rejects scheduling in history %s', (name) => {
      spec.given(HISTORIES[name]).when(scheduleCmd()).thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
    });
  });

  describe('CompleteLookBack (回头看)', () => {
    it('passes a pending look-back and ends the item', () => {
      spec.given(hLookBackPending).when(lookBackCmd()).then([lookBackPassed]);
      const state = spec.given(hLookBackPending).when(lookBackCmd()).thenState();
      expect(state.status).toBe('LookBackPassed');
      expect(state).not.toHaveProperty('lookBackDue');
      expect(state.lastLookBack).toMatchObject({ result: 'Pass', method: 'Document' });
    });

    it('passes a look-back straight from Closed', () => {
      expect(spec.given(hClosed).when(lookBackCmd()).thenState().status).toBe('LookBackPassed');
    });

    it('a failed look-back reopens the item with a new deadline', () => {
      spec
        .given(hLookBackPending)
        .when(lookBackFailCmd())
        .then([
          {
            type: 'LookBackCompleted',
            data: {
              at: '2026-05-06T10:00:00+08:00',
              by: actorRef(dawaBureauStaff),
              method: 'Document',
              result: 'Fail',
              notes: '问题反弹',
              failureReasons: ['新案卷再次缺少法律依据'],
            },
          },
          {
            type: 'RectificationReopened',
            data: {
              at: '2026-05-06T10:00:00+08:00',
              by: actorRef(dawaBureauStaff),
              reopenNo: 1,
              cause: 'LookBackFailed',
              reasons: ['新案卷再次缺少法律依据'],
              deadline: {
                rule: 'InspectionFeedbackRectification',
                from: '2026-05-06',
                amount: 0,
                unit: 'Days',
                dueOn: '2026-06-01',
              },
            },
          },
        ]);
      const state = spec.given(hLookBackPending).when(lookBackFailCmd()).thenState();
      expect(state).toMatchObject({ status: 'Reopened', reopenCount: 1, deadline: { dueOn: '2026-06-01' } });
      expect(state).not.toHaveProperty('lookBackDue');
      expect(isClosedRectificationStatus(state.status)).toBe(false);
    });

    it.each<[string, CompleteLookBack, string]>([
      ['a failure without reasons', lookBackFailCmd({ reasons: undefined }), 'VALIDATION.LIST_REQUIRED'],
      ['a failure without a new due date', lookBackFailCmd({ newDueDate: undefined }), 'VALIDATION.DATE'],
      ['a failure with a past due date', lookBackFailCmd({ newDueDate: '2026-05-05' }), 'RECTIFICATION.DATE_IN_PAST'],
      ['a pass with reasons', lookBackCmd({ reasons: ['x'] }), 'RECTIFICATION.ONLY_ON_FAIL'],
      ['a pass with a new due date', lookBackCmd({ newDueDate: '2026-06-01' }), 'RECTIFICATION.ONLY_ON_FAIL'],
      ['an unknown method', lookBackCmd({ method: 'Rumour' as never }), 'VALIDATION.UNKNOWN_VALUE'],
      ['blank notes', lookBackCmd({ notes: '  ' }), 'VALIDATION.TEXT_REQUIRED'],
      ['a bad instant', lookBackCmd({ at: '2026-05-06 10:00' }), 'VALIDATION.INSTANT'],
    ])('rejects %s', (_label, command, code) => {
      spec.given(hLookBackPending).when(command).thenError('Validation', code);
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', admin, 'AUTH.READ_ONLY_ROLE'],
      ['the agency', agencyHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', panshanOfficeHead, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, who, code) => {
      spec
        .given(hLookBackPending)
        .when(lookBackCmd({ actor: who }))
        .thenError('Forbidden', code);
    });

    it('rejects an unknown item', () => {
      spec.given([]).when(lookBackCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
    });

    it.each(except('Closed', 'LookBackPending'))('rejects a look-back in history %s', (name) => {
      spec.given(HISTORIES[name]).when(lookBackCmd()).thenError('InvalidTransition', 'RECTIFICATION.WRONG_STATE');
    });
  });

  describe('RaiseEscalation (督办)', () => {
    it('raises an inquiry letter on an item in progress and records it', () => {
      spec
        .given(hInProgress)
        .when(escalateCmd())
        .then([
          {
            type: 'EscalationRaised',
            data: {
              at: T_LATER,
              by: actorRef(cityOfficeStaff),
              escalationId: 'esc-1',
              escalationType: 'InquiryLetter',
              reason: '整改进度滞后',
              targetOrgId: agencyHead.orgId,
            },
          },
        ]);
      expect(spec.given(hInProgress).when(escalateCmd()).thenState().escalations).toEqual([
        { escalationId: 'esc-1', escalationType: 'InquiryLetter', targetOrgId: agencyHead.orgId, at: T_LATER },
      ]);
    });

    it('责令限期履行 records the deadline as given, flagged on a rest day', () => {
      const state = spec
        .given(hInProgress)
        .when(escalateCmd({ escalationType: 'OrderPerformance', performBy: '2026-04-05' }))
        .thenState();
      expect(state.escalations[0]?.deadline).toMatchObject({ dueOn: '2026-04-05', nonWorkingDay: true });
      expect(state.status).toBe('InProgress');
    });

    it('批示 by the party leadership', () => {
      spec
        .given(hInProgress)
        .when(escalateCmd({ actor: leader, escalationType: 'LeaderInstruction' }))
        .thenEvents();
    });

    it('a closed item awaiting its look-back can still be escalated', () => {
      spec.given(hLookBackPending).when(escalateCmd()).thenEvents();
    });

    it('rejects escalating an item whose look-back passed', () => {
      spec
        .given(hLookBackPassed)
        .when(escalateCmd({ at: '2026-05-07T10:00:00+08:00' }))
        .thenError('InvalidTransition', 'RECTIFICATION.CLOSED');
    });

    it('rejects a duplicate escalation id', () => {
      const first = spec.given(hInProgress).when(escalateCmd()).thenEvents();
      spec
        .given([...hInProgress, ...first])
        .when(escalateCmd())
        .thenError('Validation', 'ESCALATION.DUPLICATE_ID');
    });

    it.each([
      ['an auditor', escalateCmd({ actor: auditor }), 'AUTH.READ_ONLY_ROLE'],
      ['the agency', escalateCmd({ actor: agencyHead }), 'AUTH.ROLE_NOT_ALLOWED'],
      ['a 批示 by the office', escalateCmd({ escalationType: 'LeaderInstruction' }), 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', escalateCmd({ actor: panshanOfficeHead }), 'AUTH.OUTSIDE_JURISDICTION'],
    ])('rejects %s', (_label, command, code) => {
      spec.given(hInProgress).when(command).thenError('Forbidden', code);
    });

    it('rejects an OrderPerformance without performBy', () => {
      spec
        .given(hInProgress)
        .when(escalateCmd({ escalationType: 'OrderPerformance' }))
        .thenError('Validation', 'VALIDATION.DATE');
    });

    it('rejects a bad instant instead of crashing', () => {
      spec
        .given(hInProgress)
        .when(escalateCmd({ at: 'soon' }))
        .thenError('Validation', 'VALIDATION.INSTANT');
    });

    it('rejects an unknown item, read-only roles first', () => {
      spec.given([]).when(escalateCmd()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
      spec
        .given([])
        .when(escalateCmd({ actor: auditor }))
        .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
    });
  });

  describe('state', () => {
    it('names its stream and lists the closed statuses the Clue and Referral use', () => {
      expect(RECTIFICATION_CATEGORY).toBe('rectification');
      expect(rectificationStreamName('item-1')).toBe('rectification-item-1');
      expect(CLOSED_RECTIFICATION_STATUSES).toEqual(['Closed', 'LookBackPending', 'LookBackPassed']);
      expect(isClosedRectificationStatus('Evaluated')).toBe(false);
    });

    it('stays plain JSON through the whole loop', () => {
      const state = fold(decider, hLookBackPassed);
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      expect(state).toMatchObject({ status: 'LookBackPassed', reportCount: 1, evaluationCount: 1, reopenCount: 0 });
    });

    it('evolve rejects an event type it does not know (exhaustive switch)', () => {
      expect(() => evolveRectification(decider.initialState(), { type: 'Unknown' } as never)).toThrow();
    });
  });
});
