import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@xj/domain';
import { Filter, READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { CASES, CORRECTED_CASES, CorrectedCaseDocument } from './corrected-cases.projection';
import { BUILT_IN_LABELS, LabelCatalogue, Lang } from '../labels/label-catalogue';
import { toCsv } from './csv';
import { CORRECTED_CASE_COLUMNS, ledgerTable } from './ledger-columns';
import {
  LedgerRows,
  Page,
  PageRequest,
  and,
  awaitFreshness,
  findAll,
  mapBatches,
  pageOf,
  publicFields,
  sortOf,
} from './query-support';
import { ReadModelDocument } from '../read-models/projection';
import { accessFilter, regionFilter } from './read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';

export interface CorrectedCasesQuery extends PageRequest {
  readonly county?: string;
  readonly agencyOrgId?: string;
  readonly source?: string;
  readonly status?: string;
  /** Inclusive bounds on the date the supervision instrument was issued. */
  readonly from?: string;
  readonly to?: string;
}

export type CorrectedCaseItem = CorrectedCaseDocument & {
  /** Persons with at least one outcome other than NoAction (distinct per clue). */
  readonly personsHandled: number;
  readonly outcomeCodes: readonly string[];
};

export const CORRECTED_CASE_SORTS = ['instrument.issuedOn', 'receivedOn', 'updatedAt', 'clueId'] as const;

/** One copy per case: the public fields, with the counts set on it. */
const toItem = (stored: ReadModelDocument): CorrectedCaseItem => {
  const doc = publicFields<CorrectedCaseDocument & Record<string, unknown>>(stored);
  const accountable = doc.outcomes.filter((o) => o.layer !== 'NoAction');
  doc.personsHandled = new Set(accountable.map((o) => o.subjectId)).size;
  doc.outcomeCodes = [...new Set(doc.outcomes.map((o) => o.outcome))];
  return doc as unknown as CorrectedCaseItem;
};

/** Oldest instrument first: the exports' order. */
const EXPORT_SORT = { 'instrument.issuedOn': 1, _id: 1 } as const;

/** 纠错案件台账: listed for supervisors and auditors, and exported as CSV for 巡察. */
@Injectable()
export class CorrectedCasesQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {}

  private filter(actor: Actor, query: CorrectedCasesQuery): Filter {
    const issued = {
      ...(query.from !== undefined ? { $gte: query.from } : {}),
      ...(query.to !== undefined ? { $lte: query.to } : {}),
    };
    return and(
      accessFilter(actor, 'corrected-cases'),
      { corrected: true },
      query.county !== undefined ? regionFilter(query.county) : undefined,
      query.agencyOrgId !== undefined ? { agencyOrgId: query.agencyOrgId } : undefined,
      query.source !== undefined ? { source: query.source } : undefined,
      query.status !== undefined ? { status: query.status } : undefined,
      Object.keys(issued).length > 0 ? { 'instrument.issuedOn': issued } : undefined,
    );
  }

  async list(actor: Actor, query: CorrectedCasesQuery): Promise<Page<CorrectedCaseItem>> {
    const filter = this.filter(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const { limit, skip } = pageOf(query);
    const sort = sortOf(query.sort, CORRECTED_CASE_SORTS, '-instrument.issuedOn');
    const { items, total } = await this.store.find(CORRECTED_CASES, CASES, { filter, sort, skip, limit });
    return { items: items.map(toItem), total, limit, skip, stale };
  }

  /** Every matching case (no paging), oldest instrument first: for the CSV and XLSX exports. */
  async exportAll(
    actor: Actor,
    query: CorrectedCasesQuery,
  ): Promise<{ readonly items: readonly CorrectedCaseItem[]; readonly stale: boolean }> {
    const filter = this.filter(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const docs = await findAll(this.store, CORRECTED_CASES, CASES, filter, EXPORT_SORT);
    return { items: docs.map(toItem), stale };
  }

  /** {@link exportAll} in batches, streamed from the read-model store (the API's CSV and XLSX files, issue 19 §3). */
  async export(actor: Actor, query: CorrectedCasesQuery): Promise<LedgerRows<CorrectedCaseItem>> {
    const filter = this.filter(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    return {
      stale,
      batches: mapBatches(this.store.stream(CORRECTED_CASES, CASES, { filter, sort: EXPORT_SORT }), toItem),
    };
  }

  /** {@link exportAll} as CSV with a header row; Chinese headers and labels unless English is asked for. */
  async exportCsv(
    actor: Actor,
    query: CorrectedCasesQuery,
    lang: Lang = 'zh',
    labels: LabelCatalogue = BUILT_IN_LABELS,
  ): Promise<{ readonly csv: string; readonly rows: number; readonly stale: boolean }> {
    const { items, stale } = await this.exportAll(actor, query);
    const { header, rows } = ledgerTable(CORRECTED_CASE_COLUMNS, items, lang, labels);
    return { csv: toCsv(header, rows), rows: items.length, stale };
  }
}
