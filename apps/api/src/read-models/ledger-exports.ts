import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { Workbook } from 'exceljs';
import { Lang, LabelCatalogue, LedgerColumn, ledgerTable, languageOf, toCsv } from '@xj/application';
import { Actor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { LABEL_CATALOGUE } from '../catalogue/label-catalogue.provider';
import { HttpAnswer } from '../http/http-answer';

export type ExportFormat = 'csv' | 'xlsx';

const RECORD_CHUNK = 500;

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
}

/**
 * The ledgers as files (issue 16): CSV (UTF-8 with BOM, formulas defused) or XLSX, with Chinese
 * headers and labels unless the request prefers English (Accept-Language). Every exported case
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
    const table = ledgerTable(file.columns, file.rows, lang, this.labels);
    const targets = new Map(file.rows.map((row) => file.caseOf(row)).map((t) => [`${t.kind}:${t.id}`, t]));
    const all = [...targets.values()];
    // Concurrent records join the access log's batches (group commit); a chunk bounds what waits at once.
    for (let i = 0; i < all.length; i += RECORD_CHUNK) {
      await Promise.all(
        all
          .slice(i, i + RECORD_CHUNK)
          .map((target) => this.audit.record(request, actor, target, 'export', 'allowed', `${file.name}.${format}`)),
      );
    }
    const headers = {
      'content-disposition': `attachment; filename="${file.name}-${file.today}.${format}"`,
      'cache-control': 'no-store',
      'content-language': lang === 'zh' ? 'zh-CN' : 'en',
      'x-read-model-stale': String(file.stale),
    };
    if (format === 'csv') {
      // The BOM lets spreadsheet programs read the Chinese text as UTF-8.
      return new HttpAnswer(
        200,
        { ...headers, 'content-type': 'text/csv; charset=utf-8' },
        `\uFEFF${toCsv(table.header, table.rows)}`,
      );
    }
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet(lang === 'zh' ? file.sheetZh : file.sheetEn, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow([...table.header]).font = { bold: true };
    // Cells are written as values, never formulas: a text starting with = stays text.
    for (const row of table.rows) sheet.addRow(row.map((v) => (v === null || v === undefined ? '' : v)));
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(40, Math.max(10, (table.header[i]?.length ?? 0) * 2 + 4));
    });
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    return new HttpAnswer(200, { ...headers, 'content-type': XLSX_TYPE }, new StreamableFile(buffer));
  }
}
