import { computeDeadline, explicitDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { isDomainError } from '../shared/domain-error';
import { LocalDate } from '../shared/time';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import {
  CloseItem,
  CompleteLookBack,
  EvaluateRectification,
  ReopenItem,
  ScheduleLookBack,
} from './rectification.commands';
import { RectificationReopened } from './rectification.events';
import { itemActDate, recordedDate } from './rectification.business-date';
import {
  Decide,
  ITEM_DUE_RULE,
  TEXT,
  rejectOnPass,
  requireNotBefore,
  requireTexts,
  wrongState,
} from './rectification.guards';
import { RECTIFICATION_PRECONDITIONS } from './rectification.preconditions';
import { EVALUATION_METHODS, EVALUATION_RESULTS, RectificationState, RectificationStatus } from './rectification.state';

/** The supervisor's side of the loop: 评估, 销号, 重新整改 and 回头看. */

export const evaluate: Decide<EvaluateRectification> = (c, state) => {
  const error =
    RECTIFICATION_PRECONDITIONS.EvaluateRectification(state, c.actor) ??
    firstError(
      requireInstant(c.at, 'at'),
      requireOneOf(c.method, EVALUATION_METHODS, 'method'),
      requireOneOf(c.result, EVALUATION_RESULTS, 'result'),
      requireText(c.notes, 'notes', TEXT),
      c.result === 'Fail'
        ? requireTexts(c.failureReasons, 'failureReasons', TEXT)
        : rejectOnPass(c.failureReasons !== undefined, 'failureReasons'),
    );
  if (error) return error;
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  return [
    {
      type: 'RectificationEvaluated',
      data: {
        ...eventBase(c),
        ...recordedDate(c, on),
        evaluationNo: state.evaluationCount + 1,
        reportNo: state.reportCount,
        evaluatorUserId: c.actor.userId,
        method: c.method,
        result: c.result,
        notes: c.notes,
        ...(c.result === 'Fail' ? { failureReasons: [...(c.failureReasons ?? [])] } : {}),
      },
    },
  ];
};

/** 销号 requires an evaluation record that passed: "反馈即为整改了" is the failure seed 003 names. */
export const close: Decide<CloseItem> = (c, state, config) => {
  const action = 'close the item';
  const error = RECTIFICATION_PRECONDITIONS.CloseItem(state, c.actor) ?? requireInstant(c.at, 'at');
  if (error) return error;
  if (state.status === 'None' || state.lastEvaluation === undefined) return wrongState(state, action, ['Evaluated']);
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  return [
    {
      type: 'ItemClosed',
      data: {
        ...eventBase(c),
        ...recordedDate(c, on),
        evaluationNo: state.lastEvaluation.evaluationNo,
        longTerm: state.mode === 'LongTerm',
        // The 回头看 period runs from the 销号 itself (DOMAIN.md §4.3: 3–6 months after closure).
        lookBackDue: computeDeadline('LookBack', on, config.deadlines, config.calendar),
      },
    },
  ];
};

export const reopen: Decide<ReopenItem> = (c, state, config) => {
  const error =
    RECTIFICATION_PRECONDITIONS.ReopenItem(state, c.actor) ??
    firstError(
      requireInstant(c.at, 'at'),
      requireTexts(c.reasons, 'reasons', TEXT),
      requireDate(c.newDueDate, 'newDueDate'),
    );
  if (error) return error;
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  const past = requireNotBefore(c.newDueDate, on, 'newDueDate');
  if (past) return past;
  return [reopened(c, on, state, config, 'EvaluationFailed', c.reasons, c.newDueDate)];
};

const reopened = (
  c: ReopenItem | CompleteLookBack,
  on: LocalDate,
  state: RectificationState,
  config: DomainConfig,
  cause: RectificationReopened['data']['cause'],
  reasons: readonly string[],
  newDueDate: string,
): RectificationReopened => ({
  type: 'RectificationReopened',
  data: {
    ...eventBase(c),
    ...recordedDate(c, on),
    reopenNo: state.reopenCount + 1,
    cause,
    reasons: [...reasons],
    deadline: explicitDeadline(ITEM_DUE_RULE, on, newDueDate, config.calendar),
  },
});

const LOOK_BACK_OPEN: readonly RectificationStatus[] = ['Closed', 'LookBackPending'];

export const scheduleLookBack: Decide<ScheduleLookBack> = (c, state, config) => {
  const action = 'schedule the look-back';
  const error =
    RECTIFICATION_PRECONDITIONS.ScheduleLookBack(state, c.actor) ??
    firstError(
      requireInstant(c.at, 'at'),
      c.lookBackOn !== undefined ? requireDate(c.lookBackOn, 'lookBackOn') : undefined,
    );
  if (error) return error;
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  const past = requireNotBefore(c.lookBackOn, on, 'lookBackOn');
  if (past) return past;
  if (state.status === 'None' || state.lookBackDue === undefined) return wrongState(state, action, LOOK_BACK_OPEN);
  const lookBackDue =
    c.lookBackOn !== undefined ? explicitDeadline('LookBack', on, c.lookBackOn, config.calendar) : state.lookBackDue;
  return [{ type: 'LookBackScheduled', data: { ...eventBase(c), ...recordedDate(c, on), lookBackDue } }];
};

/** 回头看: a pass ends the item; a failure reopens it with a new due date (重新整改). */
export const completeLookBack: Decide<CompleteLookBack> = (c, state, config) => {
  const fail = c.result === 'Fail';
  const error =
    RECTIFICATION_PRECONDITIONS.CompleteLookBack(state, c.actor) ??
    firstError(
      requireInstant(c.at, 'at'),
      requireOneOf(c.method, EVALUATION_METHODS, 'method'),
      requireOneOf(c.result, EVALUATION_RESULTS, 'result'),
      requireText(c.notes, 'notes', TEXT),
      fail ? requireTexts(c.reasons, 'reasons', TEXT) : rejectOnPass(c.reasons !== undefined, 'reasons'),
      fail ? requireDate(c.newDueDate, 'newDueDate') : rejectOnPass(c.newDueDate !== undefined, 'newDueDate'),
    );
  if (error) return error;
  const on = itemActDate(c, state);
  if (isDomainError(on)) return on;
  const past = requireNotBefore(c.newDueDate, on, 'newDueDate');
  if (past) return past;
  const reasons = c.reasons ?? [];
  return [
    {
      type: 'LookBackCompleted',
      data: {
        ...eventBase(c),
        ...recordedDate(c, on),
        method: c.method,
        result: c.result,
        notes: c.notes,
        ...(fail ? { failureReasons: [...reasons] } : {}),
      },
    },
    ...(fail && c.newDueDate !== undefined
      ? [reopened(c, on, state, config, 'LookBackFailed', reasons, c.newDueDate)]
      : []),
  ];
};
