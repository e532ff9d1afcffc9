/**
 * `npm run bench:upload` — evidence upload throughput (issue 19 §1): one file of BENCH_UPLOAD_MB
 * (50 MiB) uploaded BENCH_UPLOADS (3) times, each time other bytes (so each is hashed, written,
 * fsynced and renamed into DATA_DIR/blobs; none is deduplicated), to a clue over HTTP as
 * multipart/form-data, and attached (EvidenceAttached appended).
 *
 * Starts the real application in a child process (compiled JavaScript as `npm run start:prod`,
 * embedded SQLite and blob store on a fresh temp DATA_DIR, LOG_LEVEL silent). The time of one
 * upload runs from the first byte sent to the answer; upload_mb_per_s is the file's MiB over the
 * median time. The server's peak resident memory (VmHWM from /proc) is printed beside it: the
 * file is streamed, so it stays far below the file's size times the uploads.
 * TMPDIR=/dev/shm puts the data directory on tmpfs (fsync free) to tell disk from CPU.
 *
 * A benchmark, not a test: the target (>= 50 MB/s for a 50 MiB upload) is read off the last line.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { logIn, startBenchServer } from './support/bench-server';
import { benchKey, clueBody } from './support/command-mix';
import { uploadFile } from './support/upload';

const MIB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_UPLOAD_MB ?? 50);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 3);
const CHUNK = 256 * 1024;

/** Kilobytes of the process's peak resident set, from /proc; undefined where there is none. */
const peakRssKb = (pid: number | undefined): number | undefined => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) : undefined;
  } catch {
    return undefined;
  }
};

const main = async (): Promise<void> => {
  const server = await startBenchServer();
  try {
    console.log(
      `server: child process ${server.pid} (compiled JS); embedded SQLite and blobs in ${server.dataDir}; node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(2)} (other processes skew the figures)`,
    );
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
      // Other bytes each time: every upload is stored, none deduplicated.
      const pattern = randomBytes(CHUNK);
      const started = process.hrtime.bigint();
      const answer = await uploadFile(server, office, clueId, size, pattern);
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      if (answer.status !== 200) throw new Error(`upload ${n + 1} answered ${answer.status}: ${answer.body}`);
      seconds.push(elapsed);
      console.log(
        `upload ${n + 1}: ${SIZE_MB} MiB in ${elapsed.toFixed(3)} s (${(SIZE_MB / elapsed).toFixed(1)} MiB/s)`,
      );
    }
    const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)] ?? Number.NaN;
    const peak = peakRssKb(server.pid);
    console.log(`server peak resident memory: ${peak === undefined ? 'n/a' : `${(peak / 1024).toFixed(0)} MiB`}`);
    console.log(
      `RESULT upload_mb_per_s=${(size / 1e6 / median).toFixed(1)} upload_mib_per_s=${(SIZE_MB / median).toFixed(1)} file_mib=${SIZE_MB} uploads=${UPLOADS} server_peak_rss_mib=${peak === undefined ? 'n/a' : (peak / 1024).toFixed(0)}`,
    );
  } finally {
    await server.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
