import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor, DeadlineLight, LocalDate } from '@xj/domain';
import {
  DEADLINE_LIGHT_CONFIG,
  LightConfig,
  lightBoundsOf,
  lightConfigOr,
  lightFilter,
  lightOf,
} from '../deadlines/deadline-lights';

import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { ITEMS, RECTIFICATION_LEDGER, RectificationLedgerDocument } from './rectification-ledger.projection';
import { Page, PageRequest, and, awaitFreshness, oneOf, pageOf, pastDue, publicFields, sortOf } from './query-support';
import { accessFilter, regionFilter } from './read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';

export interface RectificationLedgerQuery extends PageRequest {
  readonly today: LocalDate;
  readonly county?: string;
  readonly agencyOrgId?: string;
  readonly clueId?: string;
  /** One status or any of several (我的待办 asks for every status that waits for someone at once). */
  readonly status?: string | readonly string[];
  readonly mode?: string;
  /** Rectification past its 整改时限, or a 回头看 past its date. */
  readonly overdue?: boolean;
  /** 红黄绿灯 of the 整改时限 (sort by dueOn for red → yellow → green). */
  readonly light?: DeadlineLight;
}

export type RectificationLedgerItem = RectificationLedgerDocument & {
  readonly overdue: boolean;
  readonly lookBackOverdue: boolean;
  /** 红黄绿灯 of the 整改时限 and of the 回头看 (null: none running). */
  readonly light: DeadlineLight | null;
  readonly lookBackLight: DeadlineLight | null;
};

export const RECTIFICATION_SORTS = [
  'dueOn',
  'assignedAt',
  'assignedOn',
  'updatedAt',
  'lookBackDueOn',
  'status',
  'itemId',
] as const;

/** 整改台账 for supervisors; an agency's own items for the agency (its view is the same ledger, filtered to it). */
@Injectable()
export class RectificationLedgerQueries {
  private readonly lights: LightConfig;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
    @Optional() @Inject(DEADLINE_LIGHT_CONFIG) lights?: LightConfig,
  ) {
    this.lights = lightConfigOr(lights);
  }

  /** A page of the ledger; `all`: every matching item (the exports), same filters, order and access. */
  async list(
    actor: Actor,
    query: RectificationLedgerQuery,
    range: 'page' | 'all' = 'page',
  ): Promise<Page<RectificationLedgerItem>> {
    const access = accessFilter(actor, 'rectification-ledger');
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const late = { $or: [{ dueOn: { $lt: query.today } }, { lookBackDueOn: { $lt: query.today } }] };
    const inTime = {
      $and: [
        { $or: [{ dueOn: { $exists: false } }, { dueOn: { $gte: query.today } }] },
        { $or: [{ lookBackDueOn: { $exists: false } }, { lookBackDueOn: { $gte: query.today } }] },
      ],
    };
    const bounds = lightBoundsOf(query.today, this.lights);
    const lookBackBounds = lightBoundsOf(query.today, this.lights, 'LookBack');
    const filter = and(
      access,
      lightFilter('dueOn', query.light, bounds),
      query.county !== undefined ? regionFilter(query.county) : undefined,
      query.agencyOrgId !== undefined ? { agencyOrgId: query.agencyOrgId } : undefined,
      query.clueId !== undefined ? { clueId: query.clueId } : undefined,
      oneOf('status', query.status),
      query.mode !== undefined ? { mode: query.mode } : undefined,
      query.overdue === undefined ? undefined : query.overdue ? late : inTime,
    );
    const { limit, skip } = pageOf(query);
    const sort = sortOf(query.sort, RECTIFICATION_SORTS, '-assignedAt');
    const { items, total } = await this.store.find(
      RECTIFICATION_LEDGER,
      ITEMS,
      range === 'all' ? { filter, sort } : { filter, sort, skip, limit },
    );
    return {
      items: items.map((d) => {
        const doc = publicFields<RectificationLedgerDocument>(d);
        return {
          ...doc,
          overdue: pastDue(doc.dueOn, query.today),
          lookBackOverdue: pastDue(doc.lookBackDueOn, query.today),
          light: lightOf(doc.dueOn, bounds),
          lookBackLight: lightOf(doc.lookBackDueOn, lookBackBounds),
        };
      }),
      total,
      limit,
      skip,
      stale,
    };
  }
}
