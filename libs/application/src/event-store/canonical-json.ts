import { EventStoreError } from './event-store.errors';

/**
 * Canonical JSON, the encoding the hash chain is computed over, so that hashes do not depend on
 * the store, on key insertion order or on how a driver re-serialises a document. It follows
 * RFC 8785 (JCS) for the values we accept: object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers as ECMAScript `JSON.stringify` writes them (so `-0` is `0`).
 *
 * Encoding and validation are one pass: anything `JSON.parse` could not give back identically
 * is rejected with EVENT.NOT_JSON — functions, symbols, `undefined` (also as a property value
 * or array hole), NaN/±Infinity, bigint, Dates, Maps, class instances and cycles. (Symbol-keyed
 * properties are ignored, as `JSON.stringify` ignores them.) This runs for every event appended,
 * so it is written for speed: no per-node allocations beyond the output, and the path to an
 * offending value is assembled only when one is found.
 */

/** Nesting deeper than this is refused; it is also how a cycle is caught without a stack overflow. */
export const MAX_JSON_DEPTH = 100;

class NotJson {
  readonly path: (string | number)[] = [];
  constructor(readonly reason: string) {}
}

const describe = (value: object): string => {
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return ctor ? `a ${ctor} instance` : 'an exotic object';
};

/** Encoded keys repeat across events (`clueId`, `actor`…): cache them, boundedly. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 10_000;
const encodeKey = (key: string): string => {
  let encoded = keyCache.get(key);
  if (encoded === undefined) {
    encoded = JSON.stringify(key);
    if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(key, encoded);
  }
  return encoded;
};

/** Quotes, backslashes, control characters and any surrogate need JSON.stringify's escaping. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

const encode = (value: unknown, depth: number): string => {
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : '"' + value + '"';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson(`${String(value)} is not a JSON number`);
      // For finite numbers String() and JSON.stringify agree (both write -0 as 0).
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_JSON_DEPTH) throw new NotJson(`nests deeper than ${MAX_JSON_DEPTH} levels or contains a cycle`);
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Array.prototype && Array.isArray(value)) return encodeArray(value, depth + 1);
      if (proto === Object.prototype || proto === null) {
        return '{' + encodeEntries(value as Record<string, unknown>, sortedKeys(value), depth + 1).join(',') + '}';
      }
      throw new NotJson(`is ${describe(value)}, not a plain object or array`);
    }
    default:
      throw new NotJson(`is ${value === undefined ? 'undefined' : `a ${typeof value}`}`);
  }
};

const encodeArray = (value: readonly unknown[], depth: number): string => {
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    try {
      // A hole reads as undefined and is rejected like an explicit undefined.
      out += (i === 0 ? '' : ',') + encode(value[i], depth);
    } catch (error) {
      if (error instanceof NotJson) error.path.unshift(i);
      throw error;
    }
  }
  return out + ']';
};

/**
 * The object's keys in UTF-16 code-unit order (what `Array.prototype.sort` gives strings, and `>`
 * compares). An event's objects have a handful of keys: sorted by insertion in place they cost no
 * allocation, where the built-in sort allocated a work array per object — a tenth of what a ledger
 * import allocated per line (issue 19 §3 profile). Larger objects take the built-in sort.
 */
const sortedKeys = (value: object): string[] => {
  const keys = Object.keys(value);
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j--) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
};

/** `"key":value` for each of `keys` (the object's own enumerable keys, sorted). */
const encodeEntries = (value: Record<string, unknown>, keys: readonly string[], depth: number): string[] => {
  const entries = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    try {
      entries[i] = encodeKey(key) + ':' + encode(value[key], depth);
    } catch (error) {
      if (error instanceof NotJson) error.path.unshift(key);
      throw error;
    }
  }
  return entries;
};

const pathText = (root: string, path: readonly (string | number)[]): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${part}`), root);

const rethrow = (error: unknown, label: string): never => {
  if (error instanceof NotJson) {
    const where = pathText(label, error.path);
    throw new EventStoreError('EVENT.NOT_JSON', `${where} ${error.reason}.`, { path: where });
  }
  // A getter or proxy trap threw: not plain JSON data either.
  throw new EventStoreError('EVENT.NOT_JSON', `${label} could not be read as JSON.`, { path: label }, { cause: error });
};

/**
 * Canonical encoding of any JSON value. Throws EventStoreError EVENT.NOT_JSON naming the
 * offending path (`label` is the root's name in that message, e.g. `data`).
 */
export const canonicalJson = (value: unknown, label = 'value'): string => {
  try {
    return encode(value, 0);
  } catch (error) {
    return rethrow(error, label);
  }
};

/**
 * A plain JSON object's canonical members, `"key":value` sorted by key, so that members can be
 * merged in later without encoding the object again (see {@link canonicalFromEntries}).
 */
export interface CanonicalEntries {
  readonly keys: readonly string[];
  readonly entries: readonly string[];
}

export const canonicalEntries = (value: unknown, label: string): CanonicalEntries => {
  if (typeof value !== 'object' || value === null) {
    throw new EventStoreError('EVENT.NOT_JSON', `${label} must be a plain JSON object.`, { path: label });
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new EventStoreError('EVENT.NOT_JSON', `${label} is ${describe(value)}, not a plain JSON object.`, {
      path: label,
    });
  }
  try {
    const keys = sortedKeys(value);
    return { keys, entries: encodeEntries(value as Record<string, unknown>, keys, 1) };
  } catch (error) {
    return rethrow(error, label);
  }
};

/**
 * The canonical object made of `base` plus `extra` members (values given already encoded).
 * `extra` keys must not occur in `base`.
 */
export const canonicalFromEntries = (
  base: CanonicalEntries,
  extra: readonly (readonly [key: string, encodedValue: string])[] = [],
): string => {
  if (extra.length === 0) return '{' + base.entries.join(',') + '}';
  const added = [...extra].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let out = '{';
  let i = 0;
  let j = 0;
  while (i < base.keys.length || j < added.length) {
    const next = added[j];
    const takeExtra = next !== undefined && (i >= base.keys.length || next[0] < (base.keys[i] as string));
    out += (i + j === 0 ? '' : ',') + (takeExtra ? encodeKey(next[0]) + ':' + next[1] : base.entries[i]);
    if (takeExtra) j += 1;
    else i += 1;
  }
  return out + '}';
};
