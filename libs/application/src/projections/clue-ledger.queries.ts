import { Inject, Injectable } from '@nestjs/common';
import { Actor, LocalDate } from '@xj/domain';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { CLUE_LEDGER, CLUE_LEDGER_CLUES, ClueLedgerDocument } from './clue-ledger.projection';
import { Page, PageRequest, and, awaitFreshness, overdueFilter, pageOf, pastDue, publicFields, sortOf } from './query-support';
import { ReadModelAccessDenied, accessFilter, escapeRegex, hiddenDocumentFields, regionFilter } from './read-access';

const withoutFields = <T extends object>(doc: T, fields: readonly string[]): T =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !fields.includes(key))) as T;
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';

export interface ClueLedgerQuery extends PageRequest {
  /** China date the overdue flags are computed for. */
  readonly today: LocalDate;
  /** A region path; the clue's region must be it or below it. */
  readonly county?: string;
  readonly agencyOrgId?: string;
  readonly source?: string;
  readonly situation?: string;
  /** The current step (ClueStatus). */
  readonly step?: string;
  readonly overdue?: boolean;
  /** Case-insensitive text search on the summary (literal, never a pattern). */
  readonly q?: string;
}

export type ClueLedgerItem = ClueLedgerDocument & { readonly overdue: boolean };

export const CLUE_LEDGER_SORTS = ['receivedAt', 'nextDueOn', 'updatedAt', 'status', 'clueId'] as const;

/** 线索台账 for the rule-of-law office (and an agency's own clues). */
@Injectable()
export class ClueLedgerQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {}

  async list(actor: Actor, query: ClueLedgerQuery): Promise<Page<ClueLedgerItem>> {
    const access = accessFilter(actor, 'clue-ledger');
    const hidden = hiddenDocumentFields(actor, 'clue-ledger');
    // Filtering on a hidden field would reveal it by presence (an agency's view of its clues).
    const filtersHidden = (query.situation !== undefined && hidden.includes('situationCodes')) || ((query.q ?? '').length > 0 && hidden.includes('summary'));
    if (filtersHidden) throw new ReadModelAccessDenied('clue-ledger', actor.role);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const filter = and(
      access,
      query.county !== undefined ? regionFilter(query.county) : undefined,
      query.agencyOrgId !== undefined ? { agencyOrgId: query.agencyOrgId } : undefined,
      query.source !== undefined ? { source: query.source } : undefined,
      query.situation !== undefined ? { situationCodes: query.situation } : undefined,
      query.step !== undefined ? { status: query.step } : undefined,
      overdueFilter('nextDueOn', query.overdue, query.today),
      query.q !== undefined && query.q.length > 0 ? { summary: { $regex: escapeRegex(query.q), $options: 'i' } } : undefined,
    );
    const { limit, skip } = pageOf(query);
    const sort = sortOf(query.sort, CLUE_LEDGER_SORTS, '-receivedAt');
    const { items, total } = await this.store.find(CLUE_LEDGER, CLUE_LEDGER_CLUES, { filter, sort, skip, limit });
    return {
      items: items.map((d) => {
        const doc = publicFields<ClueLedgerDocument>(d);
        const view = hidden.length > 0 ? withoutFields(doc, hidden) : doc;
        return { ...view, overdue: pastDue(doc.nextDueOn, query.today) } as ClueLedgerItem;
      }),
      total,
      limit,
      skip,
      stale,
    };
  }
}
