import { DEFAULT_STREAM_BATCH, Filter, ReadModelDocument, stableSort, StreamOptions } from '@xj/application';
import Database from 'better-sqlite3';
import { CollectionCache } from './collection-cache';
import { documentTest } from './exact-match';
import { compareValues, fieldValue } from './in-memory-query';
import { ReadModelStatements } from './sqlite-read-model-schema';
import { sqlFilter, sqlOrder, sqlSortGuard } from './sql-page';

/** What the stream needs of the store: its statements, and the collection's cache when it is held. */
export interface StreamSource {
  readonly st: ReadModelStatements;
  statement(sql: string): Database.Statement;
  cached(): CollectionCache | undefined;
}

/** Documents scanned per step when SQL cannot state the filter or the order (the key-ordered fallback). */
const SCAN_PAGE = 2_000;

const yieldToEventLoop = async (): Promise<void> => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

/**
 * The embedded store's export cursor (ReadModelStore.stream). It never loads the collection into
 * memory: a collection already held is filtered and sorted there; otherwise SQLite answers the
 * order as a list of ids — by an ORDER BY when sql-page.ts can state the filter and the order
 * exactly, else by a scan in key order that keeps only each match's id and sort values — and the
 * documents are then read by id, a batch at a time, the event loop running between batches.
 *
 * better-sqlite3 keeps its connection busy while an iterator is open, so no statement stays open
 * across batches (the API's other requests use the same connection). A document is read when its
 * batch is, and tested against the filter again: one that changed meanwhile is shown as it is then,
 * or left out when it no longer matches (an access filter must hold for every row handed out).
 */
export async function* streamDocuments(
  source: StreamSource,
  keys: readonly [projection: string, version: number, collection: string],
  options: StreamOptions,
): AsyncGenerator<ReadModelDocument[]> {
  const filter = options.filter ?? {};
  const sort = stableSort(options.sort);
  const size = Math.max(1, options.batchSize ?? DEFAULT_STREAM_BATCH);
  const cache = source.cached();
  if (cache !== undefined) {
    const { items } = cache.find({ filter, sort });
    for (let i = 0; i < items.length; i += size) {
      yield items.slice(i, i + size);
      await yieldToEventLoop();
    }
    return;
  }
  const ids = orderedIds(source, keys, filter, sort) ?? (await scannedIds(source, keys, filter, sort));
  const test = documentTest(filter);
  const read = source.statement(
    'SELECT id, json FROM docs WHERE projection = ? AND version = ? AND collection = ? AND id IN (SELECT value FROM json_each(?))',
  );
  for (let i = 0; i < ids.length; i += size) {
    const wanted = ids.slice(i, i + size);
    const found = new Map<string, string>();
    for (const row of read.all(...keys, JSON.stringify(wanted)) as { id: string; json: string }[])
      found.set(row.id, row.json);
    const batch: ReadModelDocument[] = [];
    for (const id of wanted) {
      const json = found.get(id);
      if (json === undefined) continue;
      const doc = JSON.parse(json) as ReadModelDocument;
      if (test(doc)) batch.push(doc);
    }
    if (batch.length > 0) yield batch;
    await yieldToEventLoop();
  }
}

/** The matching ids in order by one SQL query, or undefined when SQL would not filter or order them as MongoDB does. */
const orderedIds = (
  source: StreamSource,
  keys: readonly [string, number, string],
  filter: Filter,
  sort: Readonly<Record<string, 1 | -1>>,
): string[] | undefined => {
  const where = sqlFilter(filter);
  const order = sqlOrder(sort);
  if (where === undefined || order === undefined) return undefined;
  const rows = source
    .statement(
      `SELECT id, (${sqlSortGuard(order.fields)}) AS odd FROM docs WHERE projection = ? AND version = ? AND collection = ? AND ${where.sql} ORDER BY ${order.orderBy}`,
    )
    .raw()
    .all(...keys, ...where.params) as [string, number][];
  const ids: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [id, odd] = rows[i] as [string, number];
    if (odd !== 0) return undefined;
    ids[i] = id;
  }
  return ids;
};

/** Every document read once in key order (a page per turn of the event loop); only the matches' ids and sort values are kept. */
const scannedIds = async (
  source: StreamSource,
  keys: readonly [string, number, string],
  filter: Filter,
  sort: Readonly<Record<string, 1 | -1>>,
): Promise<string[]> => {
  const test = documentTest(filter);
  const fields = Object.entries(sort);
  const matches: { id: string; values: unknown[] }[] = [];
  let after: string | undefined;
  for (;;) {
    const rows =
      after === undefined
        ? source.st.collectionFirstPage.all(...keys, SCAN_PAGE)
        : source.st.collectionPageAfter.all(...keys, after, SCAN_PAGE);
    for (const row of rows) {
      const doc = JSON.parse(row.json) as ReadModelDocument;
      if (test(doc)) matches.push({ id: row.id, values: fields.map(([path]) => fieldValue(doc, path)) });
    }
    const last = rows[rows.length - 1];
    if (rows.length < SCAN_PAGE || last === undefined) break;
    after = last.id;
    await yieldToEventLoop();
  }
  matches.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const order = compareValues(a.values[i], b.values[i]);
      if (order !== 0) return order * (fields[i]?.[1] ?? 1);
    }
    return 0;
  });
  return matches.map((m) => m.id);
};
