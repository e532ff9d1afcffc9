import { Readable } from 'node:stream';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Lang, LabelCatalogue, LedgerColumn, LedgerRows, LedgerTable, ledgerTable, languageOf } from '@xj/application';
import { Actor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { LABEL_CATALOGUE } from '../catalogue/label-catalogue.provider';
import { HttpAnswer } from '../http/http-answer';
import { ApiProblem } from '../http/problem';
import { sendProblem } from '../http/problem-details.filter';
import { ledgerCsv } from './ledger-csv';
import { ledgerWorkbook } from './ledger-workbook';

export type ExportFormat = 'csv' | 'xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What is exported: the rows as the query streams them, the case each row is about (for the access log) and the file's names. */
export interface LedgerExport<T> {
  readonly name: string;
  readonly sheetZh: string;
  readonly sheetEn: string;
  readonly columns: readonly LedgerColumn<T>[];
  readonly rows: LedgerRows<T>;
  /** The kind of case every row is about, and which one. */
  readonly caseKind: 'clue' | 'rectification';
  readonly caseOf: (row: T) => string;
  readonly today: string;
  /** The filters the query applied, as sent: noted in the XLSX file and in the access log. */
  readonly filters: Readonly<Record<string, unknown>>;
}

/**
 * The ledgers as files (issues 16, 19 §3): CSV (UTF-8 with BOM, formulas defused) or XLSX (dates
 * as dates, the filters noted: ledger-workbook.ts), with Chinese headers and labels unless the
 * request prefers English (Accept-Language). Both are streamed from the read-model store's cursor
 * a batch at a time, with backpressure to the response: a 100,000-line ledger is never held whole.
 *
 * The export is one access-log record naming the file, its filters and rows, with the ids of the
 * cases it showed (access-log-export.codec.ts), appended after the last row is read and before the
 * file's last bytes: an XLSX file is unreadable without them (its zip directory comes last), a CSV
 * file misses its last rows. When the record cannot be written the download is broken off (or,
 * before anything was sent, answered 503 AUDIT.LOG_UNAVAILABLE).
 */
@Injectable()
export class LedgerExports {
  constructor(
    @Inject(LABEL_CATALOGUE) private readonly labels: LabelCatalogue,
    private readonly audit: ReadAuditService,
  ) {}

  answer<T>(request: Request, actor: Actor, format: ExportFormat, file: LedgerExport<T>): HttpAnswer<StreamableFile> {
    // Files default to Chinese: their readers are clerks and inspection tours, not API clients.
    const lang: Lang = languageOf(request.headers['accept-language'], 'zh');
    const cases = new Set<string>();
    let rows = 0;
    const labels = this.labels;
    async function* cells(): AsyncGenerator<LedgerTable['rows']> {
      for await (const batch of file.rows.batches) {
        for (const row of batch) cases.add(file.caseOf(row));
        rows += batch.length;
        yield ledgerTable(file.columns, batch, lang, labels).rows;
      }
    }
    const record = (): Promise<void> =>
      this.audit.recordExport(
        request,
        actor,
        { kind: file.caseKind, ids: [...cases], rows, filters: file.filters },
        `${file.name}.${format}`,
      );
    const headers = {
      'content-disposition': `attachment; filename="${file.name}-${file.today}.${format}"`,
      'cache-control': 'no-store',
      'content-language': lang === 'zh' ? 'zh-CN' : 'en',
      'x-read-model-stale': String(file.rows.stale),
    };
    const header = file.columns.map((c) => c[lang]);
    if (format === 'csv')
      return new HttpAnswer(
        200,
        { ...headers, 'content-type': 'text/csv; charset=utf-8' },
        streamed(ledgerCsv(header, cells(), record)),
      );
    const body = ledgerWorkbook(
      {
        name: lang === 'zh' ? file.sheetZh : file.sheetEn,
        header,
        types: file.columns.map((c) => c.type),
        chunks: cells(),
        beforeEnd: record,
      },
      {
        lang,
        ledger: lang === 'zh' ? file.sheetZh : file.sheetEn,
        exportedOn: file.today,
        stale: file.rows.stale,
        filters: file.filters,
      },
    );
    return new HttpAnswer(200, { ...headers, 'content-type': XLSX_TYPE }, streamed(body));
  }
}

/**
 * A file whose stream may fail after the answer started (the access log down at the end): once
 * bytes are out, the connection is broken off so the file cannot pass for complete; before, the
 * failure is answered as the problem it is (a 503 from the access log), never as a 400.
 */
const streamed = (body: Readable): StreamableFile =>
  new StreamableFile(body).setErrorHandler((error, response) => {
    const res = response as unknown as Response;
    if (res.destroyed) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const problem =
      error instanceof ApiProblem ? error : new ApiProblem(503, 'EXPORT.FAILED', 'The export failed; try again.');
    res.removeHeader('content-disposition');
    sendProblem(problem, res.req, res);
  });
