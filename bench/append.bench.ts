/**
 * `npm run bench:append` — append throughput of the embedded store against raw better-sqlite3,
 * on the same disk (a temp dir under os.tmpdir()), in one run:
 *   (a) raw: one-row INSERT transactions into an equivalent `events` table, WAL, synchronous=FULL;
 *   (b) our store: one event per append, exact expected revision, idempotency check, hash chain;
 *   (c) our store: 100 events per append;
 * and, for reference only, (d) raw 100-row INSERT transactions: the ceiling for (c) on this disk.
 * Pairs alternate in short rounds (9 x 0.5 s each) so that disk hiccups hit both alike. A benchmark, not a test: the
 * targets (ratio >= 0.5, batch >= 100,000 events/s) are checked by reading the RESULT line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventToAppend } from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { benchCryptoSuite } from './support/crypto-suite';

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
// The store's crypto suite (CRYPTO_SUITE): intl hashes the chain with SHA-256, gm with SM3.
const SUITE = benchCryptoSuite();

const dir = mkdtempSync(join(tmpdir(), 'xj-bench-'));

const sampleData = (n: number) => ({
  clueId: `clue-${n}`,
  title: '行政执法问题线索：未按规定履行告知义务',
  source: 'EnforcementSupervision',
  agencyId: 'panjin.dawa.market-supervision',
  facts: ['执法人员未出示证件', '未告知陈述申辩权利'],
  at: '2026-03-02T08:30:00.000Z',
  by: { userId: 'u-analyst-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  n,
});

const sampleEvent = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ClueRegistered',
  data: sampleData(n),
  metadata: {
    schemaVersion: 1,
    actor: { userId: 'u-analyst-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
    commandId: randomUUID(),
    correlationId: 'bench-correlation',
    causationId: 'bench-causation',
  },
});

const time = async (ms: number, step: () => Promise<number> | number): Promise<{ ops: number; elapsed: number }> => {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(ms) * 1_000_000n;
  let ops = 0;
  while (process.hrtime.bigint() < deadline) ops += await step();
  return { ops, elapsed: Number(process.hrtime.bigint() - started) / 1e9 };
};

/** The store's own table (schema version 2: event ids unique per stream, no global index on them). */
const rawStore = (file: string, rowsPerTransaction: number) => {
  const db = new Database(join(dir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const metadata = JSON.stringify(sampleEvent(0).metadata);
  let revision = 0;
  const insertRows = db.transaction(() => {
    for (let i = 0; i < rowsPerTransaction; i++, revision++) {
      insert.run(
        'clue-raw',
        revision,
        randomUUID(),
        'ClueRegistered',
        JSON.stringify(sampleData(revision)),
        metadata,
        '2026-03-02T08:30:00.000Z',
        '0'.repeat(64),
        'f'.repeat(64),
      );
    }
  });
  return {
    step: () => (insertRows(), rowsPerTransaction),
    close: async () => {
      db.close();
    },
  };
};

const ourStore = (file: string, eventsPerAppend: number) => {
  const store = new SqliteEventStore({ filename: join(dir, file), cryptoSuite: SUITE });
  let expected: bigint | 'no_stream' = 'no_stream';
  let stream = 0;
  let n = 0;
  return {
    step: async () => {
      // A fresh stream every 10,000 events keeps streams at a plausible length.
      if (n % 10_000 === 0) {
        stream += 1;
        expected = 'no_stream';
      }
      const events = Array.from({ length: eventsPerAppend }, () => sampleEvent(n++));
      expected = (await store.append(`clue-bench${stream}`, events, expected)).nextRevision;
      return eventsPerAppend;
    },
    close: () => store.close(),
  };
};

type Runner = { step: () => Promise<number> | number; close: () => Promise<void> };
type Total = { ops: number; elapsed: number };

/** Runs two workloads in alternating rounds and returns their totals. */
const alternate = async (first: Runner, second: Runner): Promise<[Total, Total]> => {
  const totals: [Total, Total] = [
    { ops: 0, elapsed: 0 },
    { ops: 0, elapsed: 0 },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, runner] of [first, second].entries()) {
      const { ops, elapsed } = await time(ROUND_MS, runner.step);
      const total = totals[index as 0 | 1];
      total.ops += ops;
      total.elapsed += elapsed;
    }
  }
  await first.close();
  await second.close();
  return totals;
};

const main = async (): Promise<void> => {
  const [raw, single] = await alternate(rawStore('raw-single.sqlite', 1), ourStore('single.sqlite', 1));
  const [batch, rawBatch] = await alternate(ourStore('batch.sqlite', 100), rawStore('raw-batch.sqlite', 100));
  rmSync(dir, { recursive: true, force: true });

  const perS = (t: Total): number => t.ops / t.elapsed;
  const line = (label: string, t: Total): string =>
    `${label.padEnd(46)} ${String(Math.round(perS(t))).padStart(8)} /s  (${t.ops} in ${t.elapsed.toFixed(2)} s)`;
  console.log(`disk: ${dir}`);
  console.log(line('(a) raw better-sqlite3, 1-row transactions', raw));
  console.log(line('(b) store, 1 event per append', single));
  console.log(line('(c) store, 100 events per append (events)', batch));
  console.log(line('(d) raw better-sqlite3, 100-row tx (rows, ref.)', rawBatch));
  console.log(
    `RESULT append_single_per_s=${Math.round(perS(single))} raw_single_per_s=${Math.round(perS(raw))} ` +
      `append_single_ratio=${(perS(single) / perS(raw)).toFixed(2)} append_batch100_events_per_s=${Math.round(perS(batch))} ` +
      `crypto_suite=${SUITE}`,
  );
};

main().catch((error) => {
  rmSync(dir, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
