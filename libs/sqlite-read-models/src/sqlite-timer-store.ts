import { CaseTimers, DeadlineTimer, OpenDeadlineQuery, TimerStore, awaitsDecision } from '@xj/application';
import Database from 'better-sqlite3';

/** `$DATA_DIR/deadline-timers.sqlite`. */
export const TIMERS_DB_FILENAME = 'deadline-timers.sqlite';

export interface SqliteTimerStoreOptions {
  /** Database file (created if missing) or `':memory:'`. */
  readonly filename: string;
  readonly busyTimeoutMs?: number;
}

/**
 * Unfired timers are found through a partial index on (fire_at) WHERE fired = 0 AND fire_at IS
 * NOT NULL: a tick with nothing due reads one index page, however many cases are open. A NULL
 * fire_at is an open deadline with nothing to fire (kept for the overdue lists). The embedded
 * ReadModelStore ignores indexes and scans, hence a table of its own.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS deadline_timers (
  case_kind TEXT NOT NULL,
  case_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  from_date TEXT NOT NULL,
  due_on TEXT NOT NULL,
  responsible_org_id TEXT NOT NULL,
  region_id TEXT NOT NULL,
  progress TEXT NOT NULL,
  fire_at INTEGER,
  fired INTEGER NOT NULL DEFAULT 0,
  awaiting_decision INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_kind, case_id, rule)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deadline_timers_due ON deadline_timers (fire_at, case_kind, case_id, rule)
  WHERE fired = 0 AND fire_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS deadline_timers_by_due_on ON deadline_timers (due_on, case_kind, case_id, rule);
CREATE INDEX IF NOT EXISTS deadline_timers_awaiting ON deadline_timers (due_on) WHERE awaiting_decision = 1;
CREATE TABLE IF NOT EXISTS deadline_timer_checkpoint (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  position TEXT NOT NULL
);
`;

interface Row {
  readonly caseKind: string;
  readonly caseId: string;
  readonly rule: string;
  readonly fromDate: string;
  readonly dueOn: string;
  readonly responsibleOrgId: string;
  readonly regionId: string;
  readonly progress: string;
  readonly fireAt: number | null;
}

const COLUMNS = `case_kind AS caseKind, case_id AS caseId, rule, from_date AS fromDate, due_on AS dueOn,
  responsible_org_id AS responsibleOrgId, region_id AS regionId, progress, fire_at AS fireAt`;

const toTimer = (row: Row): DeadlineTimer => ({
  caseKind: row.caseKind as DeadlineTimer['caseKind'],
  caseId: row.caseId,
  rule: row.rule as DeadlineTimer['rule'],
  from: row.fromDate,
  dueOn: row.dueOn,
  responsibleOrgId: row.responsibleOrgId,
  regionId: row.regionId,
  progress: JSON.parse(row.progress) as DeadlineTimer['progress'],
  ...(row.fireAt === null ? {} : { fireAt: row.fireAt }),
});

const toParams = (t: DeadlineTimer) => ({
  caseKind: t.caseKind,
  caseId: t.caseId,
  rule: t.rule,
  fromDate: t.from,
  dueOn: t.dueOn,
  responsibleOrgId: t.responsibleOrgId,
  regionId: t.regionId,
  progress: JSON.stringify(t.progress),
  fireAt: t.fireAt ?? null,
  awaitingDecision: awaitsDecision(t) ? 1 : 0,
});

/** The embedded {@link TimerStore}: one SQLite file beside the read models, written in one transaction per batch. */
export class SqliteTimerStore implements TimerStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly replaceTx: (cases: readonly CaseTimers[], checkpoint?: bigint) => void;
  private readonly markTx: (timers: readonly DeadlineTimer[]) => void;

  constructor(options: SqliteTimerStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.exec(SCHEMA);
    const db = this.db;
    this.statements = {
      upsert: db.prepare<ReturnType<typeof toParams>>(
        `INSERT INTO deadline_timers (case_kind, case_id, rule, from_date, due_on, responsible_org_id, region_id, progress,
           fire_at, fired, awaiting_decision)
         VALUES (@caseKind, @caseId, @rule, @fromDate, @dueOn, @responsibleOrgId, @regionId, @progress, @fireAt, 0,
           @awaitingDecision)
         ON CONFLICT (case_kind, case_id, rule) DO UPDATE SET
           fired = CASE WHEN due_on = excluded.due_on AND progress = excluded.progress AND fire_at IS excluded.fire_at
                        THEN fired ELSE 0 END,
           from_date = excluded.from_date, due_on = excluded.due_on, responsible_org_id = excluded.responsible_org_id,
           region_id = excluded.region_id, progress = excluded.progress, fire_at = excluded.fire_at,
           awaiting_decision = excluded.awaiting_decision`,
      ),
      rulesOf: db.prepare<[string, string], { rule: string }>(
        'SELECT rule FROM deadline_timers WHERE case_kind = ? AND case_id = ?',
      ),
      cancel: db.prepare<[string, string, string]>(
        'DELETE FROM deadline_timers WHERE case_kind = ? AND case_id = ? AND rule = ?',
      ),
      due: db.prepare<[number, number], Row>(
        `SELECT ${COLUMNS} FROM deadline_timers WHERE fired = 0 AND fire_at IS NOT NULL AND fire_at <= ?
         ORDER BY fire_at, case_kind, case_id, rule LIMIT ?`,
      ),
      markFired: db.prepare<{
        caseKind: string;
        caseId: string;
        rule: string;
        dueOn: string;
        progress: string;
        fireAt: number | null;
      }>(
        `UPDATE deadline_timers SET fired = 1 WHERE case_kind = @caseKind AND case_id = @caseId AND rule = @rule
           AND due_on = @dueOn AND progress = @progress AND fire_at IS @fireAt`,
      ),
      checkpoint: db.prepare<[], { position: string }>('SELECT position FROM deadline_timer_checkpoint WHERE id = 1'),
      saveCheckpoint: db.prepare<[string]>(
        'INSERT INTO deadline_timer_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      ),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM deadline_timers'),
    };
    this.replaceTx = this.db.transaction((cases: readonly CaseTimers[], checkpoint?: bigint) => {
      for (const { caseKind, caseId, timers } of cases) {
        const keep = new Set(timers.map((t) => t.rule));
        for (const { rule } of this.statements.rulesOf.all(caseKind, caseId)) {
          if (!keep.has(rule as DeadlineTimer['rule'])) this.statements.cancel.run(caseKind, caseId, rule);
        }
        for (const timer of timers) this.statements.upsert.run(toParams(timer));
      }
      if (checkpoint !== undefined) this.statements.saveCheckpoint.run(checkpoint.toString());
    });
    this.markTx = this.db.transaction((timers: readonly DeadlineTimer[]) => {
      for (const timer of timers) {
        const { caseKind, caseId, rule, dueOn, progress, fireAt } = toParams(timer);
        this.statements.markFired.run({ caseKind, caseId, rule, dueOn, progress, fireAt });
      }
    });
  }

  async replaceCases(cases: readonly CaseTimers[], checkpoint?: bigint): Promise<void> {
    this.replaceTx(cases, checkpoint);
  }

  async due(at: number, limit: number): Promise<DeadlineTimer[]> {
    return this.statements.due.all(at, limit).map(toTimer);
  }

  async markFired(timers: readonly DeadlineTimer[]): Promise<void> {
    if (timers.length > 0) this.markTx(timers);
  }

  async list(query: OpenDeadlineQuery): Promise<DeadlineTimer[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.dueBefore !== undefined) {
      where.push('due_on < ?');
      params.push(query.dueBefore);
    }
    if (query.responsibleOrgIds !== undefined) {
      if (query.responsibleOrgIds.length === 0) return [];
      where.push(`responsible_org_id IN (${query.responsibleOrgIds.map(() => '?').join(', ')})`);
      params.push(...query.responsibleOrgIds);
    }
    if (query.region !== undefined) {
      // regionCovers: the region itself or below it (no LIKE: a region id may hold _ or %).
      where.push('(region_id = ? OR substr(region_id, 1, ?) = ?)');
      params.push(query.region, query.region.length + 1, `${query.region}/`);
    }
    if (query.awaitingDecision) where.push('awaiting_decision = 1');
    const rows = this.db
      .prepare<(string | number)[], Row>(
        `SELECT ${COLUMNS} FROM deadline_timers ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY due_on, case_kind, case_id, rule LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.skip ?? 0);
    return rows.map(toTimer);
  }

  async checkpoint(): Promise<bigint | undefined> {
    const row = this.statements.checkpoint.get();
    return row ? BigInt(row.position) : undefined;
  }

  async count(): Promise<number> {
    return this.statements.count.get()?.n ?? 0;
  }

  async clear(): Promise<void> {
    this.db.exec('DELETE FROM deadline_timers; DELETE FROM deadline_timer_checkpoint;');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
