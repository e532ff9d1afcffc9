/**
 * `npm run bench:replay` — rebuilding the read models from the event log, and restarting on them.
 *
 *   1. Generation (not measured): BENCH_EVENTS (1,000,000) events from about BENCH_CLUES (50,000)
 *      clue cases spread over Panjin and its four counties through 2026, decided by the real
 *      deciders (bench/replay/*-lifecycle.ts) and appended, one stream's consecutive events per
 *      append, into a fresh embedded event store (staged on /dev/shm when there is one, because
 *      every append is an fsync'd transaction, then copied into the temp DATA_DIR on disk).
 *   2. Replay, in a forked child (compiled JavaScript): every case read model built from zero by
 *      the API's ProjectionRunner into a fresh read-model store in DATA_DIR, until every
 *      checkpoint is at the last position. replay_events_per_s = events / wall time of that;
 *      peak_rss_mb = the child's RSS, sampled every 50 ms over the same span. The child also
 *      reports its CPU time over that span (steadier than wall time on a shared machine), and then
 *      builds the deadline timer index from zero, timed on its own (a running system's index
 *      follows the log live, so the restart finds it current), then fires the alarms due by the
 *      restart's clock that the generator never fired (a running system fired each on its day) and
 *      brings the read models to them.
 *   3. Restart, twice: the API spawned on DATA_DIR (compiled JavaScript, as `npm run start:prod`),
 *      its clock starting on the morning after the log's last business day (BENCH_CLOCK_START).
 *      ready_after_restart_ms = from spawn until /health/ready answers 200 with every projection
 *      live at the last position (resumed from the checkpoints, no replay) AND the first page of the
 *      clue ledger (GET /api/v1/ledgers/clues, as the auditor, which loads that whole collection)
 *      has been answered. The second restart times GET /api/v1/statistics instead, which loads
 *      three collections; it is printed, not in the RESULT line (bench/replay/restart.ts).
 * Targets (read off the RESULT line, not asserted): >= 50,000 events/s, <= 512 MB, <= 3,000 ms.
 *
 * BENCH_EVENTS_CACHE=<dir>: keep the generated log there, and reuse it on the next run with the
 * same BENCH_EVENTS, BENCH_CLUES and BENCH_SEED (for profiling). BENCH_CPU_PROF=<dir>: the replay
 * child writes a V8 CPU profile there. BENCH_KEEP=1 keeps the temp directories.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAppConfig } from '@xj/composition';
import { EVENTS_DB_FILENAME } from '@xj/sqlite-event-store';
import {
  DemoCredential,
  seedDemoAccountsOnFirstStart,
  TokenService,
  tokenVerifierConfigOf,
} from '../apps/api/src/bootstrap';
import { runReportingChild } from './support/child-report';
import { compileTree, CompiledTree } from './support/compile';
import { generateEvents, GenerateResult } from './replay/generate';
import type { ReplayReport } from './replay/replay-child';
import { measureRestart } from './replay/restart';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CLUES = Number(process.env.BENCH_CLUES ?? 50_000);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const CACHE = process.env.BENCH_EVENTS_CACHE;
const CPU_PROF = process.env.BENCH_CPU_PROF;
const KEEP = process.env.BENCH_KEEP === '1';
/**
 * The office's morning after the log's last business day (as bench:ui): the clock of the alarms the
 * replay child fires and of the restarted API. On the wall clock every open case would be months
 * overdue, and the first start would fire the alarms the generated log never fired.
 */
const morningAfter = (day: string): string => new Date(Date.parse(`${day}T08:30:00+08:00`) + 86_400_000).toISOString();

/** The office's main list (线索台账), first page, newest first: it loads the whole clue ledger. */
const LEDGER_PAGE = '/api/v1/ledgers/clues?limit=20';
const STATISTICS = '/api/v1/statistics';

type Generated = Pick<GenerateResult, 'events' | 'appends' | 'cluesRegistered' | 'types' | 'reached'> & {
  readonly lastPosition: string;
};

/** How many cases of each kind the log holds, and how some of them went. */
const describe = (types: Readonly<Record<string, number>>): string => {
  const n = (type: string): string => (types[type] ?? 0).toLocaleString('en');
  return (
    `${n('ReferralDrafted')} referrals (${n('ReferralPartiallyAccepted')} partly accepted with a forwarded part, ${n('ReferralForwarded')} forwarded, ` +
    `${n('ReferralReturned')} returned and re-routed, ${n('CaseFiled')} cases filed, ${n('TypicalCasePublished')} typical cases, ${n('ReferralClosed')} closed); ` +
    `${n('RectificationItemAssigned')} rectification items (${n('RectificationReopened')} reopenings, ${n('ItemClosed')} closures); ` +
    `${n('ClueDismissed')} clues dismissed, ${n('ClueClosed')} closed, ${n('ClueReopened')} reopened; ${n('EscalationRaised')} escalations`
  );
};

/** Phase 1, or the cached log of an earlier run with the same parameters. */
const provideLog = async (dataDir: string): Promise<Generated> => {
  const key = `events-${EVENTS}-clues-${CLUES}-seed-${SEED}`;
  const cached = CACHE && join(CACHE, key);
  if (cached && existsSync(join(cached, 'meta.json'))) {
    copyFileSync(join(cached, EVENTS_DB_FILENAME), join(dataDir, EVENTS_DB_FILENAME));
    console.log(`log: reused ${cached}`);
    return JSON.parse(readFileSync(join(cached, 'meta.json'), 'utf8')) as Generated;
  }
  const stage = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/xj-bench-replay-') : dataDir;
  const started = performance.now();
  try {
    const result = await generateEvents({
      dataDir: stage,
      events: EVENTS,
      clues: CLUES,
      seed: SEED,
      onProgress: (n) =>
        process.stdout.write(
          `\rgenerating: ${n.toLocaleString('en')} events, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        ),
    });
    process.stdout.write('\n');
    if (stage !== dataDir) copyFileSync(join(stage, EVENTS_DB_FILENAME), join(dataDir, EVENTS_DB_FILENAME));
    const generated: Generated = { ...result, lastPosition: result.lastPosition.toString() };
    if (cached) {
      mkdirSync(cached, { recursive: true });
      copyFileSync(join(dataDir, EVENTS_DB_FILENAME), join(cached, EVENTS_DB_FILENAME));
      writeFileSync(join(cached, 'meta.json'), JSON.stringify(generated));
    }
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return generated;
  } finally {
    if (stage !== dataDir) rmSync(stage, { recursive: true, force: true });
  }
};

const replay = (tree: CompiledTree, dataDir: string, log: Generated): Promise<ReplayReport> =>
  runReportingChild<ReplayReport>(
    tree,
    'bench/replay/replay-child.ts',
    {
      DATA_DIR: dataDir,
      LAST_POSITION: log.lastPosition,
      EVENT_COUNT: String(log.events),
      CLOCK_START: morningAfter(log.reached),
    },
    CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [],
  );

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xj-bench-replay-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-bench-replay-js-'));
  try {
    const config = loadAppConfig({ DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'silent' });
    const credentials: readonly DemoCredential[] = (await seedDemoAccountsOnFirstStart(config)) ?? [];
    const tree = compileTree(jsDir);
    console.log(
      `DATA_DIR ${dataDir}; node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(2)} (other processes skew the figures); children run compiled JS from ${jsDir}`,
    );

    const log = await provideLog(dataDir);
    console.log(
      `log: ${log.events.toLocaleString('en')} events in ${log.appends.toLocaleString('en')} appends, ${log.cluesRegistered.toLocaleString('en')} clues registered, business time up to ${log.reached}`,
    );
    console.log(`log: ${describe(log.types)}`);

    const report = await replay(tree, dataDir, log);
    const eventsPerS = Math.round(report.events / (report.wallMs / 1000));
    console.log(
      `replay: ${report.events.toLocaleString('en')} events in ${(report.wallMs / 1000).toFixed(2)} s = ${eventsPerS.toLocaleString('en')} events/s; peak RSS ${report.peakRssMb} MB (sampled every 50 ms; child's lifetime maxRSS ${report.maxRssMb} MB)`,
    );
    console.log(
      `replay: CPU ${(report.cpuMs / 1000).toFixed(2)} s over the replay (every thread of the child) = ${Math.round(report.events / (report.cpuMs / 1000)).toLocaleString('en')} events per CPU-second`,
    );
    console.log(
      `timer index from zero (each case folded once): ${report.timers.toLocaleString('en')} open deadlines in ${(report.timerIndexMs / 1000).toFixed(2)} s = ${Math.round(report.events / (report.timerIndexMs / 1000)).toLocaleString('en')} events/s`,
    );
    console.log(
      `alarms up to the restart's clock (${morningAfter(log.reached)}): ${report.alarms.toLocaleString('en')} fired, read models and timer index brought to them, in ${(report.alarmsMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `replay check: ${report.clueLedgerDocuments.toLocaleString('en')} clue-ledger lines (${log.cluesRegistered.toLocaleString('en')} clues), ${report.parked} parked events${report.errors.length ? `; errors: ${report.errors.join(' | ')}` : ''}`,
    );
    if (report.clueLedgerDocuments !== log.cluesRegistered || report.parked > 0)
      throw new Error('the rebuilt read models do not match the log');

    // Signed before the API starts, with the key pair it will use: the restart is timed without a login.
    const auditor = await new TokenService(tokenVerifierConfigOf(config)).issue({
      userId: 'user-auditor',
      role: 'Auditor',
      orgId: 'panjin.audit',
      position: 'Staff',
    });
    const password = credentials.find((c) => c.username === 'auditor')?.password ?? '';
    const restart = (query: string) =>
      measureRestart(
        tree,
        dataDir,
        BigInt(report.lastPosition),
        auditor.token,
        password,
        query,
        morningAfter(log.reached),
      );
    const ledger = await restart(LEDGER_PAGE);
    console.log(
      `restart: listening after ${ledger.listeningMs} ms; /health/ready with every projection live at the last position after ${ledger.healthReadyMs} ms; ` +
        `GET ${LEDGER_PAGE} (auditor, ${ledger.total.toLocaleString('en')} lines) answered after ${ledger.queryMs} ms (slowest health answer meanwhile: ${ledger.slowestHealthMs} ms); then a password login took ${ledger.loginMs} ms`,
    );
    const statistics = await restart(STATISTICS);
    console.log(
      `restart again: /health/ready live after ${statistics.healthReadyMs} ms; GET ${STATISTICS} (auditor, the whole year: ${statistics.total.toLocaleString('en')} clues, ` +
        `loading the clue ledger, the inbox and the rectification ledger) answered after ${statistics.queryMs} ms (slowest health answer meanwhile: ${statistics.slowestHealthMs} ms)`,
    );
    console.log(
      `ready_after_restart_ms = spawn to health ready + the first clue-ledger page (${ledger.readyMs} ms); with the statistics instead: ${statistics.readyMs} ms`,
    );
    console.log(
      `RESULT replay_events_per_s=${eventsPerS} peak_rss_mb=${Math.round(report.peakRssMb)} ready_after_restart_ms=${ledger.readyMs}`,
    );
  } finally {
    if (!KEEP) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(jsDir, { recursive: true, force: true });
    }
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
