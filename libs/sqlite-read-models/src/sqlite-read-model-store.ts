import {
  assertFindOptions,
  assertReadModelNames,
  decimalFromEncoded,
  encodePosition,
  FindOptions,
  ParkedEvent,
  ReadModelDocument,
  ReadModelStore,
  stableSort,
  StreamOptions,
  Write,
} from '@xj/application';
import Database from 'better-sqlite3';
import { CollectionCache, parseDocument } from './collection-cache';
import { openReadModelDatabase, prepareReadModelStatements, ReadModelStatements } from './sqlite-read-model-schema';
import { sqlFilter, sqlOrder, sqlSortGuard } from './sql-page';
import { streamDocuments } from './sqlite-document-stream';

export interface SqliteReadModelStoreOptions {
  /** Database file (created if missing) or `':memory:'`. */
  readonly filename: string;
  /** How long a write waits for another connection's lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
}

interface Applied {
  readonly collection: string;
  readonly id: string;
  /** undefined = deleted */
  readonly json: string | undefined;
}

const cacheKey = (projection: string, version: number, collection: string): string =>
  `${projection}\u0000${version}\u0000${collection}`;

/**
 * Documents parsed per turn of the event loop while a collection loads: a large collection's first
 * query (after a restart: tens of thousands of documents, seconds of parsing) must not keep health
 * checks and every other request waiting until it is done.
 */
const LOAD_PAGE = 2_000;

/**
 * Lets the event loop poll for I/O (waiting HTTP requests) before going on. One setImmediate is not
 * enough: scheduled from an I/O callback, it runs in the same turn of the loop, before the next
 * poll; the second one, scheduled from the check phase, runs after it.
 */
const yieldToEventLoop = async (): Promise<void> => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

/** A collection being loaded into memory (one load per collection, however many queries wait for it). */
interface Loading {
  /** Set as soon as the load has started. */
  done?: Promise<CollectionCache>;
  /** Ids this store committed since the load read its last page: read again with the next one. */
  readonly touched: Set<string>;
  /** Another connection wrote the file, or the version was dropped: the load starts over. */
  stale: boolean;
}

/**
 * A commit writes its documents in key order: SQLite then walks its B-trees in one direction and
 * finds the next document's pages in its page cache, instead of one random lookup per document
 * in a file far larger than the cache (a catch-up commit writes thousands). Stable, so writes of
 * the same key (the port allows them) keep their order.
 */
const byKey = (a: Write, b: Write): number =>
  a.collection !== b.collection ? (a.collection < b.collection ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The embedded read-model store (the default): SQLite for durability, so a restart resumes from
 * the checkpoints instead of replaying the log, and parsed documents in memory for queries.
 *
 * A collection's documents are loaded on its first query and then kept current by commits;
 * commits never load a collection, so a replay does not fill memory with documents nobody has
 * asked for. Another connection's commit (a second process on the same file) is noticed through
 * SQLite's data_version and drops the caches.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly st: ReadModelStatements;
  private readonly caches = new Map<string, CollectionCache>();
  private readonly loading = new Map<string, Loading>();
  private readonly dataVersionStatement: Database.Statement<[], number>;
  private readonly checkedNames = new Set<string>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly commitTransaction: Database.Transaction<
    (projection: string, version: number, writes: readonly Write[], checkpoint: string | undefined) => Applied[]
  >;
  private dataVersion: number;

  constructor(options: SqliteReadModelStoreOptions) {
    this.db = openReadModelDatabase(options.filename, options.busyTimeoutMs ?? 5000);
    this.st = prepareReadModelStatements(this.db);
    // Prepared once: it is read before every get and commit while a collection is loaded.
    this.dataVersionStatement = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.commitTransaction = this.db.transaction((projection, version, writes, checkpoint) =>
      this.commitLocked(projection, version, writes, checkpoint),
    );
    this.dataVersion = this.readDataVersion();
  }

  async get(
    projection: string,
    collection: string,
    id: string,
    version?: number,
  ): Promise<ReadModelDocument | undefined> {
    assertReadModelNames(projection, undefined, version);
    this.assertCollectionName(projection, collection);
    const resolved = version ?? this.active(projection);
    if (resolved === undefined) return undefined;
    this.noticeOtherWriters();
    const cache = this.caches.get(cacheKey(projection, resolved, collection));
    if (cache) return cache.get(id);
    const row = this.st.getDoc.get(projection, resolved, collection, id);
    return row === undefined ? undefined : parseDocument(row.json);
  }

  async find(
    projection: string,
    collection: string,
    options: FindOptions = {},
    version?: number,
  ): Promise<{ items: ReadModelDocument[]; total: number }> {
    assertReadModelNames(projection, collection, version);
    assertFindOptions(options);
    const resolved = version ?? this.active(projection);
    if (resolved === undefined) return { items: [], total: 0 };
    this.noticeOtherWriters();
    if (!this.caches.has(cacheKey(projection, resolved, collection))) {
      const page = this.sqlPage(projection, resolved, collection, options);
      if (page !== undefined) {
        // Answered from the file; the collection still loads (in the background) for the queries to come.
        this.loadCollection(projection, resolved, collection).catch(() => undefined);
        return page;
      }
    }
    let cache = await this.collection(projection, resolved, collection);
    if (cache.size > LOAD_PAGE) {
      // Filtering and sorting a large collection blocks for a while (a statistics request runs
      // four such queries back to back): let whatever is waiting run first.
      await yieldToEventLoop();
      this.noticeOtherWriters();
      cache = await this.collection(projection, resolved, collection);
    }
    return cache.find(options);
  }

  async *stream(
    projection: string,
    collection: string,
    options: StreamOptions = {},
    version?: number,
  ): AsyncGenerator<ReadModelDocument[]> {
    assertReadModelNames(projection, collection, version);
    assertFindOptions({ ...options, limit: options.batchSize });
    const resolved = version ?? this.active(projection);
    if (resolved === undefined) return;
    this.noticeOtherWriters();
    const key = cacheKey(projection, resolved, collection);
    yield* streamDocuments(
      { st: this.st, statement: (sql) => this.statement(sql), cached: () => this.caches.get(key) },
      [projection, resolved, collection],
      options,
    );
  }

  async commit(
    projection: string,
    version: number,
    writes: readonly Write[],
    checkpoint: bigint | undefined,
  ): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    for (const write of writes) this.assertCollectionName(projection, write.collection);
    this.noticeOtherWriters();
    const applied = this.commitTransaction.immediate(
      projection,
      version,
      writes,
      checkpoint === undefined ? undefined : encodePosition(checkpoint),
    );
    // Our own commits do not change data_version; the caches learn them here, after the commit
    // (a collection still loading reads them again with its next page).
    for (const change of applied) {
      const key = cacheKey(projection, version, change.collection);
      const cache = this.caches.get(key);
      if (cache) cache.put(change.id, change.json);
      else this.loading.get(key)?.touched.add(change.id);
    }
  }

  async checkpoint(projection: string, version: number): Promise<bigint | undefined> {
    assertReadModelNames(projection, undefined, version);
    const row = this.st.checkpoint.get(projection, version);
    return row === undefined ? undefined : BigInt(row.position);
  }

  async activeVersion(projection: string): Promise<number | undefined> {
    assertReadModelNames(projection);
    return this.active(projection);
  }

  async setActiveVersion(projection: string, version: number): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    this.st.setActiveVersion.run(projection, version);
  }

  async dropVersion(projection: string, version: number, collections: readonly string[]): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    collections.forEach((collection) => assertReadModelNames(projection, collection));
    this.db
      .transaction(() => {
        this.st.deleteVersionDocs.run(projection, version);
        this.st.deleteCheckpoint.run(projection, version);
        this.st.deleteVersionParked.run(projection, version);
      })
      .immediate();
    const prefix = cacheKey(projection, version, '');
    for (const key of [...this.caches.keys()]) if (key.startsWith(prefix)) this.caches.delete(key);
    for (const [key, loading] of this.loading) if (key.startsWith(prefix)) loading.stale = true;
  }

  async park(projection: string, version: number, entry: ParkedEvent): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    this.st.park.run(
      projection,
      version,
      encodePosition(entry.position),
      entry.streamId,
      entry.type,
      entry.error,
      entry.attempts,
      entry.parkedAt,
    );
  }

  async parked(projection: string, version: number): Promise<readonly ParkedEvent[]> {
    assertReadModelNames(projection, undefined, version);
    return this.st.parked.all(projection, version).map((row) => ({
      position: decimalFromEncoded(row.position),
      streamId: row.stream_id,
      type: row.type,
      error: row.error,
      attempts: row.attempts,
      parkedAt: row.parked_at,
    }));
  }

  async unpark(projection: string, version: number, position: string): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    this.st.unpark.run(projection, version, encodePosition(position));
  }

  async close(): Promise<void> {
    this.caches.clear();
    if (this.db.open) this.db.close();
  }

  /** How many documents are held in memory (for tests and the memory budget of the benchmark). */
  cachedDocumentCount(): number {
    let count = 0;
    for (const cache of this.caches.values()) count += cache.size;
    return count;
  }

  private active(projection: string): number | undefined {
    return this.st.activeVersion.get(projection)?.version;
  }

  private readDataVersion(): number {
    return this.dataVersionStatement.get() as number;
  }

  private noticeOtherWriters(): void {
    if (this.caches.size === 0 && this.loading.size === 0) return;
    const current = this.readDataVersion();
    if (current === this.dataVersion) return;
    this.dataVersion = current;
    this.caches.clear();
    for (const loading of this.loading.values()) loading.stale = true;
  }

  /**
   * A page read by SQLite while the collection is not in memory, when its filter and order mean in
   * SQL exactly what they mean to mingo (sql-page.ts); undefined otherwise, and for a whole
   * collection (no limit: it is loaded anyway).
   */
  private sqlPage(
    projection: string,
    version: number,
    collection: string,
    options: FindOptions,
  ): { items: ReadModelDocument[]; total: number } | undefined {
    if (options.limit === undefined) return undefined;
    const where = sqlFilter(options.filter ?? {});
    const order = sqlOrder(stableSort(options.sort));
    if (where === undefined || order === undefined) return undefined;
    const from = `FROM docs WHERE projection = ? AND version = ? AND collection = ? AND ${where.sql}`;
    const params = [projection, version, collection, ...where.params];
    const count = (): number =>
      (this.statement(`SELECT COUNT(*) AS total ${from}`).get(...params) as { total: number }).total;
    if (options.limit === 0) return { items: [], total: count() };
    // One pass over the matching documents: the total and the sort guard are window functions
    // over all of them, computed before ORDER BY and LIMIT (three passes cost three times the CPU).
    const rows = this.statement(
      `SELECT json, COUNT(*) OVER () AS total, COALESCE(MAX(${sqlSortGuard(order.fields)}) OVER (), 0) AS odd ${from} ` +
        `ORDER BY ${order.orderBy} LIMIT ? OFFSET ?`,
    ).all(...params, options.limit, options.skip ?? 0) as { json: string; total: number; odd: number }[];
    const first = rows[0];
    // Past the last match: no row carries the total.
    if (first === undefined) return { items: [], total: count() };
    if (first.odd !== 0) return undefined;
    return { items: rows.map((row) => parseDocument(row.json)), total: first.total };
  }

  /** Prepared once per SQL text (a few shapes per ledger); the map is cleared when it grows past 200. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      if (this.statements.size >= 200) this.statements.clear();
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /** A collection in memory: held, or loaded once however many queries ask for it meanwhile. */
  private collection(
    projection: string,
    version: number,
    collection: string,
  ): CollectionCache | Promise<CollectionCache> {
    return (
      this.caches.get(cacheKey(projection, version, collection)) ?? this.loadCollection(projection, version, collection)
    );
  }

  private loadCollection(projection: string, version: number, collection: string): Promise<CollectionCache> {
    const key = cacheKey(projection, version, collection);
    const pending = this.loading.get(key)?.done;
    if (pending) return pending;
    // While nothing is held in memory, data_version is not followed: start following it here.
    if (this.caches.size === 0 && this.loading.size === 0) this.dataVersion = this.readDataVersion();
    const loading: Loading = { touched: new Set(), stale: false };
    this.loading.set(key, loading);
    // (A collection of less than a page is loaded, and forgotten here, before fill returns.)
    loading.done = this.fill(key, projection, version, collection, loading);
    return loading.done;
  }

  /**
   * Reads a collection page by page in key order, letting the event loop run between pages. Each
   * page and the re-read of the ids committed meanwhile happen in one synchronous step, so what it
   * holds at the end is the collection as committed at that moment; from then on the commits keep
   * it current (write-through).
   */
  private async fill(
    key: string,
    projection: string,
    version: number,
    collection: string,
    loading: Loading,
  ): Promise<CollectionCache> {
    try {
      let cache = new CollectionCache();
      let after: string | undefined;
      for (;;) {
        if (loading.stale) {
          [cache, after, loading.stale] = [new CollectionCache(), undefined, false];
          loading.touched.clear();
        }
        const rows =
          after === undefined
            ? this.st.collectionFirstPage.all(projection, version, collection, LOAD_PAGE)
            : this.st.collectionPageAfter.all(projection, version, collection, after, LOAD_PAGE);
        for (const row of rows) cache.put(row.id, row.json);
        for (const id of loading.touched) cache.put(id, this.st.getDoc.get(projection, version, collection, id)?.json);
        loading.touched.clear();
        const last = rows[rows.length - 1];
        if (rows.length < LOAD_PAGE || last === undefined) break;
        after = last.id;
        await yieldToEventLoop();
        this.noticeOtherWriters();
      }
      this.caches.set(key, cache);
      return cache;
    } finally {
      this.loading.delete(key);
    }
  }

  /** Collection names are checked once per store, not once per document written. */
  private assertCollectionName(projection: string, collection: string): void {
    const key = `${projection}\u0000${collection}`;
    if (this.checkedNames.has(key)) return;
    assertReadModelNames(projection, collection);
    this.checkedNames.add(key);
  }

  private commitLocked(
    projection: string,
    version: number,
    writes: readonly Write[],
    checkpoint: string | undefined,
  ): Applied[] {
    const applied: Applied[] = [];
    // Only loaded collections learn the writes (a replay loads none, so it keeps no list).
    const cached = (collection: string): boolean => {
      if (this.caches.size === 0 && this.loading.size === 0) return false;
      const key = cacheKey(projection, version, collection);
      return this.caches.has(key) || this.loading.has(key);
    };
    for (const write of [...writes].sort(byKey)) {
      if ('delete' in write) {
        const changes = this.st.deleteDoc.run(
          projection,
          version,
          write.collection,
          write.id,
          encodePosition(write.position),
        ).changes;
        if (changes > 0 && cached(write.collection))
          applied.push({ collection: write.collection, id: write.id, json: undefined });
        continue;
      }
      if (write.doc._id !== write.id)
        throw new Error(`Document _id ${write.doc._id} does not match its key ${write.id}.`);
      const json = JSON.stringify(write.doc);
      const changes = this.st.upsertDoc.run(
        projection,
        version,
        write.collection,
        write.id,
        encodePosition(write.doc._position),
        json,
      ).changes;
      if (changes > 0 && cached(write.collection)) applied.push({ collection: write.collection, id: write.id, json });
    }
    if (checkpoint !== undefined) this.st.saveCheckpoint.run(projection, version, checkpoint);
    return applied;
  }
}
