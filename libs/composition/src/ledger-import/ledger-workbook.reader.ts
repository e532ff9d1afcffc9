import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { stream as excelStream } from 'exceljs';
import { LedgerRow, LedgerSheet, sniffMediaType } from '@xj/application';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook file as received: its SHA-256, its size, and whether its bytes are an .xlsx. */
export interface WorkbookFile {
  readonly sha256: string;
  readonly size: number;
  readonly isXlsx: boolean;
}

/** Hashes a file and tells from its content (the ZIP's entries, never the name) whether it is an .xlsx. */
export const inspectWorkbookFile = async (path: string): Promise<WorkbookFile> => {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  const handle = await open(path, 'r');
  try {
    const read = async (start: number, length: number): Promise<Uint8Array> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    };
    const mediaType = size === 0 ? undefined : await sniffMediaType(read, size);
    return { sha256: hash.digest('hex'), size, isXlsx: mediaType === XLSX };
  } finally {
    await handle.close();
  }
};

/**
 * The ZIP entry's bytes as text, decoded across chunk boundaries. exceljs 4.4's streaming reader
 * decodes each chunk on its own (utils/parse-sax.js: `bufferToString(chunk)`), so a character whose
 * UTF-8 bytes fall into two chunks — a Chinese one every few kilobytes of a 台账 — became U+FFFD.
 * Strings pass through its decoding untouched, so the reader is handed strings.
 */
async function* utf8Text(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/** exceljs's parts that read text from the ZIP, as the subclass below replaces them (not in its typings). */
interface ReaderInternals {
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): AsyncGenerator<unknown>;
}

const BaseReader = excelStream.xlsx.WorkbookReader;

/** The streaming reader with the shared strings and the worksheets decoded by {@link utf8Text}. */
class Utf8WorkbookReader extends BaseReader {
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown> {
    const base = (BaseReader.prototype as unknown as ReaderInternals)._parseSharedStrings;
    return base.call(this, Readable.from(utf8Text(entry)));
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): AsyncGenerator<unknown> {
    const base = (BaseReader.prototype as unknown as ReaderInternals)._parseWorksheet;
    return base.call(this, utf8Text(iterator) as AsyncIterable<never>, sheetNo);
  }
}

/** A workbook the reader could not make sense of (a damaged ZIP, no worksheet). */
export class UnreadableWorkbookError extends Error {
  override readonly name = 'UnreadableWorkbookError';
}

/** A date cell as the China date it shows: Excel stores dates as day serials, exceljs hands them over at UTC midnight. */
const dateText = (date: Date): string => (Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10));

/** The text a cell shows: rich text joined, a formula's result, a hyperlink's text, a date as `YYYY-MM-DD`. */
export const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: unknown }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
  }
  return '';
};

/**
 * Opens a ledger workbook with exceljs's streaming reader (a large workbook is never held whole):
 * the first worksheet, its first row the headers, each later non-empty row a line. The sheet's rows
 * are read once, as the importer asks for them.
 */
export const readLedgerWorkbook = async (path: string): Promise<LedgerSheet> => {
  const reader = new Utf8WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let rows: AsyncIterator<{ number: number; values: unknown }>;
  let first: IteratorResult<{ number: number; values: unknown }>;
  try {
    const sheet = await sheets.next();
    if (sheet.done) throw new UnreadableWorkbookError('the workbook has no worksheet');
    rows = (sheet.value as unknown as AsyncIterable<{ number: number; values: unknown }>)[Symbol.asyncIterator]();
    first = await rows.next();
  } catch (error) {
    throw error instanceof UnreadableWorkbookError ? error : new UnreadableWorkbookError('the workbook cannot be read');
  }
  const valuesOf = (row: { values: unknown }): string[] =>
    Array.isArray(row.values) ? Array.from(row.values as unknown[], (v) => cellText(v).trim()) : [];
  const headers = first.done ? [] : valuesOf(first.value);
  async function* lines(): AsyncGenerator<LedgerRow> {
    try {
      for (let next = await rows.next(); !next.done; next = await rows.next()) {
        const values = valuesOf(next.value);
        const cells: Record<string, string> = {};
        headers.forEach((header, column) => {
          const text = values[column];
          if (header !== '' && text !== undefined && text !== '') cells[header] = text;
        });
        if (Object.keys(cells).length > 0) yield { row: next.value.number, cells };
      }
    } catch (error) {
      throw error instanceof UnreadableWorkbookError
        ? error
        : new UnreadableWorkbookError('the workbook cannot be read');
    } finally {
      // Let exceljs finish the ZIP it is streaming (the rest of the workbook is skipped).
      for (let sheet = await sheets.next().catch(() => ({ done: true as const, value: undefined })); !sheet.done;) {
        sheet = await sheets.next().catch(() => ({ done: true as const, value: undefined }));
      }
    }
  }
  return { headers: headers.filter((h) => h !== ''), rows: lines() };
};
