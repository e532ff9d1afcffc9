import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  let db: Database.Database;
  let group: GroupCommit<{ id: number; fail?: boolean }, number>;
  const rows = (): number[] => db.prepare('SELECT id FROM t ORDER BY id').pluck().all() as number[];

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
    group = new GroupCommit(
      db,
      ({ id, fail }) => {
        insert.run(id);
        if (fail) throw new Error(`work ${id} failed after writing`);
        return id * 10;
      },
      (error, { id }) => new Error(`mapped ${id}: ${(error as Error).message}`),
    );
  });
  afterEach(() => db.close());

  it('commits work submitted together in one transaction, undoing only the work that failed', async () => {
    const outcomes = await Promise.allSettled([
      group.submit({ id: 1 }),
      group.submit({ id: 2, fail: true }),
      group.submit({ id: 3 }),
    ]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('mapped 2: work 2 failed after writing') },
      { status: 'fulfilled', value: 30 },
    ]);
    expect(rows()).toEqual([1, 3]);
    expect(group.groupsCommitted).toBe(1);
  });

  it('commits work awaited one by one in transactions of its own', async () => {
    expect(await group.submit({ id: 1 })).toBe(10);
    expect(await group.submit({ id: 2 })).toBe(20);
    expect(group.groupsCommitted).toBe(2);
  });

  it('rejects the whole group, storing nothing, when the write lock cannot be had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-group-'));
    const file = join(dir, 'g.sqlite');
    const mine = new Database(file, { timeout: 0 });
    mine.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const other = new Database(file);
    const locked = new GroupCommit<number, number>(
      mine,
      (id) => mine.prepare('INSERT INTO t (id) VALUES (?)').run(id).changes,
      (error) => error,
    );
    try {
      other.exec('BEGIN IMMEDIATE');
      const outcomes = await Promise.allSettled([locked.submit(1), locked.submit(2)]);
      expect(outcomes).toMatchObject([
        { status: 'rejected', reason: { code: 'SQLITE_BUSY' } },
        { status: 'rejected', reason: { code: 'SQLITE_BUSY' } },
      ]);
      other.exec('ROLLBACK');
      expect(mine.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
      expect(locked.groupsCommitted).toBe(0);
    } finally {
      other.close();
      mine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('flushes on demand what is queued', () => {
    void group.submit({ id: 7 });
    group.flush();
    expect(rows()).toEqual([7]);
  });
});
