import type { SubscriptionFilter } from '@xj/application';
import Database from 'better-sqlite3';
import { COLUMNS, EventRowTuple } from './sqlite-schema';

/** Positions a category-filtered page searches at most (one page never holds the event loop long). */
export const CATEGORY_WINDOW = 65_536;

/** The prepared page statements by the filter's shape (the SQL depends on nothing else). */
export type CategoryStatements = Map<string, Database.Statement<unknown[], EventRowTuple>>;

/** Per category of the filter, how many types it is restricted to (-1: every type). */
const shapeOf = (categories: readonly string[], filter: SubscriptionFilter): number[] =>
  categories.map((category) => filter.types?.[category]?.length ?? -1);

/**
 * categoryOf's rule in SQL, per category `c`: the stream named `c`, or a name from `c-` up to,
 * not including, `c.` ('.' follows '-' in the byte order SQLite compares text in); then the
 * category's types where the filter names them.
 */
export const categoryBounds = (categories: readonly string[], filter: SubscriptionFilter = {}): string[] =>
  categories.flatMap((category) => [category, `${category}-`, `${category}.`, ...(filter.types?.[category] ?? [])]);

/**
 * `SELECT … WHERE position in (from, until] AND <a category [and one of its types]> ORDER BY position
 * LIMIT n`. The unary `+` keeps the planner on the position range (the primary key) instead of the
 * stream index, which would read a large category whole and sort it. The type is compared on the
 * stored column, which precedes the payload in the row: a row left out is never decoded (a feed
 * that reads a few types of a large category skips the rest in SQLite).
 */
export const categoryPageStatement = (
  db: Database.Database,
  cache: CategoryStatements,
  categories: readonly string[],
  filter: SubscriptionFilter = {},
): Database.Statement<unknown[], EventRowTuple> => {
  const shape = shapeOf(categories, filter);
  const key = shape.join(',');
  const known = cache.get(key);
  if (known) return known;
  const terms = shape
    .map((types) => {
      const stream = '(+stream_id = ? OR (+stream_id >= ? AND +stream_id < ?))';
      if (types < 0) return stream;
      // No type at all: the bounds are still bound (categoryBounds), and match nothing.
      if (types === 0) return `(${stream} AND 0)`;
      return `(${stream} AND +type IN (${Array.from({ length: types }, () => '?').join(', ')}))`;
    })
    .join(' OR ');
  const statement = db
    .prepare<unknown[], EventRowTuple>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND (${terms}) ORDER BY position ASC LIMIT ?`,
    )
    .raw(true);
  cache.set(key, statement);
  return statement;
};
