import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StreamHead, verifyAll } from '@xj/application';
import { splitSpan } from './parallel-verification';
import { SqliteEventStore } from './sqlite-event-store';
import { testEvents } from '@xj/testing';

/**
 * Whole-store verification on worker threads over the real file: the same answers as the
 * single walk (the stitching itself is property-tested in chain-segments.spec.ts).
 */
const events = testEvents;

// Each worker thread loads ts-node to run these TypeScript sources (compiled JavaScript in
// production does not): a few seconds per verification on a busy 2-core machine.
jest.setTimeout(60_000);

describe('parallel verification of the embedded store', () => {
  let dir: string;
  let file: string;
  let parallel: SqliteEventStore;
  let single: SqliteEventStore;
  let tamper: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-parallel-'));
    file = join(dir, 'events.sqlite');
    parallel = new SqliteEventStore({ filename: file, parallelVerification: { workers: 3, minEvents: 0 } });
    single = new SqliteEventStore({ filename: file, parallelVerification: { workers: 1 } });
    // Six streams, appended in turns, so that every segment holds several streams' middles.
    for (let round = 0; round < 4; round++) {
      for (let s = 0; s < 6; s++)
        await parallel.append(`clue-${s}`, events(3), round === 0 ? 'no_stream' : BigInt(round * 3 - 1));
    }
    tamper = new Database(file);
  });
  afterEach(async () => {
    tamper.close();
    await parallel.close();
    await single.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an intact store on worker threads, with every head', async () => {
    const result = await parallel.verifyAllInParallel({});
    expect(result).toMatchObject({ ok: true, eventsChecked: 72 });
    expect(result?.ok && result.heads.get('clue-5')?.revision).toBe(11n);
    expect(await verifyAll(parallel)).toEqual(await verifyAll(single));
  });

  it.each([
    ['a changed payload', 'UPDATE events SET data = \'{"n":99}\' WHERE position = 40'],
    ['a deleted event', 'DELETE FROM events WHERE position = 37'],
    ['a forged link at a segment boundary', `UPDATE events SET prev_hash = '${'f'.repeat(64)}' WHERE position = 25`],
    ['a truncated store', 'DELETE FROM events WHERE position > 60'],
  ])('names the same first break as the single walk after %s', async (_label, sql) => {
    const heads = new Map<string, StreamHead>();
    const before = await verifyAll(single);
    if (before.ok) for (const [id, head] of before.heads) heads.set(id, head);
    tamper.prepare(sql).run();
    const expected = await verifyAll(single, { expectedHeads: heads });
    expect(expected.ok).toBe(false);
    expect(await parallel.verifyAllInParallel({ expectedHeads: heads })).toEqual(expected);
  });

  it('reports progress from every worker, and declines where workers would not pay', async () => {
    const seen: number[] = [];
    await parallel.verifyAllInParallel({ onProgress: (n) => seen.push(n) });
    expect(Math.max(...seen)).toBe(72);
    expect(await single.verifyAllInParallel({})).toBeUndefined();
    const memory = new SqliteEventStore({ filename: ':memory:', parallelVerification: { workers: 2, minEvents: 0 } });
    await memory.append('clue-1', events(2), 'no_stream');
    expect(await memory.verifyAllInParallel({})).toBeUndefined();
    await memory.close();
  });

  it('splits positions into contiguous slices covering the span', () => {
    expect(splitSpan({ after: 0, through: 10 }, 3)).toEqual([
      { after: 0, through: 3 },
      { after: 3, through: 6 },
      { after: 6, through: 10 },
    ]);
    expect(splitSpan({ after: -5, through: 2 }, 2)).toEqual([
      { after: -5, through: -2 },
      { after: -2, through: 2 },
    ]);
  });
});

describe('parallel verification of a gm (SM3) store', () => {
  it("hashes with the store's suite on every worker: intact verifies, a changed payload is named as the single walk names it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-parallel-gm-'));
    const file = join(dir, 'events.sqlite');
    const parallel = new SqliteEventStore({
      filename: file,
      cryptoSuite: 'gm',
      parallelVerification: { workers: 2, minEvents: 0 },
    });
    const single = new SqliteEventStore({ filename: file, parallelVerification: { workers: 1 } });
    const tamper = new Database(file);
    try {
      for (let s = 0; s < 4; s++) await parallel.append(`clue-${s}`, events(5), 'no_stream');
      expect(single.cryptoSuite).toBe('gm');
      expect(await parallel.verifyAllInParallel({})).toMatchObject({ ok: true, eventsChecked: 20 });
      tamper.prepare('UPDATE events SET data = \'{"n":99}\' WHERE position = 14').run();
      const expected = await verifyAll(single);
      expect(expected).toMatchObject({ ok: false, failure: { kind: 'hash_mismatch', position: 14n } });
      expect(await parallel.verifyAllInParallel({})).toEqual(expected);
    } finally {
      tamper.close();
      await parallel.close();
      await single.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
