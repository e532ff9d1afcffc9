import { Actor, ClueState, ReferralState, RectificationState, regionCovers } from '@xj/domain';

/**
 * Who may see which case (the API issue's access rules). Applied before any command is decided
 * and before any case is read: a case the caller may not see is answered exactly like a missing
 * one (404), so its existence does not leak. What a visible caller may *do* is the deciders' call.
 * The read models (lists and statistics) apply the same rule as filters: visibleCasesFilter in
 * libs/application/src/projections/read-access.ts — change the two together.
 */
const supervises = (actor: Actor, regionId: string): boolean =>
  (actor.role === 'RuleOfLawOffice' || actor.role === 'JusticeBureau' || actor.role === 'PartyLeadership') &&
  regionCovers(actor.regionId, regionId);

/**
 * The supervised agency learns of a clue only once the supervision instrument is served on it
 * (问题监督): analysis and verification are confidential, and so is whom they concern.
 */
const AGENCY_VISIBLE_CLUE_STATUSES: readonly ClueState['status'][] = ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'];

export const canSeeClue = (actor: Actor, clue: ClueState): boolean => {
  if (clue.status === 'None') return false;
  if (actor.role === 'Auditor') return true;
  if (actor.role === 'EnforcementAgency') return clue.agency?.orgId === actor.orgId && AGENCY_VISIBLE_CLUE_STATUSES.includes(clue.status);
  return supervises(actor, clue.regionId ?? '');
};

/**
 * What an agency may read of a clue about itself: the supervision instrument, its deadlines and the
 * rectification loop — never the persons named, the situations, the verification or any referral
 * (leaking case information is itself situation #6).
 */
export const clueViewFor = (actor: Actor, clue: ClueState): Partial<ClueState> => {
  if (actor.role !== 'EnforcementAgency') return clue;
  return {
    status: clue.status,
    clueId: clue.clueId,
    regionId: clue.regionId,
    agency: clue.agency,
    source: clue.source,
    sourceRef: clue.sourceRef,
    instrument: clue.instrument,
    deadline: clue.deadline,
    planDeadline: clue.planDeadline,
    rectificationItems: clue.rectificationItems,
    feedbackCount: clue.feedbackCount,
    evaluationCount: clue.evaluationCount,
    lastEvaluationResult: clue.lastEvaluationResult,
    lookBackCount: clue.lookBackCount,
    lastLookBackResult: clue.lastLookBackResult,
    reopenCount: clue.reopenCount,
    closedAt: clue.closedAt,
    escalations: clue.escalations.filter((e) => e.targetOrgId === actor.orgId),
  };
};

/**
 * A commission (or appointing authority) sees only referrals addressed or forwarded to it. The
 * commission that split off a child referral by partial acceptance does not see the child: the
 * forwarded persons are no longer its case (confidentiality, Decision 6).
 */
export const canSeeReferral = (actor: Actor, referral: ReferralState): boolean => {
  if (referral.status === 'None') return false;
  if (actor.role === 'Auditor') return true;
  if (actor.role === 'DisciplineCommission' || actor.role === 'AppointingAuthority') {
    return (
      referral.target?.orgId === actor.orgId ||
      referral.holder?.orgId === actor.orgId ||
      referral.forwardings.some((f) => f.to.orgId === actor.orgId)
    );
  }
  return supervises(actor, referral.regionId);
};

export const canSeeRectificationItem = (actor: Actor, item: RectificationState): boolean => {
  if (item.status === 'None') return false;
  if (actor.role === 'Auditor') return true;
  if (actor.role === 'EnforcementAgency') return item.agencyOrgId === actor.orgId;
  return supervises(actor, item.regionId ?? '');
};
