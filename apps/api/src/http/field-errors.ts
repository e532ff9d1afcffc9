import { ValidationError } from '@nestjs/common';
import { Lang, labelOf } from '@xj/application';
import { getMetadataStorage } from 'class-validator';

/**
 * One broken rule of one field, in no language yet: a stable code (`isNotEmpty`, `maxLength`,
 * `isDate`…) and the rule's numbers. The problem filter words it in the request's language.
 */
export interface FieldViolation {
  readonly code: string;
  readonly params?: Readonly<Record<string, number | string>>;
  /** The rule holds for each item of a list (`legalBasis`: each at most 200 characters). */
  readonly each?: boolean;
}

/** The broken rules of one field, by its path in the request (`items.0.issue`, `query.to`). */
export interface FieldError {
  readonly field: string;
  readonly violations: readonly FieldViolation[];
}

/** A field error as the problem document carries it: `codes[i]` is the rule `messages[i]` states. */
export interface RenderedFieldError {
  readonly field: string;
  readonly codes: readonly string[];
  readonly messages: readonly string[];
}

const DATE_SOURCE = String(/^\d{4}-\d{2}-\d{2}$/);

/** class-validator's rule names → the codes the API answers (the same names where they are clear). */
const RENAMED: Readonly<Record<string, string>> = {
  isIso8601: 'isDateTime',
  isInstant: 'isDateTime',
  isEnum: 'isIn',
  nestedValidation: 'isObject',
  isUUID: 'isUuid',
};

type Rule = { readonly constraints: readonly unknown[]; readonly each: boolean };

/** The rule's arguments (lengths, sizes, the pattern) from the DTO's class-validator metadata. */
const ruleOf = (target: object | undefined, property: string, name: string): Rule => {
  const owner = target?.constructor;
  const found = owner
    ? getMetadataStorage()
        .getTargetValidationMetadatas(owner, '', true, false)
        .find((m) => m.propertyName === property && (m.name ?? m.type) === name)
    : undefined;
  return { constraints: (found?.constraints ?? []) as unknown[], each: found?.each === true };
};

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Too short (empty counts as missing) or too long, judged on the value (each item of a list for an `each` rule). */
const lengthViolation = (
  value: unknown,
  min: number | undefined,
  max: number | undefined,
  each: boolean,
): FieldViolation | undefined => {
  const texts = (each && Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const lengths = texts.map((t) => [...t].length);
  if (min !== undefined && lengths.some((l) => l < min))
    return lengths.some((l) => l === 0) && !each
      ? { code: 'isNotEmpty' }
      : { code: 'minLength', params: { min }, each };
  if (max !== undefined && lengths.some((l) => l > max)) return { code: 'maxLength', params: { max }, each };
  return undefined;
};

const violationOf = (error: ValidationError, name: string): FieldViolation => {
  const { constraints, each } = ruleOf(error.target, error.property, name);
  const [first, second] = constraints;
  switch (name) {
    case 'isLength':
      return lengthViolation(error.value, num(first), num(second), each) ?? { code: 'isLength', each };
    case 'minLength':
      return lengthViolation(error.value, num(first), undefined, each) ?? { code: 'minLength', each };
    case 'maxLength':
      return lengthViolation(error.value, undefined, num(first), each) ?? { code: 'maxLength', each };
    case 'arrayMinSize':
    case 'min':
      return { code: name, params: num(first) === undefined ? {} : { min: num(first) as number } };
    case 'arrayMaxSize':
    case 'max':
      return { code: name, params: num(first) === undefined ? {} : { max: num(first) as number } };
    case 'matches':
      return { code: String(first) === DATE_SOURCE ? 'isDate' : 'matches', each };
    default:
      return { code: RENAMED[name] ?? name, each };
  }
};

/**
 * The broken rules of every field, nested fields by their path. A field left out (or `null`) is
 * one `isNotEmpty`, not the list of every rule an absent value also breaks.
 */
export const fieldErrorsOf = (errors: readonly ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const names = Object.keys(e.constraints ?? {});
    const absent = (e.value === undefined || e.value === null) && !names.includes('whitelistValidation');
    const violations = absent
      ? [{ code: 'isNotEmpty' }]
      : names.map((name) => violationOf(e, name)).filter((v, i, all) => all.findIndex((w) => w.code === v.code) === i);
    const own = names.length > 0 ? [{ field, violations }] : [];
    return [...own, ...fieldErrorsOf(e.children ?? [], field)];
  });

/** The label a message names a field by: its Chinese title for zh (from the catalogue), its path for en. */
const fieldName = (field: string, lang: Lang): string => {
  if (lang === 'en') return field;
  const leaf = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop();
  return leaf === undefined ? field : labelOf('field', leaf, 'zh');
};

type Wording = (f: string, p: Readonly<Record<string, number | string>>, lang: Lang) => string;

const pick = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** The message of each code; `f` is the field as fieldName gives it (quoted 「」 in Chinese). */
const WORDING: Readonly<Record<string, Wording>> = {
  isNotEmpty: (f, _p, l) => pick(l, `${f}不能为空`, `${f} must not be empty`),
  minLength: (f, p, l) => pick(l, `${f}至少 ${p.min} 个字`, `${f} must be at least ${p.min} characters long`),
  maxLength: (f, p, l) => pick(l, `${f}最多 ${p.max} 个字`, `${f} must be at most ${p.max} characters long`),
  isLength: (f, _p, l) => pick(l, `${f}的长度不符合要求`, `${f} has the wrong length`),
  arrayMinSize: (f, p, l) => pick(l, `${f}至少 ${p.min} 项`, `${f} must have at least ${p.min} items`),
  arrayMaxSize: (f, p, l) => pick(l, `${f}最多 ${p.max} 项`, `${f} must have at most ${p.max} items`),
  min: (f, p, l) => pick(l, `${f}不能小于 ${p.min}`, `${f} must not be less than ${p.min}`),
  max: (f, p, l) => pick(l, `${f}不能大于 ${p.max}`, `${f} must not be greater than ${p.max}`),
  isDate: (f, _p, l) => pick(l, `${f}须为日期（年-月-日）`, `${f} must be a date (YYYY-MM-DD)`),
  isDateTime: (f, _p, l) => pick(l, `${f}须为带时区的日期和时间`, `${f} must be an ISO-8601 instant with an offset`),
  isIn: (f, _p, l) => pick(l, `${f}须从可选项中选择`, `${f} must be one of the allowed values`),
  isString: (f, _p, l) => pick(l, `${f}须为文字`, `${f} must be text`),
  isInt: (f, _p, l) => pick(l, `${f}须为整数`, `${f} must be a whole number`),
  isBoolean: (f, _p, l) => pick(l, `${f}须为“是”或“否”`, `${f} must be true or false`),
  isArray: (f, _p, l) => pick(l, `${f}须为列表`, `${f} must be a list`),
  isObject: (f, _p, l) => pick(l, `${f}须为一组完整的内容`, `${f} must be an object`),
  whitelistValidation: (f, _p, l) => pick(l, `${f}不是可以提交的内容`, `${f} is not an accepted field`),
  safeText: (f, _p, l) =>
    pick(l, `${f}含有不允许的控制字符`, `${f} must be text without control characters or unpaired surrogates`),
  // The password policy's refusals (issue 18), on `newPassword`.
  passwordTooShort: (f, _p, l) => pick(l, `${f}长度不足`, `${f} is too short`),
  passwordTooLong: (f, _p, l) => pick(l, `${f}过长`, `${f} is too long`),
  passwordTooFewCharacterClasses: (f, _p, l) =>
    pick(l, `${f}包含的字符种类不足（大写、小写字母、数字、符号）`, `${f} has too few kinds of characters`),
  passwordContainsUsername: (f, _p, l) => pick(l, `${f}不能包含用户名`, `${f} must not contain the user name`),
  passwordReused: (f, _p, l) => pick(l, `${f}不能与最近用过的密码相同`, `${f} must differ from the recent passwords`),
  notBefore: (f, p, l) =>
    pick(l, `${f}不能早于「${labelOf('field', String(p.other), 'zh')}」`, `${f} must not lie before ${p.other}`),
};

/** One violation in words: 「摘要」最多 2000 个字 / summary must be at most 2000 characters long. */
export const fieldMessage = (field: string, violation: FieldViolation, lang: Lang): string => {
  const name = fieldName(field, lang);
  const quoted =
    lang === 'zh' ? `「${name}」${violation.each ? '的每一项' : ''}` : violation.each ? `each item of ${name}` : name;
  // The field's own name for an unknown field: it has no title, and the title would hide what to remove.
  const subject = violation.code === 'whitelistValidation' ? (lang === 'zh' ? `「${field}」` : field) : quoted;
  const wording = WORDING[violation.code] ?? ((f, _p, l) => pick(l, `${f}填写不正确`, `${f} is invalid`));
  return wording(subject, violation.params ?? {}, lang);
};

export const renderFieldErrors = (errors: readonly FieldError[], lang: Lang): RenderedFieldError[] =>
  errors.map((e) => ({
    field: e.field,
    codes: e.violations.map((v) => v.code),
    messages: e.violations.map((v) => fieldMessage(e.field, v, lang)),
  }));
