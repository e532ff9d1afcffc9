import { requireSupervises } from '../escalation/org-escalation.access';
import { OrganisationRef } from '../escalation/org-escalation.events';
import { Actor, ROLES, Role, regionCovers } from '../shared/actor';
import { requireRole } from '../shared/authorize';
import { DomainError, forbidden, validation } from '../shared/domain-error';

/**
 * Which organisation may act on a case that belongs to another (issue 17 item 4). Read access is
 * case-visibility.rules.ts; these are the rules for acting.
 */

/**
 * The office that drafted a referral owns it (DOMAIN.md §4.2: the transferor): only it approves,
 * sends, re-routes and closes it. Another office of a covering region — the city office on a county
 * referral, or a county office on the city's — supervises it (督办) but does not act for it.
 */
export const requireOwningOffice = (actor: Actor, ownerOrgId: string, action: string): DomainError | undefined =>
  actor.orgId === ownerOrgId
    ? undefined
    : forbidden('AUTH.NOT_OWNING_OFFICE', `only the office that drafted it may ${action}`, {
        action,
        ownerOrgId,
      });

/**
 * The target of a 督办 on a case must be an organisation the escalating one supervises (DOMAIN.md
 * §4.4, C13): within its region, never itself, never its own party committee — the rule of
 * escalations against an organisation. `target` is the directory's record, resolved by the
 * application; an id the directory does not know is refused.
 */
export const requireSupervisedTarget = (
  actor: Actor,
  targetOrgId: string,
  target: OrganisationRef | undefined,
): DomainError | undefined => {
  if (target === undefined || target.orgId !== targetOrgId)
    return validation('ESCALATION.TARGET_UNKNOWN', 'the target organisation is not known to this deployment');
  return requireSupervises(actor, target);
};

/**
 * 移送材料包 (issue 19 §4): which package a party of a referral exports or imports. The owning
 * office hands the referral over (`referral`); the organisation holding it sends its handling back
 * (`feedback`). Nobody else is a party: a package is never made by, or for, a third organisation.
 */
export const transferPackageKindFor = (
  actor: Actor,
  ownerOrgId: string,
  holderOrgId: string | undefined,
): 'referral' | 'feedback' | DomainError => {
  const readOnly = requirePackageExchanger(actor);
  if (readOnly) return readOnly;
  if (actor.orgId === ownerOrgId) return 'referral';
  if (holderOrgId !== undefined && actor.orgId === holderOrgId) return 'feedback';
  return forbidden('AUTH.NOT_PACKAGE_PARTY', 'only the owning office and the holder exchange its transfer packages', {
    ownerOrgId,
  });
};

/** Auditors read and administrators administer: neither sends nor receives a transfer package. */
export const requirePackageExchanger = (actor: Actor): DomainError | undefined =>
  requireRole(actor, ROLES, 'exchange transfer packages');

/**
 * 历史补录 (issue 19 §3): an office's legacy ledger is imported by its own clerks and heads — the
 * rule-of-law office or the justice bureau that registers clues (C1) — as cases of its own region.
 */
export const LEDGER_IMPORT_ROLES: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau'];

export const requireLedgerImporter = (actor: Actor): DomainError | undefined =>
  requireRole(actor, LEDGER_IMPORT_ROLES, 'import a legacy ledger');

/** A supervised unit a ledger line may name: an enforcement agency of the importer's region. */
export const isImportableAgency = (
  actor: Actor,
  org: { readonly role: Role; readonly regionId: string } | undefined,
): boolean => org !== undefined && org.role === 'EnforcementAgency' && regionCovers(actor.regionId, org.regionId);
