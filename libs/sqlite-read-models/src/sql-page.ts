import { Filter } from '@xj/application';
import { literalPrefix } from './in-memory-query';

/**
 * A page answered by SQLite itself while a collection is not in memory yet (issue 15: after a
 * restart the first ledger page waited for the whole collection — 47,150 clue-ledger lines, ~2 s —
 * to be read and parsed). Only the filters and orders whose MongoDB meaning SQL can state exactly
 * are translated; anything else answers undefined and the caller loads the collection as before.
 *
 * Filters: `{}`, and on top-level fields a text value, `$eq` / `$in` of texts, or an anchored literal
 * `$regex` prefix (the region filters), combined through `$and` and `$or`. As in MongoDB, a field
 * holding an array matches when one of its text elements does (json_each walks a text value as one
 * row and an array element by element; objects are excluded, MongoDB does not look into them).
 * (mingo also reads `=` and `$regex` into an array inside an array, which neither SQL nor MongoDB does.)
 * `docs.json` is qualified: json_each has a hidden column named `json` of its own.
 */

export interface SqlCondition {
  readonly sql: string;
  readonly params: string[];
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const path = (field: string): string => `$."${field}"`;

/**
 * The field is a text that satisfies `test`, or an array with a text element that does (`test` is
 * SQL over the operand it is given). A text is tested straight from json_extract: a json_each per
 * document made a page of a 70,000-document ledger cost ~1.5 s of CPU (issue 16, bench:ui).
 */
const anyText = (field: string, test: (operand: string) => string, params: string[]): SqlCondition => ({
  sql:
    `(CASE json_type(docs.json, '${path(field)}') WHEN 'text' THEN ${test(`json_extract(docs.json, '${path(field)}')`)} ` +
    `WHEN 'array' THEN EXISTS (SELECT 1 FROM json_each(docs.json, '${path(field)}') je WHERE je.type = 'text' AND ${test('je.value')}) ` +
    `ELSE 0 END)`,
  params: [...params, ...params],
});

const fieldCondition = (field: string, condition: unknown): SqlCondition | undefined => {
  if (!FIELD.test(field)) return undefined;
  if (typeof condition === 'string') return anyText(field, (x) => `${x} = ?`, [condition]);
  if (!isRecord(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length === 1 && typeof condition.$eq === 'string') return anyText(field, (x) => `${x} = ?`, [condition.$eq]);
  if (keys.length === 1 && Array.isArray(condition.$in)) {
    const values = condition.$in;
    if (values.length === 0) return { sql: '0', params: [] };
    if (!values.every((v): v is string => typeof v === 'string')) return undefined;
    return anyText(field, (x) => `${x} IN (${values.map(() => '?').join(', ')})`, [...values]);
  }
  if (keys.every((k) => k === '$regex' || k === '$options')) {
    const prefix = literalPrefix(condition);
    if (prefix === undefined) return undefined;
    // substr counts characters as SQLite does; comparing the whole prefix is exact either way.
    return anyText(field, (x) => `substr(${x}, 1, length(?)) = ?`, [prefix, prefix]);
  }
  return undefined;
};

const joined = (parts: readonly SqlCondition[], op: 'AND' | 'OR'): SqlCondition =>
  parts.length === 0
    ? { sql: op === 'AND' ? '1' : '0', params: [] }
    : { sql: `(${parts.map((p) => p.sql).join(` ${op} `)})`, params: parts.flatMap((p) => p.params) };

/** The filter as an SQL condition on the `json` column, or undefined when it is not one SQL can state exactly. */
export const sqlFilter = (filter: Filter): SqlCondition | undefined => {
  const parts: SqlCondition[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const branches = value.map((branch) => (isRecord(branch) ? sqlFilter(branch as Filter) : undefined));
      if (branches.some((b) => b === undefined)) return undefined;
      parts.push(joined(branches as SqlCondition[], key === '$and' ? 'AND' : 'OR'));
    } else if (key.startsWith('$')) return undefined;
    else {
      const part = fieldCondition(key, value);
      if (part === undefined) return undefined;
      parts.push(part);
    }
  }
  return joined(parts, 'AND');
};

/**
 * ORDER BY terms in MongoDB's order (in-memory-query.ts compareValues): missing/null, then numbers,
 * then texts. `_id` is the key column. Undefined for a dotted or odd field name; the caller also
 * checks ({@link sqlSortGuard}) that no matching document holds a value they would order otherwise.
 */
export const sqlOrder = (sort: Readonly<Record<string, 1 | -1>>): { orderBy: string; fields: string[] } | undefined => {
  const terms: string[] = [];
  const fields: string[] = [];
  for (const [field, order] of Object.entries(sort)) {
    const dir = order === -1 ? 'DESC' : 'ASC';
    if (field === '_id') {
      terms.push(`id ${dir}`);
      continue;
    }
    if (!FIELD.test(field)) return undefined;
    fields.push(field);
    const p = path(field);
    terms.push(
      `CASE json_type(json, '${p}') WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'text' THEN 3 ELSE 1 END ${dir}`,
      `json_extract(json, '${p}') ${dir}`,
    );
  }
  return { orderBy: terms.join(', '), fields };
};

/**
 * Texts compare as UTF-16 code units in JavaScript and as UTF-8 bytes in SQLite: the same order
 * except between a character beyond U+FFFF and one in U+E000–U+FFFF (fullwidth （ against 𠮷).
 */
const BEYOND_BMP = "'*[\u{10000}-\u{10FFFF}]*'";

/**
 * True (as SQL) for a document whose sort values SQL would not order as MongoDB does: an object,
 * array or boolean on a sort field, or a text with a character beyond U+FFFF there or in its key.
 */
export const sqlSortGuard = (fields: readonly string[]): string =>
  [
    `id GLOB ${BEYOND_BMP}`,
    ...fields.flatMap((f) => [
      `json_type(json, '${path(f)}') IN ('object', 'array', 'true', 'false')`,
      `(json_type(json, '${path(f)}') = 'text' AND json_extract(json, '${path(f)}') GLOB ${BEYOND_BMP})`,
    ]),
  ].join(' OR ');
