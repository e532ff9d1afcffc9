import Database from 'better-sqlite3';

/**
 * The schema's version, kept in `PRAGMA user_version`. Files written before it was kept read 0
 * and have version 1's tables:
 * - 1: `events.event_id` UNIQUE across the store;
 * - 2: event ids unique per stream only, checked by the append over the stream's tail (as on
 *   EventStoreDB). A random-UUID index put every insert on a random page, and each fsynced
 *   commit wrote them all: 100-event appends ran ~4x slower with it.
 */
export const SCHEMA_VERSION = 2;

/**
 * The position is SQLite's rowid, so global order is insertion order, and AUTOINCREMENT keeps
 * it strictly increasing even after the newest row is removed.
 */
const eventsTable = (name: string): string => `
CREATE TABLE ${name} (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);`;

/** One row per stream holding its head, so an append reads it by key instead of a MAX(revision) scan. */
const STREAMS_TABLE = `
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT    PRIMARY KEY,
  revision  INTEGER NOT NULL,
  hash      TEXT    NOT NULL
) WITHOUT ROWID;`;

const COPIED_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash';

const userVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

const hasEventsTable = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'events'").get() !== undefined;

/**
 * Version 1 → 2: rebuilds `events` without the store-wide UNIQUE on event_id (SQLite cannot drop
 * a column constraint in place), keeping every row's position, so checkpoints and hashes stay
 * valid. Dropping the old table drops its sqlite_sequence row, which may be above the highest
 * position left (removed newest rows): it is carried over so positions are never reused.
 */
const rebuildEventsTable = (db: Database.Database): void => {
  const sequence = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get();
  db.exec(eventsTable('events_v2'));
  db.exec(`INSERT INTO events_v2 (${COPIED_COLUMNS}) SELECT ${COPIED_COLUMNS} FROM events ORDER BY position`);
  db.exec('DROP TABLE events');
  db.exec('ALTER TABLE events_v2 RENAME TO events');
  if (sequence === undefined) return;
  const raised = db.prepare("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'events'").run(sequence.seq);
  if (raised.changes === 0)
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(sequence.seq);
};

/**
 * Creates the tables of a new file, or migrates an older one, in one IMMEDIATE transaction: a
 * crash leaves the file as it was, and another process opening it at the same time waits on
 * the write lock, then finds the work done.
 */
export const ensureSchema = (db: Database.Database): void => {
  // The common case, a current file, takes no write lock.
  if (userVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = userVersion(db);
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) {
      throw new Error(`The event store file has schema version ${version}; this code knows up to ${SCHEMA_VERSION}.`);
    }
    if (hasEventsTable(db)) rebuildEventsTable(db);
    else db.exec(eventsTable('events'));
    db.exec(STREAMS_TABLE);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
};
