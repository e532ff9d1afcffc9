import { escalationRungPrecondition } from '../deadlines/deadline-alarm.decide';
import { openDeadlinesOfRectification } from '../deadlines/open-deadlines';
import { escalationPrecondition } from '../escalation/escalation';
import { Actor } from '../shared/actor';
import { requireRegion, requireRole } from '../shared/authorize';
import { conflict } from '../shared/domain-error';
import { Precondition, availableFrom } from '../shared/precondition';
import { RectificationCommand } from './rectification.commands';
import { Party, SUPERVISOR_ROLES, authorizeOnItem, itemNotFound, wrongState } from './rectification.guards';
import { RectificationState, RectificationStatus } from './rectification.state';
import { itemDeadlinePrecondition } from './rectification.deadlines';

/** The commands a user sends on an existing item; AssignRectificationItem opens one, the calendar recounts, the deadline timer fires alarms. */
export type RectificationActionType = Exclude<
  RectificationCommand['type'],
  'AssignRectificationItem' | 'RecomputeDeadline' | 'FireDeadlineAlarm'
>;

/** What the 督办 ladder reads of the item; undefined while it does not exist. */
export const itemAlarmTarget = (state: RectificationState) =>
  state.status === 'None'
    ? undefined
    : { regionId: state.regionId, deadlines: openDeadlinesOfRectification(state), ladders: state.ladders };

const WORKING: readonly RectificationStatus[] = ['Assigned', 'InProgress', 'Reopened'];
const LOOK_BACK_OPEN: readonly RectificationStatus[] = ['Closed', 'LookBackPending'];

const onItem =
  (
    party: Party,
    action: string,
    statuses: readonly RectificationStatus[],
    more?: Precondition<RectificationState>,
  ): Precondition<RectificationState> =>
  (state, actor) =>
    authorizeOnItem({ actor }, state, party, action) ??
    (statuses.includes(state.status) ? undefined : wrongState(state, action, statuses)) ??
    more?.(state, actor);

/**
 * Per command, everything its decision needs of the item and the actor (DOMAIN.md §4.3): the
 * decide functions run these first, the action list is computed from them.
 */
export const RECTIFICATION_PRECONDITIONS: Readonly<Record<RectificationActionType, Precondition<RectificationState>>> =
  {
    StartRectification: onItem({ side: 'agency' }, 'start the rectification', ['Assigned', 'Reopened']),
    // 落实反馈: the head signs (签字背书, 开封鼓楼 practice), so only the agency head reports.
    ReportRectification: onItem({ side: 'agency', head: true }, 'report the rectification', WORKING),
    EvaluateRectification: onItem({ side: 'supervisor' }, 'evaluate the rectification', ['Reported']),
    // 销号 requires an evaluation record that passed: "反馈即为整改了" is the failure seed 003 names.
    CloseItem: (state, actor) =>
      authorizeOnItem({ actor }, state, { side: 'supervisor', head: true }, 'close the item') ??
      (WORKING.includes(state.status) || state.status === 'Reported'
        ? conflict(
            'RECTIFICATION.EVALUATION_REQUIRED',
            'an item is closed only after an evaluation of its latest report',
          )
        : state.status !== 'Evaluated'
          ? wrongState(state, 'close the item', ['Evaluated'])
          : state.lastEvaluation?.result !== 'Pass'
            ? conflict('RECTIFICATION.EVALUATION_FAILED', 'the latest evaluation failed; reopen the item instead')
            : undefined),
    ReopenItem: onItem({ side: 'supervisor' }, 'reopen the item', ['Evaluated'], (state) =>
      state.lastEvaluation?.result !== 'Fail'
        ? conflict('RECTIFICATION.EVALUATION_PASSED', 'the latest evaluation passed; close the item instead')
        : undefined,
    ),
    ScheduleLookBack: onItem({ side: 'supervisor' }, 'schedule the look-back', LOOK_BACK_OPEN, (state) =>
      state.lookBackDue === undefined ? wrongState(state, 'schedule the look-back', LOOK_BACK_OPEN) : undefined,
    ),
    CompleteLookBack: onItem({ side: 'supervisor' }, 'complete the look-back', LOOK_BACK_OPEN),
    // 督办 on any item that still has work or a look-back ahead of it.
    RaiseEscalation: (state, actor) =>
      state.status === 'None'
        ? (requireRole(actor, [...SUPERVISOR_ROLES, 'PartyLeadership'], 'escalate') ?? itemNotFound())
        : escalationPrecondition(
            actor,
            { regionId: state.regionId, open: state.status !== 'LookBackPassed' },
            'RECTIFICATION',
          ),
    // 延期申请 / 中止·恢复 (issue 15 §2): for some deadline or pending request of the case.
    RequestDeadlineExtension: itemDeadlinePrecondition('RequestDeadlineExtension'),
    ApproveDeadlineExtension: itemDeadlinePrecondition('ApproveDeadlineExtension'),
    RefuseDeadlineExtension: itemDeadlinePrecondition('RefuseDeadlineExtension'),
    PauseDeadline: itemDeadlinePrecondition('PauseDeadline'),
    ResumeDeadline: itemDeadlinePrecondition('ResumeDeadline'),
    // The 督办 ladder's proposed rung (issue 15 §2): a supervising head of the region, while one waits.
    ConfirmEscalationRung: (state, actor) => escalationRungPrecondition(actor, itemAlarmTarget(state), itemNotFound),
    WaiveEscalationRung: (state, actor) => escalationRungPrecondition(actor, itemAlarmTarget(state), itemNotFound),
  };

const ASSIGN = 'assign a rectification item';

/** 下达整改事项 — who may assign an item on a clue of this region: a supervisor of the region. */
export const assignItemPrecondition: Precondition<{ readonly regionId: string }> = (clue, actor) =>
  requireRole(actor, SUPERVISOR_ROLES, ASSIGN) ?? requireRegion(actor, clue.regionId, ASSIGN);

/** The commands `actor` may send on the item now; none before it exists. */
export const availableRectificationCommands = (state: RectificationState, actor: Actor): RectificationActionType[] =>
  state.status === 'None' ? [] : availableFrom(RECTIFICATION_PRECONDITIONS, state, actor);
