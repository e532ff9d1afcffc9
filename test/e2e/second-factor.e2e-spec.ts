import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS_STREAM, EVENT_STORE, EventStore, FixedClock } from '@xj/application';
import { AccountAdministration, loadAppConfig, totpCode } from '@xj/composition';
import { FIRST_ADMINISTRATOR_USERNAME, prepareAccountsOnStart } from '../../apps/api/src/bootstrap';
import { startTestApp, TestApp } from './support/test-app';

const XHR = { 'X-Requested-With': 'XMLHttpRequest' };
const ADMIN_PASSWORD = 'Quiet-river-2026';
const HEAD_PASSWORD = 'Lantern-maple-77';

/**
 * Issue 18, accounts: the optional TOTP second factor (RFC 6238) — enrolment, the two-step login
 * for tokens and browser sessions, no replay of a used code, wrong codes locking the account, the
 * administrator's reset, and MFA_REQUIRED_ROLES / _POSITIONS. Codes are computed here from the
 * secret the enrolment shows, at the application's (fixed) clock, as the user's app would.
 */
describe('second factor (TOTP)', () => {
  let t: TestApp;
  let keyDir: string;
  const clock = new FixedClock(new Date('2026-12-07T09:00:10Z'));
  const codeOf = (secret: string): string => totpCode(secret, Math.floor(clock.now().getTime() / 1000));
  const secrets: Record<string, string> = {};
  let adminToken = '';

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const passwordStep = (username: string, password: string) =>
    t.http().post('/api/v1/auth/token').send({ username, password });
  const codeStep = (challenge: string, code: string) =>
    t.http().post('/api/v1/auth/token/second-factor').send({ challenge, code });
  /** Logs in with password and code, a step later each time (a code is accepted once). */
  const login = async (username: string, password: string): Promise<string> => {
    const first = await passwordStep(username, password).expect(202);
    clock.advance(30_000);
    const second = await codeStep(first.body.challenge, codeOf(secrets[username]!)).expect(200);
    return second.body.accessToken as string;
  };
  const enrol = async (username: string, token: string): Promise<void> => {
    const begun = await as(token).post('/api/v1/auth/second-factor/enrolment').expect(201);
    secrets[username] = begun.body.secret;
    await as(token)
      .post('/api/v1/auth/second-factor/enrolment/confirmation', { code: codeOf(begun.body.secret) })
      .expect(204);
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-e2e-mfa-'));
    keyDir = mkdtempSync(join(tmpdir(), 'xj-e2e-mfa-key-'));
    writeFileSync(join(keyDir, 'mfa.key'), 'cd'.repeat(32));
    const env = {
      DEMO: '0',
      MFA_REQUIRED_ROLES: 'Administrator',
      MFA_REQUIRED_POSITIONS: 'Head',
      MFA_SECRET_KEY_FILE: join(keyDir, 'mfa.key'),
      LOGIN_ACCOUNT_MAX_FAILURES: '5',
    };
    const first = await prepareAccountsOnStart(loadAppConfig({ DATA_DIR: dir, ...env }));
    if (first?.kind !== 'administrator') throw new Error(`expected a first administrator, got ${first?.kind}`);
    t = await startTestApp(env, dir, [], clock);
    const once = await passwordStep(FIRST_ADMINISTRATOR_USERNAME, first.oneTimePassword).expect(200);
    await as(once.body.accessToken)
      .post('/api/v1/auth/password', { currentPassword: first.oneTimePassword, newPassword: ADMIN_PASSWORD })
      .expect(204);
  });
  afterAll(async () => {
    await t.close();
    rmSync(t.dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('asks a role that MFA_REQUIRED_ROLES names to enrol before anything else (403 elsewhere)', async () => {
    const token = (await passwordStep(FIRST_ADMINISTRATOR_USERNAME, ADMIN_PASSWORD).expect(200)).body.accessToken;
    const blocked = await as(token).get('/api/v1/accounts').expect(403);
    expect(blocked.body.code).toBe('AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await as(token).get('/api/v1/auth/session').expect(200)).body.secondFactorEnrolmentDue).toBe(true);

    const begun = await as(token).post('/api/v1/auth/second-factor/enrolment').expect(201);
    const uri = new URL(begun.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(begun.body.secret);
    // Sealed at rest under MFA_SECRET_KEY_FILE: the users file never holds the secret itself.
    expect(readFileSync(join(t.dataDir, 'users.json'), 'utf8')).not.toContain(begun.body.secret);

    const wrong = await as(token)
      .post('/api/v1/auth/second-factor/enrolment/confirmation', {
        code: codeOf(begun.body.secret) === '000000' ? '111111' : '000000',
      })
      .expect(403);
    expect(wrong.body.code).toBe('AUTH.INVALID_SECOND_FACTOR_CODE');
    await as(token)
      .post('/api/v1/auth/second-factor/enrolment/confirmation', { code: codeOf(begun.body.secret) })
      .expect(204);
    secrets[FIRST_ADMINISTRATOR_USERNAME] = begun.body.secret;

    // The token of the enrolment goes on (it was issued after the password); the factor shows in the account.
    const me = await as(token).get(`/api/v1/accounts/${FIRST_ADMINISTRATOR_USERNAME}`).expect(200);
    expect(me.body.secondFactor).toBe(true);
    expect((await as(token).post('/api/v1/auth/second-factor/enrolment').expect(409)).body.code).toBe(
      'ACCOUNT.SECOND_FACTOR_ENROLLED',
    );
  });

  it('issues a token only after the code, and never for a code already used', async () => {
    const first = await passwordStep(FIRST_ADMINISTRATOR_USERNAME, ADMIN_PASSWORD).expect(202);
    expect(first.body).toMatchObject({ secondFactorRequired: 'totp', expiresIn: 300 });
    expect(first.body).not.toHaveProperty('accessToken');
    // The enrolment's code (this very time step) was used: refused within its window.
    const replay = await codeStep(first.body.challenge, codeOf(secrets[FIRST_ADMINISTRATOR_USERNAME]!)).expect(401);
    expect(replay.body.code).toBe('AUTH.INVALID_SECOND_FACTOR_CODE');
    // The challenge is no token.
    await as(first.body.challenge).get('/api/v1/accounts').expect(401);

    clock.advance(30_000);
    const code = codeOf(secrets[FIRST_ADMINISTRATOR_USERNAME]!);
    adminToken = (await codeStep(first.body.challenge, code).expect(200)).body.accessToken;
    await as(adminToken).get('/api/v1/accounts').expect(200);
    expect((await codeStep(first.body.challenge, code).expect(401)).body.code).toBe('AUTH.INVALID_SECOND_FACTOR_CODE');

    const forged = `${first.body.challenge.slice(0, -3)}xyz`;
    clock.advance(30_000);
    expect((await codeStep(forged, codeOf(secrets[FIRST_ADMINISTRATOR_USERNAME]!)).expect(401)).body.code).toBe(
      'AUTH.SECOND_FACTOR_CHALLENGE_INVALID',
    );
    // Expired after five minutes.
    clock.advance(300_000);
    expect(
      (await codeStep(first.body.challenge, codeOf(secrets[FIRST_ADMINISTRATOR_USERNAME]!)).expect(401)).body.code,
    ).toBe('AUTH.SECOND_FACTOR_CHALLENGE_INVALID');
  });

  it('opens a browser session only after the code: no cookie at the password step', async () => {
    const first = await t
      .http()
      .post('/api/v1/auth/session')
      .set(XHR)
      .send({ username: FIRST_ADMINISTRATOR_USERNAME, password: ADMIN_PASSWORD })
      .expect(202);
    expect(first.headers['set-cookie']).toBeUndefined();
    clock.advance(30_000);
    const code = codeOf(secrets[FIRST_ADMINISTRATOR_USERNAME]!);
    // A token login's challenge does not open a session (and the other way round).
    const tokenChallenge = (await passwordStep(FIRST_ADMINISTRATOR_USERNAME, ADMIN_PASSWORD).expect(202)).body
      .challenge;
    await t
      .http()
      .post('/api/v1/auth/session/second-factor')
      .set(XHR)
      .send({ challenge: tokenChallenge, code })
      .expect(401);
    await t
      .http()
      .post('/api/v1/auth/session/second-factor')
      .send({ challenge: first.body.challenge, code })
      .expect(403);
    const opened = await t
      .http()
      .post('/api/v1/auth/session/second-factor')
      .set(XHR)
      .send({ challenge: first.body.challenge, code })
      .expect(200);
    expect(opened.body).toMatchObject({ userId: expect.any(String), authenticatedBy: 'cookie' });
    expect(String(opened.headers['set-cookie'])).toMatch(/HttpOnly/i);
  });

  it('asks a position that MFA_REQUIRED_POSITIONS names; wrong codes count as failed logins and lock the account', async () => {
    const created = await as(adminToken)
      .post('/api/v1/accounts', {
        username: 'zhao.head',
        displayName: '赵主任',
        role: 'RuleOfLawOffice',
        orgId: 'dawa.rol-office',
        position: 'Head',
      })
      .expect(201);
    const once = (await passwordStep('zhao.head', created.body.oneTimePassword).expect(200)).body.accessToken;
    await as(once)
      .post('/api/v1/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: HEAD_PASSWORD })
      .expect(204);
    const token = (await passwordStep('zhao.head', HEAD_PASSWORD).expect(200)).body.accessToken;
    expect((await as(token).get('/api/v1/lookups/regions').expect(403)).body.code).toBe(
      'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED',
    );
    await enrol('zhao.head', token);
    await as(token).get('/api/v1/lookups/regions').expect(200);

    clock.advance(30_000);
    const right = codeOf(secrets['zhao.head']!);
    const wrongCode = right === '000000' ? '111111' : '000000';
    const outcomes: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // The right password between wrong codes clears no failures.
      const first = await passwordStep('zhao.head', HEAD_PASSWORD);
      outcomes.push(first.status);
      if (first.status === 202) outcomes.push((await codeStep(first.body.challenge, wrongCode)).status);
    }
    expect(outcomes).toEqual([202, 401, 202, 401, 202, 401, 202, 401, 202, 401, 429]);
  });

  it('lets the security administrator reset a lost second factor: an event, the account’s sessions end, it enrols again', async () => {
    const headToken = await (async () => {
      clock.advance(16 * 60_000); // past the lock of the test before
      return login('zhao.head', HEAD_PASSWORD);
    })();
    await as(headToken).get('/api/v1/lookups/regions').expect(200);
    // The security administrator, made on the host (三员分立: no administrator makes another).
    const made = await t.app.get(AccountAdministration).create(
      { userId: 'cli:root', role: 'Operator', orgId: 'cli' },
      {
        username: 'zhou.sec',
        displayName: '周安全',
        role: 'SecurityAdministrator',
        orgId: 'panjin.it',
        position: 'Staff',
      },
    );
    const once = (await passwordStep('zhou.sec', made.oneTimePassword).expect(200)).body.accessToken;
    await as(once)
      .post('/api/v1/auth/password', { currentPassword: made.oneTimePassword, newPassword: HEAD_PASSWORD })
      .expect(204);
    const securityToken = (await passwordStep('zhou.sec', HEAD_PASSWORD).expect(200)).body.accessToken;
    // Not a case role's to do, not the system administrator's (三员分立), nor one's own.
    for (const token of [headToken, adminToken])
      expect((await as(token).post('/api/v1/accounts/zhao.head/reset-second-factor').expect(403)).body.code).toBe(
        'AUTH.ROLE_NOT_ALLOWED',
      );
    expect((await as(securityToken).post('/api/v1/accounts/zhou.sec/reset-second-factor').expect(403)).body.code).toBe(
      'ACCOUNT.OWN_ACCOUNT',
    );
    // Nor another administrator's: it would open that account to whoever knows its password.
    expect(
      (await as(securityToken).post(`/api/v1/accounts/${FIRST_ADMINISTRATOR_USERNAME}/reset-second-factor`).expect(403))
        .body.code,
    ).toBe('ACCOUNT.ADMINISTRATOR_ACCOUNT');

    const reset = await as(securityToken).post('/api/v1/accounts/zhao.head/reset-second-factor').expect(200);
    expect(reset.body).toMatchObject({ username: 'zhao.head', secondFactor: false });
    expect((await as(headToken).get('/api/v1/lookups/regions').expect(401)).body.code).toBe('AUTH.TOKEN_REVOKED');
    expect((await as(securityToken).post('/api/v1/accounts/zhao.head/reset-second-factor').expect(409)).body.code).toBe(
      'ACCOUNT.NO_SECOND_FACTOR',
    );
    // The password alone logs in again, and the position asks for a new enrolment.
    const again = (await passwordStep('zhao.head', HEAD_PASSWORD).expect(200)).body.accessToken;
    await as(again).get('/api/v1/lookups/regions').expect(403);

    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(ACCOUNTS_STREAM);
    const factorEvents = events.filter((e) => e.type.startsWith('AccountSecondFactor'));
    expect(factorEvents.map((e) => [e.type, e.data['username']])).toEqual([
      ['AccountSecondFactorEnrolled', FIRST_ADMINISTRATOR_USERNAME],
      ['AccountSecondFactorEnrolled', 'zhao.head'],
      ['AccountSecondFactorReset', 'zhao.head'],
    ]);
    expect(factorEvents[2]!.metadata.actor.role).toBe('SecurityAdministrator');
    // No secret in the log, which is kept forever.
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(secrets['zhao.head']);
  });
});
