import { Inject, Injectable } from '@nestjs/common';
import { Actor, EscalationType } from '@xj/domain';
import { Page, PageRequest, and, awaitFreshness, pageOf, publicFields } from '../projections/query-support';
import { ReadModelAccessDenied } from '../projections/read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from '../projections/read-model-freshness';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { orgEscalationsFilter } from './org-escalation-access';
import { ESCALATIONS, ORG_ESCALATIONS, OrgEscalationDocument } from './org-escalations.projection';
import { OrgEscalationItem, ladderLevelOf } from './org-escalations.service';

export interface OrgEscalationQuery extends Omit<PageRequest, 'sort'> {
  readonly escalationType?: EscalationType;
  readonly targetOrgId?: string;
  readonly raisedByOrgId?: string;
}

/** Newest first; `_id` breaks ties so pages are stable. */
const NEWEST_FIRST = { raisedAt: -1, _id: 1 } as const;

/**
 * GET /api/v1/escalations: those against the caller's organisation, those it raised and, for an
 * organisation that supervises targets, those against its targets (the domain's visibility rule as
 * a filter, answered by the read model's indexes).
 */
@Injectable()
export class OrgEscalationQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {}

  async list(actor: Actor, query: OrgEscalationQuery): Promise<Page<OrgEscalationItem>> {
    const access = orgEscalationsFilter(actor);
    // Administrators see no case work, nor the 督办 of units (as in every read-model view).
    if (access === undefined) throw new ReadModelAccessDenied('org-escalations', actor.role);
    const { limit, skip } = pageOf(query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const filter = and(
      access,
      query.escalationType !== undefined ? { escalationType: query.escalationType } : undefined,
      query.targetOrgId !== undefined ? { targetOrgId: query.targetOrgId } : undefined,
      query.raisedByOrgId !== undefined ? { raisedByOrgId: query.raisedByOrgId } : undefined,
    );
    const { items, total } = await this.store.find(ORG_ESCALATIONS, ESCALATIONS, {
      filter,
      sort: NEWEST_FIRST,
      skip,
      limit,
    });
    return {
      items: items.map((d) => {
        const doc = publicFields<OrgEscalationDocument>(d);
        return { ...doc, ladderLevel: ladderLevelOf(doc) };
      }),
      total,
      limit,
      skip,
      stale,
    };
  }
}
