import { OUTCOME_CATALOGUE, RULEBOOK_V1, Rulebook } from '@xj/domain';
import { CODE_LABELS, Label } from './code-labels';
import { COMMAND_LABELS } from './command-labels';
import { ERROR_CODE_LABELS } from './error-code-labels';
import {
  ACCOUNT_EVENT_TYPE_LABELS,
  LOG_EXPORT_EVENT_TYPE_LABELS,
  TRANSFER_PACKAGE_EVENT_TYPE_LABELS,
} from './account-event-type-labels';
import { ORGANISATION_EVENT_TYPE_LABELS } from './organisation-event-type-labels';
import { EVENT_TYPE_LABELS } from './event-type-labels';
import { FIELD_LABELS } from './field-labels';

/** The languages labels come in: zh (zh-CN, the clerks' language) and en (API clients that ask for it). */
export type Lang = 'zh' | 'en';

/** Every namespace of the catalogue: the domain's code lists, the rulebook's, the deployment's organisations. */
export const LABEL_NAMESPACES = [
  ...(Object.keys(CODE_LABELS) as (keyof typeof CODE_LABELS)[]),
  'situation',
  'evidence',
  'statutoryGround',
  'outcome',
  'eventType',
  'errorCode',
  'command',
  'field',
  'organisation',
  'region',
] as const;
export type LabelNamespace = (typeof LABEL_NAMESPACES)[number];

export type LabelTables = { readonly [N in LabelNamespace]: Readonly<Record<string, Label>> };

/** A labelled unit of the deployment's organisation directory. */
export interface LabelledOrganisation {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface LabelSources {
  /** Every rulebook ever in force: old cases name situations of older versions. */
  readonly rulebooks: readonly Rulebook[];
  readonly organisations?: readonly LabelledOrganisation[];
  readonly regions?: readonly { readonly id: string; readonly zh: string; readonly en: string }[];
}

/** One catalogue of labels for every code, used by the API's errors and exports and served to the web app. */
export interface LabelCatalogue {
  /** The label of a code, or the code itself when the namespace does not know it. */
  labelOf(namespace: LabelNamespace, code: string, lang: Lang): string;
  readonly tables: LabelTables;
}

const own = (table: Readonly<Record<string, Label>>, code: string): Label | undefined =>
  Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;

export const createLabelCatalogue = (sources: LabelSources): LabelCatalogue => {
  const situation: Record<string, Label> = {};
  const evidence: Record<string, Label> = {};
  const statutoryGround: Record<string, Label> = {};
  // Oldest first, so the newest wording of a code wins.
  for (const book of sources.rulebooks) {
    for (const rule of book.rules) {
      situation[rule.code] = { zh: rule.labelZh, en: rule.labelEn };
      for (const item of rule.evidence) evidence[item.code] = { zh: item.labelZh, en: item.labelEn };
    }
    for (const ground of book.statutoryGrounds)
      statutoryGround[ground.code] = { zh: ground.labelZh, en: ground.labelEn };
  }
  const outcome = Object.fromEntries(OUTCOME_CATALOGUE.map((o) => [o.code, { zh: o.labelZh, en: o.labelEn }]));
  const organisation = Object.fromEntries(
    (sources.organisations ?? []).map((o) => [o.id, { zh: o.nameZh, en: o.nameEn }]),
  );
  const region = Object.fromEntries((sources.regions ?? []).map((r) => [r.id, { zh: r.zh, en: r.en }]));
  const tables: LabelTables = {
    ...CODE_LABELS,
    situation,
    evidence,
    statutoryGround,
    outcome,
    eventType: {
      ...EVENT_TYPE_LABELS,
      ...ACCOUNT_EVENT_TYPE_LABELS,
      ...TRANSFER_PACKAGE_EVENT_TYPE_LABELS,
      ...ORGANISATION_EVENT_TYPE_LABELS,
      ...LOG_EXPORT_EVENT_TYPE_LABELS,
    },
    errorCode: ERROR_CODE_LABELS,
    command: COMMAND_LABELS,
    field: FIELD_LABELS,
    organisation,
    region,
  };
  return {
    tables,
    labelOf: (namespace, code, lang) => own(tables[namespace], code)?.[lang] ?? code,
  };
};

/** The built-in catalogue: the domain's code lists and the shipped rulebook, no organisations. */
export const BUILT_IN_LABELS: LabelCatalogue = createLabelCatalogue({ rulebooks: [RULEBOOK_V1] });

/** The label of a code in the built-in catalogue (falls back to the code itself). */
export const labelOf = (namespace: LabelNamespace, code: string, lang: Lang): string =>
  BUILT_IN_LABELS.labelOf(namespace, code, lang);

/**
 * The namespace of the domain's code lists that holds every one of `codes` (the first in catalogue
 * order), e.g. the values of a request body's enumeration; undefined when none holds them all.
 */
export const codeNamespaceOf = (codes: readonly string[]): LabelNamespace | undefined =>
  codes.length === 0
    ? undefined
    : [...(Object.keys(CODE_LABELS) as LabelNamespace[]), 'outcome' as const].find((ns) =>
        codes.every((code) => own(BUILT_IN_LABELS.tables[ns], code) !== undefined),
      );

const reverseIndexes = new WeakMap<LabelCatalogue, Map<LabelNamespace, ReadonlyMap<string, string>>>();

/**
 * The code a label names in `namespace` (its Chinese or English label, or the code itself; spaces
 * around it ignored), or undefined: how a workbook that speaks Chinese labels (a legacy ledger's
 * 线索来源, 办理状态, 被监督单位) is read back into codes, through the one catalogue.
 */
export const codeOfLabel = (catalogue: LabelCatalogue, namespace: LabelNamespace, text: string): string | undefined => {
  let byNamespace = reverseIndexes.get(catalogue);
  if (!byNamespace) reverseIndexes.set(catalogue, (byNamespace = new Map()));
  let index = byNamespace.get(namespace);
  if (!index) {
    const map = new Map<string, string>();
    // Codes first, then English, then Chinese: a Chinese label wins over a code spelled the same.
    for (const code of Object.keys(catalogue.tables[namespace])) map.set(code, code);
    for (const [code, label] of Object.entries(catalogue.tables[namespace])) map.set(label.en, code);
    for (const [code, label] of Object.entries(catalogue.tables[namespace])) map.set(label.zh, code);
    byNamespace.set(namespace, (index = map));
  }
  return index.get(text.trim());
};

/** One language's view of the tables: `{ namespace: { code: label } }`. */
export const tablesIn = (tables: LabelTables, lang: Lang): Record<LabelNamespace, Record<string, string>> =>
  Object.fromEntries(
    LABEL_NAMESPACES.map((ns) => [
      ns,
      Object.fromEntries(Object.entries(tables[ns]).map(([code, label]) => [code, label[lang]])),
    ]),
  ) as Record<LabelNamespace, Record<string, string>>;

/**
 * The language an Accept-Language header prefers among zh and en (RFC 9110 §12.5.4: highest
 * q-value first, then order), or `fallback` when it names neither. `zh-CN`, `zh-Hans`, `zh` → zh.
 */
export const languageOf = (acceptLanguage: string | undefined, fallback: Lang): Lang => {
  if (!acceptLanguage) return fallback;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of acceptLanguage.slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | undefined =
      tag === 'zh' || tag.startsWith('zh-') ? 'zh' : tag === 'en' || tag.startsWith('en-') ? 'en' : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? fallback;
};
