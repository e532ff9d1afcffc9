import { Actor, Role, regionCovers } from './actor';
import { DomainError, forbidden } from './domain-error';

/**
 * 三员 — the system, security and audit administrators (三员分立, 等保 2.0 三级): they run the
 * system and see no case. Which administrator does what is libs/application's ADMINISTRATIVE_DUTIES.
 */
export const ADMINISTRATOR_ROLES: readonly Role[] = ['Administrator', 'SecurityAdministrator', 'AuditAdministrator'];

/** Roles that never change a case: auditors read, administrators administer. */
const READ_ONLY_ROLES: readonly Role[] = ['Auditor', ...ADMINISTRATOR_ROLES];

/** The actor must hold one of the roles. Read-only roles get their own code so audits can tell. */
export const requireRole = (actor: Actor, roles: readonly Role[], action: string): DomainError | undefined => {
  if (READ_ONLY_ROLES.includes(actor.role)) {
    return forbidden('AUTH.READ_ONLY_ROLE', `${actor.role} may not ${action}`, { action, role: actor.role });
  }
  return roles.includes(actor.role)
    ? undefined
    : forbidden('AUTH.ROLE_NOT_ALLOWED', `${actor.role} may not ${action}`, { action, role: actor.role });
};

/** Approvals (集体研究, 报批) are the head's. */
export const requireHead = (actor: Actor, action: string): DomainError | undefined =>
  actor.position === 'Head' ? undefined : forbidden('AUTH.HEAD_REQUIRED', `only the head may ${action}`, { action });

/** A county office acts on its county; the city office on the whole city. */
export const requireRegion = (actor: Actor, regionId: string, action: string): DomainError | undefined =>
  regionCovers(actor.regionId, regionId)
    ? undefined
    : forbidden('AUTH.OUTSIDE_JURISDICTION', `the case lies outside ${actor.orgId}'s region`, { action });

/** Exactly this organisation (e.g. the commission a referral is addressed to, the agency that owns an item). */
export const requireOrg = (actor: Actor, orgId: string, action: string): DomainError | undefined =>
  actor.orgId === orgId
    ? undefined
    : forbidden('AUTH.WRONG_ORGANISATION', `${action} belongs to another organisation`, { action });

/** The actor must hold one of the roles, read-only ones included (e.g. the administrator's configuration). */
export const requireRoleStrict = (actor: Actor, roles: readonly Role[], action: string): DomainError | undefined =>
  roles.includes(actor.role)
    ? undefined
    : forbidden('AUTH.ROLE_NOT_ALLOWED', `${actor.role} may not ${action}`, { action, role: actor.role });
