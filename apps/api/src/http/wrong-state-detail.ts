import { CommandRejectedError, LabelNamespace, Lang, labelOf } from '@xj/application';

const CASES: Readonly<Record<string, { readonly zh: string; readonly en: string; readonly statuses: LabelNamespace }>> =
  {
    CLUE: { zh: '线索', en: 'clue', statuses: 'clueStatus' },
    REFERRAL: { zh: '移送', en: 'referral', statuses: 'referralStatus' },
    RECTIFICATION: { zh: '整改事项', en: 'rectification item', statuses: 'rectificationStatus' },
    CAMPAIGN: { zh: '督察', en: 'campaign', statuses: 'campaignStatus' },
  };

/** A status label inside an English sentence: "The referral is accepted", not "is Accepted". */
const inSentence = (label: string, lang: Lang): string =>
  lang === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * A wrong-state refusal in plain words (issue 16): the state the case is in and the states that
 * allow the action, e.g. "移送当前状态为「已受理」，该操作仅在「已移送」「已转送」状态下可用".
 * Built from the details the domain error carries; undefined for any other error.
 */
export const wrongStateDetail = (error: unknown, lang: Lang): string | undefined => {
  if (!(error instanceof CommandRejectedError)) return undefined;
  const { kind, code, details } = error.domainError;
  const [prefix = '', suffix] = code.split('.');
  const subject = CASES[prefix];
  if (kind !== 'InvalidTransition' || suffix !== 'WRONG_STATE' || !subject || typeof details?.status !== 'string')
    return undefined;
  const status = inSentence(labelOf(subject.statuses, details.status, lang), lang);
  if (typeof details.required === 'string') {
    const method = typeof details.method === 'string' ? labelOf('disposalMethod', details.method, lang) : undefined;
    const required = labelOf('disposalMethod', details.required, lang);
    return lang === 'zh'
      ? `${subject.zh}当前处置方式为「${method ?? '无'}」，该操作仅在处置方式为「${required}」时可用`
      : `The ${subject.en}'s disposal method is ${method ?? 'none'}; this action is only available while it is ${required}.`;
  }
  const allowed = texts(details.allowed).map((s) => inSentence(labelOf(subject.statuses, s, lang), lang));
  if (lang === 'zh') {
    const tail =
      allowed.length > 0 ? `该操作仅在${allowed.map((s) => `「${s}」`).join('')}状态下可用` : '该操作当前不可用';
    return `${subject.zh}当前状态为「${status}」，${tail}`;
  }
  const tail =
    allowed.length > 0
      ? `this action is only available when it is ${allowed.join(' or ')}`
      : 'this action is not available now';
  return `The ${subject.en} is ${status}; ${tail}.`;
};
