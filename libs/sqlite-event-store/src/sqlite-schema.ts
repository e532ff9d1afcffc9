import Database from 'better-sqlite3';
import { ensureSchema } from './sqlite-schema-version';

export interface OpenOptions {
  readonly busyTimeoutMs: number;
}

export const openEventDatabase = (filename: string, options: OpenOptions): Database.Database => {
  const db = new Database(filename);
  // A new file reclaims the pages of removed streams (retention) when asked, giving them back to the
  // file system; only possible before the first table exists and before WAL mode is set. Files
  // created earlier keep reusing freed pages for later appends instead.
  if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('auto_vacuum = INCREMENTAL');
  // WAL lets readers (subscriptions, other processes) run beside the writer; FULL syncs the WAL
  // on every commit, so an acknowledged append survives a power cut, not only a process crash.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // wal_autocheckpoint stays at SQLite's 1000 pages: a 10x larger WAL measured ~7% faster for
  // 100-event appends but ~10% slower for single ones (commits that grow the WAL file sync its
  // size too), and single appends are the interactive case.
  // Another process holding the write lock makes us wait instead of failing at once.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  try {
    ensureSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
};

/** A row of `events` as better-sqlite3 returns it (integers as numbers: positions stay < 2^53). */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** A row of `events` in COLUMNS order, as a raw statement returns it. */
export type EventRowTuple = [number, string, number, string, string, string, string, string, string, string];

/** `[revision, event_id]`, as the raw tail statement returns it. */
export type TailIdRow = [number, string];
export type SummaryRow = Pick<EventRow, 'position' | 'revision' | 'event_id' | 'type' | 'data'>;

export interface HeadRow {
  readonly revision: number;
  readonly hash: string;
}

/** Every column of `events`, in EventRowTuple order. */
export const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash';

/** Every statement the store runs, prepared once per connection. */
export const prepareStatements = (db: Database.Database) => ({
  /** A stream's latest events, newest first: where an append looks for itself (ids only, no payloads). */
  tailIds: db
    .prepare<[string, number], TailIdRow>(
      'SELECT revision, event_id FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT ?',
    )
    .raw(true),
  /** What a possibly retried run needs compared: ids, revisions, type and data, not metadata. */
  summaries: db.prepare<[string, number, number], SummaryRow>(
    'SELECT position, revision, event_id, type, data FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
  ),
  head: db.prepare<[string], HeadRow>('SELECT revision, hash FROM streams WHERE stream_id = ?'),
  insert: db.prepare<[string, number, string, string, string, string, string, string, string]>(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  /**
   * A write moves the head row on condition that it is where the append was decided (0 changes: the
   * stream moved meanwhile): the expected-revision check and the head update in one statement.
   */
  advanceHead: db.prepare<[number, string, string, number]>(
    'UPDATE streams SET revision = ?, hash = ? WHERE stream_id = ? AND revision = ?',
  ),
  /** The same for a new stream: 0 changes when another writer created it first. */
  createHead: db.prepare<[string, number, string]>(
    'INSERT INTO streams (stream_id, revision, hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO NOTHING',
  ),
  readForwards: db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
  ),
  readBackwards: db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  ),
  /**
   * The lowest and highest stored position (whole-store verification splits this span). Two
   * subqueries, not `MIN(position), MAX(position)`: SQLite answers a lone MIN or MAX from one end of
   * the key, but both in one SELECT scan every row (130 ms at a million events, measured).
   */
  positionSpan: db.prepare<[], { low: number | null; high: number | null }>(
    'SELECT (SELECT MIN(position) FROM events) AS low, (SELECT MAX(position) FROM events) AS high',
  ),
  /**
   * A partitioned build's grouping (PartitionReads.readDataField): one walk through the log up to a
   * position, by design, once per build; only rows of the wanted types have their payload read.
   * Parameters: the JSON path, the position, the types as a JSON array.
   */
  dataFieldThrough: db
    .prepare<[string, number, string], [string, string, unknown]>(
      'SELECT stream_id, type, json_extract(data, ?) FROM events WHERE position <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position ASC',
    )
    .raw(true),
  /** One stream up to a position, as arrays in COLUMNS order (a partitioned build reads a partition's streams). */
  streamThroughRaw: db
    .prepare<[string, number], EventRowTuple>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND position <= ? ORDER BY revision ASC`,
    )
    .raw(true),
  /** readAll's pages, as arrays in COLUMNS order: no object per row (catch-ups and the chain verifier). */
  /** Removing a stream from its last revision down, in slices (see stream-removal.ts). */
  deleteAbove: db.prepare<[string, number]>('DELETE FROM events WHERE stream_id = ? AND revision > ?'),
  hashAt: db.prepare<[string, number], { hash: string }>(
    'SELECT hash FROM events WHERE stream_id = ? AND revision = ?',
  ),
  setHead: db.prepare<[number, string, string]>('UPDATE streams SET revision = ?, hash = ? WHERE stream_id = ?'),
  deleteHead: db.prepare<[string]>('DELETE FROM streams WHERE stream_id = ?'),
  readAllRaw: db
    .prepare<[number, number], EventRowTuple>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    )
    .raw(true),
});

export type EventStatements = ReturnType<typeof prepareStatements>;
