import { AT, CLERK, FILE, LABELS } from './ledger-import.fixtures-spec';
import { RECTIFICATION_HEADERS, goodItemLine } from './rectification-import.fixtures-spec';
import { mapRectificationRow, missingRectificationColumns } from './rectification-row.mapper';

const ctx = {
  actor: CLERK,
  at: AT,
  fileSha256: FILE,
  labels: LABELS,
  isAgency: (orgId: string) => orgId.startsWith('dawa.') && orgId !== 'dawa.rol-office',
  itemIdOf: (ledgerNo: string) => `id-${ledgerNo}`,
};
const codes = (overrides: Record<string, string | undefined>) =>
  mapRectificationRow(goodItemLine(2, overrides), ctx).problems.map((p) => [p.code, p.column]);

describe('reading a 整改台账 line (历史补录, issue 19 §3)', () => {
  it('maps a good line through the label catalogue into the import command with its original dates', () => {
    const mapped = mapRectificationRow(goodItemLine(2, { 备注: '巡察移交' }), ctx);
    expect(mapped.problems).toEqual([]);
    expect(mapped.clueLedgerNo).toBe('DW-2023-002');
    expect(mapped.draft).toEqual({
      type: 'ImportRectificationFromLedger',
      actor: CLERK,
      at: AT,
      itemId: 'id-DW-ZG-2023-002',
      agencyOrgId: 'dawa.traffic-police',
      mode: 'Deadline',
      issue: '复议纠错后逾期未纠正违法处罚',
      measures: '撤销原处罚决定，退还罚款，完善法制审核',
      dueDate: '2023-06-30',
      owner: '支队长 王某',
      responsiblePerson: '法制科 李某',
      assignedOn: '2023-05-10',
      status: 'Closed',
      evaluation: { method: 'Document', result: 'Pass', on: '2023-07-05' },
      closedOn: '2023-07-12',
      clueLedgerNo: 'DW-2023-002',
      note: '巡察移交',
      ledgerRow: { ledger: 'rectification', ledgerNo: 'DW-ZG-2023-002', fileSha256: FILE, row: 2 },
    });
  });

  it('reads a look-back and a long-term line', () => {
    const lookedBack = mapRectificationRow(
      goodItemLine(2, {
        整改进展: '回头看通过',
        回头看方式: '实地核查',
        回头看结果: '通过',
        回头看日期: '2023年12月20日',
      }),
      ctx,
    );
    expect(lookedBack.draft).toMatchObject({
      status: 'LookBackPassed',
      lookBack: { method: 'OnSite', result: 'Pass', on: '2023-12-20' },
    });
    const longTerm = mapRectificationRow(
      goodItemLine(2, { 整改方式: '长期坚持', 整改时限: undefined, 长期坚持目标: '执法全过程记录' }),
      ctx,
    );
    expect(longTerm.draft).toMatchObject({ mode: 'LongTerm', longTermTarget: '执法全过程记录' });
    expect(longTerm.draft?.dueDate).toBeUndefined();
  });

  it('names a missing column of the file', () => {
    expect(missingRectificationColumns(RECTIFICATION_HEADERS.filter((h) => h !== '整改措施' && h !== '备注'))).toEqual([
      { code: 'IMPORT.MISSING_COLUMN', column: '整改措施', message: 'the ledger has no column 整改措施' },
    ]);
    expect(missingRectificationColumns(RECTIFICATION_HEADERS)).toEqual([]);
  });

  it('refuses a line without its clue, with the reason (an item belongs to a clue)', () => {
    expect(codes({ 线索编号: undefined })).toEqual([['IMPORT.CLUE_REQUIRED', '线索编号']]);
  });

  it('reports missing values, and the 整改时限 of a 限期整改 line and the target of a 长期坚持 line', () => {
    expect(codes({ 整改编号: ' ', 责任人: undefined })).toEqual([
      ['IMPORT.MISSING_VALUE', '整改编号'],
      ['IMPORT.MISSING_VALUE', '责任人'],
    ]);
    expect(codes({ 整改时限: undefined })).toEqual([['IMPORT.MISSING_VALUE', '整改时限']]);
    expect(codes({ 整改方式: '长期坚持', 整改时限: undefined })).toEqual([['IMPORT.MISSING_VALUE', '长期坚持目标']]);
  });

  it('reports an incomplete evaluation or look-back record', () => {
    expect(codes({ 评估方式: undefined, 评估日期: undefined })).toEqual([
      ['IMPORT.MISSING_VALUE', '评估方式'],
      ['IMPORT.MISSING_VALUE', '评估日期'],
    ]);
    expect(codes({ 回头看日期: '2023-12-20' })).toEqual([
      ['IMPORT.MISSING_VALUE', '回头看方式'],
      ['IMPORT.MISSING_VALUE', '回头看结果'],
    ]);
  });

  it('reports a bad date, a date in the future and dates out of order', () => {
    expect(codes({ 下达日期: '2023-02-30' })).toEqual([['IMPORT.BAD_DATE', '下达日期']]);
    expect(codes({ 销号日期: '2026-12-08' })).toEqual([['IMPORT.DATE_IN_FUTURE', '销号日期']]);
    expect(codes({ 整改时限: '2023-05-01' })).toEqual([['IMPORT.DATE_OUT_OF_ORDER', '整改时限']]);
    expect(codes({ 评估日期: '2023-05-09' })).toEqual([['IMPORT.DATE_OUT_OF_ORDER', '评估日期']]);
    expect(codes({ 销号日期: '2023-07-04' })).toEqual([['IMPORT.DATE_OUT_OF_ORDER', '销号日期']]);
    expect(
      codes({ 整改进展: '回头看通过', 回头看方式: '实地核查', 回头看结果: '通过', 回头看日期: '2023-07-11' }),
    ).toEqual([['IMPORT.DATE_OUT_OF_ORDER', '回头看日期']]);
  });

  it('reports an unknown agency, mode, status, method or result label', () => {
    expect(codes({ 整改责任单位: '盘山县应急管理局' })).toEqual([['IMPORT.UNKNOWN_AGENCY', '整改责任单位']]);
    expect(codes({ 整改方式: '马上办' })).toEqual([['IMPORT.UNKNOWN_MODE', '整改方式']]);
    expect(codes({ 整改进展: '基本完成' })).toEqual([['IMPORT.UNKNOWN_STATUS', '整改进展']]);
    // 重新整改 and 待回头看 are steps of the workflow but not of a legacy line (IMPORTABLE_RECTIFICATION_STATUSES).
    expect(codes({ 整改进展: '重新整改' })).toEqual([['IMPORT.UNKNOWN_STATUS', '整改进展']]);
    expect(codes({ 评估方式: '电话', 评估结果: '合格' })).toEqual([
      ['IMPORT.UNKNOWN_METHOD', '评估方式'],
      ['IMPORT.UNKNOWN_RESULT', '评估结果'],
    ]);
  });
});
