import { assertNever } from '../shared/decider';
import type { ClueEvent } from './clue.events';
import type { ClueStatus } from './clue.state';

/**
 * The clue's status machine as stored events move it (DOMAIN.md §4.1, C1–C13): the status after
 * `event` given the status before. evolveClue and every read model that shows a clue's step take
 * the status from here, so the two cannot drift apart.
 */
export const clueStatusAfter = (status: ClueStatus, event: ClueEvent): ClueStatus => {
  switch (event.type) {
    case 'ClueRegistered':
      return 'Registered';
    case 'ClueAnalysisStarted':
      return 'Analysis';
    case 'ClueDismissed':
      return 'Dismissed';
    case 'VerificationStarted':
      return 'Verification';
    case 'SupervisionInstrumentIssued':
      return 'Supervision';
    case 'RectificationPlanSubmitted':
      return 'Rectification';
    case 'RectificationFeedbackSubmitted':
      return 'Feedback';
    case 'ClueEvaluationStarted':
      return 'Evaluation';
    case 'ClueEvaluated':
      // C10 / C11: the status moves only with the ClueClosed / ClueReopened that follows.
      return status;
    case 'ClueClosed':
      return 'Closed';
    case 'ClueReopened':
      return 'Rectification';
    case 'ClueLookBackCompleted':
      // C12: a failed look-back keeps the clue closed until it is reopened.
      return event.data.result === 'Pass' ? 'Archived' : status;
    case 'ClueHistoryImported':
      // 历史补录: the step the legacy ledger shows.
      return event.data.status;
    case 'FollowUpInstrumentIssued': // issue 17 §6: a further instrument keeps the agency at its step
    case 'ReferralProposed':
    case 'ClueReferralSent':
    case 'AccountabilityCaseLinked': // issue 17: accountability outside the commission runs in its own case
    case 'EscalationRaised':
    case 'CarbonCopySent':
    case 'ClueTypicalCasePublished':
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
      // Referrals run in parallel (C14); escalations, 延期, 中止 and the 督办 ladder are overlays
      // (§4.4) and a recount only moves a date: none of them moves the clue.
      return status;
    default:
      return assertNever(event);
  }
};
