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
 *      peak_rss_mb = the child's RSS, sampled every 50 ms over the same span.
 *   3. Restart: the API spawned on DATA_DIR (see bench/replay/restart.ts for exactly what
 *      ready_after_restart_ms measures: health ready with every projection live at the last
 *      position, and the statistics of the whole year answered).
 * Targets (read off the RESULT line, not asserted): >= 50,000 events/s, <= 512 MB, <= 3,000 ms.
 *
 * BENCH_EVENTS_CACHE=<dir>: keep the generated log there, and reuse it on the next run with the
 * same BENCH_EVENTS, BENCH_CLUES and BENCH_SEED (for profiling). BENCH_CPU_PROF=<dir>: the replay
 * child writes a V8 CPU profile there. BENCH_KEEP=1 keeps the temp directories.
 */
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EVENTS_DB_FILENAME } from '@xj/sqlite-event-store';
import { DemoCredential, seedDemoAccounts } from '../apps/api/src/auth/demo-accounts';
import { TokenService } from '../apps/api/src/auth/token-service';
import { UserStore } from '../apps/api/src/auth/user-store';
import { dataFile, loadAppConfig } from '../apps/api/src/config/app-config';
import { compileTree, CompiledTree } from './replay/compile';
import { generateEvents, GenerateResult } from './replay/generate';
import type { ReplayReport } from './replay/replay-child';
import { measureRestart } from './replay/restart';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CLUES = Number(process.env.BENCH_CLUES ?? 50_000);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const CACHE = process.env.BENCH_EVENTS_CACHE;
const CPU_PROF = process.env.BENCH_CPU_PROF;
const KEEP = process.env.BENCH_KEEP === '1';

type Generated = Pick<GenerateResult, 'events' | 'appends' | 'cluesRegistered' | 'reached'> & { readonly lastPosition: string };

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
      onProgress: (n) => process.stdout.write(`\rgenerating: ${n.toLocaleString('en')} events, ${((performance.now() - started) / 1000).toFixed(0)} s`),
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
  new Promise((resolve, reject) => {
    const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
    const child = fork(tree.file('bench/replay/replay-child.ts'), [], {
      env: { ...tree.env, DATA_DIR: dataDir, LAST_POSITION: log.lastPosition, EVENT_COUNT: String(log.events) },
      execArgv: [...profile, '-r', tree.preload],
    });
    child.once('message', (message: { report?: ReplayReport; error?: string }) =>
      message.report ? resolve(message.report) : reject(new Error(`replay failed: ${message.error ?? 'unknown'}`)),
    );
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the replay child exited with ${code}`))));
  });

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xj-bench-replay-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-bench-replay-js-'));
  try {
    const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const credentials: readonly DemoCredential[] = (await seedDemoAccounts(new UserStore(dataFile(config, 'users.json')), dataFile(config, 'demo-credentials.json'))) ?? [];
    const tree = compileTree(jsDir);
    console.log(`DATA_DIR ${dataDir}; node ${process.version}, ${cpus().length} CPUs; children run compiled JS from ${jsDir}`);

    const log = await provideLog(dataDir);
    console.log(`log: ${log.events.toLocaleString('en')} events in ${log.appends.toLocaleString('en')} appends, ${log.cluesRegistered.toLocaleString('en')} clues registered, business time up to ${log.reached}`);

    const report = await replay(tree, dataDir, log);
    const eventsPerS = Math.round(report.events / (report.wallMs / 1000));
    console.log(`replay: ${report.events.toLocaleString('en')} events in ${(report.wallMs / 1000).toFixed(2)} s = ${eventsPerS.toLocaleString('en')} events/s; peak RSS ${report.peakRssMb} MB (sampled every 50 ms; child's lifetime maxRSS ${report.maxRssMb} MB)`);
    console.log(`replay check: ${report.clueLedgerDocuments.toLocaleString('en')} clue-ledger lines (${log.cluesRegistered.toLocaleString('en')} clues), ${report.parked} parked events${report.errors.length ? `; errors: ${report.errors.join(' | ')}` : ''}`);
    if (report.clueLedgerDocuments !== log.cluesRegistered || report.parked > 0) throw new Error('the rebuilt read models do not match the log');

    const auditor = await new TokenService({ kind: 'embedded', keyFile: dataFile(config, 'jwt-ed25519.pem'), issuer: config.auth.issuer, audience: config.auth.audience, ttlSeconds: 3600 }).issue({
      userId: 'user-auditor',
      role: 'Auditor',
      orgId: 'panjin.audit',
      position: 'Staff',
    });
    const password = credentials.find((c) => c.username === 'auditor')?.password ?? '';
    const restart = await measureRestart(tree, dataDir, BigInt(log.lastPosition), auditor.token, password);
    console.log(
      `restart: listening after ${restart.listeningMs} ms; /health/ready with every projection live at the last position after ${restart.healthReadyMs} ms; ` +
        `GET /api/v1/statistics (auditor, ${restart.cluesInStatistics.toLocaleString('en')} clues) answered after ${restart.statisticsMs} ms; then a password login took ${restart.loginMs} ms`,
    );
    console.log(`RESULT replay_events_per_s=${eventsPerS} peak_rss_mb=${Math.round(report.peakRssMb)} ready_after_restart_ms=${restart.readyMs}`);
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
