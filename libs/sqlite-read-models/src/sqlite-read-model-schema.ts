import Database from 'better-sqlite3';

/**
 * The embedded read-model database: its own file beside the event store's, because read
 * models are disposable (rebuildable from the events) and written far more often.
 *
 * Positions are stored as 20-digit zero-padded TEXT (see encodePosition) so that comparisons
 * in SQL are numeric for the whole unsigned 64-bit range of EventStoreDB positions.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  projection TEXT NOT NULL,
  version INTEGER NOT NULL,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  position TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (projection, version, collection, id)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  projection TEXT NOT NULL,
  version INTEGER NOT NULL,
  position TEXT NOT NULL,
  PRIMARY KEY (projection, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS active_versions (
  projection TEXT NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parked (
  projection TEXT NOT NULL,
  version INTEGER NOT NULL,
  position TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  type TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  parked_at TEXT NOT NULL,
  PRIMARY KEY (projection, version, position)
) WITHOUT ROWID;
`;

export const openReadModelDatabase = (filename: string, busyTimeoutMs: number): Database.Database => {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  // NORMAL, not FULL: in WAL mode a power loss may lose the last commits but never corrupts
  // the file or splits a commit, so documents and checkpoint stay consistent — and read models
  // are rebuildable from the event store, which does run with FULL.
  db.pragma('synchronous = NORMAL');
  // Checkpoint the WAL every 10,000 pages (40 MB) rather than SQLite's 1,000: a catch-up rewrites
  // hundreds of thousands of documents, and fewer checkpoints mean fewer syncs and fewer copies of
  // pages that change again soon (about a fifth less time per document written, measured).
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.exec(SCHEMA);
  return db;
};

export interface DocRow {
  readonly id: string;
  readonly json: string;
}

export interface ParkedRow {
  readonly position: string;
  readonly stream_id: string;
  readonly type: string;
  readonly error: string;
  readonly attempts: number;
  readonly parked_at: string;
}

export const prepareReadModelStatements = (db: Database.Database) => ({
  getDoc: db.prepare<[string, number, string, string], DocRow>(
    'SELECT id, json FROM docs WHERE projection = ? AND version = ? AND collection = ? AND id = ?',
  ),
  /** A collection in pages, in key order (the primary key's): the first page, then those after an id. */
  collectionFirstPage: db.prepare<[string, number, string, number], DocRow>(
    'SELECT id, json FROM docs WHERE projection = ? AND version = ? AND collection = ? ORDER BY id LIMIT ?',
  ),
  collectionPageAfter: db.prepare<[string, number, string, string, number], DocRow>(
    'SELECT id, json FROM docs WHERE projection = ? AND version = ? AND collection = ? AND id > ? ORDER BY id LIMIT ?',
  ),
  // An older position never overwrites a newer document; the same position may rewrite it.
  upsertDoc: db.prepare<[string, number, string, string, string, string]>(
    `INSERT INTO docs (projection, version, collection, id, position, json) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (projection, version, collection, id) DO UPDATE SET position = excluded.position, json = excluded.json
     WHERE excluded.position >= docs.position`,
  ),
  deleteDoc: db.prepare<[string, number, string, string, string]>(
    'DELETE FROM docs WHERE projection = ? AND version = ? AND collection = ? AND id = ? AND position <= ?',
  ),
  deleteVersionDocs: db.prepare<[string, number]>('DELETE FROM docs WHERE projection = ? AND version = ?'),
  checkpoint: db.prepare<[string, number], { position: string }>(
    'SELECT position FROM checkpoints WHERE projection = ? AND version = ?',
  ),
  // A checkpoint never moves back (a retried parked event commits at the current one).
  saveCheckpoint: db.prepare<[string, number, string]>(
    `INSERT INTO checkpoints (projection, version, position) VALUES (?, ?, ?)
     ON CONFLICT (projection, version) DO UPDATE SET position = max(position, excluded.position)`,
  ),
  deleteCheckpoint: db.prepare<[string, number]>('DELETE FROM checkpoints WHERE projection = ? AND version = ?'),
  activeVersion: db.prepare<[string], { version: number }>('SELECT version FROM active_versions WHERE projection = ?'),
  setActiveVersion: db.prepare<[string, number]>(
    'INSERT INTO active_versions (projection, version) VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET version = excluded.version',
  ),
  park: db.prepare<[string, number, string, string, string, string, number, string]>(
    'INSERT OR REPLACE INTO parked (projection, version, position, stream_id, type, error, attempts, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  parked: db.prepare<[string, number], ParkedRow>(
    'SELECT position, stream_id, type, error, attempts, parked_at FROM parked WHERE projection = ? AND version = ? ORDER BY position',
  ),
  unpark: db.prepare<[string, number, string]>(
    'DELETE FROM parked WHERE projection = ? AND version = ? AND position = ?',
  ),
  deleteVersionParked: db.prepare<[string, number]>('DELETE FROM parked WHERE projection = ? AND version = ?'),
});

export type ReadModelStatements = ReturnType<typeof prepareReadModelStatements>;
