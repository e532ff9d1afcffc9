import { Filter } from '@xj/application';

/**
 * Helpers that make in-memory queries over tens of thousands of documents cheap while keeping
 * MongoDB's semantics (mingo stays the judge of every match).
 */

type Primitive = string | number | boolean;
const isPrimitive = (value: unknown): value is Primitive =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

type Doc = Readonly<Record<string, unknown>>;
type Check = (doc: Doc) => boolean;

/**
 * A necessary condition for `filter`: documents that fail it cannot match, so mingo only sees the
 * candidates. Built from the conditions on top-level fields that are cheap to test — equality,
 * `$eq` and `$in` on plain values, and an anchored literal `$regex` prefix (a region and what lies
 * below it) — combined through `$and` (each must hold) and `$or` (when every branch has one). A
 * field holding an array always passes (MongoDB matches inside arrays; mingo then decides).
 */
export const prefilter = (filter: Filter): Check | undefined => {
  const checks = checksOf(filter);
  if (checks.length === 0) return undefined;
  return checks.length === 1 ? checks[0] : (doc) => checks.every((check) => check(doc));
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const checksOf = (filter: Filter): Check[] => {
  const checks: Check[] = [];
  const all = filter.$and;
  if (Array.isArray(all)) for (const clause of all) if (isRecord(clause)) checks.push(...checksOf(clause));
  const any = filter.$or;
  if (Array.isArray(any) && any.length > 0) {
    const branches = any.map((branch) => (isRecord(branch) ? prefilter(branch) : undefined));
    if (branches.every((branch) => branch !== undefined))
      checks.push((doc) => (branches as Check[]).some((branch) => branch(doc)));
  }
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$') || field.includes('.')) continue;
    if (isPrimitive(condition)) checks.push(oneOf(field, new Set([condition])));
    else if (isRecord(condition)) {
      if (isPrimitive(condition.$eq)) checks.push(oneOf(field, new Set([condition.$eq])));
      const list = condition.$in;
      if (Array.isArray(list) && list.every(isPrimitive)) checks.push(oneOf(field, new Set(list)));
      const prefix = literalPrefix(condition);
      if (prefix !== undefined) checks.push(startsWith(field, prefix));
    }
  }
  return checks;
};

const oneOf =
  (field: string, values: ReadonlySet<Primitive>): Check =>
  (doc) => {
    const value = doc[field];
    return Array.isArray(value) || (isPrimitive(value) && values.has(value));
  };

const startsWith =
  (field: string, prefix: string): Check =>
  (doc) => {
    const value = doc[field];
    return Array.isArray(value) || (typeof value === 'string' && value.startsWith(prefix));
  };

/** Characters with a meaning in a pattern (escapeRegex escapes them), and those escapes that stand for themselves. */
const REGEX_SPECIAL = new Set('.*+?^${}()|[]\\');
const LITERAL_ESCAPES = new Set([...REGEX_SPECIAL, '/', '-']);

/**
 * The literal text a string `$regex` must start with when it is `^` followed by literal characters
 * only (special ones escaped, as escapeRegex writes them) and has no options (`i` would change
 * the case, `m` would let `^` match after a line break); otherwise undefined.
 */
export const literalPrefix = (condition: Record<string, unknown>): string | undefined => {
  const pattern = condition.$regex;
  const options = condition.$options;
  if (typeof pattern !== 'string' || !pattern.startsWith('^') || (options !== undefined && options !== ''))
    return undefined;
  let literal = '';
  for (let i = 1; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || !LITERAL_ESCAPES.has(next)) return undefined;
      literal += next;
      i++;
    } else if (REGEX_SPECIAL.has(char)) return undefined;
    else literal += char;
  }
  return literal;
};

/** MongoDB's order of types in a sort: missing/null, numbers, strings, objects, arrays, booleans. */
const typeRank = (value: unknown): number => {
  if (value === undefined || value === null) return 1;
  switch (typeof value) {
    case 'number':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
    default:
      return Array.isArray(value) ? 5 : 4;
  }
};

/** Compares two sort values. Objects and arrays compare by their JSON (sort on scalar fields). */
export const compareValues = (a: unknown, b: unknown): number => {
  const ranks = typeRank(a) - typeRank(b);
  if (ranks !== 0) return ranks;
  if (a === b || (typeRank(a) === 1 && typeRank(b) === 1)) return 0;
  const [x, y] = typeof a === 'object' ? [JSON.stringify(a), JSON.stringify(b)] : [a as Primitive, b as Primitive];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The value at a dotted path; through an array, the values of its elements (as MongoDB reads paths). */
const valueAt = (value: unknown, parts: readonly string[], from: number): unknown => {
  if (from === parts.length || value === undefined || value === null) return from === parts.length ? value : undefined;
  if (Array.isArray(value))
    return value.map((element) => valueAt(element, parts, from)).filter((found) => found !== undefined);
  return typeof value === 'object'
    ? valueAt((value as Record<string, unknown>)[parts[from] as string], parts, from + 1)
    : undefined;
};

/** A sort key's value in a document, as MongoDB reads the path. */
export const fieldValue = (doc: Readonly<Record<string, unknown>>, path: string): unknown =>
  path.includes('.') ? valueAt(doc, path.split('.'), 0) : doc[path];

/** How a sort reads the value at a path of an item (a document, or a row of the collection cache). */
export type SortReader<T> = (path: string) => (item: T) => unknown;

const documentValue: SortReader<Readonly<Record<string, unknown>>> = (path) => (doc) => fieldValue(doc, path);

/** Sorts by the keys in order (1 ascending, -1 descending), resolving each key once per document. */
export function sortDocuments<T extends Readonly<Record<string, unknown>>>(
  docs: readonly T[],
  sort: Readonly<Record<string, 1 | -1>>,
): T[];
export function sortDocuments<T>(docs: readonly T[], sort: Readonly<Record<string, 1 | -1>>, read: SortReader<T>): T[];
export function sortDocuments<T>(
  docs: readonly T[],
  sort: Readonly<Record<string, 1 | -1>>,
  read: SortReader<T> = documentValue as SortReader<T>,
): T[] {
  const keys = Object.entries(sort);
  const readers = keys.map(([path]) => read(path));
  const decorated = docs.map((doc) => ({ doc, values: readers.map((value) => value(doc)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareValues(a.values[i], b.values[i]);
      if (order !== 0) return order * (keys[i]?.[1] ?? 1);
    }
    return 0;
  });
  return decorated.map((entry) => entry.doc);
}

/** Above this many documents before the page's end, a page is cut from a full sort instead. */
const SELECT_LIMIT = 1_000;

/**
 * The documents `skip` to `skip + limit` of {@link sortDocuments}' order, without sorting every
 * match when the page lies near the start (a ledger page of 20 out of 20,000 matches keeps the
 * 20 + skip smallest in a sorted buffer). `sort` must order documents totally (stableSort's `_id`
 * tie-break), so the page is the same either way.
 */
export function sortedPage<T extends Readonly<Record<string, unknown>>>(
  docs: readonly T[],
  sort: Readonly<Record<string, 1 | -1>>,
  skip: number,
  limit: number | undefined,
): T[];
export function sortedPage<T>(
  docs: readonly T[],
  sort: Readonly<Record<string, 1 | -1>>,
  skip: number,
  limit: number | undefined,
  read: SortReader<T>,
): T[];
export function sortedPage<T>(
  docs: readonly T[],
  sort: Readonly<Record<string, 1 | -1>>,
  skip: number,
  limit: number | undefined,
  read: SortReader<T> = documentValue as SortReader<T>,
): T[] {
  const end = limit === undefined ? docs.length : skip + limit;
  if (end > SELECT_LIMIT || end * 8 > docs.length) return sortDocuments(docs, sort, read).slice(skip, end);
  const keys = Object.entries(sort);
  const readers = keys.map(([path]) => read(path));
  const compare = (a: readonly unknown[], b: readonly unknown[]): number => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareValues(a[i], b[i]);
      if (order !== 0) return order * (keys[i]?.[1] ?? 1);
    }
    return 0;
  };
  const best: { doc: T; values: unknown[] }[] = [];
  for (const doc of docs) {
    const values = readers.map((value) => value(doc));
    const last = best[best.length - 1];
    if (best.length === end && last !== undefined && compare(values, last.values) >= 0) continue;
    // Binary search for the first entry that sorts after this document.
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare((best[middle] as { values: unknown[] }).values, values) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, { doc, values });
    if (best.length > end) best.pop();
  }
  return best.slice(skip).map((entry) => entry.doc);
}
