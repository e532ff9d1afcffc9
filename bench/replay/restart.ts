/**
 * Phase 3: spawn the API on the replayed DATA_DIR and time how soon it serves read models.
 *
 * Measured from spawning the process to the first moment BOTH
 *   (a) GET /health/ready answered 200 with the projections indicator up and every projection
 *       `live`, lag 0, its checkpoint at the last position (nothing replayed: the runner resumed
 *       from its checkpoints), and
 *   (b) the given read-model query, as the auditor, answered 200 — the first query of a
 *       collection loads all its documents into memory (sqlite-read-models' CollectionCache).
 * The auditor's bearer token was issued before the restart (embedded key in DATA_DIR, as a client
 * holding a token would have it); a password login after ready is timed separately.
 */
import { performance } from 'node:perf_hooks';
import { CompiledTree } from '../support/compile';
import { forkServer } from '../support/server-process';

export interface RestartReport {
  readonly listeningMs: number;
  readonly healthReadyMs: number;
  readonly queryMs: number;
  readonly readyMs: number;
  readonly loginMs: number;
  /** `total` of the answer (a page), or `clues.total` (statistics). */
  readonly total: number;
  /** The slowest /health/ready answer until the query was answered (how long the query kept the server from answering). */
  readonly slowestHealthMs: number;
}

interface HealthBody {
  readonly info?: {
    readonly projections?: {
      readonly status: string;
      readonly projections?: Record<string, { state: string; lag: number; checkpoint: string | null }>;
    };
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const upToDate = (body: HealthBody, last: bigint): boolean => {
  const indicator = body.info?.projections;
  const projections = Object.values(indicator?.projections ?? {});
  return (
    indicator?.status === 'up' &&
    projections.length > 0 &&
    projections.every((p) => p.state === 'live' && p.lag === 0 && p.checkpoint !== null && BigInt(p.checkpoint) >= last)
  );
};

export const measureRestart = async (
  tree: CompiledTree,
  dataDir: string,
  lastPosition: bigint,
  auditorToken: string,
  auditorPassword: string,
  query: string,
  /** The API's clock starts here (BENCH_CLOCK_START), not at the wall clock's now. */
  clockStart?: string,
): Promise<RestartReport> => {
  const spawned = performance.now();
  const since = (): number => Math.round(performance.now() - spawned);
  const server = await forkServer(tree, {
    DATA_DIR: dataDir,
    DEMO: '1',
    ...(clockStart ? { BENCH_CLOCK_START: clockStart } : {}),
  });
  try {
    const listeningMs = since();
    const base = server.baseUrl;
    // Health and the query are polled independently: a slow query must not hold back the health
    // polls (that would measure the poller, not the server).
    let queryDone = false;
    let slowestHealthMs = 0;
    const pollHealth = async (): Promise<number> => {
      let readyAt: number | undefined;
      // Once ready, keep polling until the query is answered, for the slowest health answer meanwhile.
      while (readyAt === undefined || !queryDone) {
        const asked = performance.now();
        const health = await fetch(`${base}/health/ready`);
        const body = (await health.json()) as HealthBody;
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - asked);
        if (readyAt === undefined && health.status === 200 && upToDate(body, lastPosition)) readyAt = since();
        await sleep(readyAt === undefined ? 10 : 50);
      }
      return readyAt;
    };
    const askQuery = async (): Promise<{ at: number; total: number }> => {
      try {
        for (;;) {
          const answer = await fetch(`${base}${query}`, { headers: { authorization: `Bearer ${auditorToken}` } });
          if (answer.status === 200) {
            const body = (await answer.json()) as { total?: number; clues?: { total: number } };
            return { at: since(), total: body.total ?? body.clues?.total ?? 0 };
          }
          await sleep(10);
        }
      } finally {
        queryDone = true;
      }
    };
    const [healthReadyMs, { at: queryMs, total }] = await Promise.all([pollHealth(), askQuery()]);
    const loginStarted = performance.now();
    const login = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'auditor', password: auditorPassword }),
    });
    if (login.status !== 200) throw new Error(`login as auditor failed: ${login.status}`);
    const loginMs = Math.round(performance.now() - loginStarted);
    return {
      listeningMs,
      healthReadyMs,
      queryMs,
      readyMs: Math.max(healthReadyMs, queryMs),
      loginMs,
      total,
      slowestHealthMs: Math.round(slowestHealthMs),
    };
  } finally {
    await server.close();
  }
};
