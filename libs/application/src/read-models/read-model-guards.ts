import { FindOptions } from './read-model-store.port';

/**
 * Argument checks shared by the read-model adapters, so that both accept the same queries and
 * refuse the rest the same way. Filters are built by endpoint code from whitelisted fields; the
 * guard makes sure that no operator outside the documented subset (no `$where`, no `$expr`)
 * reaches either engine, whatever a caller builds.
 */

export class ReadModelQueryError extends Error {
  readonly code = 'READ_MODEL.INVALID_QUERY';
}

const PROJECTION_NAME = /^[a-z][a-z0-9-]{0,63}$/;
const COLLECTION_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

/** Names become parts of table keys and MongoDB collection names: keep them plain. */
export const assertReadModelNames = (projection: string, collection?: string, version?: number): void => {
  if (!PROJECTION_NAME.test(projection))
    throw new ReadModelQueryError(`Invalid projection name ${JSON.stringify(projection)}.`);
  if (collection !== undefined && (!COLLECTION_NAME.test(collection) || collection.includes('__'))) {
    throw new ReadModelQueryError(`Invalid collection name ${JSON.stringify(collection)}.`);
  }
  if (version !== undefined && !(Number.isSafeInteger(version) && version >= 0)) {
    throw new ReadModelQueryError(`Invalid version ${String(version)}.`);
  }
};

const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$exists',
  '$regex',
  '$options',
  '$not',
  '$elemMatch',
  '$size',
]);
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

const fail = (message: string): never => {
  throw new ReadModelQueryError(message);
};

const assertFieldName = (key: string): void => {
  if (key === '' || key.startsWith('$') || key.split('.').some((part) => part === ''))
    fail(`Invalid field ${JSON.stringify(key)}.`);
  if (key === '_position' || key.startsWith('_position.')) fail('`_position` is bookkeeping, not queryable.');
};

const assertCondition = (condition: unknown, path: string): void => {
  if (!isPlainObject(condition) || !Object.keys(condition).some((key) => key.startsWith('$'))) return; // a literal value
  for (const [operator, operand] of Object.entries(condition)) {
    if (!FIELD_OPERATORS.has(operator)) fail(`Operator ${operator} is not allowed (at ${path}).`);
    switch (operator) {
      case '$regex':
        if (typeof operand !== 'string') fail('$regex takes a string pattern.');
        break;
      case '$options':
        if (operand !== 'i' && operand !== '') fail("$options may only be 'i'.");
        break;
      case '$in':
      case '$nin':
        if (!Array.isArray(operand)) fail(`${operator} takes an array.`);
        break;
      case '$size':
        if (!Number.isSafeInteger(operand)) fail('$size takes an integer.');
        break;
      case '$exists':
        if (typeof operand !== 'boolean') fail('$exists takes a boolean.');
        break;
      case '$not':
        if (!isPlainObject(operand)) fail('$not takes an operator expression.');
        assertCondition(operand, path);
        break;
      case '$elemMatch':
        if (!isPlainObject(operand)) fail('$elemMatch takes a query.');
        if (Object.keys(operand as object).some((key) => key.startsWith('$') && !LOGICAL_OPERATORS.has(key)))
          assertCondition(operand, path);
        else assertFilter(operand as Record<string, unknown>);
        break;
    }
  }
};

/** Throws READ_MODEL.INVALID_QUERY unless `filter` keeps to the documented subset. */
export const assertFilter = (filter: Readonly<Record<string, unknown>>): void => {
  if (!isPlainObject(filter)) fail('A filter is a plain object.');
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL_OPERATORS.has(key)) {
      if (!Array.isArray(value) || value.length === 0) fail(`${key} takes a non-empty array of filters.`);
      for (const branch of value as unknown[]) assertFilter(branch as Record<string, unknown>);
      continue;
    }
    assertFieldName(key);
    assertCondition(value, key);
  }
};

export const assertFindOptions = (options: FindOptions): void => {
  if (options.filter !== undefined) assertFilter(options.filter);
  for (const [key, direction] of Object.entries(options.sort ?? {})) {
    assertFieldName(key);
    if (direction !== 1 && direction !== -1) fail(`Sort direction of ${key} must be 1 or -1.`);
  }
  for (const [name, value] of [
    ['skip', options.skip],
    ['limit', options.limit],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
      fail(`${name} must be a non-negative integer.`);
  }
};

/** The sort both adapters apply: the caller's keys, then `_id` so that pages are stable. */
export const stableSort = (sort: Readonly<Record<string, 1 | -1>> | undefined): Record<string, 1 | -1> =>
  sort && '_id' in sort ? { ...sort } : { ...sort, _id: 1 };
