/**
 * `npm run bench:reads` — what auditing reads costs: reads per second, and bytes the access log
 * adds to the store on disk per audited read.
 *
 * Starts the real application in a child process (compiled JavaScript as `npm run start:prod`,
 * embedded SQLite on a fresh temp DATA_DIR, LOG_LEVEL silent), pre-creates clues, then two accounts
 * (`office`, `justice`) read case details as fast as they can with autocannon — BENCH_CONNECTIONS
 * (50) connections for BENCH_SECONDS (10) seconds, each sending its next request when the last is
 * answered: half the reads are allowed (GET /api/v1/clues/:id of a pre-created clue: 200), half are
 * denied (the same route with a random id that does not exist: 404). Every one of them is audited
 * before it is answered; a read the log could not record answers 503 and is not counted.
 *
 * access_log_bytes_per_read is the growth of the event store ON DISK (events.sqlite after a WAL
 * checkpoint that empties the WAL, so the file holds everything) over the measured phase divided by
 * the audited reads (200 + 404 answers) of that phase. Nothing else writes to the event store while
 * it runs, so all of the growth is the access log. For comparison it also prints the bytes of the
 * new rows themselves (every column, UTF-8), which leaves out SQLite's page and index overhead.
 *
 * Then, in this process, a query over a large log (support/access-log-query.ts): BENCH_QUERY_RECORDS
 * (1,000,000) reads in one day's segment, one case's entries over the whole day and over one hour
 * (0 skips it; the code before #13 has no segments to query this way).
 *
 * A benchmark, not a test: the target (<= 200 bytes per audited read, no drop in reads/s against the
 * code before #13) is read off the last line.
 */
import { cpus, loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { EVENTS_DB_FILENAME } from '@xj/sqlite-event-store';
import { BenchServer, logIn, startBenchServer } from './support/bench-server';
import { measureAccessLogQueries } from './support/access-log-query';
import { clueBody } from './support/command-mix';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const PRE_CREATED = 200;
const QUERY_RECORDS = Number(process.env.BENCH_QUERY_RECORDS ?? 1_000_000);

const preCreate = async (server: BenchServer, token: string, count: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let done = 0; done < count; done += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - done) }, async () => {
        const res = await fetch(`${server.baseUrl}/api/v1/clues`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
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

interface Tally {
  allowed: number;
  denied: number;
  other: Map<string, number>;
}

/** Each connection alternates an allowed read of a pre-created clue and a denied read of a random id, as one of the accounts. */
const readMix = (
  tokens: readonly string[],
  ids: readonly string[],
): { requests: autocannon.Request[]; tally: Tally } => {
  const tally: Tally = { allowed: 0, denied: 0, other: new Map() };
  const onResponse = (expected: number) => (status: number, body: string) => {
    if (status === expected && expected === 200) tally.allowed += 1;
    else if (status === expected && expected === 404) tally.denied += 1;
    else {
      const key = `${status} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ''}`;
      tally.other.set(key, (tally.other.get(key) ?? 0) + 1);
    }
  };
  const read = (id: () => string, expected: number, opensLoop: boolean): autocannon.Request => ({
    method: 'GET',
    setupRequest: (req, context) => {
      if (opensLoop) context['token'] = tokens[Math.floor(Math.random() * tokens.length)];
      return {
        ...req,
        path: `/api/v1/clues/${id()}`,
        headers: { authorization: `Bearer ${String(context['token'])}` },
      };
    },
    onResponse: onResponse(expected),
  });
  return {
    tally,
    requests: [
      read(() => ids[Math.floor(Math.random() * ids.length)] ?? 'missing', 200, true),
      read(() => `nx-${randomUUID()}`, 404, false),
    ],
  };
};

interface StoreSize {
  readonly fileBytes: number;
  readonly walBytes: number;
  readonly dataDirBytes: number;
  readonly lastPosition: number;
  readonly streams: number;
}

const fileSize = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

const dirSize = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? dirSize(join(dir, entry.name)) : fileSize(join(dir, entry.name))),
    0,
  );

/**
 * Folds the WAL into the database file (TRUNCATE empties it), from a connection of our own while
 * the server is idle, then measures. Retries while the server's connections hold the WAL.
 */
const measure = async (dataDir: string): Promise<StoreSize> => {
  const file = join(dataDir, EVENTS_DB_FILENAME);
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    for (let attempt = 0; ; attempt += 1) {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result?.busy === 0) break;
      if (attempt === 50) throw new Error('the WAL could not be checkpointed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lastPosition = (db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
    const streams = (db.prepare('SELECT COUNT(*) AS n FROM streams').get() as { n: number }).n;
    return {
      fileBytes: fileSize(file),
      walBytes: fileSize(`${file}-wal`),
      dataDirBytes: dirSize(dataDir),
      lastPosition,
      streams,
    };
  } finally {
    db.close();
  }
};

/** Bytes of the rows after `position`, every column as stored (UTF-8), without SQLite's page and index overhead. */
const rowBytesAfter = (dataDir: string, position: number): { events: number; bytes: number } => {
  const db = new Database(join(dataDir, EVENTS_DB_FILENAME), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) AS events, COALESCE(SUM(8 + 8 + length(CAST(stream_id AS BLOB)) + length(CAST(event_id AS BLOB)) + length(CAST(type AS BLOB))
           + length(CAST(data AS BLOB)) + length(CAST(metadata AS BLOB)) + length(CAST(recorded_at AS BLOB)) + length(CAST(prev_hash AS BLOB))
           + length(CAST(hash AS BLOB))), 0) AS bytes FROM events WHERE position > ?`,
      )
      .get(position) as { events: number; bytes: number };
  } finally {
    db.close();
  }
};

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

const main = async (): Promise<void> => {
  const server = await startBenchServer();
  try {
    const tokens = await logIn(server, ['office', 'justice']);
    const ids = await preCreate(server, tokens['office'] as string, PRE_CREATED);
    console.log(
      `server: child process ${server.pid} (compiled JS); embedded SQLite in ${server.dataDir}; node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(2)} (other processes skew the figures)`,
    );
    console.log(`pre-created ${ids.length} clues; warm-up ${WARMUP_SECONDS} s (not counted)`);
    if (WARMUP_SECONDS > 0)
      await autocannon({
        url: server.baseUrl,
        connections: CONNECTIONS,
        duration: WARMUP_SECONDS,
        requests: readMix(Object.values(tokens), ids).requests,
      });
    const before = await measure(server.dataDir);
    const mix = readMix(Object.values(tokens), ids);
    const result = await autocannon({
      url: server.baseUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: mix.requests,
    });
    const after = await measure(server.dataDir);
    const rows = rowBytesAfter(server.dataDir, before.lastPosition);
    const audited = mix.tally.allowed + mix.tally.denied;
    const readsPerS = audited / result.duration;
    const growth = after.fileBytes + after.walBytes - (before.fileBytes + before.walBytes);
    const bytesPerRead = growth / Math.max(audited, 1);
    const other = [...mix.tally.other.entries()].map(([k, n]) => `${k} ×${n}`).join(', ');
    console.log(
      `reads: ${CONNECTIONS} connections, ${result.duration.toFixed(1)} s: ${mix.tally.allowed} allowed (200), ${mix.tally.denied} denied (404)${other ? `, other: ${other}` : ''}; socket errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `  latency ms: p50 ${result.latency.p50.toFixed(2)}  p99 ${result.latency.p99.toFixed(2)}  max ${result.latency.max.toFixed(2)}`,
    );
    console.log(
      `event store on disk (WAL checkpointed): ${mb(before.fileBytes)} -> ${mb(after.fileBytes)} (+${mb(growth)}); ` +
        `${rows.events} events appended holding ${mb(rows.bytes)} of row data (${(rows.bytes / Math.max(audited, 1)).toFixed(0)} bytes per read); ` +
        `streams ${before.streams} -> ${after.streams}; whole DATA_DIR +${mb(after.dataDirBytes - before.dataDirBytes)}`,
    );
    let query = '';
    if (QUERY_RECORDS > 0) {
      await server.close();
      const q = await measureAccessLogQueries(QUERY_RECORDS);
      console.log(
        `query over a large log: ${q.records} reads in one day's segment (written in ${(q.writeMs / 1000).toFixed(1)} s); one case, whole day: ` +
          `${q.dayEntries} entries in ${q.dayRequests} requests, ${q.dayMs.toFixed(0)} ms; one hour: ${q.hourEntries} entries in ${q.hourRequests} requests, ` +
          `${q.hourMs.toFixed(0)} ms; one reader, one hour, first page: ${q.readerHourMs.toFixed(0)} ms`,
      );
      query = ` query_day_ms=${q.dayMs.toFixed(0)} query_hour_ms=${q.hourMs.toFixed(0)}`;
    }
    console.log(
      `RESULT reads_per_s=${readsPerS.toFixed(0)} access_log_bytes_per_read=${bytesPerRead.toFixed(0)}${query}`,
    );
  } finally {
    await server.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
