import Database from 'better-sqlite3';
import { openEventDatabase, prepareStatements } from './sqlite-schema';

/** The query plan of a prepared statement, its parameters bound to NULL. */
const planOf = (db: Database.Database, statement: Database.Statement): string[] => {
  const parameters = (statement.source.match(/\?/g) ?? []).map(() => null);
  return (db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...parameters) as { detail: string }[]).map(
    (row) => row.detail,
  );
};

describe('the embedded event store statements', () => {
  let db: Database.Database;
  beforeEach(() => (db = openEventDatabase(':memory:', { busyTimeoutMs: 0 })));
  afterEach(() => db.close());

  it('never scan the events table: every one finds its rows through a key (a million events must not cost a million steps)', () => {
    const statements = Object.entries(prepareStatements(db) as Record<string, Database.Statement>);
    expect(statements.length).toBeGreaterThan(5);
    for (const [name, statement] of statements) {
      const scans = planOf(db, statement).filter((detail) => /^SCAN events\b/.test(detail));
      expect({ name, scans }).toEqual({ name, scans: [] });
    }
  });

  it('reads the position span from both ends of the key, and as nulls from an empty store', () => {
    const { positionSpan } = prepareStatements(db);
    expect(positionSpan.get()).toEqual({ low: null, high: null });
    const insert = db.prepare(
      "INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, 'T', '{}', '{}', 'at', 'p', 'h')",
    );
    for (let n = 0; n < 5; n++) insert.run(`s-${n % 2}`, Math.floor(n / 2), `e${n}`);
    expect(positionSpan.get()).toEqual({ low: 1, high: 5 });
  });
});
