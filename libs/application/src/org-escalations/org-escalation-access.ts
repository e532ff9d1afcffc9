import { ADMINISTRATOR_ROLES, Actor, ESCALATING_ROLES, LEADING_ROLE, NEVER_SUPERVISED_ROLES } from '@xj/domain';
import { Filter } from '../read-models/read-model-store.port';

/**
 * The domain's rule of who sees an escalation against an organisation (canSeeOrgEscalation) as a
 * filter on the read model's documents; undefined: the actor sees none. Each branch of the rule is
 * one clause here, in the same order; a property test keeps the two equal on generated escalations.
 */
export const orgEscalationsFilter = (actor: Actor): Filter | undefined => {
  if (actor.role === 'Auditor') return {};
  if (ADMINISTRATOR_ROLES.includes(actor.role)) return undefined;
  const parties: Filter[] = [{ targetOrgId: actor.orgId }, { raisedByOrgId: actor.orgId }];
  if (ESCALATING_ROLES.includes(actor.role)) {
    // requireSupervises: the actor's region covers the target's, not its own organisation, not a
    // unit without case work, not the party committee of the actor's own region.
    parties.push({
      targetRegions: actor.regionId,
      targetOrgId: { $ne: actor.orgId },
      targetRole: { $nin: [...NEVER_SUPERVISED_ROLES] },
      $nor: [{ targetRole: LEADING_ROLE, targetRegionId: actor.regionId }],
    });
  }
  return { $or: parties };
};
