/**
 * `npm run bench:verify` — how fast the hash chains of the embedded store are verified.
 *
 * Builds a fresh events.sqlite in a temp DATA_DIR holding BENCH_EVENTS events (default
 * 1,000,000) spread over BENCH_STREAMS streams (default 20,000), interleaved in global order as
 * a live system writes them. The rows are chained with the product's own code (prepareAppend +
 * chainEvents, the same functions every append runs) but inserted with plain INSERTs in large
 * transactions without fsync: building the file is not what is measured. Then it times
 * `verifyAll` through the SqliteEventStore — reading every row, hashing its stored text and
 * linking it, in segments on one worker thread per core (the store's default), stitched — in a
 * child process running compiled JavaScript as production does (bench/support/verify-child.ts),
 * over BENCH_RUNS runs (default 1), and prints the best. A benchmark, not a test: the
 * target (>= 200,000 events/s) is checked by reading the RESULT line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventToAppend, StreamHead } from '@xj/application';
import { chainEvents, chainHashOf, GENESIS_HASH, prepareAppend } from '@xj/application/event-store-kit';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { runReportingChild } from './support/child-report';
import { compileTree } from './support/compile';
import { benchCryptoSuite } from './support/crypto-suite';
import type { VerifyReport } from './support/verify-child';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
// The store's crypto suite (CRYPTO_SUITE): intl hashes the chain with SHA-256, gm with SM3.
const SUITE = benchCryptoSuite();
const BATCH = 10_000;

const dir = mkdtempSync(join(tmpdir(), 'xj-verify-bench-'));
const file = join(dir, EVENTS_DB_FILENAME);
const types = ['ClueRegistered', 'ClueAnalysed', 'ReferralProposed', 'ReferralApproved', 'RectificationPlanned'];

const sampleEvent = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: types[n % types.length] as string,
  data: {
    caseId: `case-${n % STREAMS}`,
    title: '行政执法问题线索：未按规定履行告知义务',
    agencyId: 'panjin.dawa.market-supervision',
    facts: ['执法人员未出示证件', '未告知陈述申辩权利'],
    at: '2026-03-02T08:30:00.000Z',
    n,
  },
  metadata: {
    schemaVersion: 1,
    actor: { userId: 'u-analyst-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
    commandId: randomUUID(),
    correlationId: 'bench-correlation',
    causationId: 'bench-causation',
    rulebookVersion: 'RULEBOOK_V1',
  },
});

/** Writes EVENTS chained events, round-robin over STREAMS streams, plus each stream's head row. */
const buildStore = async (): Promise<void> => {
  // The store creates its own schema; then a plain connection fills it.
  await new SqliteEventStore({ filename: file, cryptoSuite: SUITE }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertHead = db.prepare('INSERT OR REPLACE INTO streams (stream_id, revision, hash) VALUES (?, ?, ?)');
  const heads = new Map<string, StreamHead>();
  const recordedAt = '2026-03-02T08:30:00.000Z';
  const writeBatch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const streamId = `clue-bench${n % STREAMS}`;
      const [event] = chainEvents(
        streamId,
        prepareAppend(streamId, [sampleEvent(n)], 'any'),
        heads.get(streamId),
        recordedAt,
        chainHashOf(SUITE),
      );
      if (!event) throw new Error('chainEvents returned nothing');
      insert.run(
        streamId,
        Number(event.revision),
        event.eventId,
        event.type,
        event.dataJson,
        event.metadataJson,
        recordedAt,
        event.prevHash,
        event.hash,
      );
      heads.set(streamId, { revision: event.revision, hash: event.hash });
    }
  });
  for (let from = 0; from < EVENTS; from += BATCH) {
    writeBatch(from, Math.min(EVENTS, from + BATCH));
    if ((from / BATCH) % 10 === 9) process.stderr.write(`  built ${from + BATCH} events\n`);
  }
  db.transaction(() => {
    for (const [streamId, head] of heads) upsertHead.run(streamId, Number(head.revision), head.hash);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
};

const main = async (): Promise<void> => {
  const buildStarted = process.hrtime.bigint();
  await buildStore();
  console.log(
    `built ${EVENTS} events in ${STREAMS} streams in ${(Number(process.hrtime.bigint() - buildStarted) / 1e9).toFixed(1)} s (${dir})`,
  );
  console.log(
    `genesis ${GENESIS_HASH.slice(0, 8)}…; verifying with verifyAll through SqliteEventStore (segments on ${Math.min(8, availableParallelism())} worker threads, the store's default), best of ${RUNS}`,
  );
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-verify-bench-js-'));
  const tree = compileTree(jsDir);
  let best = 0;
  try {
    for (let run = 1; run <= RUNS; run++) {
      const report = await runReportingChild<VerifyReport>(tree, 'bench/support/verify-child.ts', {
        VERIFY_FILE: file,
      });
      if (!report.ok) throw new Error(`verification failed: ${report.failure}`);
      if (report.eventsChecked !== EVENTS)
        throw new Error(`checked ${report.eventsChecked} events, expected ${EVENTS}`);
      const perS = report.eventsChecked / report.seconds;
      best = Math.max(best, perS);
      console.log(
        `run ${run}: ${report.eventsChecked} events in ${report.seconds.toFixed(2)} s = ${Math.round(perS)} events/s`,
      );
    }
  } finally {
    rmSync(jsDir, { recursive: true, force: true });
  }
  if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
  console.log(`RESULT verify_events_per_s=${Math.round(best)} crypto_suite=${SUITE}`);
};

main().catch((error: unknown) => {
  rmSync(dir, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
