import { Deadline } from '../calendar/deadline-policy';
import type { DeadlineRecomputedData } from '../calendar/deadline-recompute';
import { assertNever } from '../shared/decider';
import { DeadlineChangeEvent, ExtensionRequestRecord } from './deadline-change.types';

/**
 * The deadline after a change event: the event carries the deadline as it now stands, and it
 * replaces the one with the same rule and the previous due date. Any other deadline (another
 * rule, or one a later step already replaced) is left alone. Never throws: events are facts.
 */
export const changedDeadline = <D extends Deadline | undefined>(
  deadline: D,
  event: DeadlineChangeEvent,
): D | Deadline => {
  switch (event.type) {
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionRefused':
      return deadline;
    case 'DeadlineExtensionApproved':
    case 'DeadlinePaused':
    case 'DeadlineResumed':
      return deadline !== undefined && deadline.rule === event.data.rule && deadline.dueOn === event.data.previousDueOn
        ? event.data.deadline
        : deadline;
    default:
      return assertNever(event);
  }
};

/** The case's extension requests after a change event (pauses and resumptions leave them alone). */
export const changedRequests = (
  requests: readonly ExtensionRequestRecord[] | undefined,
  event: DeadlineChangeEvent,
): readonly ExtensionRequestRecord[] => {
  const list = requests ?? [];
  const { at, by } = event.data;
  switch (event.type) {
    case 'DeadlineExtensionRequested': {
      const { requestId, rule, dueOn, proposedDueOn, reason } = event.data;
      return [
        ...list,
        { requestId, rule, dueOn, proposedDueOn, reason, requestedAt: at, requestedBy: by, status: 'Pending' },
      ];
    }
    case 'DeadlineExtensionApproved': {
      const { requestId, deadline, opinion } = event.data;
      return list.map((r) =>
        r.requestId === requestId
          ? {
              ...r,
              status: 'Approved',
              decidedAt: at,
              decidedBy: by,
              approvedDueOn: deadline.dueOn,
              ...(opinion !== undefined ? { opinion } : {}),
            }
          : r,
      );
    }
    case 'DeadlineExtensionRefused': {
      const { requestId, reason } = event.data;
      return list.map((r) =>
        r.requestId === requestId ? { ...r, status: 'Refused', decidedAt: at, decidedBy: by, opinion: reason } : r,
      );
    }
    case 'DeadlinePaused':
    case 'DeadlineResumed':
      return list;
    default:
      return assertNever(event);
  }
};

/** True for the overlay's events, whatever stream they are in. */
export const isDeadlineChangeEvent = (event: { readonly type: string }): event is DeadlineChangeEvent =>
  event.type === 'DeadlineExtensionRequested' ||
  event.type === 'DeadlineExtensionApproved' ||
  event.type === 'DeadlineExtensionRefused' ||
  event.type === 'DeadlinePaused' ||
  event.type === 'DeadlineResumed';

/**
 * The case's extension requests after a recount (DeadlineRecomputed, issue 15 §4): a pending request
 * for the recounted deadline names its new date, so the head can still decide it and no second
 * request for the same deadline can be made meanwhile.
 */
export const recountedRequests = (
  requests: readonly ExtensionRequestRecord[] | undefined,
  recount: Pick<DeadlineRecomputedData, 'rule' | 'fromDueOn' | 'toDueOn'>,
): readonly ExtensionRequestRecord[] | undefined =>
  requests?.map((r) =>
    r.status === 'Pending' && r.rule === recount.rule && r.dueOn === recount.fromDueOn
      ? { ...r, dueOn: recount.toDueOn }
      : r,
  );
