import type { HiddenParts } from './case-visibility.types';

/**
 * What the 组织部 reads of a 行政不作为 clue: the data it pulls on inaction by the departments for
 * cadre evaluation (DOMAIN.md §8 Panjin, seed 004: "组织部 regularly pulls data on 行政不作为 by city
 * departments") — which unit, since when, what supervision it drew and whether it was rectified.
 * Never whom it names, what it says, the analysis, the referrals (persons reach the 组织部 as the
 * 任免机关 by referral, Decision 5) or the office's own deadlines and escalations. History entries of
 * the view come without payloads.
 */
export const ORG_DEPT_CLUE_VIEW: HiddenParts<'clue'> = {
  fields: {
    status: 'shown',
    clueId: 'shown',
    regionId: 'shown',
    agency: 'shown',
    source: 'shown',
    receivedAt: 'shown',
    category: 'shown',
    instrument: 'shown',
    feedbackCount: 'shown',
    evaluationCount: 'shown',
    lastEvaluationResult: 'shown',
    lookBackCount: 'shown',
    lastLookBackResult: 'shown',
    reopenCount: 'shown',
    closedAt: 'shown',
    // The case file and the analysis side (§4.1 C1–C5), and who handles it at the office.
    sourceRef: 'hidden',
    ownerOrgId: 'hidden',
    // 历史补录: the office's legacy ledger line (its file and row) goes with the registration.
    importedFrom: 'hidden',
    summary: 'hidden',
    subjects: 'hidden',
    attachments: 'hidden',
    analystUserId: 'hidden',
    verificationTeam: 'hidden',
    situationCodes: 'hidden',
    evidenceCodes: 'hidden',
    statutoryGroundCodes: 'hidden',
    justification: 'hidden',
    legalBasis: 'hidden',
    evaluation: 'hidden',
    dismissal: 'hidden',
    // The transfer of persons (§4.2) and the office's running work on the matter.
    transferDeadline: 'hidden',
    transferredAt: 'hidden',
    referralIds: 'hidden',
    sentReferralIds: 'hidden',
    referrals: 'hidden',
    deadline: 'hidden',
    planDeadline: 'hidden',
    deadlineRequests: 'hidden',
    rectificationItems: 'hidden',
    escalations: 'hidden',
    escalationIds: 'hidden',
    copiedTo: 'hidden',
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
    ClueRegistered: 'hidden',
    // The office's own record of where the clue came from, as its registration.
    ClueHistoryImported: 'hidden',
    ClueAnalysisStarted: 'hidden',
    ClueDismissed: 'hidden',
    VerificationStarted: 'hidden',
    ReferralProposed: 'hidden',
    // Accountability outside the commission is not the 任免机关's (case-visibility.rules.ts).
    AccountabilityCaseLinked: 'hidden',
    ClueReferralSent: 'hidden',
    EscalationRaised: 'hidden',
    DeadlineApproaching: 'hidden',
    DeadlineMissed: 'hidden',
    DeadlineUrged: 'hidden',
    EscalationRungProposed: 'hidden',
    EscalationRungConfirmed: 'hidden',
    EscalationRungWaived: 'hidden',
    DeadlineCircularIssued: 'hidden',
    DeadlineExtensionRequested: 'hidden',
    DeadlineExtensionApproved: 'hidden',
    DeadlineExtensionRefused: 'hidden',
    DeadlinePaused: 'hidden',
    DeadlineResumed: 'hidden',
    DeadlineRecomputed: 'hidden',
    CarbonCopySent: 'hidden',
    ClueTypicalCasePublished: 'shown',
  },
};
