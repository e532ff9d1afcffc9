import { mapClueRow, missingClueColumns } from './clue-row.mapper';
import { parseLedgerDate } from './ledger-line-reader';
import { AT, CLERK, FILE, HEADERS, LABELS, goodLine } from './ledger-import.fixtures-spec';

const ctx = {
  actor: CLERK,
  at: AT,
  fileSha256: FILE,
  labels: LABELS,
  isAgency: (orgId: string) => orgId.startsWith('dawa.') && orgId !== 'dawa.rol-office',
  clueIdOf: (ledgerNo: string) => `id-${ledgerNo}`,
};
const codes = (overrides: Record<string, string | undefined>) =>
  mapClueRow(goodLine(2, overrides), ctx).problems.map((p) => [p.code, p.column]);

describe('reading a 线索台账 line (历史补录, issue 19 §3)', () => {
  it('maps a good line through the label catalogue into the import command with its original dates', () => {
    const mapped = mapClueRow(goodLine(2), ctx);
    expect(mapped.problems).toEqual([]);
    expect(mapped.command).toMatchObject({
      type: 'ImportClueFromLedger',
      clueId: 'id-DW-2023-002',
      regionId: 'panjin/dawa',
      source: 'Reconsideration',
      receivedAt: '2023-04-03T00:00:00+08:00',
      agency: { orgId: 'dawa.traffic-police', name: '大洼区公安局交通警察支队' },
      status: 'Closed',
      statusOn: '2023-09-20',
      ledgerRow: { ledger: 'clue', ledgerNo: 'DW-2023-002', fileSha256: FILE, row: 2 },
    });
  });

  it('reads the dates clerks write', () => {
    expect(['2023-4-3', '2023/04/03', '2023.4.3', '2023年4月3日'].map(parseLedgerDate)).toEqual(
      Array(4).fill('2023-04-03'),
    );
    expect(parseLedgerDate('45052')).toBe('2023-05-06');
    expect(['2023-02-30', '3 April', '2023-13-01', ''].map(parseLedgerDate)).toEqual(Array(4).fill(undefined));
  });

  it('names a missing column of the file', () => {
    expect(missingClueColumns(HEADERS.filter((h) => h !== '被监督单位' && h !== '备注'))).toEqual([
      { code: 'IMPORT.MISSING_COLUMN', column: '被监督单位', message: 'the ledger has no column 被监督单位' },
    ]);
    expect(missingClueColumns(HEADERS)).toEqual([]);
  });

  it('reports a missing value', () => {
    expect(codes({ 问题摘要: undefined, 线索编号: '  ' })).toEqual([
      ['IMPORT.MISSING_VALUE', '线索编号'],
      ['IMPORT.MISSING_VALUE', '问题摘要'],
    ]);
  });

  it('reports a bad date, a date in the future and a date out of order', () => {
    expect(codes({ 收到日期: '2023-02-30' })).toEqual([['IMPORT.BAD_DATE', '收到日期']]);
    expect(codes({ 状态日期: '2026-12-08' })).toEqual([['IMPORT.DATE_IN_FUTURE', '状态日期']]);
    expect(codes({ 状态日期: '2023-04-02' })).toEqual([['IMPORT.DATE_OUT_OF_ORDER', '状态日期']]);
  });

  it('reports an unknown agency, one outside the region, and a unit that is no agency', () => {
    expect(codes({ 被监督单位: '大洼区不存在局' })).toEqual([['IMPORT.UNKNOWN_AGENCY', '被监督单位']]);
    expect(codes({ 被监督单位: '盘山县应急管理局' })).toEqual([['IMPORT.UNKNOWN_AGENCY', '被监督单位']]);
    expect(codes({ 被监督单位: '大洼区委法治建设办' })).toEqual([['IMPORT.UNKNOWN_AGENCY', '被监督单位']]);
  });

  it('reports an unknown source or status label, and refuses "not registered" as a status', () => {
    expect(codes({ 线索来源: '群众来信', 办理状态: '办结' })).toEqual([
      ['IMPORT.UNKNOWN_SOURCE', '线索来源'],
      ['IMPORT.UNKNOWN_STATUS', '办理状态'],
    ]);
    expect(codes({ 办理状态: '未登记' })).toEqual([['IMPORT.UNKNOWN_STATUS', '办理状态']]);
  });

  it('takes English labels and codes too (the catalogue knows all three)', () => {
    expect(mapClueRow(goodLine(2, { 线索来源: 'Reconsideration', 办理状态: 'Closed out' }), ctx).command).toMatchObject(
      {
        source: 'Reconsideration',
        status: 'Closed',
      },
    );
  });
});
