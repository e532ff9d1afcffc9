import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/bootstrap';
import { DemoCredential, seedDemoAccounts } from '../../apps/api/src/auth/demo-accounts';
import { UserStore } from '../../apps/api/src/auth/user-store';
import { dataFile, loadAppConfig } from '../../apps/api/src/config/app-config';

export interface BenchServer {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly credentials: readonly DemoCredential[];
  close(): Promise<void>;
}

/**
 * The real application (embedded SQLite store) on a fresh temp DATA_DIR, quiet, LOG_LEVEL silent,
 * listening on 127.0.0.1 on a random port, with the demo accounts seeded. Logins are not rate
 * limited here: the benchmark logs in a handful of accounts up front and never again.
 */
export const startBenchServer = async (): Promise<BenchServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xj-bench-http-'));
  const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' });
  const credentials = (await seedDemoAccounts(new UserStore(dataFile(config, 'users.json')), dataFile(config, 'demo-credentials.json'))) ?? [];
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    credentials,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
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
