import { Filter } from '@xj/application';
import { Query } from 'mingo';
import { literalPrefix, prefilter } from './in-memory-query';

type Doc = Readonly<Record<string, unknown>>;
/**
 * True or false when the document (or the row `R` standing for it) matches or not; undefined when
 * the test cannot tell (an array inside the array: mingo reads some operators into nested arrays,
 * MongoDB does not) and mingo must judge the document.
 */
export type Match<R = Doc> = (row: R) => boolean | undefined;

/**
 * How a match reads a top-level field of a row. The default reads the document itself; the
 * collection cache reads a column of the field's values instead (collection-cache.ts).
 */
export type FieldReader<R> = (field: string) => (row: R) => unknown;

// No own-property check: what a parsed document inherits (`constructor`, `__proto__`) is never a
// text or an array, so it never matches, as a missing field does not.
const documentField: FieldReader<Doc> = (field) => (doc) => doc[field];

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
export function exactMatch(filter: Filter): Match | undefined;
export function exactMatch<R>(filter: Filter, read: FieldReader<R>): Match<R> | undefined;
export function exactMatch(filter: Filter, read: FieldReader<unknown> = documentField as FieldReader<unknown>) {
  return compile(filter, read);
}

/**
 * Whether a parsed document matches `filter`, as MongoDB would judge it: the plain test where it can
 * tell, else the cheap prefilter and mingo.
 */
export const documentTest = (filter: Filter): ((doc: Doc) => boolean) => {
  if (Object.keys(filter).length === 0) return () => true;
  const query = new Query(filter);
  const exact = exactMatch(filter);
  const candidate = prefilter(filter);
  return (doc) => exact?.(doc) ?? ((candidate === undefined || candidate(doc)) && query.test(doc));
};

const compile = <R>(filter: Filter, read: FieldReader<R>): Match<R> | undefined => {
  const parts: Match<R>[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const branches = value.map((branch) => (isRecord(branch) ? compile(branch as Filter, read) : undefined));
      if (!branches.every((b): b is Match<R> => b !== undefined)) return undefined;
      parts.push(key === '$and' ? all(branches) : any(branches));
    } else if (key.startsWith('$')) return undefined;
    else {
      const part = fieldMatch(key, value, read);
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
const all = <R>(parts: readonly Match<R>[]): Match<R> => {
  if (parts.length === 1) return parts[0] as Match<R>;
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
const any = <R>(branches: readonly Match<R>[]): Match<R> => {
  if (branches.length === 1) return branches[0] as Match<R>;
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
  <R>(value: (row: R) => unknown, test: (text: string) => boolean): Match<R> =>
  (row) => {
    const held = value(row);
    if (typeof held === 'string') return test(held);
    if (!Array.isArray(held)) return false;
    let sure = true;
    for (const element of held) {
      if (typeof element === 'string' && test(element)) return true;
      if (Array.isArray(element)) sure = false;
    }
    return sure ? false : undefined;
  };

const fieldMatch = <R>(field: string, condition: unknown, read: FieldReader<R>): Match<R> | undefined => {
  if (!FIELD.test(field)) return undefined;
  const value = read(field);
  if (typeof condition === 'string') return anyText(value, (text) => text === condition);
  if (!isRecord(condition)) return undefined;
  const keys = Object.keys(condition);
  const eq = condition.$eq;
  if (keys.length === 1 && typeof eq === 'string') return anyText(value, (text) => text === eq);
  if (keys.length === 1 && Array.isArray(condition.$in)) {
    const values = condition.$in;
    if (!values.every((v): v is string => typeof v === 'string')) return undefined;
    const set = new Set(values);
    return anyText(value, (text) => set.has(text));
  }
  if (keys.every((k) => k === '$regex' || k === '$options')) {
    const prefix = literalPrefix(condition);
    return prefix === undefined ? undefined : anyText(value, (text) => text.startsWith(prefix));
  }
  return undefined;
};
