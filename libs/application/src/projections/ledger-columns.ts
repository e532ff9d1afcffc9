import { Lang, LabelCatalogue, LabelNamespace } from '../labels/label-catalogue';
import { ClueLedgerItem } from './clue-ledger.queries';
import { CorrectedCaseItem } from './corrected-cases.queries';
import { CsvValue } from './csv';
import { RectificationLedgerItem } from './rectification-ledger.queries';

/** A code's label in the export's language (codes stay codes in English exports: API clients parse them). */
export type CellLabel = (namespace: LabelNamespace, code: string | undefined) => string | undefined;

/**
 * What a column's cells are, where a spreadsheet should type them: `date`, a business date
 * (`yyyy-mm-dd`, China time); `instant`, an ISO-8601 instant. CSV writes both as their text.
 */
export type LedgerCellType = 'date' | 'instant';

/** One column of a ledger export: its header in each language and its cell. */
export interface LedgerColumn<T> {
  readonly zh: string;
  readonly en: string;
  readonly cell: (row: T, label: CellLabel, lang: Lang) => CsvValue;
  readonly type?: LedgerCellType;
}

export interface LedgerTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

/** The header and cells of an export in one language. Chinese labels every code; English keeps the codes. */
export const ledgerTable = <T>(
  columns: readonly LedgerColumn<T>[],
  rows: readonly T[],
  lang: Lang,
  labels: LabelCatalogue,
): LedgerTable => {
  const label: CellLabel = (namespace, code) =>
    code === undefined || lang === 'en' ? code : labels.labelOf(namespace, code, lang);
  return {
    header: columns.map((c) => c[lang]),
    rows: rows.map((row) => columns.map((c) => c.cell(row, label, lang))),
  };
};

const list = (values: readonly string[] | undefined, each: (v: string) => string | undefined = (v) => v): string =>
  (values ?? []).map((v) => each(v) ?? v).join('; ');
const yesNo = (value: boolean | undefined, lang: Lang): CsvValue =>
  value === undefined || lang === 'en' ? value : value ? '是' : '否';

/** 线索台账. An agency's view leaves some fields out: their cells stay empty. */
export const CLUE_LEDGER_COLUMNS: readonly LedgerColumn<ClueLedgerItem>[] = [
  { zh: '线索编号', en: 'Clue', cell: (c) => c.clueId },
  { zh: '区域', en: 'Region', cell: (c, l) => l('region', c.regionId) },
  { zh: '被监督单位', en: 'Supervised unit', cell: (c) => c.agencyName },
  { zh: '线索来源', en: 'Source', cell: (c, l) => l('clueSource', c.source) },
  { zh: '来源文号', en: 'Source reference', cell: (c) => c.sourceRef },
  { zh: '问题摘要', en: 'Summary', cell: (c) => c.summary },
  { zh: '收到日期', en: 'Received on', cell: (c) => c.receivedOn, type: 'date' },
  { zh: '当前环节', en: 'Step', cell: (c, l) => l('clueStatus', c.status) },
  { zh: '问题类别', en: 'Category', cell: (c, l) => l('clueCategory', c.category) },
  { zh: '涉及情形', en: 'Situations', cell: (c, l) => list(c.situationCodes, (v) => l('situation', v)) },
  { zh: '监督文书', en: 'Instrument', cell: (c, l) => l('supervisionInstrument', c.instrument?.kind) },
  { zh: '文书编号', en: 'Document number', cell: (c) => c.instrument?.documentNo },
  {
    zh: '移送情况',
    en: 'Referrals',
    cell: (c, l) => (c.referrals ?? []).map((r) => `${r.referralId}:${l('referralStatus', r.status)}`).join('; '),
  },
  { zh: '整改事项', en: 'Items', cell: (c) => c.rectification?.total },
  { zh: '已销号', en: 'Closed out', cell: (c) => c.rectification?.closed },
  { zh: '下一期限', en: 'Next due', cell: (c) => c.nextDueOn, type: 'date' },
  { zh: '是否逾期', en: 'Overdue', cell: (c, _l, lang) => yesNo(c.overdue, lang) },
  { zh: '督办次数', en: 'Escalations', cell: (c) => c.escalations },
  { zh: '评估结果', en: 'Evaluation', cell: (c, l) => l('evaluationResult', c.lastEvaluationResult) },
  { zh: '销号时间', en: 'Closed at', cell: (c) => c.closedAt, type: 'instant' },
  { zh: '了结原因', en: 'Dismissal reason', cell: (c, l) => l('dismissalReason', c.dismissalReason) },
];

/** 整改台账. */
export const RECTIFICATION_LEDGER_COLUMNS: readonly LedgerColumn<RectificationLedgerItem>[] = [
  { zh: '整改事项编号', en: 'Item', cell: (i) => i.itemId },
  { zh: '线索编号', en: 'Clue', cell: (i) => i.clueId },
  { zh: '区域', en: 'Region', cell: (i, l) => l('region', i.regionId) },
  { zh: '整改单位', en: 'Agency', cell: (i, l) => l('organisation', i.agencyOrgId) },
  { zh: '存在问题', en: 'Issue', cell: (i) => i.issue },
  { zh: '整改措施', en: 'Measures', cell: (i) => i.measures },
  { zh: '整改方式', en: 'Mode', cell: (i, l) => l('rectificationMode', i.mode) },
  { zh: '责任人', en: 'Responsible person', cell: (i) => i.responsiblePerson },
  { zh: '下达日期', en: 'Assigned on', cell: (i) => i.assignedOn, type: 'date' },
  { zh: '整改时限', en: 'Due on', cell: (i) => i.dueOn, type: 'date' },
  { zh: '状态', en: 'Status', cell: (i, l) => l('rectificationStatus', i.status) },
  { zh: '反馈次数', en: 'Reports', cell: (i) => i.reportCount },
  { zh: '评估结果', en: 'Evaluation', cell: (i, l) => l('evaluationResult', i.lastEvaluation?.result) },
  { zh: '评估方式', en: 'Evaluation method', cell: (i, l) => l('evaluationMethod', i.lastEvaluation?.method) },
  // 销号日期 is the business date of the 销号 (issue 17 item 7); 销号时间 when it was entered.
  { zh: '销号日期', en: 'Closed on', cell: (i) => i.closedOn, type: 'date' },
  { zh: '销号时间', en: 'Closed at', cell: (i) => i.closedAt, type: 'instant' },
  { zh: '回头看期限', en: 'Look-back due', cell: (i) => i.lookBackDueOn, type: 'date' },
  { zh: '回头看结果', en: 'Look-back', cell: (i, l) => l('evaluationResult', i.lastLookBackResult) },
  { zh: '重新整改次数', en: 'Reopened', cell: (i) => i.reopenCount },
  { zh: '是否逾期', en: 'Overdue', cell: (i, _l, lang) => yesNo(i.overdue || i.lookBackOverdue, lang) },
];

/** 纠错案件台账, handed to the inspection tours (巡察). */
export const CORRECTED_CASE_COLUMNS: readonly LedgerColumn<CorrectedCaseItem>[] = [
  { zh: '线索编号', en: 'Clue', cell: (c) => c.clueId },
  { zh: '区域', en: 'Region', cell: (c, l) => l('region', c.regionId) },
  { zh: '被监督单位', en: 'Supervised unit', cell: (c) => c.agencyName },
  { zh: '线索来源', en: 'Source', cell: (c, l) => l('clueSource', c.source) },
  { zh: '来源文号', en: 'Source reference', cell: (c) => c.sourceRef },
  { zh: '问题摘要', en: 'Summary', cell: (c) => c.summary },
  { zh: '监督文书', en: 'Instrument', cell: (c, l) => l('supervisionInstrument', c.instrument?.kind) },
  { zh: '文书编号', en: 'Document number', cell: (c) => c.instrument?.documentNo },
  { zh: '下达日期', en: 'Issued on', cell: (c) => c.instrument?.issuedOn, type: 'date' },
  { zh: '纠正期限', en: 'Correction due', cell: (c) => c.instrument?.dueOn, type: 'date' },
  { zh: '当前环节', en: 'Step', cell: (c, l) => l('clueStatus', c.status) },
  { zh: '整改事项', en: 'Items', cell: (c) => c.rectification.total },
  { zh: '已销号', en: 'Closed out', cell: (c) => c.rectification.closed },
  { zh: '长期坚持', en: 'Long-term', cell: (c) => c.rectification.longTerm },
  { zh: '评估结果', en: 'Evaluation', cell: (c, l) => l('evaluationResult', c.lastEvaluationResult) },
  { zh: '销号时间', en: 'Closed at', cell: (c) => c.closedAt, type: 'instant' },
  { zh: '回头看结果', en: 'Look-back', cell: (c, l) => l('evaluationResult', c.lastLookBackResult) },
  {
    zh: '移送情况',
    en: 'Referrals',
    cell: (c, l) => c.referrals.map((r) => `${r.referralId}:${l('referralStatus', r.status)}`).join('; '),
  },
  { zh: '处理人数', en: 'Persons handled', cell: (c) => c.personsHandled },
  { zh: '处理结果', en: 'Outcomes', cell: (c, l) => list(c.outcomeCodes, (v) => l('outcome', v)) },
];
