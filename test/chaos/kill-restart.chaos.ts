/**
 * `npm run test:chaos` — kill -9 under load (issue #13 item 1 and 10). Not a jest suite, not part
 * of `npm test`: it runs for a minute or more and drives a real server process.
 *
 * Compiles the server as the benchmarks do (bench/support/compile.ts) and runs it in a child
 * process on a fresh temp DATA_DIR (embedded stores). CHAOS_CLIENTS (6) clients each loop over
 * register a clue → start its analysis → escalate it, every request with an Idempotency-Key of
 * its own; one in four intents is sent twice at once (a client racing itself). Each request is
 * retried with the same key and body until a definitive answer — through lost answers, 5xx and
 * restarts. For CHAOS_CYCLES (10) cycles the server is killed with SIGKILL after 0.3–2 s of load
 * and started again over the same data directory; in about a third of the cycles a start is
 * killed during start-up first. Then the server starts once more, the clients finish, the hash
 * chains are verified through POST /api/v1/integrity/verification, and the stopped store is
 * checked (test/chaos/chaos-checks.ts).
 *
 * Last line: RESULT cycles=… acked=… lost=… duplicated=… chain_ok=true|false. Exits non-zero when
 * something was lost or duplicated, a chain is broken, two successes under one key differ, or a
 * command was rejected or written without a success (nothing in this load should be); the data
 * directory is then kept for inspection (also with CHAOS_KEEP=1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '@xj/composition';
import { DemoCredential, seedDemoAccountsOnFirstStart } from '../../apps/api/src/bootstrap';
import { clueBody } from '../../bench/support/command-mix';
import { compileTree } from '../../bench/support/compile';
import { checkStore } from './chaos-checks';
import { Intent, RetryingClient } from './chaos-client';
import { ChaosServer } from './chaos-server';

const CYCLES = Number(process.env.CHAOS_CYCLES ?? 10);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 6);
const STARTUP_KILL_SHARE = 1 / 3;
const RACE_SHARE = 1 / 4;
const USERS = ['office', 'justice'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min));

const logIn = async (server: ChaosServer, credentials: readonly DemoCredential[]): Promise<Record<string, string>> => {
  const tokens: Record<string, string> = {};
  for (const username of [...USERS, 'auditor']) {
    const password = credentials.find((c) => c.username === username)?.password;
    const res = await fetch(`${await server.url()}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { accessToken?: string };
    if (!body.accessToken) throw new Error(`login as ${username} failed: ${res.status}`);
    tokens[username] = body.accessToken;
  }
  return tokens;
};

/** One client's loop of intents until `stopped()`; every intent is finished before the next. */
const clientLoop = async (
  client: RetryingClient,
  index: number,
  intents: Intent[],
  stopped: () => boolean,
): Promise<void> => {
  const username = USERS[index % USERS.length] as string;
  const send = async (suffix: string, path: string, body: string): Promise<Intent> => {
    const intent: Intent = { key: `chaos-${process.pid}-${index}-${intents.length}-${suffix}`, username, path, body };
    intents.push(intent);
    await client.run(intent, Math.random() < RACE_SHARE ? 2 : 1);
    return intent;
  };
  while (!stopped()) {
    const registered = await send('register', '/api/v1/clues', clueBody());
    const id = registered.answer?.body.id;
    if (!id) continue;
    await send('analysis', `/api/v1/clues/${id}/analysis`, JSON.stringify({ analystUserId: 'user-office' }));
    await send(
      'escalation',
      `/api/v1/clues/${id}/escalations`,
      JSON.stringify({
        escalationType: 'InquiryLetter',
        reason: '逾期未报告整改情况，函询。',
        targetOrgId: 'dawa.emergency',
      }),
    );
  }
};

const main = async (): Promise<number> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xj-chaos-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-chaos-js-'));
  const env = { DATA_DIR: dataDir, DEMO: '1', LOGIN_RATE_PER_MINUTE: '1000' };
  const config = loadAppConfig({ ...env, LOG_LEVEL: 'silent' });
  const credentials = (await seedDemoAccountsOnFirstStart(config)) ?? [];
  const server = new ChaosServer(compileTree(jsDir), env);
  let failed = true;
  try {
    await server.start();
    const tokens = await logIn(server, credentials);
    const client = new RetryingClient(server, tokens);
    const intents: Intent[] = [];
    let stop = false;
    const clients = Array.from({ length: CLIENTS }, (_, i) => clientLoop(client, i, intents, () => stop));
    let startupKills = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      if (!server.running && Math.random() < STARTUP_KILL_SHARE && (await server.killDuringStartUp(between(0, 1200))))
        startupKills += 1;
      if (!server.running) await server.start();
      await sleep(between(300, 2000));
      await server.kill9();
      console.log(
        `cycle ${cycle}: killed after ${intents.length} intents (${client.stats.lostAnswers} answers lost so far, ${startupKills} kills during start-up)`,
      );
    }
    await server.start();
    stop = true;
    await Promise.all(clients);
    const verification = await fetch(`${await server.url()}/api/v1/integrity/verification`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['auditor'] ?? ''}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const report = (await verification.json()) as { ok?: boolean; checkedEvents?: number; firstProblem?: unknown };
    await server.close();
    const findings = await checkStore(dataDir, intents);
    const acked = intents.filter((i) => i.answer).length;
    const rejected = intents.filter((i) => i.rejected);
    const chainOk = verification.status === 200 && report.ok === true;
    const s = client.stats;
    console.log(
      `intents ${intents.length}: ${acked} acknowledged, ${rejected.length} rejected${
        rejected.length
          ? ` (${rejected
              .slice(0, 5)
              .map((i) => `${i.key}: ${i.rejected ?? ''}`)
              .join('; ')})`
          : ''
      }`,
    );
    console.log(
      `requests ${s.requests}: ${s.lostAnswers} answers lost, ${s.retryableErrors} retryable errors (${s.storeConflicts} store conflicts), ` +
        `${s.replayed} successes replayed, ${s.differingAnswers} differing successes under one key`,
    );
    console.log(
      `store: ${findings.events} events, ${findings.unacknowledged} written by keys never answered a success; chains: ${report.checkedEvents ?? '?'} events checked, ${chainOk ? 'ok' : `broken ${JSON.stringify(report.firstProblem ?? report)}`}`,
    );
    for (const note of findings.notes.slice(0, 20)) console.log(`  ${note}`);
    failed =
      findings.lost > 0 ||
      findings.duplicated > 0 ||
      !chainOk ||
      s.differingAnswers > 0 ||
      rejected.length > 0 ||
      findings.unacknowledged > 0;
    if (failed) console.log(`data directory kept for inspection: ${dataDir}`);
    console.log(
      `RESULT cycles=${CYCLES} acked=${acked} lost=${findings.lost} duplicated=${findings.duplicated} chain_ok=${chainOk}`,
    );
    return failed ? 1 : 0;
  } finally {
    await server.kill9();
    rmSync(jsDir, { recursive: true, force: true });
    if (!failed && process.env.CHAOS_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
