import { Actor, Role, regionCovers } from '../shared/actor';
import { ADMINISTRATOR_ROLES } from '../shared/authorize';
import { DomainError, forbidden } from '../shared/domain-error';
import { ESCALATING_ROLES } from './escalation';
import { OrganisationRef } from './org-escalation.events';

/** Units that do no case work (审计查阅, the three administrators) are nobody's to supervise. */
export const NEVER_SUPERVISED_ROLES: readonly Role[] = ['Auditor', ...ADMINISTRATOR_ROLES];

/** The party committee leads the offices of its own region: none of them oversees it. */
export const LEADING_ROLE: Role = 'PartyLeadership';

/**
 * Whether the actor's organisation supervises the target (DOMAIN.md §4.4, C13: the office, the
 * justice bureau or the leadership, within their region, as for case escalations): the actor's
 * region covers the target's; never its own organisation; never a unit without case work; never
 * the party committee of its own region (the leadership the office answers to, not one it oversees).
 * The role comes first ({@link escalationRolesFor}); this is the target's side of the rule.
 */
export const requireSupervises = (actor: Actor, target: OrganisationRef): DomainError | undefined => {
  if (target.orgId === actor.orgId)
    return forbidden('ESCALATION.OWN_ORGANISATION', 'an organisation does not escalate against itself');
  if (!regionCovers(actor.regionId, target.regionId))
    return forbidden('AUTH.OUTSIDE_JURISDICTION', `the organisation lies outside ${actor.orgId}'s region`, {
      action: 'escalate',
    });
  if (
    NEVER_SUPERVISED_ROLES.includes(target.role) ||
    (target.role === LEADING_ROLE && target.regionId === actor.regionId)
  )
    return forbidden('ESCALATION.TARGET_NOT_SUPERVISED', `${actor.orgId} does not supervise ${target.orgId}`);
  return undefined;
};

/** What visibility needs to know about an escalation against an organisation. */
export interface OrgEscalationParties {
  readonly target: OrganisationRef;
  readonly raisedByOrgId: string;
}

/**
 * Who sees an escalation against an organisation: the target, the raiser, every organisation that
 * supervises the target (one that could raise it: an escalating role whose region covers the
 * target's), and auditors (who read everything). Everyone else gets 404, as for a case. The
 * read-model filter is derived from this rule and a property test keeps the two equal.
 */
export const canSeeOrgEscalation = (actor: Actor, escalation: OrgEscalationParties): boolean => {
  if (actor.role === 'Auditor') return true;
  if (ADMINISTRATOR_ROLES.includes(actor.role)) return false;
  if (actor.orgId === escalation.target.orgId || actor.orgId === escalation.raisedByOrgId) return true;
  return ESCALATING_ROLES.includes(actor.role) && requireSupervises(actor, escalation.target) === undefined;
};
