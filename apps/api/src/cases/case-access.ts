import { Actor, ClueState, ReferralState, RectificationState, regionCovers } from '@xj/domain';

/**
 * Who may see which case (the API issue's access rules). Applied before any command is decided
 * and before any case is read: a case the caller may not see is answered exactly like a missing
 * one (404), so its existence does not leak. What a visible caller may *do* is the deciders' call.
 */
const supervises = (actor: Actor, regionId: string): boolean =>
  (actor.role === 'RuleOfLawOffice' || actor.role === 'JusticeBureau' || actor.role === 'PartyLeadership') &&
  regionCovers(actor.regionId, regionId);

export const canSeeClue = (actor: Actor, clue: ClueState): boolean => {
  if (clue.status === 'None') return false;
  if (actor.role === 'Auditor') return true;
  if (actor.role === 'EnforcementAgency') return clue.agency?.orgId === actor.orgId;
  return supervises(actor, clue.regionId ?? '');
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
