/**
 * `npm run bench:deadlines` — the deadline timers at scale (issue 15 §2).
 *
 * In this process, over a fresh temp directory: BENCH_CASES (100,000) open rectification items,
 * each with its 整改时限 (due dates spread over 200 days), appended through the command path to the
 * embedded SQLite event store; the timer indexer then catches up (one timer per item). Measured:
 *
 * - tick_ms_p99: BENCH_IDLE_TICKS (200) ticks with nothing due (the clock before the first reminder);
 * - index_s: the indexer catching up on the whole log (each case folded once per page of events);
 * - fired_per_s: a tick on the day the first reminders of ~500 items a day fall due (three days'
 *   worth), each one a command (load, decide, append) and a mark in the index; and, in the same
 *   run, fired_per_s_sequential: the next such day fired one case at a time (concurrency 1, the
 *   ticker before the concurrent firing) for comparison;
 * - rss_mb: the process's peak resident set size.
 *
 * A benchmark, not a test: targets (tick with nothing due ≤ 5 ms, ≥ 2,000 firings/s, RSS ≤ 300 MB)
 * are read off the last line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandExecutor,
  DeadlineTicker,
  DeadlineTimerIndexer,
  FixedClock,
  createCaseAggregates,
} from '@xj/application';
import { AssignRectificationItem, addDays, createDomainConfig } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteTimerStore } from '@xj/sqlite-read-models';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const IDLE_TICKS = Number(process.env.BENCH_IDLE_TICKS ?? 200);
const SPREAD_DAYS = 200;
const START = '2026-03-02';

const config = createDomainConfig();
const aggregates = createCaseAggregates(config);
const bureau = {
  userId: 'u-bureau',
  role: 'JusticeBureau',
  position: 'Staff',
  orgId: 'panjin.dawa.justice',
  regionId: 'panjin/dawa',
} as const;

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const assign = (i: number): AssignRectificationItem => ({
  type: 'AssignRectificationItem',
  actor: bureau,
  at: `${START}T09:00:00+08:00`,
  itemId: `item-${i}`,
  clueId: `clue-${i}`,
  regionId: 'panjin/dawa',
  agencyOrgId: `agency-${i % 50}`,
  mode: 'Deadline',
  issue: '案卷未载明法律依据',
  measures: '逐案补正',
  dueDate: addDays(START, 30 + (i % SPREAD_DAYS)),
  owner: '张局长',
  responsiblePerson: '李科长',
  evidence: [],
});

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-deadlines-'));
  const clock = new FixedClock(new Date(`${START}T09:00:00+08:00`));
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), clock });
  const timers = new SqliteTimerStore({ filename: join(dir, 'deadline-timers.sqlite') });
  const executor = new CommandExecutor(events);
  const interval = setInterval(sampleRss, 100);
  try {
    let started = Date.now();
    for (let i = 0; i < CASES; i += 1) {
      await executor.execute(aggregates.rectification, `item-${i}`, assign(i), {
        commandId: `assign-${i}`,
        correlationId: `assign-${i}`,
      });
      if (i % 10_000 === 9_999)
        console.log(`  ${i + 1} items appended (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    started = Date.now();
    await new DeadlineTimerIndexer(events, timers, executor, aggregates, config).catchUp();
    const indexSeconds = (Date.now() - started) / 1000;
    console.log(`  indexed ${await timers.count()} timers in ${indexSeconds.toFixed(1)} s`);
    sampleRss();

    // Nothing due: before the first reminder of the earliest due date (START + 30 days).
    const ticker = new DeadlineTicker(timers, executor, aggregates, config, clock, { intervalMs: 60_000 });
    clock.set(new Date(`${addDays(START, 20)}T09:00:00+08:00`));
    const idle: number[] = [];
    for (let i = 0; i < IDLE_TICKS; i += 1) {
      const t0 = process.hrtime.bigint();
      const sent = await ticker.tick();
      idle.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (sent !== 0) throw new Error(`an idle tick sent ${sent} commands`);
    }
    sampleRss();

    // The first reminders due for the items of the first days of the spread: once one case at a
    // time (the ticker before concurrent firing), then, a few days later, as configured.
    const fireOn = async (day: number, concurrency?: number): Promise<{ fired: number; perSecond: number }> => {
      await new DeadlineTimerIndexer(events, timers, executor, aggregates, config).catchUp();
      clock.set(new Date(`${addDays(START, day)}T09:00:00+08:00`));
      const t = new DeadlineTicker(timers, executor, aggregates, config, clock, { intervalMs: 60_000, concurrency });
      const t0 = process.hrtime.bigint();
      const fired = await t.tick();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      sampleRss();
      console.log(`  fired ${fired} in ${seconds.toFixed(2)} s (concurrency ${concurrency ?? 'default'})`);
      return { fired, perSecond: Math.round(fired / seconds) };
    };
    const sequential = await fireOn(32, 1);
    const concurrent = await fireOn(
      36,
      process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined,
    );
    console.log(
      `RESULT timers=${CASES} tick_ms_p99=${percentile(idle, 99).toFixed(3)} fired_per_s=${concurrent.perSecond} fired_per_s_sequential=${sequential.perSecond} fired=${concurrent.fired} index_s=${indexSeconds.toFixed(1)} rss_mb=${Math.round(peakRss / 1024 / 1024)}`,
    );
  } finally {
    clearInterval(interval);
    await timers.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
