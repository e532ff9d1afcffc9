/**
 * The columns of the 整改台账 an office imports (the template, docs/templates, has exactly these
 * headers, in this order; DOMAIN.md §4.3: 问题内容 / 整改措施 / 整改时限 / 责任人, then the loop
 * 反馈—整改—评估—销号 and 回头看). `key` is the field of the import command the column fills.
 */
export const RECTIFICATION_IMPORT_COLUMNS = [
  { key: 'ledgerNo', header: '整改编号', required: true },
  { key: 'clueLedgerNo', header: '线索编号', required: true },
  { key: 'agency', header: '整改责任单位', required: true },
  { key: 'issue', header: '问题内容', required: true },
  { key: 'measures', header: '整改措施', required: true },
  { key: 'mode', header: '整改方式', required: true },
  { key: 'assignedOn', header: '下达日期', required: true },
  { key: 'dueOn', header: '整改时限', required: false },
  { key: 'longTermTarget', header: '长期坚持目标', required: false },
  { key: 'owner', header: '第一责任人', required: true },
  { key: 'responsiblePerson', header: '责任人', required: true },
  { key: 'status', header: '整改进展', required: true },
  { key: 'evaluationMethod', header: '评估方式', required: false },
  { key: 'evaluationResult', header: '评估结果', required: false },
  { key: 'evaluatedOn', header: '评估日期', required: false },
  { key: 'closedOn', header: '销号日期', required: false },
  { key: 'lookBackMethod', header: '回头看方式', required: false },
  { key: 'lookBackResult', header: '回头看结果', required: false },
  { key: 'lookBackOn', header: '回头看日期', required: false },
  { key: 'note', header: '备注', required: false },
] as const;

export type RectificationLedgerColumnKey = (typeof RECTIFICATION_IMPORT_COLUMNS)[number]['key'];

/** The sheet name of the template. */
export const RECTIFICATION_IMPORT_SHEET = '整改台账';

/** The date columns (written as date cells, read back as China dates). */
export const RECTIFICATION_DATE_HEADERS: readonly string[] = [
  '下达日期',
  '整改时限',
  '评估日期',
  '销号日期',
  '回头看日期',
];

export const rectificationHeaderOf = (key: RectificationLedgerColumnKey): string =>
  RECTIFICATION_IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
