import type { ReferralEvent } from './referral.events';
import type { ReferralStatus } from './referral.model';

/** The statuses of a referral that exists. */
export type ExistingReferralStatus = Exclude<ReferralStatus, 'None'>;

/**
 * The referral's status machine as stored events move it (DOMAIN.md §4.2, R0–R14): the status
 * after `event` given the status before. evolveReferral and every read model that shows a
 * referral's status take it from here. Never throws: events are facts.
 */
export function referralStatusAfter(status: ExistingReferralStatus, event: ReferralEvent): ExistingReferralStatus;
export function referralStatusAfter(status: ReferralStatus, event: ReferralEvent): ReferralStatus;
export function referralStatusAfter(status: ReferralStatus, event: ReferralEvent): ReferralStatus {
  if (status === 'None') {
    // Only the two creation events open a stream; anything else on an empty stream is ignored.
    if (event.type === 'ReferralDrafted') return 'Draft';
    return event.type === 'ForwardedReferralOpened' ? 'Forwarded' : 'None';
  }
  switch (event.type) {
    case 'ReferralDrafted':
    case 'ForwardedReferralOpened':
      return status; // creation events open a stream; they never follow one
    case 'ReferralApproved':
      return 'Approved';
    case 'ReferralSent':
    case 'ReferralRerouted':
      return 'Sent';
    case 'ReferralReceived':
      return 'Received';
    case 'ReferralForwarded':
      return 'Forwarded';
    case 'ReferralReturned':
      return 'Returned';
    case 'ReferralAccepted':
      return 'Accepted';
    case 'ReferralPartiallyAccepted':
      return 'PartiallyAccepted';
    case 'DisposalDecided':
      return event.data.method === 'Concluded' ? 'Concluded' : 'Disposing';
    case 'TalkOrInquiryCompleted':
      // R8: problems surfaced turn the talk into 初核, still disposing; otherwise the matter ends.
      return event.data.problemsSurfaced ? status : 'Concluded';
    case 'CaseFiled':
      return 'CaseFiled';
    case 'VerificationConcluded':
      return 'Concluded';
    case 'OutcomesRecorded':
    case 'OutcomesAdded':
      return 'Decided';
    case 'ResultFedBack':
      return 'ResultFedBack';
    case 'ReferralClosed':
      return 'Closed';
    case 'ShelvedReferralResumed': // R10 changes the method, not the status
    case 'TalkOrInquiryHeld': // R8: the talk runs on until completed
    case 'TypicalCasePublished': // R13 is an artefact beside the status
    case 'OutcomesCompleted': // still Decided: feedback may now follow (issue 17 §5)
    case 'OrganisationalHandlingCarriedOut': // 问责条例 art. 9: its deadline runs beside the steps
    case 'EscalationRaised': // §4.4: an overlay
    case 'DeadlineExtensionRequested': // 延期 and 中止/恢复: an overlay on the running deadline
    case 'DeadlineExtensionApproved':
    case 'DeadlineExtensionRefused':
    case 'DeadlinePaused':
    case 'DeadlineResumed':
    case 'DeadlineRecomputed': // a recount moves a date, not the step
    case 'DeadlineApproaching':
    case 'DeadlineMissed':
    case 'DeadlineUrged':
    case 'EscalationRungProposed':
    case 'EscalationRungConfirmed':
    case 'EscalationRungWaived':
    case 'DeadlineCircularIssued': // the 督办 ladder is an overlay too
      return status;
    default: {
      // Compile-time exhaustiveness only: a stored event must never make folding throw.
      const _exhaustive: never = event;
      return status;
    }
  }
}
