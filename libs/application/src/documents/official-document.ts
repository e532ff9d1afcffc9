import { CaseKind } from '../cases/case-aggregates';

/**
 * The official documents (文书) a case's steps produce (issue 19 §2), by the path segment of
 * `…/documents/{type}`.
 */
export const DOCUMENT_TYPES = [
  /** 问题线索移送函 with its 移送材料清单 — the referral as sent. */
  'transfer-letter',
  /** 督察意见书 / 行政复议意见书 … — the clue's current supervision instrument. */
  'supervision-instrument',
  /** 整改通知书 — a rectification item as assigned. */
  'rectification-notice',
  /** 督办单 — the case's latest escalation. */
  'escalation-notice',
  /** 整改销号审批表 — a rectification item evaluated or closed. */
  'closure-approval',
  /** 处理结果反馈函 — the commission's feedback on a referral. */
  'result-feedback',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Which documents each kind of case produces. */
export const DOCUMENTS_OF_KIND: Readonly<Record<CaseKind, readonly DocumentType[]>> = {
  clue: ['supervision-instrument', 'escalation-notice'],
  referral: ['transfer-letter', 'result-feedback', 'escalation-notice'],
  rectification: ['rectification-notice', 'closure-approval', 'escalation-notice'],
  // No official document template of its own yet (the decision's 文号 is recorded on it).
  accountability: [],
  campaign: [],
};

export const isDocumentType = (value: string): value is DocumentType =>
  (DOCUMENT_TYPES as readonly string[]).includes(value);

/** A table in the body (移送材料清单, 审批表): a caption, a header row, and rows of cells. */
export interface DocumentTable {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * One document as GB/T 9704-2012 lays it out, independent of the file format: 版头 (发文机关标志,
 * 发文字号), 主体 (标题, 主送机关, 正文, 附件说明, 落款, 成文日期) and 版记 (抄送).
 */
export interface OfficialDocument {
  readonly type: DocumentType;
  /** 发文机关标志, e.g. 盘锦市大洼区法治建设委员会办公室文件. */
  readonly issuerMark: string;
  /** 发文字号: 机关代字〔年份〕序号号. */
  readonly documentNo: string;
  readonly title: string;
  /** 主送机关, without the closing colon. */
  readonly recipient?: string;
  /** 正文 paragraphs, each indented two characters. */
  readonly body: readonly string[];
  readonly table?: DocumentTable;
  /** 附件说明: the names of the attachments, numbered when more than one. */
  readonly attachments: readonly string[];
  /** 落款: the issuing organisation. */
  readonly signatory: string;
  /** 成文日期 in Arabic numerals: 2026年12月7日. */
  readonly date: string;
  /** 抄送机关 (版记). */
  readonly copyTo: readonly string[];
}

/** The document cannot be produced yet: the case has not reached the step that produces it. */
export class DocumentNotAvailableError extends Error {
  readonly code = 'DOCUMENT.NOT_AVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'DocumentNotAvailableError';
  }
}

/** 成文日期 per GB/T 9704-2012 §7.3.5.2: Arabic numerals, no leading zeros. */
export const documentDate = (date: string): string => {
  const [y, m, d] = date.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
};
