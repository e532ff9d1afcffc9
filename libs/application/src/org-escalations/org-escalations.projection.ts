import { Deadline, EscalationType, ORG_ESCALATION_CATEGORY, OrgEscalationEvent, Role } from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { IndexedProjection, defined, domainEvent, json, key, stampFresh } from '../projections/projection-support';

export const ORG_ESCALATIONS = 'org-escalations';
export const ESCALATIONS = 'escalations';

/** One escalation against an organisation, as listed (GET /api/v1/escalations). */
export interface OrgEscalationDocument {
  readonly escalationId: string;
  readonly escalationType: EscalationType;
  readonly reason: string;
  readonly targetOrgId: string;
  readonly targetRole: Role;
  readonly targetRegionId: string;
  /**
   * The target's region and every region above it (`panjin/dawa` → `panjin`, `panjin/dawa`): an
   * organisation supervises the target when its own region is one of them, so the access filter
   * is an equality on one indexed array field, never a scan of region prefixes.
   */
  readonly targetRegions: readonly string[];
  readonly raisedByOrgId: string;
  readonly raisedByUserId: string;
  readonly raisedByRole: Role;
  readonly raisedByRegionId: string;
  readonly raisedAt: string;
  readonly deadline?: Deadline;
}

/** `panjin/dawa/x` → `['panjin', 'panjin/dawa', 'panjin/dawa/x']`. */
export const regionsAbove = (regionId: string): string[] =>
  regionId.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));

/**
 * Escalations against organisations (issue 15 §2), one document per escalation, fed from their own
 * streams (`orgescalation-<id>`): no case stream is read, and the case ledgers' partitioned rebuild
 * does not concern it (the feed builds it in global order).
 */
export const orgEscalationsProjection: IndexedProjection = {
  name: ORG_ESCALATIONS,
  version: 1,
  collections: [ESCALATIONS],
  categories: [ORG_ESCALATION_CATEGORY],
  indexes: {
    // The three branches of the access filter, each with the list's order (newest first).
    [ESCALATIONS]: [
      { targetOrgId: 1, raisedAt: -1 },
      { raisedByOrgId: 1, raisedAt: -1 },
      { targetRegions: 1, raisedAt: -1 },
      { raisedAt: -1 },
    ],
  },
  keys: (event) =>
    Promise.resolve(event.type === 'OrganisationEscalationRaised' ? [key(ESCALATIONS, event.aggregateId)] : []),
  apply: (doc, event, target) => {
    const e = domainEvent<OrgEscalationEvent>(event);
    switch (e.type) {
      case 'OrganisationEscalationRaised': {
        const d = e.data;
        const next: JsonObject = defined({
          escalationId: d.escalationId,
          escalationType: d.escalationType,
          reason: d.reason,
          targetOrgId: d.targetOrgId,
          targetRole: d.targetRole,
          targetRegionId: d.targetRegionId,
          targetRegions: regionsAbove(d.targetRegionId),
          raisedByOrgId: d.by.orgId,
          raisedByUserId: d.by.userId,
          raisedByRole: d.by.role,
          raisedByRegionId: d.raisedByRegionId,
          raisedAt: d.at,
          deadline: d.deadline === undefined ? undefined : json(d.deadline),
        });
        return Promise.resolve(stampFresh(doc, next, target, event));
      }
      default:
        // Event types of a later build are left to it (the document keeps what this build knows).
        return Promise.resolve(doc);
    }
  },
};
