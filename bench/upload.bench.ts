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
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { BenchServer, logIn, startBenchServer } from './support/bench-server';
import { benchKey, clueBody } from './support/command-mix';

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

/** Uploads `size` bytes (a PDF header, then the pattern) as the multipart field `file`; resolves with the answer. */
const upload = (
  server: BenchServer,
  token: string,
  clueId: string,
  size: number,
  pattern: Buffer,
): Promise<{ readonly status: number; readonly body: string }> =>
  new Promise((resolve, reject) => {
    const boundary = `xj${benchKey()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const url = new URL(`${server.baseUrl}/api/v1/clues/${clueId}/attachments`);
    const req = request(
      {
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
          'idempotency-key': benchKey(),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
      },
    );
    req.on('error', reject);
    const pdf = Buffer.from('%PDF-1.7\n');
    req.write(head);
    req.write(pdf);
    let sent = pdf.length;
    const pump = (): void => {
      while (sent < size) {
        const chunk = pattern.subarray(0, Math.min(CHUNK, size - sent));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });

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
      const answer = await upload(server, office, clueId, size, pattern);
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
