import { DeadlineRule, computeDeadline, explicitDeadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { Decision } from '../shared/decider';
import { businessDateOf } from '../shared/business-date';
import { DomainError, conflict, isDomainError, validation } from '../shared/domain-error';
import { LocalDate, localDateOf } from '../shared/time';
import { firstError, requireOneOf, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import {
  CompleteClueLookBack,
  CLUE_EVALUATION_METHODS,
  CLUE_EVALUATION_RESULTS,
  EvaluateClue,
  PLAN_ITEM_MODES,
  RectificationItemSnapshot,
  RectificationPlanItem,
  StartEvaluation,
  SubmitRectificationFeedback,
  SubmitRectificationPlan,
} from './clue.commands';
import { ClueEvent } from './clue.events';
import { CLUE_PRECONDITIONS } from './clue.preconditions';
import {
  authorizeSupervisor,
  attachment,
  requireAttachments,
  requireDueDate,
  requireObjectList,
  requireTextList,
} from './clue.guards';
import { ClueState } from './clue.state';

/**
 * C7–C12: the closed loop 反馈 → 整改 → 评估 → 销号 and the later 回头看 (seed 003, seed 001).
 * "Reported" never means "rectified": the only way to Closed is a passing evaluation (C10).
 */

/**
 * Item statuses of the RectificationItem aggregate that count as closed (销号, and the look-back
 * states after it). Kept equal to that aggregate's CLOSED_RECTIFICATION_STATUSES.
 */
export const CLUE_CLOSED_ITEM_STATUSES: readonly string[] = ['Closed', 'LookBackPending', 'LookBackPassed'];

/** Reopened rectification and plan due dates run under the instrument's own rule. */
const rectificationRule = (state: ClueState): DeadlineRule => state.instrument?.deadline.rule ?? 'RectificationPlan';

const validatePlanItem = (item: RectificationPlanItem, index: number, today: LocalDate): DomainError | undefined => {
  const field = `items[${index}]`;
  const longTerm = item.mode === 'LongTerm';
  return firstError(
    requireText(item.itemId, `${field}.itemId`, 100),
    requireText(item.issue, `${field}.issue`, 4_000),
    requireText(item.measures, `${field}.measures`, 4_000),
    requireOneOf(item.mode, PLAN_ITEM_MODES, `${field}.mode`),
    requireText(item.responsiblePerson, `${field}.responsiblePerson`, 200),
    item.owner !== undefined ? requireText(item.owner, `${field}.owner`, 200) : undefined,
    // 长期坚持 has a target instead of an end date; a milestone date is optional.
    longTerm ? requireText(item.longTermTarget, `${field}.longTermTarget`, 2_000) : undefined,
    !longTerm || item.dueDate !== undefined ? requireDueDate(item.dueDate, today, `${field}.dueDate`) : undefined,
  );
};

/** Only the known fields reach the stored event. */
const planItem = (i: RectificationPlanItem): RectificationPlanItem => ({
  itemId: i.itemId,
  issue: i.issue,
  measures: i.measures,
  mode: i.mode,
  ...(i.dueDate !== undefined ? { dueDate: i.dueDate } : {}),
  ...(i.longTermTarget !== undefined ? { longTermTarget: i.longTermTarget } : {}),
  responsiblePerson: i.responsiblePerson,
  ...(i.owner !== undefined ? { owner: i.owner } : {}),
});

/** C7 — the supervised agency's head signs the plan (签字背书); each line becomes a RectificationItem. */
export const decideSubmitRectificationPlan = (
  command: SubmitRectificationPlan,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const precondition = CLUE_PRECONDITIONS.SubmitRectificationPlan(state, command.actor);
  if (precondition) return precondition;
  // 业务日期 of the plan (issue 17 item 7): its items are assigned, and their due dates count, from it.
  const receivedOn = state.receivedAt === undefined ? undefined : localDateOf(state.receivedAt);
  const today = businessDateOf(command.occurredOn, command.at, receivedOn);
  if (isDomainError(today)) return today;
  const error =
    requireObjectList(command.items, 'items', true) ??
    firstError(...command.items.map((item, index) => validatePlanItem(item, index, today)));
  const items = command.items;
  if (error) return error;
  const ids = items.map((i) => i.itemId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined)
    return validation('CLUE.DUPLICATE_ITEM', `item ${duplicate} is listed twice`, { itemId: duplicate });
  // Item ids name RectificationItem streams, so one id can never serve two items.
  const used = ids.filter((id) => state.rectificationItems.some((i) => i.itemId === id));
  if (used.length > 0)
    return conflict('CLUE.ITEM_ALREADY_EXISTS', `items already on this clue: ${used.join(', ')}`, { itemIds: used });
  const dueDates = items.flatMap((i) => (i.dueDate !== undefined ? [i.dueDate] : []));
  const latest = dueDates.length > 0 ? dueDates.reduce((max, d) => (d > max ? d : max)) : undefined;
  const deadline =
    latest !== undefined
      ? explicitDeadline(rectificationRule(state), today, latest, config.calendar)
      : (state.instrument?.deadline ?? computeDeadline('RectificationPlan', today, config.deadlines, config.calendar));
  return [
    {
      type: 'RectificationPlanSubmitted',
      data: {
        ...eventBase(command),
        ...(command.occurredOn !== undefined ? { occurredOn: today } : {}),
        items: items.map(planItem),
        deadline,
      },
    },
  ];
};

/** C8 — the agency reports with evidence, its head signing. */
export const decideSubmitRectificationFeedback = (
  command: SubmitRectificationFeedback,
  state: ClueState,
): Decision<ClueEvent> => {
  const error =
    CLUE_PRECONDITIONS.SubmitRectificationFeedback(state, command.actor) ??
    firstError(requireText(command.report, 'report'), requireAttachments(command.evidence, 'evidence', true));
  if (error) return error;
  const data = { ...eventBase(command), report: command.report, evidence: command.evidence.map(attachment) };
  return [{ type: 'RectificationFeedbackSubmitted', data }];
};

/** C9 — the supervisor takes the feedback up. */
export const decideStartEvaluation = (command: StartEvaluation, state: ClueState): Decision<ClueEvent> =>
  CLUE_PRECONDITIONS.StartEvaluation(state, command.actor) ?? [
    { type: 'ClueEvaluationStarted', data: eventBase(command) },
  ];

/** What an evaluation or a look-back record must hold; failing needs reasons and a new due date. */
const validateRecord = (
  command: Pick<EvaluateClue, 'result' | 'method' | 'notes' | 'failureReasons' | 'newDueDate'>,
  today: LocalDate,
): DomainError | undefined =>
  firstError(
    requireOneOf(command.result, CLUE_EVALUATION_RESULTS, 'result'),
    requireOneOf(command.method, CLUE_EVALUATION_METHODS, 'method'),
    requireText(command.notes, 'notes', 4_000),
    command.result === 'Fail' ? requireTextList(command.failureReasons, 'failureReasons', true, 4_000) : undefined,
    command.result === 'Fail' ? requireDueDate(command.newDueDate, today, 'newDueDate') : undefined,
  );

const validateSnapshots = (list: readonly RectificationItemSnapshot[] | undefined): DomainError | undefined =>
  requireObjectList(list, 'rectificationItems', true) ??
  firstError(
    ...(list ?? []).flatMap((s, index) => [
      requireText(s.itemId, `rectificationItems[${index}].itemId`, 100),
      requireText(s.status, `rectificationItems[${index}].status`, 100),
      requireOneOf(s.mode, PLAN_ITEM_MODES, `rectificationItems[${index}].mode`),
    ]),
  );

/**
 * C10 销号 needs every item of the plan closed or long-term with a target (seed 003: "反馈即为整改了"
 * is the failure this prevents). The item states come from their own streams, on the command.
 */
const requireItemsClosed = (
  state: ClueState,
  snapshots: readonly RectificationItemSnapshot[],
): DomainError | undefined => {
  const unknown = snapshots
    .filter((s) => !state.rectificationItems.some((i) => i.itemId === s.itemId))
    .map((s) => s.itemId);
  if (unknown.length > 0)
    return validation('CLUE.UNKNOWN_ITEM', `not items of this clue: ${unknown.join(', ')}`, { itemIds: unknown });
  const open = state.rectificationItems
    .filter((item) => {
      const snapshot = snapshots.find((s) => s.itemId === item.itemId);
      return (
        snapshot === undefined || (snapshot.mode !== 'LongTerm' && !CLUE_CLOSED_ITEM_STATUSES.includes(snapshot.status))
      );
    })
    .map((item) => item.itemId);
  return open.length > 0
    ? conflict('CLUE.RECTIFICATION_OPEN', `rectification items still open: ${open.join(', ')}`, { itemIds: open })
    : undefined;
};

const reopened = (
  command: EvaluateClue | CompleteClueLookBack,
  state: ClueState,
  config: DomainConfig,
  trigger: 'Evaluation' | 'LookBack',
): ClueEvent => ({
  type: 'ClueReopened',
  data: {
    ...eventBase(command),
    trigger,
    failureReasons: command.failureReasons ?? [],
    deadline: explicitDeadline(
      rectificationRule(state),
      localDateOf(command.at),
      command.newDueDate ?? '',
      config.calendar,
    ),
  },
});

/** C10 / C11 — pass closes (head only) and schedules the look-back; fail reopens (重新整改). */
export const decideEvaluateClue = (
  command: EvaluateClue,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const today = localDateOf(command.at);
  const pass = command.result === 'Pass';
  const error =
    CLUE_PRECONDITIONS.EvaluateClue(state, command.actor) ??
    firstError(
      pass ? authorizeSupervisor(command, state, 'close a clue (销号)', true) : undefined,
      validateRecord(command, today),
      pass ? validateSnapshots(command.rectificationItems) : undefined,
    ) ??
    (pass ? requireItemsClosed(state, command.rectificationItems ?? []) : undefined);
  if (error) return error;
  const base = eventBase(command);
  const evaluated: ClueEvent = {
    type: 'ClueEvaluated',
    data: {
      ...base,
      result: command.result,
      method: command.method,
      notes: command.notes,
      ...(pass
        ? {
            rectificationItems: (command.rectificationItems ?? []).map(({ itemId, status, mode }) => ({
              itemId,
              status,
              mode,
            })),
          }
        : { failureReasons: command.failureReasons }),
    },
  };
  const lookBackDeadline = computeDeadline('LookBack', today, config.deadlines, config.calendar);
  return pass
    ? [evaluated, { type: 'ClueClosed', data: { ...base, lookBackDeadline } }]
    : [evaluated, reopened(command, state, config, 'Evaluation')];
};

/** C12 回头看 — pass archives the clue; fail reopens the rectification. */
export const decideCompleteLookBack = (
  command: CompleteClueLookBack,
  state: ClueState,
  config: DomainConfig,
): Decision<ClueEvent> => {
  const error =
    CLUE_PRECONDITIONS.CompleteClueLookBack(state, command.actor) ?? validateRecord(command, localDateOf(command.at));
  if (error) return error;
  const pass = command.result === 'Pass';
  const completed: ClueEvent = {
    type: 'ClueLookBackCompleted',
    data: {
      ...eventBase(command),
      result: command.result,
      method: command.method,
      notes: command.notes,
      ...(pass ? {} : { failureReasons: command.failureReasons }),
    },
  };
  return pass ? [completed] : [completed, reopened(command, state, config, 'LookBack')];
};
