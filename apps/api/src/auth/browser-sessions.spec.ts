import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryAttemptCounters } from '@xj/testing';
import { BrowserSessions } from './browser-sessions';
import { TokenService } from './token-service';

const dir = mkdtempSync(join(tmpdir(), 'xj-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const user = { userId: 'u-1', role: 'RuleOfLawOffice' as const, orgId: 'dawa.rol-office', position: 'Staff' as const };
const START = Date.parse('2026-03-02T09:00:00Z');

const setup = () => {
  const tokens = new TokenService({
    kind: 'embedded',
    keyFile: join(dir, 'k.pem'),
    issuer: 'i',
    audience: 'a',
    ttlSeconds: 3600,
  });
  let now = START;
  const clock = { now: () => new Date(now) };
  const store = new InMemoryAttemptCounters();
  const sessions = new BrowserSessions(tokens, store, clock, { idleTimeoutSeconds: 600, maxLifetimeSeconds: 3600 });
  return { tokens, sessions, store, advance: (seconds: number) => (now += seconds * 1000) };
};

describe('browser sessions', () => {
  it('end after the idle timeout without a request', async () => {
    const { sessions, advance } = setup();
    const { token } = await sessions.open(user);
    advance(599);
    expect(await sessions.check(token)).toMatchObject({ userId: 'u-1' });
    advance(2);
    expect(await sessions.check(token)).toBeUndefined();
  });

  it('stay alive while requests come, re-signed at most once a minute, until their absolute end', async () => {
    const { sessions, advance } = setup();
    let { token } = await sessions.open(user);
    const session = await sessions.check(token);
    expect(session && (await sessions.renewal(session))).toBeUndefined();
    for (let minute = 0; minute < 50; minute += 5) {
      advance(300);
      const current = await sessions.check(token);
      expect(current).toBeDefined();
      token = (await sessions.renewal(current!)) ?? token;
    }
    // 50 minutes in: renewed tokens expire no later than the session's end (60 min).
    advance(540);
    const late = await sessions.check(token);
    expect(late).toBeDefined();
    const last = (await sessions.renewal(late!)) ?? token;
    advance(61);
    expect(await sessions.check(last)).toBeUndefined();
  });

  it('refuse a session after logout, renewed tokens of it included', async () => {
    const { sessions, advance } = setup();
    const { token } = await sessions.open(user);
    advance(120);
    const renewed = await sessions.renewal((await sessions.check(token))!);
    expect(renewed).toBeDefined();
    await sessions.close((await sessions.check(token))!);
    expect(await sessions.check(token)).toBeUndefined();
    expect(await sessions.check(renewed!)).toBeUndefined();
  });

  it('are not bearer tokens, and bearer tokens are not sessions', async () => {
    const { tokens, sessions } = setup();
    const { token } = await sessions.open(user);
    expect(await tokens.verify(token)).toBeUndefined();
    const bearer = await tokens.issue(user);
    expect(await sessions.check(bearer.token)).toBeUndefined();
  });
});
