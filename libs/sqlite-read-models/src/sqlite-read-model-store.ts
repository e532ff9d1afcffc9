import {
  assertFindOptions,
  assertReadModelNames,
  decimalFromEncoded,
  encodePosition,
  FindOptions,
  ParkedEvent,
  ReadModelDocument,
  ReadModelStore,
  Write,
} from '@xj/application';
import Database from 'better-sqlite3';
import { CollectionCache, parseDocument } from './collection-cache';
import { openReadModelDatabase, prepareReadModelStatements, ReadModelStatements } from './sqlite-read-model-schema';

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

const cacheKey = (projection: string, version: number, collection: string): string => `${projection}\u0000${version}\u0000${collection}`;

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
  private readonly dataVersionStatement: Database.Statement<[], number>;
  private readonly checkedNames = new Set<string>();
  private readonly commitTransaction: Database.Transaction<(projection: string, version: number, writes: readonly Write[], checkpoint: string) => Applied[]>;
  private dataVersion: number;

  constructor(options: SqliteReadModelStoreOptions) {
    this.db = openReadModelDatabase(options.filename, options.busyTimeoutMs ?? 5000);
    this.st = prepareReadModelStatements(this.db);
    // Prepared once: it is read before every get and commit while a collection is loaded.
    this.dataVersionStatement = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.commitTransaction = this.db.transaction((projection, version, writes, checkpoint) => this.commitLocked(projection, version, writes, checkpoint));
    this.dataVersion = this.readDataVersion();
  }

  async get(projection: string, collection: string, id: string, version?: number): Promise<ReadModelDocument | undefined> {
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

  async find(projection: string, collection: string, options: FindOptions = {}, version?: number): Promise<{ items: ReadModelDocument[]; total: number }> {
    assertReadModelNames(projection, collection, version);
    assertFindOptions(options);
    const resolved = version ?? this.active(projection);
    if (resolved === undefined) return { items: [], total: 0 };
    this.noticeOtherWriters();
    const key = cacheKey(projection, resolved, collection);
    let cache = this.caches.get(key);
    if (!cache) {
      if (this.caches.size === 0) this.dataVersion = this.readDataVersion();
      cache = new CollectionCache(this.st.collectionDocs.iterate(projection, resolved, collection));
      this.caches.set(key, cache);
    }
    return cache.find(options);
  }

  async commit(projection: string, version: number, writes: readonly Write[], checkpoint: bigint): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    for (const write of writes) this.assertCollectionName(projection, write.collection);
    this.noticeOtherWriters();
    const applied = this.commitTransaction.immediate(projection, version, writes, encodePosition(checkpoint));
    // Our own commits do not change data_version; the caches learn them here, after the commit.
    for (const change of applied) {
      this.caches.get(cacheKey(projection, version, change.collection))?.put(change.id, change.json);
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
    this.db.transaction(() => {
      this.st.deleteVersionDocs.run(projection, version);
      this.st.deleteCheckpoint.run(projection, version);
      this.st.deleteVersionParked.run(projection, version);
    }).immediate();
    const prefix = cacheKey(projection, version, '');
    for (const key of [...this.caches.keys()]) if (key.startsWith(prefix)) this.caches.delete(key);
  }

  async park(projection: string, version: number, entry: ParkedEvent): Promise<void> {
    assertReadModelNames(projection, undefined, version);
    this.st.park.run(projection, version, encodePosition(entry.position), entry.streamId, entry.type, entry.error, entry.attempts, entry.parkedAt);
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
    if (this.caches.size === 0) return;
    const current = this.readDataVersion();
    if (current === this.dataVersion) return;
    this.dataVersion = current;
    this.caches.clear();
  }

  /** Collection names are checked once per store, not once per document written. */
  private assertCollectionName(projection: string, collection: string): void {
    const key = `${projection}\u0000${collection}`;
    if (this.checkedNames.has(key)) return;
    assertReadModelNames(projection, collection);
    this.checkedNames.add(key);
  }

  private commitLocked(projection: string, version: number, writes: readonly Write[], checkpoint: string): Applied[] {
    const applied: Applied[] = [];
    // Only loaded collections learn the writes (a replay loads none, so it keeps no list).
    const cached = (collection: string): boolean => this.caches.size > 0 && this.caches.has(cacheKey(projection, version, collection));
    for (const write of [...writes].sort(byKey)) {
      if ('delete' in write) {
        const changes = this.st.deleteDoc.run(projection, version, write.collection, write.id, encodePosition(write.position)).changes;
        if (changes > 0 && cached(write.collection)) applied.push({ collection: write.collection, id: write.id, json: undefined });
        continue;
      }
      if (write.doc._id !== write.id) throw new Error(`Document _id ${write.doc._id} does not match its key ${write.id}.`);
      const json = JSON.stringify(write.doc);
      const changes = this.st.upsertDoc.run(projection, version, write.collection, write.id, encodePosition(write.doc._position), json).changes;
      if (changes > 0 && cached(write.collection)) applied.push({ collection: write.collection, id: write.id, json });
    }
    this.st.saveCheckpoint.run(projection, version, checkpoint);
    return applied;
  }
}
