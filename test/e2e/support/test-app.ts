import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Clock } from '@xj/application';
import { loadAppConfig } from '@xj/composition';
import { createApp, DemoCredential, seedDemoAccountsOnFirstStart } from '../../../apps/api/src/bootstrap';

export interface TestApp {
  readonly app: INestApplication;
  readonly dataDir: string;
  readonly credentials: readonly DemoCredential[];
  /** supertest agent on the app's server. */
  http(): ReturnType<typeof request>;
  /** A bearer token for a demo account (cached). */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Journeys read and log in far faster than people do: the login and read limits are lifted
 * unless a spec sets them (login-limits.e2e-spec.ts, read-limit.e2e-spec.ts test them).
 */
const UNLIMITED = {
  LOGIN_ACCOUNT_MAX_FAILURES: '100000',
  LOGIN_ADDRESS_MAX_FAILURES: '100000',
  READ_RATE_PER_SECOND: '1000000',
  READ_BURST: '1000000',
};

/** Starts the real application on a fresh embedded store in a temp data directory. */
export const startTestApp = async (
  env: Record<string, string> = {},
  dataDir?: string,
  /** On a restart over an existing data dir, the credentials of the first start. */
  knownCredentials: readonly DemoCredential[] = [],
  /** "Now" for the commands and the deadline ticker (default the system clock). */
  clock?: Clock,
): Promise<TestApp> => {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'xj-e2e-'));
  // The journeys log in as the demo accounts: demo mode, unless a spec says otherwise (accounts.e2e-spec.ts).
  const config = loadAppConfig({ DATA_DIR: dir, DEMO: '1', LOG_LEVEL: 'silent', ...UNLIMITED, ...env });
  const credentials = (await seedDemoAccountsOnFirstStart(config)) ?? knownCredentials;
  const app = await createApp(config, { quiet: true, clock });
  await app.init();
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    dataDir: dir,
    credentials,
    http,
    async token(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const password = credentials.find((c) => c.username === username)?.password;
      if (!password) throw new Error(`No demo account ${username}`);
      const res = await http().post('/api/v1/auth/token').send({ username, password }).expect(200);
      tokens.set(username, res.body.accessToken);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
};
