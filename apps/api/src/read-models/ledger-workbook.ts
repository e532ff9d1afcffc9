import { PassThrough, Readable } from 'node:stream';
import { Style, stream } from 'exceljs';
import { CsvValue, Lang, LedgerCellType } from '@xj/application';

/** The header and cells of a ledger sheet, produced a chunk of rows at a time. */
export interface LedgerSheet {
  readonly name: string;
  readonly header: readonly string[];
  readonly types: readonly (LedgerCellType | undefined)[];
  /** The cells of every row, in chunks (so only one chunk's cells exist at a time). */
  readonly chunks: AsyncIterable<readonly (readonly CsvValue[])[]> | Iterable<readonly (readonly CsvValue[])[]>;
  /**
   * Awaited after the last row, before the file's last bytes (the zip's central directory, without
   * which no program opens it): the export's access-log record. A failure destroys the stream.
   */
  readonly beforeEnd?: () => Promise<void>;
}

/** What the file says about itself on its second sheet: the ledger, when, and the filters applied. */
export interface LedgerNote {
  readonly lang: Lang;
  readonly ledger: string;
  readonly exportedOn: string;
  readonly stale: boolean;
  /** The query's filters as sent (paging and freshness parameters left out). */
  readonly filters: Readonly<Record<string, unknown>>;
}

export const NOTE_SHEET = { zh: '筛选条件', en: 'Filters' } as const;

const STYLES: Readonly<Record<LedgerCellType | 'text', Partial<Style>>> = {
  date: { numFmt: 'yyyy-mm-dd' },
  instant: { numFmt: 'yyyy-mm-dd hh:mm' },
  text: {},
};
/** China Standard Time, UTC+8 with no daylight saving: the time every user reads (domain shared/time.ts). */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
/** Rows that decide a column's width: the widths are written before the first row. */
const WIDTH_SAMPLE = 200;
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

/** The line of the note that heads the filters. */
const FILTER_HEADER = 5;

const FILTER_NAMES: Readonly<Record<string, string>> = {
  county: '区县',
  agencyOrgId: '单位',
  situation: '涉及情形',
  step: '当前环节',
  status: '状态',
  overdue: '是否逾期',
  light: '期限灯',
  q: '关键词',
  sort: '排序',
  from: '起始日期',
  to: '截止日期',
};

/**
 * Writes a ledger as an XLSX workbook to a stream (issue 19 §3): exceljs' streaming writer commits
 * each row as it is written, so the workbook is never held whole in memory and a 100,000-line
 * ledger stays small; writing waits whenever the reader falls behind. The header row is frozen,
 * date columns hold Excel dates (a `yyyy-mm-dd` number format, not text), and a second sheet
 * notes the ledger, the date and the filters applied. Cells are values, never formulas.
 */
export const ledgerWorkbook = (sheet: LedgerSheet, note: LedgerNote): Readable => {
  const out = new PassThrough();
  // Started on the next turn, after the caller has handed the stream to the response.
  setImmediate(() => {
    write(out, sheet, note).catch((error: unknown) =>
      out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });
  return out;
};

const write = async (out: PassThrough, sheet: LedgerSheet, note: LedgerNote): Promise<void> => {
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const rows =
    Symbol.asyncIterator in sheet.chunks ? sheet.chunks[Symbol.asyncIterator]() : sheet.chunks[Symbol.iterator]();
  let next = await rows.next();
  const first = next.done === true ? [] : next.value;
  let count = 0;
  const main = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  main.columns = sheet.header.map((title, i) => ({ width: widthOf(title, sheet.types[i], first, i) }));
  const header = main.addRow([...sheet.header]);
  header.font = { bold: true };
  header.commit();
  // One style object per kind of column, shared by its cells: exceljs recognises a style object it
  // has seen (a WeakMap) and skips rendering it again — per cell that rendering was most of the cost.
  const styles = sheet.types.map((type) => STYLES[type ?? 'text']);
  while (next.done !== true) {
    count += next.value.length;
    for (const cells of next.value) {
      const values = cells.map((value, i) => cellOf(value, sheet.types[i]));
      const row = main.addRow(values);
      // An empty cell is left out of the sheet (no style, no XML).
      values.forEach((value, i) => {
        if (value !== null) row.getCell(i + 1).style = styles[i] as Partial<Style>;
      });
      row.commit();
    }
    // Yield after each chunk: other requests are served meanwhile, and the zip stream (deflate runs
    // off the main thread) catches up, so `out` shows whether the response has taken what was sent.
    await new Promise((resolve) => setImmediate(resolve));
    // Backpressure: wait while the zip has not taken the sheet's XML (exceljs writes it there
    // without looking at the answer: 100,000 rows of 17 columns, written alone, held up to 85 MB of
    // buffers at once, 13 MB with this wait), and while the response has not taken the file.
    const sink = sinkOf(main);
    if (sink !== undefined && pending(sink) > SINK_LIMIT) await drainedOrClosed(sink, out);
    if (out.writableNeedDrain) await drainedOrClosed(out, out);
    // The client went away (the adapter destroys the stream): stop, and let the rows go.
    if (out.destroyed) {
      await rows.return?.();
      return;
    }
    next = await rows.next();
  }
  main.commit();
  writeNote(workbook, note, count);
  await sheet.beforeEnd?.();
  await workbook.commit();
};

/** XML bytes the sheet's compressor may hold before writing waits for it. */
const SINK_LIMIT = 256 * 1024;

/** A stream of node:stream or of readable-stream (archiver's), seen through what both have. */
interface Sink {
  readonly writableLength?: number;
  readonly _writableState?: { readonly length?: number };
  on(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * The stream the sheet's XML is piped into (the zip entry's), once the zip has started the entry:
 * exceljs' StreamBuf lists it in `pipes` and writes to it regardless of its answer. Undefined when
 * exceljs changes (then only the response's backpressure applies).
 */
const sinkOf = (sheet: object): Sink | undefined => {
  const pipes = (sheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  const first = (Array.isArray(pipes) ? pipes[0] : undefined) as Partial<Sink> | undefined;
  return typeof first?.on === 'function' && typeof first.removeListener === 'function' ? (first as Sink) : undefined;
};

/** Bytes waiting in a sink (readable-stream 2 has no `writableLength`). */
const pending = (sink: Sink): number => sink.writableLength ?? sink._writableState?.length ?? 0;

/** Resolves when `sink` drains or closes, or when `out` closes (the client went away: nothing drains any more). */
const drainedOrClosed = (sink: Sink, out: PassThrough): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      sink.removeListener('drain', done);
      sink.removeListener('close', done);
      out.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    sink.on('close', done);
    out.on('close', done);
  });

const writeNote = (workbook: stream.xlsx.WorkbookWriter, note: LedgerNote, rows: number): void => {
  const zh = note.lang === 'zh';
  const sheet = workbook.addWorksheet(zh ? NOTE_SHEET.zh : NOTE_SHEET.en);
  sheet.columns = [{ width: 18 }, { width: 18 }, { width: 40 }];
  const filters = Object.entries(note.filters).filter(([, value]) => value !== undefined && value !== '');
  const lines: (string | number)[][] = [
    zh ? ['台账', '', note.ledger] : ['Ledger', '', note.ledger],
    zh ? ['导出日期', '', note.exportedOn] : ['Exported on', '', note.exportedOn],
    zh ? ['行数', '', rows] : ['Rows', '', rows],
    zh
      ? ['数据是否最新', '', note.stale ? '否（读模型尚未追上）' : '是']
      : ['Up to date', '', note.stale ? 'no' : 'yes'],
    [],
    zh ? ['筛选条件', '参数', '值'] : ['Filter', 'Parameter', 'Value'],
    ...(filters.length === 0
      ? [zh ? ['无（全部可见记录）', '', ''] : ['none (every visible row)', '', '']]
      : filters.map(([key, value]) => [zh ? (FILTER_NAMES[key] ?? key) : key, key, textOf(value)])),
  ];
  lines.forEach((line, i) => {
    const row = sheet.addRow(line);
    if (i === FILTER_HEADER) row.font = { bold: true };
    row.commit();
  });
  sheet.commit();
};

const textOf = (value: unknown): string =>
  Array.isArray(value) ? value.map((v) => String(v)).join(', ') : String(value);

/** A date column's text as an Excel date: the Date's UTC fields are what the cell shows. */
const cellOf = (value: CsvValue, type: LedgerCellType | undefined): Exclude<CsvValue, undefined> | Date => {
  if (value === null || value === undefined || value === '') return null;
  if (type === undefined || typeof value !== 'string') return value;
  if (type === 'date') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : value;
  }
  const at = Date.parse(value);
  // An instant shows China time to the minute (exceljs writes a Date's UTC fields).
  return Number.isNaN(at) ? value : new Date(at + CST_OFFSET_MS);
};

/** Display width in Excel's character units: a CJK character takes two. */
const displayWidth = (text: string): number => {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return width;
};

const widthOf = (
  title: string,
  type: LedgerCellType | undefined,
  sample: readonly (readonly CsvValue[])[],
  column: number,
): number => {
  if (type !== undefined) return Math.max(displayWidth(title) + 2, type === 'date' ? 12 : 17);
  let widest = displayWidth(title);
  for (const cells of sample.slice(0, WIDTH_SAMPLE)) {
    const value = cells[column];
    if (value !== null && value !== undefined) widest = Math.max(widest, displayWidth(String(value)));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
};
