/**
 * `npm run bench:http` — HTTP throughput and latency of the API under a realistic command mix.
 *
 * Starts the real application in a child process (compiled JavaScript as `npm run start:prod`,
 * embedded SQLite on a fresh temp DATA_DIR, quiet, LOG_LEVEL silent, 127.0.0.1, random port),
 * logs in two supervisor accounts,
 * pre-creates clues, warms up, then drives it with autocannon:
 *   1. the command mix (support/command-mix.ts): 30 % register clue, 30 % transitions (analysis,
 *      escalation), 40 % GET /api/v1/clues/:id — BENCH_CONNECTIONS (50) connections for
 *      BENCH_SECONDS (10) seconds, each connection sending its next request when the last is answered;
 *   2. GET /health/live with the same connections and duration: the stack (Express, helmet, guard,
 *      pino-http) without case work.
 * Server and autocannon run in separate processes on the same machine; the server's CPU time per
 * phase is printed (from /proc) to show whether it was saturated (100 % = one core: Node runs the
 * application on one thread, and better-sqlite3 fsyncs on it).
 * TMPDIR=/dev/shm puts the data directory on tmpfs (fsync free) to tell disk from CPU; fewer
 * BENCH_CONNECTIONS show the latency below saturation. Every GET of a case is audited: it appends
 * to the access log (two events) before answering.
 *
 * A benchmark, not a test: the targets (>= 1,000 commands/s, p99 <= 25 ms) are read off the last
 * line. With every connection busy, mean latency = connections / throughput (Little's law), so at 50
 * connections a p99 of 25 ms needs well over 2,000 requests/s.
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { BenchServer, logIn, startBenchServer } from './support/bench-server';
import { benchKey, clueBody, commandMix, MixTally } from './support/command-mix';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const PRE_CREATED = 200;

/** Registers `count` clues (10 at a time) for the reads of pre-existing cases. */
const preCreate = async (server: BenchServer, token: string, count: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let done = 0; done < count; done += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - done) }, async () => {
        const res = await fetch(`${server.baseUrl}/api/v1/clues`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': benchKey(),
          },
          body: clueBody(),
        });
        if (res.status !== 201) throw new Error(`pre-creating a clue failed: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
};

const ms = (n: number): string => n.toFixed(2);

/** CPU seconds (user + system) the process has used so far, from /proc; undefined where there is none. */
const cpuSeconds = (pid: number | undefined): number | undefined => {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name; clock ticks of 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};

/** The server's CPU use over a phase, as a share of one core. */
const cpuShare = (pid: number | undefined, before: number | undefined, seconds: number): string => {
  const after = cpuSeconds(pid);
  return before === undefined || after === undefined
    ? 'n/a'
    : `${(((after - before) / seconds) * 100).toFixed(0)} % of one core`;
};

const printMix = (result: autocannon.Result, tally: MixTally): void => {
  const line = (label: string, k: { ok: number; failed: number }) =>
    `  ${label.padEnd(12)} ${String(k.ok).padStart(7)} ok ${String(k.failed).padStart(6)} failed`;
  const all =
    tally.byKind.register.ok +
    tally.byKind.transition.ok +
    tally.byKind.read.ok +
    tally.byKind.register.failed +
    tally.byKind.transition.failed +
    tally.byKind.read.failed;
  const share = (k: { ok: number; failed: number }) => `${(((k.ok + k.failed) / Math.max(all, 1)) * 100).toFixed(0)} %`;
  console.log(`command mix: ${CONNECTIONS} connections, ${result.duration.toFixed(1)} s`);
  console.log(`${line('register', tally.byKind.register)}  (${share(tally.byKind.register)})`);
  console.log(
    `${line('transition', tally.byKind.transition)}  (${share(tally.byKind.transition)}; analysis, escalation)`,
  );
  console.log(`${line('read', tally.byKind.read)}  (${share(tally.byKind.read)}; GET /api/v1/clues/:id)`);
  const failures = [...tally.failures.entries()].map(([k, n]) => `${k} ×${n}`).join(', ');
  console.log(
    `  non-2xx: ${result.non2xx}${failures ? ` (${failures})` : ''}; socket errors: ${result.errors}; timeouts: ${result.timeouts}`,
  );
  console.log(
    `  latency ms: p50 ${ms(result.latency.p50)}  p90 ${ms(result.latency.p90)}  p99 ${ms(result.latency.p99)}  max ${ms(result.latency.max)}`,
  );
};

const main = async (): Promise<void> => {
  const server = await startBenchServer();
  try {
    const tokens = await logIn(server, ['office', 'justice']);
    const readIds = await preCreate(server, tokens['office'] as string, PRE_CREATED);
    console.log(
      `server: child process ${server.pid} (compiled JS); embedded SQLite in ${server.dataDir}; ${server.baseUrl}; node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(2)} (other processes skew the figures)`,
    );
    console.log(`pre-created ${readIds.length} clues; warm-up ${WARMUP_SECONDS} s (not counted)`);
    if (WARMUP_SECONDS > 0) {
      await autocannon({
        url: server.baseUrl,
        connections: CONNECTIONS,
        duration: WARMUP_SECONDS,
        requests: commandMix(Object.values(tokens), readIds).requests,
      });
    }
    const mix = commandMix(Object.values(tokens), readIds);
    const mixCpu = cpuSeconds(server.pid);
    const result = await autocannon({
      url: server.baseUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: mix.requests,
    });
    printMix(result, mix.tally);
    console.log(`  server CPU: ${cpuShare(server.pid, mixCpu, result.duration)}`);
    const commandsPerS = result['2xx'] / result.duration;
    console.log(
      `commands_per_s = successful (2xx) requests of the command mix, reads included, per second: ${commandsPerS.toFixed(0)}`,
    );
    const healthCpu = cpuSeconds(server.pid);
    const health = await autocannon({
      url: `${server.baseUrl}/health/live`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const healthPerS = health['2xx'] / health.duration;
    console.log(
      `baseline GET /health/live: ${CONNECTIONS} connections, ${health.duration.toFixed(1)} s: ${healthPerS.toFixed(0)} req/s, p99 ${ms(health.latency.p99)} ms, ` +
        `non-2xx ${health.non2xx}; server CPU: ${cpuShare(server.pid, healthCpu, health.duration)}`,
    );
    console.log(
      `RESULT commands_per_s=${commandsPerS.toFixed(0)} p99_ms=${ms(result.latency.p99)} health_per_s=${healthPerS.toFixed(0)}`,
    );
  } finally {
    await server.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
