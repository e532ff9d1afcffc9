import { deciderSpec } from '@xj/testing';
import { isOverdue } from '../calendar/deadline-policy';
import { Actor, actorRef } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { createDomainConfig } from '../domain-config';
import { RectificationCommand } from './rectification.commands';
import { createRectificationDecider } from './rectification.decider';
import { RectificationEvent } from './rectification.events';

/**
 * 延期申请 and 中止/恢复 on a rectification item (issue 15 §2): the agency asks, the supervising
 * head decides; a pause keeps the working days left and a resumption carries them on.
 */
const config = createDomainConfig();
const decider = createRectificationDecider(config);
const spec = deciderSpec(decider);

const actor = (userId: string, role: Actor['role'], position: Actor['position'], orgId: string, regionId: string) => ({
  userId,
  role,
  position,
  orgId,
  regionId,
});
const bureauHead = actor('u-dawa-head', 'JusticeBureau', 'Head', 'panjin.dawa.justice', 'panjin/dawa');
const bureauStaff = actor('u-dawa-staff', 'JusticeBureau', 'Staff', 'panjin.dawa.justice', 'panjin/dawa');
const panshanHead = actor('u-panshan-head', 'RuleOfLawOffice', 'Head', 'panjin.panshan.rol-office', 'panjin/panshan');
const agencyStaff = actor('u-agency-staff', 'EnforcementAgency', 'Staff', 'panjin.dawa.emergency', 'panjin/dawa');
const agencyHead = actor('u-agency-head', 'EnforcementAgency', 'Head', 'panjin.dawa.emergency', 'panjin/dawa');
const otherAgency = actor('u-urban', 'EnforcementAgency', 'Head', 'panjin.dawa.urban', 'panjin/dawa');
const auditor = actor('u-auditor', 'Auditor', 'Staff', 'panjin.audit', 'panjin');

const ITEM = 'item-1';
const RULE = 'InspectionFeedbackRectification';
// 2026-03-02 is a Monday; the item is due on Tuesday 2026-03-31.
const at = (date: string): string => `${date}T10:00:00+08:00`;

const assign: RectificationCommand = {
  type: 'AssignRectificationItem',
  actor: bureauStaff,
  at: at('2026-03-02'),
  itemId: ITEM,
  clueId: 'clue-7',
  regionId: 'panjin/dawa',
  agencyOrgId: agencyHead.orgId,
  mode: 'Deadline',
  issue: '行政处罚案卷未载明法律依据',
  measures: '逐案补正',
  dueDate: '2026-03-31',
  owner: '张局长',
  responsiblePerson: '李科长',
};
const requestExt = (over: Partial<Record<string, unknown>> = {}): RectificationCommand =>
  ({
    type: 'RequestDeadlineExtension',
    actor: agencyStaff,
    at: at('2026-03-20'),
    itemId: ITEM,
    requestId: 'ext-1',
    rule: RULE,
    proposedDueOn: '2026-04-30',
    reason: '需委托第三方鉴定案卷',
    ...over,
  }) as RectificationCommand;
const approve = (over: Partial<Record<string, unknown>> = {}): RectificationCommand =>
  ({
    type: 'ApproveDeadlineExtension',
    actor: bureauHead,
    at: at('2026-03-23'),
    itemId: ITEM,
    requestId: 'ext-1',
    ...over,
  }) as RectificationCommand;
const refuse: RectificationCommand = {
  type: 'RefuseDeadlineExtension',
  actor: bureauHead,
  at: at('2026-03-23'),
  itemId: ITEM,
  requestId: 'ext-1',
  reason: '理由不充分',
};
const pause = (over: Partial<Record<string, unknown>> = {}): RectificationCommand =>
  ({
    type: 'PauseDeadline',
    actor: bureauHead,
    at: at('2026-03-16'),
    itemId: ITEM,
    rule: RULE,
    reason: '等待司法鉴定结论',
    ...over,
  }) as RectificationCommand;
const resume = (over: Partial<Record<string, unknown>> = {}): RectificationCommand =>
  ({
    type: 'ResumeDeadline',
    actor: bureauHead,
    at: at('2026-03-23'),
    itemId: ITEM,
    rule: RULE,
    ...over,
  }) as RectificationCommand;

/** The events the commands produce in turn (each must be accepted). */
const historyOf = (...commands: RectificationCommand[]): RectificationEvent[] =>
  commands.reduce<RectificationEvent[]>((events, command) => {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`${command.type}: ${result.code}`);
    return [...events, ...result];
  }, []);

const assigned = historyOf(assign);

describe('Rectification item — 延期申请 (extension requests)', () => {
  it('the agency asks to move its due date, with a reason and a proposed date', () => {
    spec
      .given(assigned)
      .when(requestExt())
      .then([
        {
          type: 'DeadlineExtensionRequested',
          data: {
            at: at('2026-03-20'),
            by: actorRef(agencyStaff),
            requestId: 'ext-1',
            rule: RULE,
            dueOn: '2026-03-31',
            proposedDueOn: '2026-04-30',
            reason: '需委托第三方鉴定案卷',
          },
        },
      ]);
  });

  it('an approval moves the due date and keeps the original and the history on the deadline', () => {
    const state = spec
      .given(historyOf(assign, requestExt()))
      .when(approve({ opinion: '同意' }))
      .thenState();
    expect(state.deadline).toEqual({
      rule: RULE,
      from: '2026-03-02',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-04-30',
      originalDueOn: '2026-03-31',
      changes: [
        {
          kind: 'Extended',
          on: '2026-03-23',
          requestId: 'ext-1',
          fromDueOn: '2026-03-31',
          toDueOn: '2026-04-30',
          reason: '需委托第三方鉴定案卷',
        },
      ],
    });
    expect(state.deadlineRequests).toEqual([
      expect.objectContaining({
        requestId: 'ext-1',
        status: 'Approved',
        approvedDueOn: '2026-04-30',
        opinion: '同意',
        decidedBy: actorRef(bureauHead),
      }),
    ]);
  });

  it('the head may grant another date than the one proposed', () => {
    const [event] = spec
      .given(historyOf(assign, requestExt()))
      .when(approve({ newDueOn: '2026-04-15' }))
      .thenEvents();
    expect(event).toMatchObject({
      type: 'DeadlineExtensionApproved',
      data: { previousDueOn: '2026-03-31', deadline: { dueOn: '2026-04-15' } },
    });
  });

  it('a refusal keeps the due date and records why', () => {
    const state = spec.given(historyOf(assign, requestExt())).when(refuse).thenState();
    expect(state.deadline?.dueOn).toBe('2026-03-31');
    expect(state.deadlineRequests?.[0]).toMatchObject({ status: 'Refused', opinion: '理由不充分' });
  });

  it('a second extension moves the already moved date and keeps the first original', () => {
    const second = requestExt({ requestId: 'ext-2', at: at('2026-04-20'), proposedDueOn: '2026-05-29' });
    const requested = spec
      .given(historyOf(assign, requestExt(), approve()))
      .when(second)
      .thenState();
    expect(requested.deadlineRequests?.[1]).toMatchObject({ dueOn: '2026-04-30', status: 'Pending' });
    const moved = spec
      .given(historyOf(assign, requestExt(), approve(), second))
      .when(approve({ requestId: 'ext-2', at: at('2026-04-21') }))
      .thenState();
    expect(moved.deadline).toMatchObject({ dueOn: '2026-05-29', originalDueOn: '2026-03-31' });
    expect(moved.deadline?.changes).toHaveLength(2);
  });

  it.each([
    ['a supervisor who is not the head', approve({ actor: bureauStaff }), 'Forbidden', 'AUTH.HEAD_REQUIRED'],
    ['the agency itself', approve({ actor: agencyHead }), 'Forbidden', 'AUTH.ROLE_NOT_ALLOWED'],
    ['a head of another district', approve({ actor: panshanHead }), 'Forbidden', 'AUTH.OUTSIDE_JURISDICTION'],
    ['an auditor', approve({ actor: auditor }), 'Forbidden', 'AUTH.READ_ONLY_ROLE'],
  ])('%s may not approve', (_who, command, kind, code) => {
    spec
      .given(historyOf(assign, requestExt()))
      .when(command)
      .thenError(kind as 'Forbidden', code);
  });

  it.each([
    ['another agency', requestExt({ actor: otherAgency }), 'Forbidden', 'AUTH.WRONG_ORGANISATION'],
    ['an auditor', requestExt({ actor: auditor }), 'Forbidden', 'AUTH.READ_ONLY_ROLE'],
    [
      'the supervisor, for the agency’s deadline',
      requestExt({ actor: bureauStaff }),
      'Forbidden',
      'AUTH.ROLE_NOT_ALLOWED',
    ],
  ])('%s may not ask for the item’s extension', (_who, command, kind, code) => {
    spec
      .given(assigned)
      .when(command)
      .thenError(kind as 'Forbidden', code);
  });

  it.each([
    ['a deadline the item does not have', requestExt({ rule: 'LookBack' }), 'InvalidTransition', 'DEADLINE.NOT_OPEN'],
    ['an unknown rule', requestExt({ rule: 'Whenever' }), 'Validation', 'VALIDATION.UNKNOWN_VALUE'],
    ['a date not after the due date', requestExt({ proposedDueOn: '2026-03-31' }), 'Validation', 'DEADLINE.NOT_LATER'],
    ['no reason', requestExt({ reason: ' ' }), 'Validation', 'VALIDATION.TEXT_REQUIRED'],
    ['a missed deadline', requestExt({ at: at('2026-04-01') }), 'InvalidTransition', 'DEADLINE.ALREADY_MISSED'],
  ])('a request for %s is refused', (_what, command, kind, code) => {
    spec
      .given(assigned)
      .when(command)
      .thenError(kind as 'Validation', code);
  });

  it('a request on an item that does not exist is not found', () => {
    spec.given([]).when(requestExt()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
  });

  it('one request at a time per deadline; after the decision another may follow', () => {
    const pending = historyOf(assign, requestExt());
    spec
      .given(pending)
      .when(requestExt({ requestId: 'ext-2' }))
      .thenError('Conflict', 'DEADLINE.EXTENSION_PENDING');
    spec
      .given(historyOf(assign, requestExt(), refuse))
      .when(requestExt({ requestId: 'ext-2' }))
      .thenEvents();
    spec
      .given(historyOf(assign, requestExt(), refuse))
      .when(requestExt())
      .thenError('Validation', 'DEADLINE.DUPLICATE_REQUEST_ID');
  });

  it('a request is decided once', () => {
    const decided = historyOf(assign, requestExt(), approve());
    spec.given(decided).when(refuse).thenError('Conflict', 'DEADLINE.REQUEST_DECIDED');
    spec
      .given(decided)
      .when(approve({ requestId: 'nope' }))
      .thenError('NotFound', 'DEADLINE.REQUEST_NOT_FOUND');
  });

  it('a granted date must still lie after the current due date and not in the past', () => {
    const pending = historyOf(assign, requestExt());
    spec
      .given(pending)
      .when(approve({ newDueOn: '2026-03-30' }))
      .thenError('Validation', 'DEADLINE.NOT_LATER');
    spec
      .given(pending)
      .when(approve({ at: at('2026-04-20'), newDueOn: '2026-04-10' }))
      .thenError('Validation', 'DEADLINE.DATE_IN_PAST');
  });

  it('a request whose deadline was met in the meantime can no longer be approved, only refused', () => {
    const report: RectificationCommand = {
      type: 'ReportRectification',
      actor: agencyHead,
      at: at('2026-03-21'),
      itemId: ITEM,
      report: '已整改',
      evidence: ['整改报告'],
    };
    const met = historyOf(assign, requestExt(), report);
    spec.given(met).when(approve()).thenError('InvalidTransition', 'DEADLINE.NOT_OPEN');
    spec.given(met).when(refuse).thenEvents();
  });
});

describe('Rectification item — 中止 / 恢复 (pause and resume)', () => {
  it('a pause keeps the working days left and stops the clock', () => {
    const state = spec.given(assigned).when(pause()).thenState();
    // 2026-03-17 … 2026-03-31: eleven working days after the pause day.
    expect(state.deadline?.paused).toEqual({
      since: '2026-03-16',
      reason: '等待司法鉴定结论',
      remainingWorkingDays: 11,
    });
    expect(state.deadline?.dueOn).toBe('2026-03-31');
    expect(isOverdue(state.deadline, '2026-04-15')).toBe(false);
  });

  it('a report during a pause, after the old due date, is not late', () => {
    const [event] = spec
      .given(historyOf(assign, pause()))
      .when({
        type: 'ReportRectification',
        actor: agencyHead,
        at: at('2026-04-10'),
        itemId: ITEM,
        report: '已整改',
        evidence: ['整改报告'],
      })
      .thenEvents();
    expect(event).toMatchObject({ type: 'RectificationReported', data: { late: false } });
  });

  it('a resumption carries the remaining working days from the resumption day, over the Qingming holiday', () => {
    const state = spec
      .given(historyOf(assign, pause()))
      .when(resume({ reason: '鉴定结论已出' }))
      .thenState();
    // Eleven working days after Monday 2026-03-23, 清明 2026-04-04…06 not counted.
    expect(state.deadline).toEqual({
      rule: RULE,
      from: '2026-03-02',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-04-08',
      originalDueOn: '2026-03-31',
      changes: [
        { kind: 'Paused', on: '2026-03-16', reason: '等待司法鉴定结论', remainingWorkingDays: 11 },
        { kind: 'Resumed', on: '2026-03-23', toDueOn: '2026-04-08', reason: '鉴定结论已出' },
      ],
    });
    expect(isOverdue(state.deadline, '2026-04-09')).toBe(true);
  });

  it.each([
    ['pause a paused deadline', historyOf(assign, pause()), pause(), 'InvalidTransition', 'DEADLINE.PAUSED'],
    ['resume a running deadline', assigned, resume(), 'InvalidTransition', 'DEADLINE.NOT_PAUSED'],
    ['extend a paused deadline', historyOf(assign, pause()), requestExt(), 'InvalidTransition', 'DEADLINE.PAUSED'],
    [
      'pause with a request pending',
      historyOf(assign, requestExt()),
      pause({ at: at('2026-03-21') }),
      'Conflict',
      'DEADLINE.EXTENSION_PENDING',
    ],
    [
      'pause a missed deadline',
      assigned,
      pause({ at: at('2026-04-01') }),
      'InvalidTransition',
      'DEADLINE.ALREADY_MISSED',
    ],
    ['pause without a reason', assigned, pause({ reason: '' }), 'Validation', 'VALIDATION.TEXT_REQUIRED'],
    ['pause as the agency', assigned, pause({ actor: agencyHead }), 'Forbidden', 'AUTH.ROLE_NOT_ALLOWED'],
    ['pause as supervisor staff', assigned, pause({ actor: bureauStaff }), 'Forbidden', 'AUTH.HEAD_REQUIRED'],
  ])('cannot %s', (_what, given, command, kind, code) => {
    spec
      .given(given)
      .when(command)
      .thenError(kind as 'Forbidden', code);
  });

  it('the look-back date is the supervisor’s: its staff ask, its head decides', () => {
    const closing: RectificationCommand[] = [
      assign,
      {
        type: 'ReportRectification',
        actor: agencyHead,
        at: at('2026-03-16'),
        itemId: ITEM,
        report: '已整改',
        evidence: ['整改报告'],
      },
      {
        type: 'EvaluateRectification',
        actor: bureauStaff,
        at: at('2026-03-18'),
        itemId: ITEM,
        method: 'OnSite',
        result: 'Pass',
        notes: '属实',
      },
      { type: 'CloseItem', actor: bureauHead, at: at('2026-03-20'), itemId: ITEM },
    ];
    const lookBack = fold(decider, historyOf(...closing)).lookBackDue;
    expect(lookBack?.rule).toBe('LookBack');
    const request = { rule: 'LookBack', proposedDueOn: '2026-07-31', at: at('2026-03-25') };
    spec
      .given(historyOf(...closing))
      .when(requestExt(request))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    const state = spec
      .given(historyOf(...closing, requestExt({ ...request, actor: bureauStaff })))
      .when(approve({ at: at('2026-03-26') }))
      .thenState();
    expect(state.lookBackDue).toMatchObject({ dueOn: '2026-07-31', originalDueOn: lookBack?.dueOn });
  });

  it('folds to plain JSON whatever the path', () => {
    const events = historyOf(
      assign,
      pause(),
      resume(),
      requestExt({ at: at('2026-03-24') }),
      approve({ at: at('2026-03-25') }),
    );
    const state = fold(decider, events);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.deadline).toMatchObject({ dueOn: '2026-04-30', originalDueOn: '2026-03-31' });
  });
});
