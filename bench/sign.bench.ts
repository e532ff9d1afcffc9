/**
 * `npm run bench:sign` — what signing a checkpoint costs on a large log (#13 items 2 and 8): every
 * signing first verifies the store against the newest checkpoint.
 *
 * Builds an events.sqlite holding BENCH_EVENTS events (default 1,000,000) over BENCH_STREAMS
 * streams (default 110,000: a log written before #13, when each read of a case made a stream),
 * interleaved in global order, chained with the product's own code but inserted with plain INSERTs
 * without fsync (building it is not measured; BENCH_SIGN_CACHE=<dir> keeps it there for the next run
 * with the same sizes). Then, in a child process on compiled JavaScript (bench/support/sign-child.ts),
 * the CheckpointKeeper over a copy of it: the start-up run (no checkpoint yet: chains, then the first
 * one signed), the run after BENCH_TAIL (1,000) more events (verified against that one, a new one
 * signed) and a run with nothing new. Each is timed, with the longest event-loop stall during it.
 * BENCH_CHILD_FLAGS: node flags for the child (e.g. `--trace-gc`, to tell GC pauses from stalls).
 * A benchmark, not a test: read the RESULT line.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StreamHead } from '@xj/application';
import { chainEvents, prepareAppend } from '@xj/application/event-store-kit';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { runReportingChild } from './support/child-report';
import { compileTree } from './support/compile';
import type { SignPhase, SignReport } from './support/sign-child';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 110_000);
const TAIL = Number(process.env.BENCH_TAIL ?? 1000);
const CACHE = process.env.BENCH_SIGN_CACHE;
const CHILD_FLAGS = (process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
const BATCH = 10_000;

const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-analyst-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  correlationId: 'bench-correlation',
  causationId: 'bench-causation',
};

/** EVENTS chained events, round-robin over STREAMS streams, and each stream's head row. */
const buildStore = async (file: string): Promise<void> => {
  await new SqliteEventStore({ filename: file }).close();
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
      const data = {
        caseId: `case-${n % STREAMS}`,
        title: '行政执法问题线索：未按规定履行告知义务',
        agencyId: 'panjin.dawa.market-supervision',
        n,
      };
      const [event] = chainEvents(
        streamId,
        prepareAppend(
          streamId,
          [{ eventId: randomUUID(), type: 'ClueRegistered', data, metadata: { ...metadata, commandId: randomUUID() } }],
          'any',
        ),
        heads.get(streamId),
        recordedAt,
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
    if ((from / BATCH) % 20 === 19) process.stderr.write(`  built ${from + BATCH} events\n`);
  }
  db.transaction(() => {
    for (const [streamId, head] of heads) upsertHead.run(streamId, Number(head.revision), head.hash);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
};

const phase = (name: string, p: SignPhase): string =>
  `${name}: ${p.outcome} in ${(p.ms / 1000).toFixed(2)} s over ${p.checkedEvents} events; event loop held at most ${p.maxStallMs.toFixed(0)} ms (p99 ${p.p99StallMs.toFixed(0)} ms)`;

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xj-sign-bench-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-sign-bench-js-'));
  try {
    const cached = CACHE && join(CACHE, `events-${EVENTS}-${STREAMS}.sqlite`);
    if (cached && existsSync(cached)) copyFileSync(cached, join(dataDir, EVENTS_DB_FILENAME));
    else {
      const started = process.hrtime.bigint();
      await buildStore(join(dataDir, EVENTS_DB_FILENAME));
      console.log(
        `built ${EVENTS} events in ${STREAMS} streams in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
      );
      if (cached) {
        mkdirSync(CACHE as string, { recursive: true });
        copyFileSync(join(dataDir, EVENTS_DB_FILENAME), `${cached}.tmp`);
        renameSync(`${cached}.tmp`, cached);
      }
    }
    const report = await runReportingChild<SignReport>(
      compileTree(jsDir),
      'bench/support/sign-child.ts',
      { SIGN_DATA_DIR: dataDir, SIGN_TAIL: String(TAIL) },
      CHILD_FLAGS,
    );
    console.log(phase('start-up, no checkpoint yet', report.first));
    console.log(phase(`after ${TAIL} more events`, report.sign));
    console.log(phase('nothing new', report.unchanged));
    if (
      report.first.outcome !== 'signed' ||
      report.sign.outcome !== 'signed' ||
      report.unchanged.outcome !== 'unchanged'
    )
      throw new Error('unexpected outcomes');
    const stall = Math.max(report.first.maxStallMs, report.sign.maxStallMs, report.unchanged.maxStallMs);
    console.log(
      `RESULT sign_ms=${Math.round(report.sign.ms)} first_sign_ms=${Math.round(report.first.ms)} unchanged_ms=${Math.round(report.unchanged.ms)} max_stall_ms=${Math.round(stall)} events=${EVENTS} streams=${STREAMS}`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(jsDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
