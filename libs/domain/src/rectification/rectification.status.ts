import { assertNever } from '../shared/decider';
import type { RectificationEvent } from './rectification.events';
import type { RectificationStatus } from './rectification.state';

/**
 * The rectification item's status machine as stored events move it (DOMAIN.md §4.3): the status
 * after `event` given the status before. evolveRectification and every read model that shows an
 * item's status take it from here.
 */
export const rectificationStatusAfter = (
  status: RectificationStatus,
  event: RectificationEvent,
): RectificationStatus => {
  switch (event.type) {
    case 'RectificationItemAssigned':
      return 'Assigned';
    case 'RectificationHistoryImported':
      // 历史补录: the step the legacy ledger shows.
      return event.data.status;
    case 'RectificationStarted':
      return 'InProgress';
    case 'RectificationReported':
      return 'Reported';
    case 'RectificationEvaluated':
      return 'Evaluated';
    case 'ItemClosed':
      return 'Closed';
    case 'LookBackScheduled':
      return 'LookBackPending';
    case 'LookBackCompleted':
      // A failed look-back is followed by RectificationReopened; until then the item stays where it was.
      return event.data.result === 'Pass' ? 'LookBackPassed' : status;
    case 'RectificationReopened':
      return 'Reopened';
    case 'EscalationRaised':
    case 'DeadlineExtensionRequested':
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed':
    case 'DeadlineRecomputed':
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued':
      return status;
    default:
      return assertNever(event);
  }
};
