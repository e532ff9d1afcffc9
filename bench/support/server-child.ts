/**
 * The API as `npm run start:prod` runs it (compiled JavaScript, embedded stores in DATA_DIR,
 * LOG_LEVEL silent), listening on 127.0.0.1 on a random port, in a process of its own: what a
 * benchmark measures is then the server alone, not the server sharing an event loop with the
 * load generator. Tells the parent its port; closes on request. The per-user read limit is lifted
 * unless READ_RATE_PER_SECOND / READ_BURST are given: a benchmark reads as one or a few users as
 * fast as the server answers, which the limit (20/s by default) exists to stop.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { loadAppConfig } from '@xj/composition';
import { createApp, shutDownGracefully } from '../../apps/api/src/bootstrap';

/** BENCH_MEM_TRACE=<file>: one JSON line of process.memoryUsage() every 20 ms (where a benchmark's memory goes). */
const traceMemory = (file: string | undefined): void => {
  if (!file) return;
  setInterval(() => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), rss, heapTotal, heapUsed, external, arrayBuffers })}\n`);
  }, 20).unref();
};

/**
 * BENCH_CPU_PROFILE=<file>: the server's CPU profile from its start to the close request (--cpu-prof
 * loses it when the close outlasts the parent's patience and the child is killed).
 */
const profileCpu = (file: string | undefined): (() => Promise<void>) => {
  if (!file) return () => Promise.resolve();
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  return () =>
    new Promise((resolve) =>
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(file, JSON.stringify(result.profile));
        resolve();
      }),
    );
};

const main = async (): Promise<void> => {
  traceMemory(process.env.BENCH_MEM_TRACE);
  const stopProfile = profileCpu(process.env.BENCH_CPU_PROFILE);
  const config = loadAppConfig({
    DATA_DIR: process.env.DATA_DIR,
    // The benchmarks log in as the demo accounts: demo mode, said by the parent (DEMO=1).
    DEMO: process.env.DEMO,
    LOG_LEVEL: 'silent',
    SHUTDOWN_GRACE_SECONDS: process.env.SHUTDOWN_GRACE_SECONDS,
    READ_RATE_PER_SECOND: process.env.READ_RATE_PER_SECOND ?? '1000000',
    READ_BURST: process.env.READ_BURST ?? '1000000',
  });
  // BENCH_CLOCK_START: the API's clock runs from that instant (a generated log's business time),
  // not from the wall clock's now, whose deadline ticker would first fire months of alarms the
  // generated log never fired for every open case.
  const clockStart = process.env.BENCH_CLOCK_START ? Date.parse(process.env.BENCH_CLOCK_START) : undefined;
  const startedAt = Date.now();
  const clock =
    clockStart === undefined || Number.isNaN(clockStart)
      ? undefined
      : { now: () => new Date(clockStart + (Date.now() - startedAt)) };
  const app = await createApp(config, { quiet: true, ...(clock ? { clock } : {}) });
  // As main.ts: the load generator's keep-alive connections must not hold the close up.
  const stop = shutDownGracefully(app, config.shutdownGraceSeconds * 1000);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.once('message', () => {
    void stopProfile().then(() => stop('close requested'));
  });
  process.send?.({ port });
};

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
    process.exit(1),
  );
});
