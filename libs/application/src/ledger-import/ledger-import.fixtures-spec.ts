import { Actor, RULEBOOK_V1 } from '@xj/domain';
import { LabelCatalogue, createLabelCatalogue } from '../labels/label-catalogue';
import { LedgerRow, LedgerSheet } from './ledger-import.types';

/** The importing clerk of the 大洼区 office, on 7 December 2026. */
export const CLERK: Actor = {
  userId: 'u-dawa-clerk',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'dawa.rol-office',
  regionId: 'panjin/dawa',
};
export const AT = '2026-12-07T10:00:00+08:00';
export const FILE = 'c'.repeat(64);

const ORGS = [
  { id: 'dawa.emergency', nameZh: '大洼区应急管理局', nameEn: 'Dawa Emergency Management Bureau' },
  { id: 'dawa.traffic-police', nameZh: '大洼区公安局交通警察支队', nameEn: 'Dawa Traffic Police' },
  { id: 'panshan.emergency', nameZh: '盘山县应急管理局', nameEn: 'Panshan Emergency Management Bureau' },
  { id: 'dawa.rol-office', nameZh: '大洼区委法治建设办', nameEn: 'Dawa Rule-of-Law Office' },
];
export const LABELS: LabelCatalogue = createLabelCatalogue({ rulebooks: [RULEBOOK_V1], organisations: ORGS });

/** Agencies of the directory under the actor's region (the composition root's rule, here by id). */
export const isDawaAgency = (_actor: Actor, orgId: string): boolean =>
  orgId === 'dawa.emergency' || orgId === 'dawa.traffic-police';

export const HEADERS = [
  '线索编号',
  '线索来源',
  '来源文号',
  '收到日期',
  '被监督单位',
  '问题摘要',
  '办理状态',
  '状态日期',
  '备注',
];

export const goodLine = (row: number, overrides: Record<string, string | undefined> = {}): LedgerRow => {
  const cells: Record<string, string> = {};
  const all: Record<string, string | undefined> = {
    线索编号: `DW-2023-${String(row).padStart(3, '0')}`,
    线索来源: '行政复议',
    来源文号: `大洼复字〔2023〕${row}号`,
    收到日期: '2023-04-03',
    被监督单位: '大洼区公安局交通警察支队',
    问题摘要: '复议纠错后逾期未纠正违法处罚',
    办理状态: '已销号',
    状态日期: '2023-09-20',
    ...overrides,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) cells[k] = v;
  return { row, cells };
};

export const sheetOf = (lines: readonly LedgerRow[], headers: readonly string[] = HEADERS): LedgerSheet => ({
  headers,
  rows: (async function* () {
    for (const line of lines) yield line;
  })(),
});
