import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreError, EventToAppend, RecordedEvent, StreamHead, verifyAll, verifyStream } from '@xj/application';
import { chainEvents, prepareAppend } from '@xj/application/event-store-kit';
import { SqliteEventStore } from './sqlite-event-store';
import { SCHEMA_VERSION } from './sqlite-schema-version';
import { testEvents } from '@xj/testing';

/**
 * Files written before the schema was versioned (user_version 0, a store-wide UNIQUE on
 * event_id) are migrated when the store opens them: same rows at the same positions, chains
 * intact, positions never reused.
 */

/** The schema as the store created it before versioning, verbatim. */
const VERSION_1_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT    PRIMARY KEY,
  revision  INTEGER NOT NULL,
  hash      TEXT    NOT NULL
) WITHOUT ROWID;
`;

const events = testEvents;

/** Writes appends into a version-1 file the way the old store did, hash chain included. */
const writeVersion1File = (file: string, appends: readonly [stream: string, count: number][]): void => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(VERSION_1_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertHead = db.prepare('INSERT OR REPLACE INTO streams (stream_id, revision, hash) VALUES (?, ?, ?)');
  const heads = new Map<string, StreamHead>();
  const recordedAt = '2026-03-02T08:30:00.000Z';
  for (const [stream, count] of appends) {
    for (const e of chainEvents(stream, prepareAppend(stream, events(count), 'any'), heads.get(stream), recordedAt)) {
      insert.run(
        stream,
        Number(e.revision),
        e.eventId,
        e.type,
        e.dataJson,
        e.metadataJson,
        recordedAt,
        e.prevHash,
        e.hash,
      );
      heads.set(stream, { revision: e.revision, hash: e.hash });
      upsertHead.run(stream, Number(e.revision), e.hash);
    }
  }
  db.close();
};

type Row = Record<string, unknown>;

/** Reads a file behind the store's back. */
const inspect = <T>(file: string, read: (db: Database.Database) => T): T => {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
};
const rowsOf = (db: Database.Database): Row[] => db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
const sequenceOf = (db: Database.Database): unknown =>
  db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get();
const userVersionOf = (db: Database.Database): unknown => db.pragma('user_version', { simple: true });
/** The table's unique keys, as column lists joined by commas, sorted. */
const uniqueKeysOf = (db: Database.Database): string[] =>
  (db.pragma('index_list(events)') as { name: string; unique: number }[])
    .filter((index) => index.unique === 1)
    .map((index) =>
      (db.pragma(`index_info(${index.name})`) as { name: string }[]).map((column) => column.name).join(','),
    )
    .sort();

describe('schema version', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-schema-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a new file at the current version, with no store-wide index on event ids', async () => {
    const store = new SqliteEventStore({ filename: file });
    await store.close();
    expect(SCHEMA_VERSION).toBe(2);
    expect(inspect(file, userVersionOf)).toBe(2);
    expect(inspect(file, uniqueKeysOf)).toEqual(['stream_id,revision']);
  });

  it('migrates a version-1 file on open: every row at its position, chains intact, positions never reused', async () => {
    writeVersion1File(file, [
      ['clue-1', 3],
      ['referral-1', 2],
      ['clue-1', 2],
      ['clue-9', 4],
    ]);
    // The newest stream removed entirely: the sequence (11) is now above the highest position (7).
    const tamper = new Database(file);
    tamper.exec("DELETE FROM events WHERE stream_id = 'clue-9'; DELETE FROM streams WHERE stream_id = 'clue-9';");
    tamper.close();
    const before = inspect(file, rowsOf);
    expect(inspect(file, (db) => [userVersionOf(db), sequenceOf(db), uniqueKeysOf(db)])).toEqual([
      0,
      11,
      ['event_id', 'stream_id,revision'],
    ]);

    const store = new SqliteEventStore({ filename: file });
    expect(inspect(file, rowsOf)).toEqual(before);
    expect(inspect(file, (db) => [userVersionOf(db), sequenceOf(db), uniqueKeysOf(db)])).toEqual([
      2,
      11,
      ['stream_id,revision'],
    ]);
    expect(await verifyAll(store)).toMatchObject({ ok: true, eventsChecked: 7 });
    expect(await verifyStream(store, 'clue-1')).toMatchObject({ ok: true, eventsChecked: 5 });

    const next = await store.append('clue-1', events(1), 4n);
    expect(next).toEqual({ nextRevision: 5n, position: 12n });
    const reused = (await store.readStream('referral-1'))[0] as RecordedEvent;
    await store.append('clue-2', [{ ...(events(1)[0] as EventToAppend), eventId: reused.eventId }], 'no_stream'); // per-stream ids now
    await store.close();

    const reopened = new SqliteEventStore({ filename: file });
    expect(await verifyAll(reopened)).toMatchObject({ ok: true, eventsChecked: 9 });
    await reopened.close();
  });

  it('leaves a version-1 file as it was when the migration fails part-way', async () => {
    writeVersion1File(file, [['clue-1', 3]]);
    const tamper = new Database(file);
    tamper.exec('CREATE TABLE events_v2 (stray INTEGER)'); // the name the rebuild needs is taken
    tamper.close();
    const before = inspect(file, rowsOf);
    expect(() => new SqliteEventStore({ filename: file })).toThrow(
      expect.objectContaining({ code: 'STORE.UNAVAILABLE' }),
    );
    expect(inspect(file, rowsOf)).toEqual(before);
    expect(inspect(file, (db) => [userVersionOf(db), uniqueKeysOf(db)])).toEqual([
      0,
      ['event_id', 'stream_id,revision'],
    ]);
  });

  it('refuses a file from a newer version, as STORE.UNAVAILABLE, without touching it', () => {
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    let thrown: unknown;
    try {
      new SqliteEventStore({ filename: file });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventStoreError);
    expect(thrown).toMatchObject({ code: 'STORE.UNAVAILABLE' });
    expect(inspect(file, userVersionOf)).toBe(SCHEMA_VERSION + 1);
    expect(
      inspect(file, (db) => db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'events'").pluck().get()),
    ).toBe(0);
  });
});
