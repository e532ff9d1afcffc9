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
  publicFields,
  sortOf,
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

  /** A page of the ledger; `all`: every matching line (the exports), same filters, order and access. */
  async list(actor: Actor, query: ClueLedgerQuery, range: 'page' | 'all' = 'page'): Promise<Page<ClueLedgerItem>> {
    const access = accessFilter(actor, 'clue-ledger');
    const view = documentView(actor, 'clue-ledger');
    // Refused (before waiting) when the reader may not see the field: a filter or an order on it would reveal it.
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
    const stale = await awaitFreshness(this.freshness, query.minPosition);
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
    const { limit, skip } = pageOf(query);
    const { items, total } = await this.store.find(
      CLUE_LEDGER,
      CLUE_LEDGER_CLUES,
      range === 'all' ? { filter, sort } : { filter, sort, skip, limit },
    );
    return {
      items: items.map((d) => {
        const line = readView<Omit<ClueLedgerDocument, ClueLedgerAgencyField>>(
          publicFields<Record<string, unknown>>(d),
          view,
        );
        return { ...line, overdue: pastDue(line.nextDueOn, query.today), light: lightOf(line.nextDueOn, bounds) };
      }),
      total,
      limit,
      skip,
      stale,
    };
  }
}
