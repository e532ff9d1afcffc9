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

import { ReadModelDocument } from '../read-models/projection';
import { Filter, READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { ITEMS, RECTIFICATION_LEDGER, RectificationLedgerDocument } from './rectification-ledger.projection';
import {
  LedgerRows,
  Page,
  PageRequest,
  and,
  awaitFreshness,
  mapBatches,
  oneOf,
  pageOf,
  pastDue,
  publicFields,
  sortOf,
} from './query-support';
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

  /** A page of the ledger; `all`: every matching item in one array (same filters, order and access as the page). */
  async list(
    actor: Actor,
    query: RectificationLedgerQuery,
    range: 'page' | 'all' = 'page',
  ): Promise<Page<RectificationLedgerItem>> {
    const plan = this.plan(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const { limit, skip } = pageOf(query);
    const { items, total } = await this.store.find(
      RECTIFICATION_LEDGER,
      ITEMS,
      range === 'all'
        ? { filter: plan.filter, sort: plan.sort }
        : { filter: plan.filter, sort: plan.sort, skip, limit },
    );
    return { items: items.map(plan.line), total, limit, skip, stale };
  }

  /** Every matching item in batches, for the exports (issue 19 §3): streamed, same filters, order and access as {@link list}. */
  async export(actor: Actor, query: RectificationLedgerQuery): Promise<LedgerRows<RectificationLedgerItem>> {
    const plan = this.plan(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const batches = this.store.stream(RECTIFICATION_LEDGER, ITEMS, { filter: plan.filter, sort: plan.sort });
    return { stale, batches: mapBatches(batches, plan.line) };
  }

  private plan(
    actor: Actor,
    query: RectificationLedgerQuery,
  ): { filter: Filter; sort: Record<string, 1 | -1>; line: (doc: ReadModelDocument) => RectificationLedgerItem } {
    const access = accessFilter(actor, 'rectification-ledger');
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
    const sort = sortOf(query.sort, RECTIFICATION_SORTS, '-assignedAt');
    // One copy per item: the public fields, then the flags of the day set on it.
    const line = (doc: ReadModelDocument): RectificationLedgerItem => {
      const item = publicFields<Record<string, unknown>>(doc);
      const { dueOn, lookBackDueOn } = item as { dueOn?: string; lookBackDueOn?: string };
      item.overdue = pastDue(dueOn, query.today);
      item.lookBackOverdue = pastDue(lookBackDueOn, query.today);
      item.light = lightOf(dueOn, bounds);
      item.lookBackLight = lightOf(lookBackDueOn, lookBackBounds);
      return item as unknown as RectificationLedgerItem;
    };
    return { filter, sort, line };
  }
}
