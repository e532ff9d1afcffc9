import Database from 'better-sqlite3';
import { COLUMNS, EventRowTuple } from './sqlite-schema';

/** Positions a category-filtered page searches at most (one page never holds the event loop long). */
export const CATEGORY_WINDOW = 65_536;

/** The prepared page statements by number of categories (the SQL depends on nothing else). */
export type CategoryStatements = Map<number, Database.Statement<unknown[], EventRowTuple>>;

/**
 * categoryOf's rule in SQL, per category `c`: the stream named `c`, or a name from `c-` up to,
 * not including, `c.` ('.' follows '-' in the byte order SQLite compares text in).
 */
export const categoryBounds = (categories: readonly string[]): string[] =>
  categories.flatMap((category) => [category, `${category}-`, `${category}.`]);

/**
 * `SELECT … WHERE position in (from, until] AND <a category> ORDER BY position LIMIT n`. The unary
 * `+` keeps the planner on the position range (the primary key) instead of the stream index,
 * which would read a large category whole and sort it.
 */
export const categoryPageStatement = (
  db: Database.Database,
  cache: CategoryStatements,
  categories: readonly string[],
): Database.Statement<unknown[], EventRowTuple> => {
  const known = cache.get(categories.length);
  if (known) return known;
  const terms = categories.map(() => '(+stream_id = ? OR (+stream_id >= ? AND +stream_id < ?))').join(' OR ');
  const statement = db
    .prepare<unknown[], EventRowTuple>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND (${terms}) ORDER BY position ASC LIMIT ?`,
    )
    .raw(true);
  cache.set(categories.length, statement);
  return statement;
};
