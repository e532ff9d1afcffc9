import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { LedgerRow } from '@xj/application';
import { UnreadableWorkbookError, cellText, inspectWorkbookFile, readLedgerWorkbook } from './ledger-workbook.reader';
import {
  generatedClueLedgerLines,
  sampleClueLedgerLines,
  writeClueLedgerWorkbook,
  writeRectificationLedgerWorkbook,
} from './ledger-workbook.writer';
import { sampleRectificationLedgerLines } from './rectification-ledger.sample';
import { RECTIFICATION_IMPORT_COLUMNS } from '@xj/application';

const all = async (rows: AsyncIterable<LedgerRow>): Promise<LedgerRow[]> => {
  const out: LedgerRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('the ledger workbook reader (exceljs streaming)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the sample ledger: the template headers, each line by header, date cells as China dates', async () => {
    const path = join(dir, 'sample.xlsx');
    await writeClueLedgerWorkbook(path, sampleClueLedgerLines());
    const sheet = await readLedgerWorkbook(path);
    expect(sheet.headers).toEqual([
      '线索编号',
      '线索来源',
      '来源文号',
      '收到日期',
      '被监督单位',
      '问题摘要',
      '办理状态',
      '状态日期',
      '备注',
    ]);
    const rows = await all(sheet.rows);
    expect(rows).toHaveLength(sampleClueLedgerLines().length);
    expect(rows[0]).toEqual({
      row: 2,
      cells: expect.objectContaining({ 线索编号: 'DW-2022-001', 收到日期: '2022-02-03' }),
    });
    expect(await inspectWorkbookFile(path)).toMatchObject({
      isXlsx: true,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('reads the sample 整改台账 back: its template headers, each line by header, its date cells as China dates', async () => {
    const path = join(dir, 'rectification.xlsx');
    const lines = sampleRectificationLedgerLines();
    await writeRectificationLedgerWorkbook(path, lines);
    const sheet = await readLedgerWorkbook(path);
    expect(sheet.headers).toEqual(RECTIFICATION_IMPORT_COLUMNS.map((c) => c.header));
    const rows = await all(sheet.rows);
    expect(rows.map((r) => r.cells)).toEqual(
      lines.map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))),
    );
  });

  it('reads a workbook a clerk typed: text dates, rich text, formulas, blank lines skipped', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('任意');
    sheet.addRow(['线索编号', '收到日期', '问题摘要']);
    sheet.addRow(['A-1', '2023/4/3', { richText: [{ text: '逾期' }, { text: '未纠正' }] }]);
    sheet.addRow([]);
    sheet.addRow(['A-2', { formula: 'TODAY()', result: new Date('2023-05-06T00:00:00Z') }, ' 多余空格 ']);
    const path = join(dir, 'typed.xlsx');
    await workbook.xlsx.writeFile(path);
    const rows = await all((await readLedgerWorkbook(path)).rows);
    expect(rows).toEqual([
      { row: 2, cells: { 线索编号: 'A-1', 收到日期: '2023/4/3', 问题摘要: '逾期未纠正' } },
      // A formula's date result without a date format is its day serial (the mapper reads serials).
      { row: 4, cells: { 线索编号: 'A-2', 收到日期: '45052', 问题摘要: '多余空格' } },
    ]);
  });

  it('tells an .xlsx from other bytes by content, and refuses a damaged workbook as unreadable', async () => {
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, '线索编号,收到日期\nA-1,2023-04-03\n');
    expect(await inspectWorkbookFile(fake)).toMatchObject({ isXlsx: false });
    await expect(readLedgerWorkbook(fake)).rejects.toBeInstanceOf(UnreadableWorkbookError);
  });

  it('keeps every Chinese character whole when one falls across two chunks of the ZIP stream (exceljs decodes each chunk alone)', async () => {
    const lines = [...generatedClueLedgerLines(3000, ['大洼区应急管理局', '大洼区公安局交通警察支队'])];
    for (const sharedStrings of [false, true]) {
      const path = join(dir, `long-${sharedStrings}.xlsx`);
      await writeClueLedgerWorkbook(path, lines, { sharedStrings });
      const rows = await all((await readLedgerWorkbook(path)).rows);
      const garbled = rows.filter((r) => Object.values(r.cells).some((text) => text.includes('\ufffd')));
      expect({ sharedStrings, rows: rows.length, garbled: garbled.slice(0, 1) }).toEqual({
        sharedStrings,
        rows: lines.length,
        garbled: [],
      });
      expect(rows.map((r) => r.cells['线索来源'])).toEqual(lines.map((l) => l.线索来源));
    }
  });

  it('gives the text a cell shows', () => {
    expect([cellText(null), cellText(12), cellText(true), cellText({ text: '链接', hyperlink: 'x' })]).toEqual([
      '',
      '12',
      'true',
      '链接',
    ]);
  });
});
