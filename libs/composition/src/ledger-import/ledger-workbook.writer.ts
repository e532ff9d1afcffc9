import { stream as excelStream } from 'exceljs';
import {
  CLUE_IMPORT_COLUMNS,
  CLUE_IMPORT_SHEET,
  RECTIFICATION_DATE_HEADERS,
  RECTIFICATION_IMPORT_COLUMNS,
  RECTIFICATION_IMPORT_SHEET,
} from '@xj/application';

/** One 线索台账 line to write: cells by the template's headers; dates as `YYYY-MM-DD` become date cells. */
export type ClueLedgerLine = Readonly<Partial<Record<(typeof CLUE_IMPORT_COLUMNS)[number]['header'], string>>>;

/** One 整改台账 line to write, likewise. */
export type RectificationLedgerLine = Readonly<
  Partial<Record<(typeof RECTIFICATION_IMPORT_COLUMNS)[number]['header'], string>>
>;

/** The shape of one kind of ledger workbook: its sheet, its columns in order, which hold dates, their widths. */
interface LedgerLayout {
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly dateHeaders: readonly string[];
  readonly widths: Readonly<Record<string, number>>;
}

const CLUE_LAYOUT: LedgerLayout = {
  sheet: CLUE_IMPORT_SHEET,
  headers: CLUE_IMPORT_COLUMNS.map((c) => c.header),
  dateHeaders: ['收到日期', '状态日期'],
  widths: { 问题摘要: 40, 被监督单位: 28, 来源文号: 22, 备注: 24 },
};

const RECTIFICATION_LAYOUT: LedgerLayout = {
  sheet: RECTIFICATION_IMPORT_SHEET,
  headers: RECTIFICATION_IMPORT_COLUMNS.map((c) => c.header),
  dateHeaders: RECTIFICATION_DATE_HEADERS,
  widths: { 问题内容: 40, 整改措施: 40, 整改责任单位: 28, 长期坚持目标: 24, 第一责任人: 16, 备注: 24 },
};

/** Fixed document dates: the same lines give the same workbook content, whenever it is generated. */
const FIXED = new Date('2026-01-01T00:00:00Z');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Writes a ledger workbook in its import template's shape (the template's sheet name and Chinese
 * headers, frozen header row, dates as dates), streamed row by row: the templates, the samples and
 * the benchmark's large ledgers.
 */
const writeLedgerWorkbook = async (
  path: string,
  layout: LedgerLayout,
  lines: Iterable<Readonly<Record<string, string | undefined>>>,
  options: { readonly sharedStrings?: boolean },
): Promise<void> => {
  const workbook = new excelStream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: options.sharedStrings ?? false,
  });
  workbook.creator = 'xingji-link';
  workbook.created = FIXED;
  workbook.modified = FIXED;
  const sheet = workbook.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = layout.headers.map((header) => ({
    header,
    key: header,
    width: layout.widths[header] ?? 14,
    ...(layout.dateHeaders.includes(header) ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const line of lines) {
    const values: Record<string, string | Date> = {};
    for (const [header, value] of Object.entries(line)) {
      if (value === undefined) continue;
      values[header] =
        layout.dateHeaders.includes(header) && ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : value;
    }
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
};

/** A 线索台账 workbook (sheet 线索台账). */
export const writeClueLedgerWorkbook = (
  path: string,
  lines: Iterable<ClueLedgerLine>,
  /** Shared strings as Excel writes them (true), or inline strings (false, the default: streams with no table in memory). */
  options: { readonly sharedStrings?: boolean } = {},
): Promise<void> => writeLedgerWorkbook(path, CLUE_LAYOUT, lines, options);

/** A 整改台账 workbook (sheet 整改台账). */
export const writeRectificationLedgerWorkbook = (
  path: string,
  lines: Iterable<RectificationLedgerLine>,
  options: { readonly sharedStrings?: boolean } = {},
): Promise<void> => writeLedgerWorkbook(path, RECTIFICATION_LAYOUT, lines, options);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const dayOf = (year: number, dayOfYear: number): string =>
  new Date(Date.UTC(year, 0, 1 + (dayOfYear % 360))).toISOString().slice(0, 10);

/**
 * The sample 线索台账 of the 大洼区 office, shaped like the Panjin figures (DOMAIN.md §8, seed 004):
 * reconsideration cases of the traffic police and urban management falling from 2022 to 2023, a
 * 法治督察 round's findings on the emergency-management bureau, most lines closed out, a few still
 * being rectified and one dropped.
 */
export const sampleClueLedgerLines = (): ClueLedgerLine[] => {
  const agencies = [
    { name: '大洼区公安局交通警察支队', source: '行政复议', ref: '大洼复字', per: [6, 1] },
    { name: '大洼区城市管理综合行政执法局', source: '行政复议', ref: '大洼复字', per: [4, 1] },
    { name: '大洼区应急管理局', source: '法治督察', ref: '大洼督察', per: [3, 2] },
    { name: '大洼区市场监督管理局', source: '行政执法监督', ref: '大洼执监', per: [2, 1] },
  ];
  const lines: ClueLedgerLine[] = [];
  let n = 0;
  for (const [y, year] of [2022, 2023].entries()) {
    for (const agency of agencies) {
      for (let i = 0; i < (agency.per[y] ?? 0); i += 1) {
        n += 1;
        const received = dayOf(year, 20 + n * 13);
        const open = year === 2023 && i === 0 && agency.source !== '行政复议';
        const dropped = n === 5;
        lines.push({
          线索编号: `DW-${year}-${pad(n, 3)}`,
          线索来源: agency.source,
          来源文号: `${agency.ref}〔${year}〕${n}号`,
          收到日期: received,
          被监督单位: agency.name,
          问题摘要: agency.source === '行政复议' ? '复议纠错后逾期未纠正违法处罚' : '执法记录不全、处罚程序不规范',
          办理状态: dropped ? '予以了结' : open ? '问题整改' : '已销号',
          状态日期: open ? undefined : dayOf(year, 20 + n * 13 + 90),
          备注: dropped ? '经查反映不实' : undefined,
        });
      }
    }
  }
  return lines;
};

/**
 * `count` generated lines for the benchmark: every line valid, numbered `BENCH-<n>`, spread over
 * 2022–2024 and over the agencies of one county.
 */
export function* generatedClueLedgerLines(count: number, agencyNames: readonly string[]): Generator<ClueLedgerLine> {
  for (let n = 1; n <= count; n += 1) {
    const year = 2022 + (n % 3);
    yield {
      线索编号: `BENCH-${pad(n, 7)}`,
      线索来源: n % 2 === 0 ? '行政复议' : '法治督察',
      来源文号: `复字〔${year}〕${n}号`,
      收到日期: dayOf(year, n % 300),
      被监督单位: agencyNames[n % agencyNames.length] ?? '',
      问题摘要: '逾期未纠正违法处罚',
      办理状态: n % 4 === 0 ? '问题整改' : '已销号',
      状态日期: n % 4 === 0 ? undefined : dayOf(year, (n % 300) + 30),
    };
  }
}
