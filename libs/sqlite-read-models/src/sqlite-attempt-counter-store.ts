import { AttemptCounter, AttemptCounterStore } from '@xj/application';
import Database from 'better-sqlite3';

/** `$DATA_DIR/login-attempts.sqlite`. */
export const ATTEMPTS_DB_FILENAME = 'login-attempts.sqlite';

export interface SqliteAttemptCounterStoreOptions {
  /** Database file (created if missing) or `':memory:'`. */
  readonly filename: string;
  /** How long a write waits for another connection's lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
}

/**
 * Expiry dates are the later of the window's end and the block's; `count` is only meaningful
 * while the window is open. Times are ms since the epoch.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS attempt_counters (
  key TEXT NOT NULL PRIMARY KEY,
  count INTEGER NOT NULL,
  window_ends_at INTEGER NOT NULL,
  blocked_until INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attempt_counters_expiry ON attempt_counters (expires_at);
`;

interface Row {
  readonly count: number;
  readonly windowEndsAt: number;
  readonly blockedUntil: number;
}

const prepareStatements = (db: Database.Database) => ({
  // In an UPDATE every expression sees the row as it was, so the CASEs agree on whether the window was open.
  increment: db.prepare<{ key: string; now: number; windowEnd: number }, Row>(
    `INSERT INTO attempt_counters (key, count, window_ends_at, blocked_until, expires_at) VALUES (@key, 1, @windowEnd, 0, @windowEnd)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN window_ends_at > @now THEN count + 1 ELSE 1 END,
       window_ends_at = CASE WHEN window_ends_at > @now THEN window_ends_at ELSE @windowEnd END,
       expires_at = max(CASE WHEN window_ends_at > @now THEN window_ends_at ELSE @windowEnd END, blocked_until)
     RETURNING count, window_ends_at AS windowEndsAt, blocked_until AS blockedUntil`,
  ),
  decrement: db.prepare<[string, number]>(
    'UPDATE attempt_counters SET count = count - 1 WHERE key = ? AND window_ends_at > ? AND count > 0',
  ),
  block: db.prepare<{ key: string; until: number }>(
    `INSERT INTO attempt_counters (key, count, window_ends_at, blocked_until, expires_at) VALUES (@key, 0, 0, @until, @until)
     ON CONFLICT (key) DO UPDATE SET blocked_until = max(blocked_until, @until), expires_at = max(expires_at, @until)`,
  ),
  read: db.prepare<[string], Row>(
    'SELECT count, window_ends_at AS windowEndsAt, blocked_until AS blockedUntil FROM attempt_counters WHERE key = ?',
  ),
  reset: db.prepare<[string]>('DELETE FROM attempt_counters WHERE key = ?'),
  prune: db.prepare<[number, number]>(
    'DELETE FROM attempt_counters WHERE key IN (SELECT key FROM attempt_counters WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)',
  ),
});

/** Expired records removed per prune, so that no single login pays for a backlog. */
const PRUNE_BATCH = 500;
const PRUNE_EVERY_MS = 10_000;

/**
 * The embedded adapter of the login-attempt counters: a file of its own in DATA_DIR, not a table
 * in read-models.sqlite, whose write lock a projection rebuild holds for long transactions (a
 * login would wait for it) and whose content is disposable, which these counters are not. Every
 * operation is one SQL statement, hence atomic also across processes sharing the file.
 */
export class SqliteAttemptCounterStore implements AttemptCounterStore {
  private readonly db: Database.Database;
  private readonly st: ReturnType<typeof prepareStatements>;
  private nextPruneAt = 0;

  constructor(options: SqliteAttemptCounterStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    // A power loss may forget the last few failures; it never corrupts the file (WAL).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
    this.db.exec(SCHEMA);
    this.st = prepareStatements(this.db);
  }

  async increment(key: string, now: number, windowMs: number): Promise<AttemptCounter> {
    this.pruneNow(now);
    const row = this.st.increment.get({ key, now, windowEnd: now + windowMs });
    if (!row) throw new Error('The attempt counter was not returned.');
    return counterAt(row, now);
  }

  async decrement(key: string, now: number): Promise<void> {
    this.st.decrement.run(key, now);
  }

  async block(key: string, until: number): Promise<void> {
    this.st.block.run({ key, until });
  }

  async read(key: string, now: number): Promise<AttemptCounter | undefined> {
    const row = this.st.read.get(key);
    if (!row) return undefined;
    const counter = counterAt(row, now);
    return counter.count === 0 && counter.blockedUntil === 0 ? undefined : counter;
  }

  async reset(key: string): Promise<void> {
    this.st.reset.run(key);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** How many records the file holds (expired ones included until pruned); for tests. */
  recordCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM attempt_counters').get() as { n: number }).n;
  }

  /** Drops a batch of expired records, at most every 10 s: keys made up by an attacker must not pile up. */
  private pruneNow(now: number): void {
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + PRUNE_EVERY_MS;
    this.st.prune.run(now, PRUNE_BATCH);
  }
}

const counterAt = (row: Row, now: number): AttemptCounter => ({
  count: row.windowEndsAt > now ? row.count : 0,
  windowEndsAt: row.windowEndsAt,
  blockedUntil: row.blockedUntil > now ? row.blockedUntil : 0,
});
