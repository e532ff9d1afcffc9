import { RECTIFICATION_IMPORT_COLUMNS } from './rectification-ledger-columns';
import { LedgerRow } from './ledger-import.types';

/** The 整改台账 template's headers. */
export const RECTIFICATION_HEADERS: readonly string[] = RECTIFICATION_IMPORT_COLUMNS.map((c) => c.header);

/** A closed-out line of the 大洼区 office's 整改台账: its item on the clue DW-2023-002, evaluated and closed in 2023. */
export const goodItemLine = (row: number, overrides: Record<string, string | undefined> = {}): LedgerRow => {
  const cells: Record<string, string> = {};
  const all: Record<string, string | undefined> = {
    整改编号: `DW-ZG-2023-${String(row).padStart(3, '0')}`,
    线索编号: 'DW-2023-002',
    整改责任单位: '大洼区公安局交通警察支队',
    问题内容: '复议纠错后逾期未纠正违法处罚',
    整改措施: '撤销原处罚决定，退还罚款，完善法制审核',
    整改方式: '限期整改',
    下达日期: '2023-05-10',
    整改时限: '2023-06-30',
    第一责任人: '支队长 王某',
    责任人: '法制科 李某',
    整改进展: '已销号',
    评估方式: '书面审查',
    评估结果: '通过',
    评估日期: '2023-07-05',
    销号日期: '2023-07-12',
    ...overrides,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) cells[k] = v;
  return { row, cells };
};
