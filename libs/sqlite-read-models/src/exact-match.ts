import { Filter } from '@xj/application';
import { literalPrefix } from './in-memory-query';

type Doc = Readonly<Record<string, unknown>>;
/**
 * True or false when the document matches or not; undefined when the test cannot tell (an array
 * inside the array: mingo reads some operators into nested arrays, MongoDB does not) and mingo
 * must judge the document.
 */
export type Match = (doc: Doc) => boolean | undefined;

/**
 * The filter as a plain JavaScript test, for the filters whose MongoDB meaning it states exactly:
 * the subset sql-page.ts translates to SQL (the ledgers' access, region, status and code filters).
 * mingo builds and walks a tree of operators per document; at 50,000 ledger lines that was most of
 * a ledger page (issue 16, bench:ui). Anything else answers undefined and mingo stays the judge.
 *
 * Filters: `{}`, and on top-level fields a text value, `$eq` / `$in` of texts, or an anchored literal
 * `$regex` prefix, combined through `$and` and `$or`. As in MongoDB, a field holding an array
 * matches when one of its text elements does (objects never match; an array element leaves the
 * document to mingo).
 */
export const exactMatch = (filter: Filter): Match | undefined => {
  const parts: Match[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const branches = value.map((branch) => (isRecord(branch) ? exactMatch(branch as Filter) : undefined));
      if (!branches.every((b): b is Match => b !== undefined)) return undefined;
      parts.push(key === '$and' ? all(branches) : any(branches));
    } else if (key.startsWith('$')) return undefined;
    else {
      const part = fieldMatch(key, value);
      if (part === undefined) return undefined;
      parts.push(part);
    }
  }
  return all(parts);
};

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** False as soon as one part is false; else undefined when one could not tell. */
const all = (parts: readonly Match[]): Match => {
  if (parts.length === 1) return parts[0] as Match;
  return (doc) => {
    let sure = true;
    for (const part of parts) {
      const matched = part(doc);
      if (matched === false) return false;
      if (matched === undefined) sure = false;
    }
    return sure ? true : undefined;
  };
};

/** True as soon as one branch is true; else undefined when one could not tell. */
const any = (branches: readonly Match[]): Match => {
  if (branches.length === 1) return branches[0] as Match;
  return (doc) => {
    let sure = true;
    for (const branch of branches) {
      const matched = branch(doc);
      if (matched === true) return true;
      if (matched === undefined) sure = false;
    }
    return sure ? false : undefined;
  };
};

/** Some text the field holds (the field itself, or an element of its array) passes `test`. */
const anyText =
  (field: string, test: (text: string) => boolean): Match =>
  (doc) => {
    // No own-property check: what a plain object inherits (`constructor`, `__proto__`) is never a
    // text or an array, so it never matches, as a missing field does not.
    const value = doc[field];
    if (typeof value === 'string') return test(value);
    if (!Array.isArray(value)) return false;
    let sure = true;
    for (const element of value) {
      if (typeof element === 'string' && test(element)) return true;
      if (Array.isArray(element)) sure = false;
    }
    return sure ? false : undefined;
  };

const fieldMatch = (field: string, condition: unknown): Match | undefined => {
  if (!FIELD.test(field)) return undefined;
  if (typeof condition === 'string') return anyText(field, (text) => text === condition);
  if (!isRecord(condition)) return undefined;
  const keys = Object.keys(condition);
  const eq = condition.$eq;
  if (keys.length === 1 && typeof eq === 'string') return anyText(field, (text) => text === eq);
  if (keys.length === 1 && Array.isArray(condition.$in)) {
    const values = condition.$in;
    if (!values.every((v): v is string => typeof v === 'string')) return undefined;
    const set = new Set(values);
    return anyText(field, (text) => set.has(text));
  }
  if (keys.every((k) => k === '$regex' || k === '$options')) {
    const prefix = literalPrefix(condition);
    return prefix === undefined ? undefined : anyText(field, (text) => text.startsWith(prefix));
  }
  return undefined;
};
