import { BusinessCalendar } from '../calendar/business-calendar';
import { DEADLINE_RULES, Deadline, DeadlineRule, explicitDeadline, resumedDeadline } from '../calendar/deadline-policy';
import { Actor } from '../shared/actor';
import { Decision, assertNever } from '../shared/decider';
import { DomainError, conflict, invalidTransition, notFound, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { LocalDate, localDateOf } from '../shared/time';
import { firstError, requireDate, requireInstant, requireOneOf, requireText } from '../shared/validate';
import {
  ApproveDeadlineExtension,
  DeadlineChange,
  DeadlineChangeCommand,
  DeadlineChangeEvent,
  ExtensionRequestRecord,
  PauseDeadline,
  RefuseDeadlineExtension,
  RequestDeadlineExtension,
  ResumeDeadline,
} from './deadline-change.types';

/** Who stands on either side of a deadline: authorisation checks, each returning why not. */
export interface DeadlineParties {
  /** The party that bears the deadline and may ask to move it (延期申请). */
  readonly bearer: (actor: Actor, action: string) => DomainError | undefined;
  /** The supervising head who approves or refuses, pauses and resumes. */
  readonly decider: (actor: Actor, action: string) => DomainError | undefined;
}

/** What the overlay needs of the case: its open deadlines, its requests, and who is who for a rule. */
export interface DeadlineChangeTarget {
  readonly open: readonly Deadline[];
  readonly requests: readonly ExtensionRequestRecord[];
  readonly partiesFor: (rule: DeadlineRule) => DeadlineParties;
}

const REASON = 4_000;

/** What each change is called in a refusal of the action list's precondition. */
const CHANGE_ACTION: Readonly<Record<DeadlineChangeCommand['type'], string>> = {
  RequestDeadlineExtension: 'request an extension of a deadline',
  ApproveDeadlineExtension: 'approve an extension',
  RefuseDeadlineExtension: 'refuse an extension',
  PauseDeadline: 'pause a deadline',
  ResumeDeadline: 'resume a deadline',
};

/**
 * The action list's precondition of a deadline change: the actor takes part in it for at least one
 * deadline (or pending request) of the case as it stands — the bearer of a running deadline asks, the
 * deciding head approves or refuses a pending request, pauses a running one, resumes a paused one.
 * Which one the command names is input, judged by decideDeadlineChange, which checks the same parties
 * for that one; so a change this refuses is refused by the decider whatever its input.
 */
export const deadlineChangePrecondition = (
  type: DeadlineChangeCommand['type'],
  target: DeadlineChangeTarget,
  actor: Actor,
): DomainError | undefined => {
  const deciding = type !== 'RequestDeadlineExtension';
  const rules: readonly DeadlineRule[] =
    type === 'ApproveDeadlineExtension' || type === 'RefuseDeadlineExtension'
      ? target.requests.filter((r) => r.status === 'Pending').map((r) => r.rule)
      : target.open.filter((d) => (type === 'ResumeDeadline') === (d.paused !== undefined)).map((d) => d.rule);
  let refusal: DomainError | undefined;
  for (const rule of rules) {
    const parties = target.partiesFor(rule);
    const error = (deciding ? parties.decider : parties.bearer)(actor, CHANGE_ACTION[type]);
    if (error === undefined) return undefined;
    refusal ??= error;
  }
  return (
    refusal ??
    invalidTransition(
      'DEADLINE.NOT_OPEN',
      type === 'ApproveDeadlineExtension' || type === 'RefuseDeadlineExtension'
        ? 'no extension request of the case is pending'
        : type === 'ResumeDeadline'
          ? 'no deadline of the case is paused'
          : 'no deadline of the case is running',
    )
  );
};

/**
 * 延期申请, its approval or refusal, 中止 and 恢复 on one deadline of a case. The aggregate has
 * already checked that the case exists and that the actor's role may take part at all; here the
 * rule's own parties are checked, then the input, then the deadline's state.
 */
export const decideDeadlineChange = (
  command: DeadlineChangeCommand,
  target: DeadlineChangeTarget,
  calendar: BusinessCalendar,
): Decision<DeadlineChangeEvent> => {
  const invalidAt = requireInstant(command.at, 'at');
  if (invalidAt) return invalidAt;
  switch (command.type) {
    case 'RequestDeadlineExtension':
      return request(command, target);
    case 'ApproveDeadlineExtension':
      return approve(command, target, calendar);
    case 'RefuseDeadlineExtension':
      return refuse(command, target);
    case 'PauseDeadline':
      return pause(command, target, calendar);
    case 'ResumeDeadline':
      return resume(command, target, calendar);
    default:
      return assertNever(command);
  }
};

const request = (c: RequestDeadlineExtension, target: DeadlineChangeTarget): Decision<DeadlineChangeEvent> => {
  const action = 'request an extension of this deadline';
  const found = openDeadline(c.rule, target);
  if (isError(found)) return found;
  const error =
    target.partiesFor(c.rule).bearer(c.actor, action) ??
    firstError(
      requireText(c.requestId, 'requestId', 100),
      requireDate(c.proposedDueOn, 'proposedDueOn'),
      requireText(c.reason, 'reason', REASON),
    );
  if (error) return error;
  const today = localDateOf(c.at);
  const stateError =
    notPaused(found) ??
    (target.requests.some((r) => r.requestId === c.requestId)
      ? validation('DEADLINE.DUPLICATE_REQUEST_ID', 'this request id is already used on the case')
      : undefined) ??
    noPendingRequest(found, target) ??
    // [I] An extension is asked for while the period still runs, as 行政复议法 art. 62 extends a
    // period "不能在规定期限内作出" before it ends; a missed deadline is the ladder's, not a request's.
    (today > found.dueOn
      ? invalidTransition('DEADLINE.ALREADY_MISSED', 'the deadline has passed; it can no longer be extended')
      : undefined) ??
    requireLater(c.proposedDueOn, found.dueOn, 'proposedDueOn');
  if (stateError) return stateError;
  return [
    {
      type: 'DeadlineExtensionRequested',
      data: {
        ...eventBase(c),
        requestId: c.requestId,
        rule: c.rule,
        dueOn: found.dueOn,
        proposedDueOn: c.proposedDueOn,
        reason: c.reason,
      },
    },
  ];
};

const approve = (
  c: ApproveDeadlineExtension,
  target: DeadlineChangeTarget,
  calendar: BusinessCalendar,
): Decision<DeadlineChangeEvent> => {
  const action = 'approve an extension';
  const pending = pendingRequest(c.requestId, target);
  if (isError(pending)) return pending;
  const error =
    target.partiesFor(pending.rule).decider(c.actor, action) ??
    firstError(
      c.newDueOn !== undefined ? requireDate(c.newDueOn, 'newDueOn') : undefined,
      c.opinion !== undefined ? requireText(c.opinion, 'opinion', REASON) : undefined,
    ) ??
    decided(pending);
  if (error) return error;
  const today = localDateOf(c.at);
  const current = target.open.find((d) => d.rule === pending.rule && d.dueOn === pending.dueOn);
  if (!current) {
    return invalidTransition('DEADLINE.NOT_OPEN', 'the deadline this request names is no longer open', {
      rule: pending.rule,
    });
  }
  const newDueOn = c.newDueOn ?? pending.proposedDueOn;
  const stateError =
    notPaused(current) ??
    requireLater(newDueOn, current.dueOn, 'newDueOn') ??
    (newDueOn < today
      ? validation('DEADLINE.DATE_IN_PAST', 'newDueOn lies before the day of the decision')
      : undefined);
  if (stateError) return stateError;
  // The granted date is an explicit due date: it takes the calendar's handling of one, while the
  // rule, start and period of the original stay on record.
  const {
    rule: _rule,
    from: _from,
    amount: _amount,
    unit: _unit,
    ...moved
  } = explicitDeadline(current.rule, today, newDueOn, calendar);
  const change: DeadlineChange = {
    kind: 'Extended',
    on: today,
    requestId: pending.requestId,
    fromDueOn: current.dueOn,
    toDueOn: moved.dueOn,
    reason: pending.reason,
  };
  return [
    {
      type: 'DeadlineExtensionApproved',
      data: {
        ...eventBase(c),
        requestId: pending.requestId,
        rule: pending.rule,
        previousDueOn: current.dueOn,
        deadline: { ...core(current), ...moved, ...history(current, change) },
        ...(c.opinion !== undefined ? { opinion: c.opinion } : {}),
      },
    },
  ];
};

const refuse = (c: RefuseDeadlineExtension, target: DeadlineChangeTarget): Decision<DeadlineChangeEvent> => {
  const pending = pendingRequest(c.requestId, target);
  if (isError(pending)) return pending;
  const error =
    target.partiesFor(pending.rule).decider(c.actor, 'refuse an extension') ??
    requireText(c.reason, 'reason', REASON) ??
    decided(pending);
  if (error) return error;
  return [
    {
      type: 'DeadlineExtensionRefused',
      data: { ...eventBase(c), requestId: pending.requestId, rule: pending.rule, reason: c.reason },
    },
  ];
};

const pause = (
  c: PauseDeadline,
  target: DeadlineChangeTarget,
  calendar: BusinessCalendar,
): Decision<DeadlineChangeEvent> => {
  const found = openDeadline(c.rule, target);
  if (isError(found)) return found;
  const error =
    target.partiesFor(c.rule).decider(c.actor, 'pause this deadline') ?? requireText(c.reason, 'reason', REASON);
  if (error) return error;
  const today = localDateOf(c.at);
  const stateError =
    notPaused(found) ??
    noPendingRequest(found, target) ??
    (today > found.dueOn
      ? invalidTransition('DEADLINE.ALREADY_MISSED', 'the deadline has passed; there is no time left to pause')
      : undefined);
  if (stateError) return stateError;
  const remainingWorkingDays = calendar.workingDaysBetween(today, found.dueOn);
  const change: DeadlineChange = { kind: 'Paused', on: today, reason: c.reason, remainingWorkingDays };
  return [
    {
      type: 'DeadlinePaused',
      data: {
        ...eventBase(c),
        rule: c.rule,
        reason: c.reason,
        previousDueOn: found.dueOn,
        remainingWorkingDays,
        deadline: {
          ...found,
          ...history(found, change),
          paused: { since: today, reason: c.reason, remainingWorkingDays },
        },
      },
    },
  ];
};

const resume = (
  c: ResumeDeadline,
  target: DeadlineChangeTarget,
  calendar: BusinessCalendar,
): Decision<DeadlineChangeEvent> => {
  const found = openDeadline(c.rule, target);
  if (isError(found)) return found;
  const error =
    target.partiesFor(c.rule).decider(c.actor, 'resume this deadline') ??
    (c.reason !== undefined ? requireText(c.reason, 'reason', REASON) : undefined);
  if (error) return error;
  if (!found.paused) return invalidTransition('DEADLINE.NOT_PAUSED', 'this deadline is not paused');
  const today = localDateOf(c.at);
  // The budget left at the pause runs again from the resumption, on the business calendar; through
  // a year without a table the new date is provisional (issue 15 §4) and a recount moves it later.
  const resumed = resumedDeadline(found.rule, today, found.paused.remainingWorkingDays, calendar);
  const dueOn = resumed.dueOn;
  const change: DeadlineChange = {
    kind: 'Resumed',
    on: today,
    toDueOn: dueOn,
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  };
  return [
    {
      type: 'DeadlineResumed',
      data: {
        ...eventBase(c),
        rule: c.rule,
        ...(c.reason !== undefined ? { reason: c.reason } : {}),
        previousDueOn: found.dueOn,
        deadline: {
          ...core(found),
          dueOn,
          ...(resumed.provisional ? { provisional: resumed.provisional } : {}),
          ...history(found, change),
        },
      },
    },
  ];
};

const isError = (value: unknown): value is DomainError => value instanceof DomainError;

const openDeadline = (rule: unknown, target: DeadlineChangeTarget): Deadline | DomainError => {
  const error = requireOneOf(rule, DEADLINE_RULES, 'rule');
  if (error) return error;
  return (
    target.open.find((d) => d.rule === rule) ??
    invalidTransition('DEADLINE.NOT_OPEN', `the case has no open deadline ${String(rule)}`, { rule })
  );
};

const pendingRequest = (requestId: unknown, target: DeadlineChangeTarget): ExtensionRequestRecord | DomainError =>
  requireText(requestId, 'requestId', 100) ??
  target.requests.find((r) => r.requestId === requestId) ??
  notFound('DEADLINE.REQUEST_NOT_FOUND', 'no extension request with this id on the case');

const decided = (record: ExtensionRequestRecord): DomainError | undefined =>
  record.status === 'Pending'
    ? undefined
    : conflict('DEADLINE.REQUEST_DECIDED', `the extension request was already ${record.status.toLowerCase()}`);

const notPaused = (deadline: Deadline): DomainError | undefined =>
  deadline.paused ? invalidTransition('DEADLINE.PAUSED', 'the deadline is paused; resume it first') : undefined;

/** A request made for an earlier due date of the same rule (since replaced by a later step) no longer counts. */
const noPendingRequest = (deadline: Deadline, target: DeadlineChangeTarget): DomainError | undefined =>
  target.requests.some((r) => r.rule === deadline.rule && r.dueOn === deadline.dueOn && r.status === 'Pending')
    ? conflict('DEADLINE.EXTENSION_PENDING', 'an extension request for this deadline awaits a decision')
    : undefined;

const requireLater = (date: LocalDate, dueOn: LocalDate, field: string): DomainError | undefined =>
  date > dueOn ? undefined : validation('DEADLINE.NOT_LATER', `${field} must lie after the current due date ${dueOn}`);

/** The computed basis of a deadline, without marks or flags that belonged to its old due date. */
const core = (d: Deadline): Deadline => ({
  rule: d.rule,
  from: d.from,
  amount: d.amount,
  unit: d.unit,
  dueOn: d.dueOn,
});

const history = (d: Deadline, change: DeadlineChange): Pick<Deadline, 'originalDueOn' | 'changes'> => ({
  originalDueOn: d.originalDueOn ?? d.dueOn,
  changes: [...(d.changes ?? []), change],
});
