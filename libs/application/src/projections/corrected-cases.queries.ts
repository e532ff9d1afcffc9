import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@xj/domain';
import { Filter, READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { CASES, CORRECTED_CASES, CorrectedCaseDocument } from './corrected-cases.projection';
import { CsvValue, toCsv } from './csv';
import { Page, PageRequest, and, awaitFreshness, findAll, pageOf, publicFields, sortOf } from './query-support';
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

/** Columns of the ledger handed to 巡察 (Chinese headers: the readers are the inspection tours). */
const COLUMNS: readonly [string, (c: CorrectedCaseItem) => CsvValue][] = [
  ['线索编号', (c) => c.clueId],
  ['区域', (c) => c.regionId],
  ['被监督单位', (c) => c.agencyName],
  ['线索来源', (c) => c.source],
  ['来源文号', (c) => c.sourceRef],
  ['问题摘要', (c) => c.summary],
  ['监督文书', (c) => c.instrument?.kind],
  ['文书编号', (c) => c.instrument?.documentNo],
  ['下达日期', (c) => c.instrument?.issuedOn],
  ['纠正期限', (c) => c.instrument?.dueOn],
  ['当前环节', (c) => c.status],
  ['整改事项', (c) => c.rectification.total],
  ['已销号', (c) => c.rectification.closed],
  ['长期坚持', (c) => c.rectification.longTerm],
  ['评估结果', (c) => c.lastEvaluationResult],
  ['销号时间', (c) => c.closedAt],
  ['回头看结果', (c) => c.lastLookBackResult],
  ['移送情况', (c) => c.referrals.map((r) => `${r.referralId}:${r.status}`).join('; ')],
  ['处理人数', (c) => c.personsHandled],
  ['处理结果', (c) => c.outcomeCodes.join('; ')],
];

const toItem = (doc: CorrectedCaseDocument): CorrectedCaseItem => {
  const accountable = doc.outcomes.filter((o) => o.layer !== 'NoAction');
  return {
    ...doc,
    personsHandled: new Set(accountable.map((o) => o.subjectId)).size,
    outcomeCodes: [...new Set(doc.outcomes.map((o) => o.outcome))],
  };
};

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
    return { items: items.map((d) => toItem(publicFields<CorrectedCaseDocument>(d))), total, limit, skip, stale };
  }

  /** Every matching case (no paging), oldest instrument first, as CSV with a header row. */
  async exportCsv(
    actor: Actor,
    query: CorrectedCasesQuery,
  ): Promise<{ readonly csv: string; readonly rows: number; readonly stale: boolean }> {
    const filter = this.filter(actor, query);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const docs = await findAll(this.store, CORRECTED_CASES, CASES, filter, { 'instrument.issuedOn': 1, _id: 1 });
    const items = docs.map((d) => toItem(publicFields<CorrectedCaseDocument>(d)));
    const csv = toCsv(
      COLUMNS.map(([header]) => header),
      items.map((item) => COLUMNS.map(([, cell]) => cell(item))),
    );
    return { csv, rows: items.length, stale };
  }
}
