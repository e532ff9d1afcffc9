import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { ATTEMPT_COUNTER_STORE, AttemptCounterStore } from '@xj/application';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The login policy (issue #13 item 6) through HTTP: failures counted per account and per client
 * address, an account locked after 5 failures, an address stopped after 20, 429 with Retry-After,
 * X-Forwarded-For believed only from configured proxies. The client addresses here come from
 * X-Forwarded-For with the test's loopback connection configured as the trusted proxy.
 */
const POLICY = {
  LOGIN_ACCOUNT_MAX_FAILURES: '5',
  LOGIN_ADDRESS_MAX_FAILURES: '20',
  LOGIN_FAILURE_WINDOW_SECONDS: '900',
  LOGIN_ACCOUNT_LOCK_SECONDS: '900',
};
const BEHIND_PROXY = { ...POLICY, TRUSTED_PROXIES: 'loopback' };

const passwordOf = (t: TestApp, username: string): string => {
  const password = t.credentials.find((c) => c.username === username)?.password;
  if (!password) throw new Error(`no demo account ${username}`);
  return password;
};
const login = (t: TestApp, username: string, password: string, from?: string): Promise<Response> => {
  const req = t.http().post('/api/v1/auth/token');
  return (from ? req.set('x-forwarded-for', from) : req).send({ username, password });
};
const failTimes = async (t: TestApp, n: number, username: string, from?: string): Promise<number[]> => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await login(t, username, `wrong-${i}`, from)).status);
  return statuses;
};
const retryAfterOf = (res: Response): number => {
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  return Number(res.headers['retry-after']);
};

describe('login limits: an attacker does not lock out bystanders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(BEHIND_PROXY);
  });
  afterAll(() => t.close());
  const X = '198.51.100.7';
  const Y = '203.0.113.9';

  it('a flood against account A from X stops neither B from Y nor A from Y before the lock; then A is locked everywhere, B is not', async () => {
    expect(await failTimes(t, 4, 'office', X)).toEqual([401, 401, 401, 401]);
    expect((await login(t, 'office', passwordOf(t, 'office'), Y)).status).toBe(200);
    expect((await login(t, 'justice', passwordOf(t, 'justice'), Y)).status).toBe(200);

    expect(await failTimes(t, 5, 'office', X)).toEqual([401, 401, 401, 401, 401]);
    const locked = await login(t, 'office', 'wrong-again', X);
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.body).toMatchObject({ status: 429, code: 'AUTH.ACCOUNT_LOCKED' });
    expect(retryAfterOf(locked)).toBeGreaterThan(0);
    expect(retryAfterOf(locked)).toBeLessThanOrEqual(900);

    const lockedElsewhere = await login(t, 'office', passwordOf(t, 'office'), Y);
    expect(lockedElsewhere.status).toBe(429);
    expect(lockedElsewhere.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    expect((await login(t, 'justice', passwordOf(t, 'justice'), Y)).status).toBe(200);
  });

  it('stops a spray from one address before it locks more than a few accounts; other addresses log in', async () => {
    const Z = '192.0.2.50';
    const names = [
      'dawa-office',
      'dawa-office-head',
      'no-such-user-1',
      'ccdi',
      'no-such-user-2',
      'auditor',
      'admin',
      'ccdi-head',
    ];
    const statuses: number[] = [];
    for (const name of names) statuses.push(...(await failTimes(t, 3, name, Z)));
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(4).fill(429));
    const limited = await login(t, 'secretary', passwordOf(t, 'secretary'), Z);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(retryAfterOf(limited)).toBeLessThanOrEqual(900);
    // Three failures each: no account reached the lock, so each still logs in from elsewhere.
    for (const name of ['dawa-office', 'ccdi', 'auditor', 'secretary'])
      expect((await login(t, name, passwordOf(t, name), Y)).status).toBe(200);
  });

  it('answers a name that is no account exactly like a locked account, so locks do not reveal which names exist', async () => {
    const [real, unknown] = await Promise.all(
      [
        ['dawa-ccdi-head', '198.51.100.20'],
        ['no-such-account', '198.51.100.21'],
      ].map(async ([name, from]) => {
        expect(await failTimes(t, 5, name as string, from)).toEqual([401, 401, 401, 401, 401]);
        return login(t, name as string, 'anything', from);
      }),
    );
    expect(real?.status).toBe(429);
    expect(unknown?.status).toBe(429);
    const shape = (res: Response | undefined) => ({
      ...res?.body,
      instance: undefined,
      correlationId: undefined,
      retryAfter: res?.headers['retry-after'] !== undefined,
    });
    expect(shape(unknown)).toEqual(shape(real));
  });
});

describe('login limits: X-Forwarded-For', () => {
  it('is ignored unless the connection comes from a configured proxy (default: none)', async () => {
    const t = await startTestApp(POLICY);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1)
        statuses.push((await login(t, `nobody-${i}`, 'wrong', `203.0.113.${i + 1}`)).status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses[20]).toBe(429);
      const res = await login(t, 'office', passwordOf(t, 'office'), '203.0.113.200');
      expect(res.body.code).toBe('RATE_LIMITED');
    } finally {
      await t.close();
    }
  });

  it('names the client when the connection comes from a trusted proxy', async () => {
    const t = await startTestApp(BEHIND_PROXY);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i += 1)
        statuses.push((await login(t, `nobody-${i}`, 'wrong', `203.0.113.${i + 1}`)).status);
      expect(statuses).toEqual(Array(25).fill(401));
    } finally {
      await t.close();
    }
  });
});

describe('login limits: state kept in the data directory, not in the process', () => {
  it('a locked account stays locked across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-e2e-login-'));
    try {
      const first = await startTestApp(POLICY, dir);
      expect(await failTimes(first, 5, 'office')).toEqual([401, 401, 401, 401, 401]);
      await first.close();
      const second = await startTestApp(POLICY, dir, first.credentials);
      try {
        const res = await login(second, 'office', passwordOf(second, 'office'));
        expect(res.status).toBe(429);
        expect(res.body.code).toBe('AUTH.ACCOUNT_LOCKED');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('login limits: tokens from an external identity provider', () => {
  it('opens no login counters; the token route answers 404 as before', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const t = await startTestApp({
      ...POLICY,
      AUTH_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    try {
      const res = await login(t, 'office', 'whatever');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('AUTH.TOKENS_NOT_ISSUED_HERE');
      expect(existsSync(join(t.dataDir, 'login-attempts.sqlite'))).toBe(false);
    } finally {
      await t.close();
    }
  });
});

describe('login limits: counters out of reach', () => {
  it('refuses logins with 503 AUTH.LOGIN_UNAVAILABLE rather than checking them uncounted', async () => {
    const t = await startTestApp(POLICY);
    try {
      await t.app.get<AttemptCounterStore>(ATTEMPT_COUNTER_STORE).close();
      const res = await login(t, 'office', passwordOf(t, 'office'));
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('AUTH.LOGIN_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toMatch(/database|sqlite/i);
    } finally {
      await t.close();
    }
  });
});
