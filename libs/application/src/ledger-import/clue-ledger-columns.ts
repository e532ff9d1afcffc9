/**
 * The columns of the 线索台账 an office imports (the template, docs/templates, has exactly these
 * headers, in this order). `key` is the field of the import command the column fills.
 */
export const CLUE_IMPORT_COLUMNS = [
  { key: 'ledgerNo', header: '线索编号', required: true },
  { key: 'source', header: '线索来源', required: true },
  { key: 'sourceRef', header: '来源文号', required: true },
  { key: 'receivedOn', header: '收到日期', required: true },
  { key: 'agency', header: '被监督单位', required: true },
  { key: 'summary', header: '问题摘要', required: true },
  { key: 'status', header: '办理状态', required: true },
  { key: 'statusOn', header: '状态日期', required: false },
  { key: 'note', header: '备注', required: false },
] as const;

export type ClueLedgerColumnKey = (typeof CLUE_IMPORT_COLUMNS)[number]['key'];

/** The sheet name of the template and the name the reader looks for first (else the first sheet). */
export const CLUE_IMPORT_SHEET = '线索台账';

export const headerOf = (key: ClueLedgerColumnKey): string =>
  CLUE_IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
