/**
 * What each case read model costs in a rebuild, in CPU (for profiling `npm run bench:replay`):
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/replay/projection-costs.ts <events.sqlite> [names]
 *
 * over a log the replay benchmark cached (BENCH_EVENTS_CACHE=<dir>: <dir>/events-…/events.sqlite; the
 * 100,000-event one, BENCH_EVENTS=100000 BENCH_CLUES=5000, takes seconds). On one thread, as one share
 * of the partitioned build runs on a worker (buildPartitioned, every partition of the log, commits of
 * 500 partitions into a fresh read-model file in a temp directory): all the case projections together,
 * then each alone, then none (reading and decoding the events only). CPU time of this process, which
 * a shared machine disturbs far less than wall time. `names` (comma-separated) builds only those,
 * together. The log is copied first: opening it does not touch the cache. Last line:
 * `RESULT all_us_per_event=… read_us_per_event=… <projection>_us_per_event=…`.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchContext, buildPartitioned, CASE_PARTITIONED, DocumentCache, systemClock } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { READ_MODELS_DB_FILENAME, SqliteReadModelStore } from '@xj/sqlite-read-models';

const measure = async (
  events: SqliteEventStore,
  partitions: readonly (readonly string[])[],
  through: bigint,
  names: readonly string[],
  dir: string,
): Promise<number> => {
  const file = join(dir, `${names.join('+') || 'none'}-${READ_MODELS_DB_FILENAME}`);
  const store = new SqliteReadModelStore({ filename: file });
  const targets: BatchContext[] = names.map((name) => {
    const projection = CASE_PARTITIONED.projections.find((candidate) => candidate.name === name);
    if (projection === undefined) throw new Error(`No case projection named ${name}.`);
    return {
      store,
      projection,
      version: 1,
      cache: new DocumentCache(0),
      retry: { attempts: 1, baseDelayMs: 0 },
      clock: systemClock,
      sleep: () => Promise.resolve(),
    };
  });
  const before = process.cpuUsage();
  try {
    const parked = await buildPartitioned(events, partitions, targets, through, {
      partitionsPerCommit: 500,
      running: () => true,
    });
    if (parked?.some((count) => count > 0)) throw new Error(`Events parked: ${JSON.stringify(parked)}.`);
    const { user, system } = process.cpuUsage(before);
    return (user + system) / Number(through);
  } finally {
    await store.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
};

const main = async (): Promise<void> => {
  const [source, only] = process.argv.slice(2);
  if (source === undefined) throw new Error('Usage: projection-costs.ts <events.sqlite> [names]');
  const dir = mkdtempSync(join(tmpdir(), 'xj-projection-costs-'));
  copyFileSync(source, join(dir, EVENTS_DB_FILENAME));
  const events = new SqliteEventStore({ filename: join(dir, EVENTS_DB_FILENAME) });
  try {
    const through = await events.lastPosition();
    if (through === undefined) throw new Error('The log is empty.');
    const partitions = await CASE_PARTITIONED.partitioning.partitions(events, through);
    const all = CASE_PARTITIONED.projections.map((projection) => projection.name);
    const runs: [string, readonly string[]][] = only
      ? [[only, only.split(',')]]
      : [['all', all], ...all.map((name): [string, string[]] => [name, [name]]), ['read', []]];
    const figures: string[] = [];
    for (const [label, names] of runs) {
      const us = await measure(events, partitions, through, names, dir);
      console.log(
        `${label.padEnd(24)} ${us.toFixed(1).padStart(6)} µs CPU per event (${Math.round(1e6 / us).toLocaleString('en')} events per CPU-second)`,
      );
      figures.push(`${label}_us_per_event=${us.toFixed(1)}`);
    }
    console.log(
      `${through.toLocaleString('en')} events, ${partitions.length.toLocaleString('en')} cases, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
    );
    console.log(`RESULT ${figures.join(' ')}`);
  } finally {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
