import type Database from 'better-sqlite3';

interface Pending<A, R> {
  readonly args: A;
  resolve(result: R): void;
  reject(error: unknown): void;
}

type Outcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit. With synchronous=FULL every commit waits for an fsync of the WAL, on the one
 * thread that also serves requests; appends that arrive while the event loop is busy are
 * therefore written in ONE IMMEDIATE transaction and one fsync. Each runs inside a savepoint of
 * its own (better-sqlite3 nests transactions as savepoints), so one append's failure — a wrong
 * expected revision — undoes only that append. Nothing is acknowledged before the commit.
 */
export class GroupCommit<A, R> {
  private queue: Pending<A, R>[] = [];
  private scheduled = false;
  /** Transactions committed so far (observability and tests). */
  groupsCommitted = 0;
  private readonly runAll: Database.Transaction<(batch: readonly Pending<A, R>[]) => Outcome<R>[]>;

  constructor(
    db: Database.Database,
    work: (args: A) => R,
    private readonly mapError: (error: unknown, args: A) => unknown,
  ) {
    const each = db.transaction(work);
    this.runAll = db.transaction((batch: readonly Pending<A, R>[]) =>
      batch.map((item): Outcome<R> => {
        try {
          return { ok: true, value: each(item.args) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  submit(args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ args, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After pending I/O callbacks: requests that arrived meanwhile join this group.
      setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also before the database closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome<R>[];
    try {
      outcomes = this.runAll.immediate(batch);
      this.groupsCommitted += 1;
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): none of the group is stored.
      for (const item of batch) item.reject(this.mapError(error, item.args));
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome<R>;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(this.mapError(outcome.error, item.args));
    });
  }
}
