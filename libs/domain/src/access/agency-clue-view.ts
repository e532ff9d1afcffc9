import type { HiddenParts } from './case-visibility.types';

/**
 * What the supervised agency reads of a clue about itself (问题监督 onwards): the supervision
 * instrument, its deadlines and the rectification loop, and the escalations aimed at the agency
 * itself — never the persons named, the situations, the analysis and verification or any referral
 * (DOMAIN.md Decision 6 and §9.7: leaking case information is itself situation #6). History entries
 * of the view come without payloads: an instrument may carry the re-evaluated situations.
 */
export const AGENCY_CLUE_VIEW: HiddenParts<'clue'> = {
  fields: {
    status: 'shown',
    clueId: 'shown',
    regionId: 'shown',
    agency: 'shown',
    source: 'shown',
    sourceRef: 'shown',
    instrument: 'shown',
    deadline: 'shown',
    planDeadline: 'shown',
    rectificationItems: 'shown',
    feedbackCount: 'shown',
    evaluationCount: 'shown',
    lastEvaluationResult: 'shown',
    lookBackCount: 'shown',
    lastLookBackResult: 'shown',
    reopenCount: 'shown',
    closedAt: 'shown',
    escalations: 'addressed-to-viewer',
    // 抄送 is printed on the instrument served on the agency (GB/T 9704-2012 §7.3.1: 抄送机关 in the 版记).
    copiedTo: 'shown',
    // Who registered it and when, what it says and about whom: the analysis side (§4.1 C1–C5).
    ownerOrgId: 'hidden',
    // 历史补录: the office's legacy ledger line (its file and row) goes with the registration.
    importedFrom: 'hidden',
    receivedAt: 'hidden',
    summary: 'hidden',
    subjects: 'hidden',
    attachments: 'hidden',
    analystUserId: 'hidden',
    category: 'hidden',
    verificationTeam: 'hidden',
    situationCodes: 'hidden',
    evidenceCodes: 'hidden',
    statutoryGroundCodes: 'hidden',
    justification: 'hidden',
    legalBasis: 'hidden',
    evaluation: 'hidden',
    dismissal: 'hidden',
    // Any transfer of persons to the commission (§4.2): that a referral exists, when and which.
    transferDeadline: 'hidden',
    transferredAt: 'hidden',
    referralIds: 'hidden',
    sentReferralIds: 'hidden',
    referrals: 'hidden',
    // Escalations aimed at others (the county office, the commission) are theirs.
    escalationIds: 'hidden',
    // 延期申请 of the clue include the transfer period's (a referral exists); the agency reads its own
    // deadlines as they stand (moved, paused) in `deadline` and `planDeadline`.
    deadlineRequests: 'hidden',
  },
  events: {
    SupervisionInstrumentIssued: 'shown',
    FollowUpInstrumentIssued: 'shown',
    RectificationPlanSubmitted: 'shown',
    RectificationFeedbackSubmitted: 'shown',
    ClueEvaluationStarted: 'shown',
    ClueEvaluated: 'shown',
    ClueClosed: 'shown',
    ClueReopened: 'shown',
    ClueLookBackCompleted: 'shown',
    EscalationRaised: 'addressed-to-viewer',
    // 追责问责 of the agency's staff is the deciding organisation's case (its own visibility rule).
    AccountabilityCaseLinked: 'hidden',
    CarbonCopySent: 'shown',
    // Published (anonymised) to warn others: the agency reads what everyone may read.
    ClueTypicalCasePublished: 'shown',
    // The ladder's reminders, misses, 催办 and 通报 of the agency's own deadlines (it is their
    // responsibleOrgId); those of the office's (verification, transfer, look-back) stay the office's.
    DeadlineApproaching: 'addressed-to-viewer',
    DeadlineMissed: 'addressed-to-viewer',
    DeadlineUrged: 'addressed-to-viewer',
    EscalationRungProposed: 'hidden',
    EscalationRungConfirmed: 'hidden',
    EscalationRungWaived: 'hidden',
    DeadlineCircularIssued: 'addressed-to-viewer',
    ClueRegistered: 'hidden',
    // The office's own record of where the clue came from, as its registration.
    ClueHistoryImported: 'hidden',
    ClueAnalysisStarted: 'hidden',
    ClueDismissed: 'hidden',
    VerificationStarted: 'hidden',
    ReferralProposed: 'hidden',
    ClueReferralSent: 'hidden',
    // A change may concern the transfer period or the verification (see deadlineRequests above).
    DeadlineExtensionRequested: 'hidden',
    DeadlineExtensionApproved: 'hidden',
    DeadlineExtensionRefused: 'hidden',
    DeadlinePaused: 'hidden',
    DeadlineResumed: 'hidden',
    // A recount may be of the transfer deadline, whose existence is the agency's to not know; the
    // agency still sees its own deadlines' new dates on the clue.
    DeadlineRecomputed: 'hidden',
  },
};
