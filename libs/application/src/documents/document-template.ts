import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import closureApproval from './templates/closure-approval.json';
import escalationNotice from './templates/escalation-notice.json';
import rectificationNotice from './templates/rectification-notice.json';
import resultFeedback from './templates/result-feedback.json';
import supervisionInstrument from './templates/supervision-instrument.json';
import transferLetter from './templates/transfer-letter.json';
import { DocumentType } from './official-document';

/**
 * What a deployment may change in a document without code: one JSON file per type. Text may
 * hold `{placeholders}` that the case fills (each composer lists its own); an unknown one is left
 * as written, so a misspelt name shows in the document instead of vanishing.
 */
export interface DocumentTemplate {
  /** 标题; for the supervision instrument, the fallback when `titles` has no entry for the kind. */
  readonly title: string;
  /** The supervision instrument's title by instrument kind (行政复议意见书 …). */
  readonly titles?: Readonly<Record<string, string>>;
  /** 发文机关标志, e.g. "{issuer}文件"; `{issuer}` is the issuing organisation's name. */
  readonly issuerMark: string;
  /** 机关代字 of 发文字号: `{prefix}〔{year}〕{number}号`. */
  readonly documentNoPrefix: string;
  /** Official names by organisation id, over the directory's (full names, 印章 names). */
  readonly organisationNames?: Readonly<Record<string, string>>;
  /** 正文 paragraphs. */
  readonly body: readonly string[];
  /** 附件说明. */
  readonly attachments?: readonly string[];
}

const DEFAULTS: Readonly<Record<DocumentType, DocumentTemplate>> = {
  'transfer-letter': transferLetter,
  'supervision-instrument': supervisionInstrument,
  'rectification-notice': rectificationNotice,
  'escalation-notice': escalationNotice,
  'closure-approval': closureApproval,
  'result-feedback': resultFeedback,
};

/** Where a deployment puts its own templates: `$DATA_DIR/templates/documents/<type>.json`. */
export const DOCUMENT_TEMPLATES_DIRNAME = join('templates', 'documents');

/** A deployment's template file that is not a template: the generation answers 500-free, naming the file. */
export class DocumentTemplateError extends Error {
  readonly code = 'DOCUMENT.TEMPLATE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'DocumentTemplateError';
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

/** The fields a file gives, checked; fields it leaves out keep the product's default. */
const overrideOf = (raw: unknown, file: string): Partial<DocumentTemplate> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new DocumentTemplateError(`${file} must hold a JSON object`);
  const o = raw as Record<string, unknown>;
  const checks: [keyof DocumentTemplate, (v: unknown) => boolean][] = [
    ['title', (v) => typeof v === 'string'],
    ['titles', isStringRecord],
    ['issuerMark', (v) => typeof v === 'string'],
    ['documentNoPrefix', (v) => typeof v === 'string'],
    ['organisationNames', isStringRecord],
    ['body', isStringArray],
    ['attachments', isStringArray],
  ];
  for (const [key, valid] of checks)
    if (o[key] !== undefined && !valid(o[key])) throw new DocumentTemplateError(`${file}: ${key} has the wrong shape`);
  return o as Partial<DocumentTemplate>;
};

/**
 * The templates in force: the product's defaults, each overridden field by field by
 * `<dataDir>/templates/documents/<type>.json` when there is one. Read on every generation, so an
 * edited file takes effect without a restart.
 */
export class DocumentTemplates {
  constructor(private readonly dataDir?: string) {}

  get(type: DocumentType): DocumentTemplate {
    const defaults = DEFAULTS[type];
    if (!this.dataDir) return defaults;
    const file = join(this.dataDir, DOCUMENT_TEMPLATES_DIRNAME, `${type}.json`);
    if (!existsSync(file)) return defaults;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new DocumentTemplateError(`${DOCUMENT_TEMPLATES_DIRNAME}/${type}.json is not readable JSON`);
    }
    return { ...defaults, ...overrideOf(raw, `${DOCUMENT_TEMPLATES_DIRNAME}/${type}.json`) };
  }
}

/** Fills `{name}` placeholders; an unknown name stays as written. */
export const fillPlaceholders = (text: string, values: Readonly<Record<string, string>>): string =>
  text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
