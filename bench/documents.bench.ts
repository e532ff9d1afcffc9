/**
 * `npm run bench:documents` — papers and files (issue 19 "Done means"): a 100,000-line clue ledger
 * exported to XLSX through the API, the import of a legacy ledger, and a 50 MiB evidence upload.
 *
 * Export: BENCH_DOCUMENT_ROWS (100,000) clues are appended straight into a fresh embedded event
 * store (each the registration append of bench:replay's generated clue case, registered over the
 * last days before the API's clock, so no deadline falls due and the ticker writes nothing
 * meanwhile); seeding is not measured. The real application then starts in a child process
 * (compiled JavaScript as `npm run start:prod`, LOG_LEVEL silent), catches its read models up, is
 * started again over them (what the catch-up of 100,000 clues at once leaves allocated is not the
 * export's), and the auditor (who sees every clue) downloads GET /api/v1/ledgers/clues/export.xlsx. The time runs
 * from the request to the file's last byte, so it includes the query (the read-model store's
 * export cursor) and the export's access-log record (one record listing every exported clue,
 * stored before the file's last bytes, as the rule says). BENCH_EXPORTS (3) exports;
 * xlsx_export_rows_per_s is the file's rows over the median time. xlsx_rss_mb is the API
 * process's peak resident memory (VmRSS from /proc, sampled every 20 ms) during the exports; its
 * resident memory just before is printed too (the API as the product starts it: the export reads
 * SQLite through the cursor and never loads the read models' collection cache).
 * xlsx_export_rows_per_cpu_s is the rows over the API process's CPU time (/proc/<pid>/stat) in
 * the median export: on a shared machine the wall time says more about the neighbours.
 *
 * Import: import_rows_per_s is the ledger import's rate (bench/documents/import-phase.ts): a
 * generated clue ledger of BENCH_IMPORT_ROWS (10,000) lines imported into a fresh embedded store in
 * its own data directory, after the API above has stopped (the importer opens the store itself).
 *
 * Upload: one file of BENCH_UPLOAD_MB (50 MiB) uploaded to a clue over HTTP, as bench:upload does
 * (support/upload.ts), BENCH_UPLOADS (3) times with other bytes; upload_mb_per_s over the median.
 *
 * The exports start once the API's start-up integrity verification is over (it walks every stored
 * event; the first export used to share the process with it). Probes (bench only): BENCH_MEM_TRACE=<file>
 * (the API's process.memoryUsage() every 20 ms; the log gives each export's epoch span),
 * BENCH_CPU_PROFILE=<file> (the API's CPU profile), BENCH_NODE_ARGS (node flags for the API, e.g.
 * --trace-gc), BENCH_DOCUMENT_DIR=<dir> (a data directory seeded once and kept for the next runs).
 *
 * A benchmark, not a test: the targets (export >= 20,000 rows/s within 200 MB RSS, import >= 2,000
 * rows/s, upload >= 50 MB/s) are read off the last line.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { Clock } from '@xj/application';
import { loadAppConfig } from '@xj/composition';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { DEMO_CREDENTIALS_FILENAME, DemoCredential, seedDemoAccountsOnFirstStart } from '../apps/api/src/bootstrap';
import { clueLifecycle } from './replay/clue-lifecycle';
import { Random, epochOf } from './replay/world';
import { BenchServer, logIn } from './support/bench-server';
import { benchKey, clueBody } from './support/command-mix';
import { compileTree } from './support/compile';
import { forkServer } from './support/server-process';
import { uploadFile } from './support/upload';
import { importPhase } from './documents/import-phase';

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

const ROWS = Number(process.env.BENCH_DOCUMENT_ROWS ?? 100_000);
const SIZE_MB = Number(process.env.BENCH_UPLOAD_MB ?? 50);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 3);
const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 3);
const MIB = 1024 * 1024;
/** The clues are registered on days FIRST_DAY.. of 2026 (day 0 = 1 January); the API's clock starts the day after. */
const FIRST_DAY = 334;
const DAYS = 6;
const CLOCK_START = new Date(epochOf(FIRST_DAY + DAYS, 8 * 60)).toISOString();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM); undefined where there is none. */
const procKb = (pid: number | undefined, field: string): number | undefined => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/g, '')) : undefined;
  } catch {
    return undefined;
  }
};

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat; 0 where there is none. */
const cpuSeconds = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

const mb = (kb: number | undefined): string => (kb === undefined ? 'n/a' : (kb / 1024).toFixed(0));

/**
 * The registration append of `rows` generated clue cases, straight into a store on tmpfs (fsync
 * costs nothing there: seeding is not measured), then copied into the data directory once closed.
 */
const seedClues = async (dataDir: string, rows: number): Promise<void> => {
  let now = epochOf(FIRST_DAY, 0);
  const clock: Clock = { now: () => new Date(now) };
  const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'xj-bench-documents-seed-'));
  const store = new SqliteEventStore({ filename: join(scratch, EVENTS_DB_FILENAME), clock });
  try {
    for (let n = 0; n < rows; n += 1) {
      const clueId = `2026-${String(n + 1).padStart(6, '0')}`;
      const day = FIRST_DAY + Math.floor((n * DAYS) / rows);
      const first = clueLifecycle(new Random(7 * 1_000_003 + n), clueId, day).next();
      if (first.done) throw new Error(`clue ${clueId} generated nothing`);
      now = first.value.epoch;
      await store.append(first.value.streamId, first.value.events, first.value.expected);
    }
  } finally {
    await store.close();
  }
  // Closing checkpoints the WAL; whatever files remain make up the store.
  for (const name of readdirSync(scratch)) copyFileSync(join(scratch, name), join(dataDir, name));
  rmSync(scratch, { recursive: true, force: true });
};

interface Health {
  readonly info?: {
    readonly projections?: { readonly projections?: Record<string, { state: string; lag: number }> };
    readonly integrity?: { readonly verification?: string };
  };
}

/** The start's verification of the event store (a walk of every stored event) still running. */
const VERIFYING = new Set(['pending', 'verifying']);

/**
 * Waits until every projection is live with no lag (the ledger the export reads is complete) and
 * the start's integrity verification is over: it walks and hashes every stored event (~6 CPU-seconds
 * and a few hundred MiB of garbage for 100,000 clues), which the first export otherwise shared.
 * `parkedOk`: a kept data directory may hold a parked event of an earlier run (degraded, no lag).
 */
const caughtUp = async (baseUrl: string, parkedOk = false): Promise<void> => {
  for (;;) {
    const res = await fetch(`${baseUrl}/health/ready`);
    const body = (await res.json()) as Health;
    const projections = Object.values(body.info?.projections?.projections ?? {});
    const live = (state: string): boolean => state === 'live' || (parkedOk && state === 'degraded');
    const verifying = VERIFYING.has(body.info?.integrity?.verification ?? '');
    if (
      res.status === 200 &&
      !verifying &&
      projections.length > 0 &&
      projections.every((p) => live(p.state) && p.lag === 0)
    )
      return;
    await sleep(250);
  }
};

/** Downloads the export; resolves with its bytes, the time to the first and to the last byte, and the peak RSS meanwhile. */
const download = (
  baseUrl: string,
  token: string,
  pid: number | undefined,
): Promise<{ readonly file: Buffer; readonly firstByteS: number; readonly seconds: number; readonly peakKb: number }> =>
  new Promise((resolve, reject) => {
    let peakKb = 0;
    const sample = (): void => {
      peakKb = Math.max(peakKb, procKb(pid, 'VmRSS') ?? 0);
    };
    const sampler = setInterval(sample, 20);
    const started = process.hrtime.bigint();
    const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    let firstByteS = 0;
    const url = new URL(`${baseUrl}/api/v1/ledgers/clues/export.xlsx`);
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { authorization: `Bearer ${token}` },
        // A connection of its own: node's agent keeps sockets alive, and reusing one the server closes
        // after its keep-alive timeout (5 s, longer than checking the previous file takes) hangs up.
        agent: false,
      },
      (res) => {
        firstByteS = elapsed();
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => {
          const seconds = elapsed();
          clearInterval(sampler);
          sample();
          if (res.statusCode !== 200)
            return reject(new Error(`the export answered ${res.statusCode}: ${Buffer.concat(parts).toString()}`));
          resolve({ file: Buffer.concat(parts), firstByteS, seconds, peakKb });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    req.end();
  });

const exportPhase = async (
  server: BenchServer,
): Promise<{
  readonly rowsPerS: number;
  readonly rowsPerCpuS: number;
  readonly peakKb: number;
  readonly rows: number;
}> => {
  const { auditor = '' } = await logIn(server, ['auditor']);
  const runs: { readonly seconds: number; readonly cpu: number; readonly peakKb: number; readonly rows: number }[] = [];
  for (let run = 1; run <= EXPORTS; run += 1) {
    const beforeKb = procKb(server.pid, 'VmRSS');
    const cpuBefore = cpuSeconds(server.pid);
    const startedAt = Date.now();
    const { file, firstByteS, seconds, peakKb } = await download(server.baseUrl, auditor, server.pid);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const workbook = new Workbook();
    await workbook.xlsx.load(file as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    const rows = (workbook.worksheets[0]?.rowCount ?? 1) - 1;
    if (rows < ROWS) throw new Error(`the export holds ${rows} rows, not ${ROWS}`);
    console.log(
      `export ${run}: ${rows.toLocaleString('en')} rows, ${(file.length / MIB).toFixed(1)} MiB XLSX in ${seconds.toFixed(2)} s ` +
        `(first byte after ${firstByteS.toFixed(2)} s); ` +
        `API resident memory ${mb(beforeKb)} MiB before, peak ${mb(peakKb)} MiB during the export; ` +
        `API CPU ${cpu.toFixed(2)} s; load average ${loadavg()[0]?.toFixed(2)}; epoch ms ${startedAt}..${Date.now()}`,
    );
    runs.push({ seconds, cpu, peakKb, rows });
  }
  const median = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] ?? runs[0];
  if (median === undefined) throw new Error('no export ran');
  return {
    rowsPerS: median.rows / median.seconds,
    rowsPerCpuS: median.rows / Math.max(median.cpu, 0.01),
    peakKb: Math.max(...runs.map((r) => r.peakKb)),
    rows: median.rows,
  };
};

const uploadPhase = async (server: BenchServer): Promise<number> => {
  const { office = '' } = await logIn(server, ['office']);
  const res = await fetch(`${server.baseUrl}/api/v1/clues`, {
    method: 'POST',
    headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json', 'idempotency-key': benchKey() },
    body: clueBody(),
  });
  if (res.status !== 201) throw new Error(`registering the clue failed: ${res.status} ${await res.text()}`);
  const clueId = ((await res.json()) as { id: string }).id;
  const size = Math.round(SIZE_MB * MIB);
  const seconds: number[] = [];
  for (let n = 0; n < UPLOADS; n += 1) {
    const started = process.hrtime.bigint();
    const answer = await uploadFile(server, office, clueId, size, randomBytes(256 * 1024));
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    if (answer.status !== 200) throw new Error(`upload ${n + 1} answered ${answer.status}: ${answer.body}`);
    seconds.push(elapsed);
  }
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)] ?? Number.NaN;
  console.log(`upload: ${UPLOADS} × ${SIZE_MB} MiB, ${seconds.map((s) => s.toFixed(2)).join(' / ')} s`);
  return size / 1e6 / median;
};

const main = async (): Promise<void> => {
  // BENCH_DOCUMENT_DIR: a data directory kept between runs (seeded once), for probing the export again and again.
  const keptDir = process.env.BENCH_DOCUMENT_DIR;
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'xj-bench-documents-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-bench-documents-js-'));
  const importDir = mkdtempSync(join(tmpdir(), 'xj-bench-documents-import-'));
  try {
    const seeding = process.hrtime.bigint();
    const seeded = keptDir !== undefined && existsSync(join(dataDir, EVENTS_DB_FILENAME));
    if (!seeded) await seedClues(dataDir, ROWS);
    console.log(
      `seeded ${ROWS.toLocaleString('en')} clues in ${(Number(process.hrtime.bigint() - seeding) / 1e9).toFixed(1)} s (not measured)`,
    );
    const env = { DATA_DIR: dataDir, DEMO: '1', BENCH_CLOCK_START: CLOCK_START };
    const credentials =
      (await seedDemoAccountsOnFirstStart(loadAppConfig({ ...env, LOG_LEVEL: 'silent' }))) ??
      (seeded ? (JSON.parse(readFileSync(join(dataDir, DEMO_CREDENTIALS_FILENAME), 'utf8')) as DemoCredential[]) : []);
    const tree = compileTree(jsDir);
    // The catch-up of 100,000 clues at once (an artefact of seeding straight into the store) leaves
    // the process's allocator holding what it used; the exports run in an API started again over
    // the caught-up read models, as a running deployment's is (the product's defaults, no flags).
    const first = await forkServer(tree, env);
    try {
      const catchingUp = process.hrtime.bigint();
      await caughtUp(first.baseUrl, seeded);
      console.log(
        `read models caught up in ${(Number(process.hrtime.bigint() - catchingUp) / 1e9).toFixed(1)} s (not measured); ` +
          `API resident memory then ${mb(procKb(first.child.pid, 'VmRSS'))} MiB; restarting it`,
      );
    } finally {
      await first.close();
    }
    const child = await forkServer(tree, env);
    const server: BenchServer = {
      baseUrl: child.baseUrl,
      dataDir,
      credentials,
      pid: child.child.pid,
      close: () => child.close(),
    };
    try {
      await caughtUp(server.baseUrl, seeded);
      console.log(
        `server: child process ${server.pid} (compiled JS), clock from ${CLOCK_START}; resident memory ` +
          `${mb(procKb(server.pid, 'VmRSS'))} MiB once ready; node ${process.version}, ` +
          `${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(2)} (other processes skew the figures)`,
      );
      const exported = await exportPhase(server);
      const uploadMbPerS = await uploadPhase(server);
      await server.close();
      const imported = await importPhase(importDir, IMPORT_ROWS);
      console.log(
        `import: ${imported.rows.toLocaleString('en')} ledger lines in ${imported.seconds.toFixed(1)} s; ` +
          `load average at the end ${loadavg()[0]?.toFixed(2)}`,
      );
      console.log(
        `RESULT xlsx_export_rows_per_s=${exported.rowsPerS.toFixed(0)} xlsx_rss_mb=${mb(exported.peakKb)} ` +
          `import_rows_per_s=${imported.rowsPerS.toFixed(0)} upload_mb_per_s=${uploadMbPerS.toFixed(1)} ` +
          `xlsx_rows=${exported.rows} xlsx_export_rows_per_cpu_s=${exported.rowsPerCpuS.toFixed(0)}`,
      );
    } finally {
      await server.close();
    }
  } finally {
    rmSync(importDir, { recursive: true, force: true });
    if (keptDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    rmSync(jsDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
