import { Filter } from '@xj/application';

/**
 * Helpers that make in-memory queries over tens of thousands of documents cheap while keeping
 * MongoDB's semantics (mingo stays the judge of every match).
 */

type Primitive = string | number | boolean;
const isPrimitive = (value: unknown): value is Primitive =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A necessary condition for `filter`, from its top-level equality and `$in` conditions on
 * plain values: a document passes when the field holds one of the values or is an array
 * (MongoDB equality also matches an array containing the value, which mingo then decides).
 * Documents that fail it cannot match, so mingo only sees the candidates.
 */
export const prefilter = (filter: Filter): ((doc: Readonly<Record<string, unknown>>) => boolean) | undefined => {
  const checks: { field: string; values: ReadonlySet<Primitive> }[] = [];
  collectChecks(filter, checks);
  if (checks.length === 0) return undefined;
  return (doc) =>
    checks.every(({ field, values }) => {
      const value = doc[field];
      return Array.isArray(value) || (isPrimitive(value) && values.has(value));
    });
};

/**
 * The equality and `$in` conditions of a filter and of the clauses of its top-level `$and` (every
 * one of them must hold; the queries combine access, region and the caller's filters that way).
 */
const collectChecks = (filter: Filter, checks: { field: string; values: ReadonlySet<Primitive> }[]): void => {
  const all = filter.$and;
  if (Array.isArray(all))
    for (const clause of all)
      if (typeof clause === 'object' && clause !== null && !Array.isArray(clause))
        collectChecks(clause as Filter, checks);
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$') || field.includes('.')) continue;
    if (isPrimitive(condition)) checks.push({ field, values: new Set([condition]) });
    else if (typeof condition === 'object' && condition !== null && !Array.isArray(condition)) {
      const operators = condition as Record<string, unknown>;
      if (isPrimitive(operators.$eq)) checks.push({ field, values: new Set([operators.$eq]) });
      const list = operators.$in;
      if (Array.isArray(list) && list.every(isPrimitive)) checks.push({ field, values: new Set(list) });
    }
  }
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

const fieldValue = (doc: Readonly<Record<string, unknown>>, path: string): unknown =>
  path.includes('.') ? valueAt(doc, path.split('.'), 0) : doc[path];

/** Sorts by the keys in order (1 ascending, -1 descending), resolving each key once per document. */
export const sortDocuments = <T extends Readonly<Record<string, unknown>>>(
  docs: readonly T[],
  sort: Readonly<Record<string, 1 | -1>>,
): T[] => {
  const keys = Object.entries(sort);
  const decorated = docs.map((doc) => ({ doc, values: keys.map(([path]) => fieldValue(doc, path)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareValues(a.values[i], b.values[i]);
      if (order !== 0) return order * (keys[i]?.[1] ?? 1);
    }
    return 0;
  });
  return decorated.map((entry) => entry.doc);
};
