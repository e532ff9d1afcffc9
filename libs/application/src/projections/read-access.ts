import { Actor, Role } from '@xj/domain';
import { Filter } from '../read-models/read-model-store.port';

/**
 * The API issue's access rules, applied inside each read-model query as a filter (so paging and
 * totals never count what the caller may not see). They follow apps/api/src/cases/case-access.ts:
 * supervisors (office, justice bureau, party leadership) see their region and below; a commission
 * or appointing authority sees referrals addressed, forwarded to or through it; an agency sees its
 * own clues and items; auditors see everything; administrators see no case data.
 */
export type ReadModelView = 'inbox' | 'clue-ledger' | 'rectification-ledger' | 'corrected-cases' | 'statistics';

/** The caller's role may not use this view at all (mapped to 403 by the API). */
export class ReadModelAccessDenied extends Error {
  readonly code = 'AUTH.ROLE_NOT_ALLOWED';
  constructor(
    readonly view: ReadModelView,
    readonly role: Role,
  ) {
    super(`${role} may not read the ${view}`);
  }
}

/** Clue steps at which the supervised agency knows of the clue: from the instrument served on. */
export const AGENCY_VISIBLE_CLUE_STATUSES = ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'] as const;

/**
 * Ledger fields an agency never reads about a clue concerning itself: the situations, the
 * verification, the referrals and the transfer deadline (leaking them is itself situation #6).
 */
export const AGENCY_HIDDEN_CLUE_FIELDS = ['summary', 'situationCodes', 'matchedCodes', 'category', 'referrals', 'transferDueOn', 'dismissalReason'] as const;

const SUPERVISORS: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'];
const RECEIVERS: readonly Role[] = ['DisciplineCommission', 'AppointingAuthority'];

/** Escapes user text for a `$regex` so it matches literally (never as a pattern). */
export const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The region itself and everything below it: `panjin` covers `panjin/dawa`, never `panjinx`. */
export const regionFilter = (regionId: string, field = 'regionId'): Filter => ({
  $or: [{ [field]: regionId }, { [field]: { $regex: `^${escapeRegex(`${regionId}/`)}` } }],
});

/** Everything the actor may see in a view, as a filter; throws when the role has no access at all. */
export const accessFilter = (actor: Actor, view: ReadModelView): Filter => {
  if (actor.role === 'Auditor') return {};
  if (SUPERVISORS.includes(actor.role)) return regionFilter(actor.regionId);
  switch (view) {
    case 'inbox':
      if (RECEIVERS.includes(actor.role)) return { visibleTo: actor.orgId };
      break;
    case 'clue-ledger':
      // The agency learns of a clue only once the supervision instrument is served (case-access.ts).
      if (actor.role === 'EnforcementAgency') return { agencyOrgId: actor.orgId, status: { $in: [...AGENCY_VISIBLE_CLUE_STATUSES] } };
      break;
    case 'rectification-ledger':
      if (actor.role === 'EnforcementAgency') return { agencyOrgId: actor.orgId };
      break;
    case 'statistics':
      // Routine statistics go to the commission and the organisation department too (DOMAIN.md §4.2 notes, §2).
      if (RECEIVERS.includes(actor.role)) return regionFilter(actor.regionId);
      break;
    case 'corrected-cases':
      break;
  }
  throw new ReadModelAccessDenied(view, actor.role);
};
