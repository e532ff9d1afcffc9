import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { Lang, LabelCatalogue, LedgerColumn, LedgerTable, ledgerTable, languageOf, toCsv } from '@xj/application';
import { Actor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { LABEL_CATALOGUE } from '../catalogue/label-catalogue.provider';
import { HttpAnswer } from '../http/http-answer';
import { ledgerWorkbook } from './ledger-workbook';

export type ExportFormat = 'csv' | 'xlsx';

/** The access log's batch size (AccessLogWriter maxRecords): a full chunk is appended at once. */
const RECORD_CHUNK = 1000;
const RECORD_WINDOW = 4;
/** Rows turned into cells at a time while the workbook streams out. */
const CELL_CHUNK = 1000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What is exported: the rows, the case each row is about (for the access log) and the file's names. */
export interface LedgerExport<T> {
  readonly name: string;
  readonly sheetZh: string;
  readonly sheetEn: string;
  readonly columns: readonly LedgerColumn<T>[];
  readonly rows: readonly T[];
  readonly caseOf: (row: T) => { readonly kind: 'clue' | 'rectification'; readonly id: string };
  readonly stale: boolean;
  readonly today: string;
  /** The filters the query applied, as sent: noted in the XLSX file. */
  readonly filters: Readonly<Record<string, unknown>>;
}

/**
 * The ledgers as files (issue 16): CSV (UTF-8 with BOM, formulas defused) or XLSX (streamed, dates
 * as dates, the filters noted: ledger-workbook.ts), with Chinese headers and labels unless the
 * request prefers English (Accept-Language). Every exported case
 * is recorded in the access log as an `export` read before the file is handed out: an export
 * shows the cases as a read does, so it is audited as one (503 when it cannot be recorded).
 */
@Injectable()
export class LedgerExports {
  constructor(
    @Inject(LABEL_CATALOGUE) private readonly labels: LabelCatalogue,
    private readonly audit: ReadAuditService,
  ) {}

  async answer<T>(
    request: Request,
    actor: Actor,
    format: ExportFormat,
    file: LedgerExport<T>,
  ): Promise<HttpAnswer<string | StreamableFile>> {
    // Files default to Chinese: their readers are clerks and inspection tours, not API clients.
    const lang: Lang = languageOf(request.headers['accept-language'], 'zh');
    const targets = new Map(file.rows.map((row) => file.caseOf(row)).map((t) => [`${t.kind}:${t.id}`, t]));
    const all = [...targets.values()];
    // Concurrent records join the access log's batches (group commit). A chunk fills a batch; the
    // next chunks gather while it is appended, and a window bounds what waits at once.
    const detail = `${file.name}.${format}`;
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < all.length; i += RECORD_CHUNK) {
      const chunk = all.slice(i, i + RECORD_CHUNK);
      const recorded = Promise.all(chunk.map((t) => this.audit.record(request, actor, t, 'export', 'allowed', detail)));
      // Handled here too: when an earlier chunk fails (503), the later ones must not reject unobserved.
      recorded.catch(() => undefined);
      inFlight.push(recorded);
      if (inFlight.length >= RECORD_WINDOW) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const headers = {
      'content-disposition': `attachment; filename="${file.name}-${file.today}.${format}"`,
      'cache-control': 'no-store',
      'content-language': lang === 'zh' ? 'zh-CN' : 'en',
      'x-read-model-stale': String(file.stale),
    };
    if (format === 'csv') {
      const table = ledgerTable(file.columns, file.rows, lang, this.labels);
      // The BOM lets spreadsheet programs read the Chinese text as UTF-8.
      return new HttpAnswer(
        200,
        { ...headers, 'content-type': 'text/csv; charset=utf-8' },
        `\uFEFF${toCsv(table.header, table.rows)}`,
      );
    }
    const chunks = function* (this: void, labels: LabelCatalogue): Generator<LedgerTable['rows']> {
      for (let i = 0; i < file.rows.length; i += CELL_CHUNK)
        yield ledgerTable(file.columns, file.rows.slice(i, i + CELL_CHUNK), lang, labels).rows;
    };
    const body = ledgerWorkbook(
      {
        name: lang === 'zh' ? file.sheetZh : file.sheetEn,
        header: file.columns.map((c) => c[lang]),
        types: file.columns.map((c) => c.type),
        chunks: chunks(this.labels),
      },
      {
        lang,
        ledger: lang === 'zh' ? file.sheetZh : file.sheetEn,
        exportedOn: file.today,
        rows: file.rows.length,
        stale: file.stale,
        filters: file.filters,
      },
    );
    return new HttpAnswer(200, { ...headers, 'content-type': XLSX_TYPE }, new StreamableFile(body));
  }
}
