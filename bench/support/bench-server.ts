import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '@xj/composition';
import { DemoCredential, seedDemoAccountsOnFirstStart } from '../../apps/api/src/bootstrap';
import { compileTree } from './compile';
import { forkServer } from './server-process';

export interface BenchServer {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly credentials: readonly DemoCredential[];
  /** The server's process id (its CPU time is measured apart from the load generator's). */
  readonly pid: number | undefined;
  close(): Promise<void>;
}

/**
 * The real application (embedded SQLite store) on a fresh temp DATA_DIR, in a child process of
 * its own running compiled JavaScript as `npm run start:prod` does — so the load generator
 * (autocannon, in this process) does not share the server's event loop. Quiet, LOG_LEVEL
 * silent, 127.0.0.1, random port, demo accounts seeded. The benchmark logs in a handful of
 * accounts up front and never again (correct logins are not limited); the per-user read limit is
 * lifted in the server child.
 */
export const startBenchServer = async (): Promise<BenchServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xj-bench-http-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'xj-bench-http-js-'));
  const env = { DATA_DIR: dataDir, DEMO: '1' };
  const config = loadAppConfig({ ...env, LOG_LEVEL: 'silent' });
  const credentials = (await seedDemoAccountsOnFirstStart(config)) ?? [];
  const server = await forkServer(compileTree(jsDir), env);
  return {
    baseUrl: server.baseUrl,
    dataDir,
    credentials,
    pid: server.child.pid,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(jsDir, { recursive: true, force: true });
    },
  };
};

/** Bearer tokens for the given demo accounts, through POST /api/v1/auth/token. */
export const logIn = async (server: BenchServer, usernames: readonly string[]): Promise<Record<string, string>> => {
  const tokens: Record<string, string> = {};
  for (const username of usernames) {
    const password = server.credentials.find((c) => c.username === username)?.password;
    const res = await fetch(`${server.baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { accessToken?: string };
    if (res.status !== 200 || !body.accessToken) throw new Error(`login as ${username} failed: ${res.status}`);
    tokens[username] = body.accessToken;
  }
  return tokens;
};
