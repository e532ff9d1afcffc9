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
import { CLUE_LEDGER, CLUE_LEDGER_CLUES, ClueLedgerAgencyField, ClueLedgerDocument } from './clue-ledger.projection';
import {
  Page,
  PageRequest,
  and,
  awaitFreshness,
  oneOf,
  overdueFilter,
  pageOf,
  pastDue,
  sortOf,
  LedgerRows,
  mapBatches,
} from './query-support';
import { accessFilter, documentView, escapeRegex, queryField, readView, regionFilter } from './read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';

export interface ClueLedgerQuery extends PageRequest {
  /** China date the overdue flags are computed for. */
  readonly today: LocalDate;
  /** A region path; the clue's region must be it or below it. */
  readonly county?: string;
  readonly agencyOrgId?: string;
  readonly source?: string;
  readonly situation?: string;
  /** The current step (ClueStatus), or any of several (我的待办 asks for every open step at once). */
  readonly step?: string | readonly string[];
  readonly overdue?: boolean;
  /** 红黄绿灯 of the next due date (sort by nextDueOn for red → yellow → green). */
  readonly light?: DeadlineLight;
  /** Case-insensitive text search on the summary (literal, never a pattern). */
  readonly q?: string;
}

/** A line as its reader reads it (an agency: only what its view of the clue shows, see CLUE_LEDGER_FIELDS). */
export type ClueLedgerItem = Omit<ClueLedgerDocument, ClueLedgerAgencyField> & {
  readonly overdue: boolean;
  /** 红黄绿灯 of the next due date (null: none running). */
  readonly light: DeadlineLight | null;
};

export const CLUE_LEDGER_SORTS = ['receivedAt', 'nextDueOn', 'updatedAt', 'status', 'clueId'] as const;

/** 线索台账 for the rule-of-law office (and an agency's own clues). */
@Injectable()
export class ClueLedgerQueries {
  private readonly lights: LightConfig;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
    @Optional() @Inject(DEADLINE_LIGHT_CONFIG) lights?: LightConfig,
  ) {
    this.lights = lightConfigOr(lights);
  }

  /** A page of the ledger; `all`: every matching line in one array (same filters, order and access as the page). */
  async list(actor: Actor, query: ClueLedgerQuery, range: 'page' | 'all' = 'page'): Promise<Page<ClueLedgerItem>> {
    const plan = this.plan(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const { limit, skip } = pageOf(query);
    const { items, total } = await this.store.find(
      CLUE_LEDGER,
      CLUE_LEDGER_CLUES,
      range === 'all'
        ? { filter: plan.filter, sort: plan.sort }
        : { filter: plan.filter, sort: plan.sort, skip, limit },
    );
    return { items: items.map(plan.line), total, limit, skip, stale };
  }

  /**
   * Every matching line in batches, for the exports (issue 19 §3): same filters, order and access
   * as {@link list}, streamed from the read-model store so that the ledger is never held whole.
   */
  async export(actor: Actor, query: ClueLedgerQuery): Promise<LedgerRows<ClueLedgerItem>> {
    const plan = this.plan(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const batches = this.store.stream(CLUE_LEDGER, CLUE_LEDGER_CLUES, { filter: plan.filter, sort: plan.sort });
    return { stale, batches: mapBatches(batches, plan.line) };
  }

  /** The filter and order of a query, and how a document becomes the reader's line. Refusals are thrown here, before any wait. */
  private plan(
    actor: Actor,
    query: ClueLedgerQuery,
  ): { filter: Filter; sort: Record<string, 1 | -1>; line: (doc: ReadModelDocument) => ClueLedgerItem } {
    const access = accessFilter(actor, 'clue-ledger');
    const view = documentView(actor, 'clue-ledger');
    // Refused when the reader may not see the field: a filter or an order on it would reveal it.
    const field = (name: string): string => queryField(view, name);
    const hasText = query.q !== undefined && query.q.length > 0;
    const situationField = query.situation !== undefined ? field('situationCodes') : undefined;
    const summaryField = hasText ? field('summary') : undefined;
    // Asked for only by a due-date filter: the 组织部's view has no due dates at all.
    const dueField = query.overdue !== undefined || query.light !== undefined ? field('nextDueOn') : 'nextDueOn';
    // Newest first by receipt; a reader who may not see receipt dates gets its latest changes first.
    const fallback = view.hidden.includes('receivedAt') ? '-updatedAt' : '-receivedAt';
    const sort = Object.fromEntries(
      Object.entries(sortOf(query.sort, CLUE_LEDGER_SORTS, fallback)).map(([name, order]) => [
        name === '_id' ? name : field(name),
        order,
      ]),
    );
    const bounds = lightBoundsOf(query.today, this.lights);
    const filter = and(
      access,
      query.county !== undefined ? regionFilter(query.county, field('regionId')) : undefined,
      query.agencyOrgId !== undefined ? { [field('agencyOrgId')]: query.agencyOrgId } : undefined,
      query.source !== undefined ? { [field('source')]: query.source } : undefined,
      situationField !== undefined ? { [situationField]: query.situation } : undefined,
      oneOf(field('status'), query.step),
      overdueFilter(dueField, query.overdue, query.today),
      lightFilter(dueField, query.light, bounds),
      summaryField !== undefined
        ? { [summaryField]: { $regex: escapeRegex(query.q ?? ''), $options: 'i' } }
        : undefined,
    );
    // One copy per line: the reader's view of the document without the store's fields, then the flags of the day.
    const lineView = { ...view, hidden: [...view.hidden, '_id', '_position'] };
    const line = (doc: ReadModelDocument): ClueLedgerItem => {
      const item = readView<Record<string, unknown>>(doc, lineView);
      const nextDueOn = item.nextDueOn as string | undefined;
      item.overdue = pastDue(nextDueOn, query.today);
      item.light = lightOf(nextDueOn, bounds);
      return item as unknown as ClueLedgerItem;
    };
    return { filter, sort, line };
  }
}
