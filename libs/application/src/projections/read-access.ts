import { Actor, Role } from '@xj/domain';
import { Filter } from '../read-models/read-model-store.port';

/**
 * The API issue's access rules, applied inside each read-model query as a filter (so paging and
 * totals never count what the caller may not see). They follow apps/api/src/cases/case-access.ts:
 * supervisors (office, justice bureau, party leadership) see their region and below; a commission
 * or appointing authority sees referrals addressed or forwarded to it (not the part it split off);
 * an agency sees its own clues (once the instrument is served) and items; auditors see everything;
 * administrators see no case data.
 */
export type ReadModelView = 'inbox' | 'clue-ledger' | 'rectification-ledger' | 'corrected-cases' | 'statistics';

/** The read models with one document per case: each is filtered by the per-case rule of case-access.ts. */
export type CaseReadModel = 'inbox' | 'clue-ledger' | 'rectification-ledger';

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

/**
 * The documents of a case read model whose case the actor could open through the API (case-access.ts:
 * canSeeReferral, canSeeClue, canSeeRectificationItem), as a filter; undefined when it can open none.
 */
export const visibleCasesFilter = (actor: Actor, readModel: CaseReadModel): Filter | undefined => {
  if (actor.role === 'Auditor') return {};
  if (SUPERVISORS.includes(actor.role)) return regionFilter(actor.regionId);
  switch (readModel) {
    case 'inbox':
      // visibleTo (indexed) also names the commission a part was split off from, which may not open
      // that part (case-access.ts): the $or keeps exactly target, holder and forwarded-to.
      if (RECEIVERS.includes(actor.role)) {
        return { visibleTo: actor.orgId, $or: [{ targetOrgId: actor.orgId }, { holderOrgId: actor.orgId }, { 'forwardings.toOrgId': actor.orgId }] };
      }
      return undefined;
    case 'clue-ledger':
      // The agency learns of a clue only once the supervision instrument is served (case-access.ts).
      return actor.role === 'EnforcementAgency' ? { agencyOrgId: actor.orgId, status: { $in: [...AGENCY_VISIBLE_CLUE_STATUSES] } } : undefined;
    case 'rectification-ledger':
      return actor.role === 'EnforcementAgency' ? { agencyOrgId: actor.orgId } : undefined;
    default: {
      const _exhaustive: never = readModel;
      return undefined;
    }
  }
};

/** Roles given the routine statistics: supervisors, and the commission and organisation department too (DOMAIN.md §4.2 notes, §2). */
const STATISTICS_ROLES: readonly Role[] = [...SUPERVISORS, ...RECEIVERS, 'Auditor'];

/**
 * What statistics count in each case read model: only the cases the actor could open (#13 item 7),
 * so no figure and no name (agency, county) comes from a case that answers 404 to it. Undefined:
 * nothing of that read model counts. Throws when the role gets no statistics at all.
 */
export const statisticsFilters = (actor: Actor): Readonly<Record<CaseReadModel, Filter | undefined>> => {
  if (!STATISTICS_ROLES.includes(actor.role)) throw new ReadModelAccessDenied('statistics', actor.role);
  return {
    inbox: visibleCasesFilter(actor, 'inbox'),
    'clue-ledger': visibleCasesFilter(actor, 'clue-ledger'),
    'rectification-ledger': visibleCasesFilter(actor, 'rectification-ledger'),
  };
};

/** Everything the actor may see in a list view, as a filter; throws when the role has no access at all. */
export const accessFilter = (actor: Actor, view: Exclude<ReadModelView, 'statistics'>): Filter => {
  const filter = view === 'corrected-cases' ? correctedCasesFilter(actor) : visibleCasesFilter(actor, view);
  if (filter === undefined) throw new ReadModelAccessDenied(view, actor.role);
  return filter;
};

/** 纠错案件台账: supervisors (their region) and auditors only. */
const correctedCasesFilter = (actor: Actor): Filter | undefined => {
  if (actor.role === 'Auditor') return {};
  return SUPERVISORS.includes(actor.role) ? regionFilter(actor.regionId) : undefined;
};
