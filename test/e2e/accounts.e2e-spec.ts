import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS_STREAM, EVENT_STORE, EventStore, FixedClock } from '@xj/application';
import { AccountAdministration, loadAppConfig } from '@xj/composition';
import { FIRST_ADMINISTRATOR_USERNAME, prepareAccountsOnStart } from '../../apps/api/src/bootstrap';
import { startTestApp, TestApp } from './support/test-app';

const XHR = { 'X-Requested-With': 'XMLHttpRequest' };
const DAY = 86_400_000;
const STRONG = 'Quiet-river-2026';
const STRONGER = 'Lantern-maple-77';

/**
 * Issue 18, accounts: a non-demo install's first administrator, user management through the
 * API, the password policy and the revocation of tokens and sessions.
 */
describe('accounts (non-demo install)', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date());
  let adminPassword = '';
  let adminToken = '';

  const login = async (username: string, password: string): Promise<string> => {
    const res = await t.http().post('/api/v1/auth/token').send({ username, password }).expect(200);
    return res.body.accessToken as string;
  };
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    as(token).post('/api/v1/auth/password', { currentPassword, newPassword });

  beforeAll(async () => {
    // As main.ts: the accounts first, then the application.
    const dir = mkdtempSync(join(tmpdir(), 'xj-e2e-accounts-'));
    const first = await prepareAccountsOnStart(loadAppConfig({ DATA_DIR: dir, DEMO: '0' }));
    if (first?.kind !== 'administrator') throw new Error(`expected a first administrator, got ${first?.kind}`);
    adminPassword = first.oneTimePassword;
    t = await startTestApp({ DEMO: '0' }, dir, [], clock);
  });
  afterAll(async () => {
    await t.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('creates no demo account and no credentials file outside demo mode, but one system administrator', async () => {
    expect(t.credentials).toEqual([]);
    expect(existsSync(join(t.dataDir, 'demo-credentials.json'))).toBe(false);
    await t.http().post('/api/v1/auth/token').send({ username: 'office', password: 'anything' }).expect(401);
    expect(statSync(join(t.dataDir, 'users.json')).mode & 0o777).toBe(0o600);
    // A second start creates nobody else.
    expect(await prepareAccountsOnStart(loadAppConfig({ DATA_DIR: t.dataDir, DEMO: '0' }))).toBeUndefined();
  });

  it('answers 403 AUTH.PASSWORD_CHANGE_REQUIRED on every route but the change until the one-time password is changed', async () => {
    const token = await login(FIRST_ADMINISTRATOR_USERNAME, adminPassword);
    const blocked = await as(token).get('/api/v1/accounts').expect(403);
    expect(blocked.body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await as(token).get('/api/v1/lookups/regions').expect(403)).body.code).toBe(
      'AUTH.PASSWORD_CHANGE_REQUIRED',
    );
    expect((await as(token).get('/api/v1/auth/session').expect(200)).body.passwordChangeDue).toBe('one-time');

    const weak = await changePassword(token, adminPassword, 'password').expect(422);
    expect(weak.body.code).toBe('AUTH.PASSWORD_POLICY');
    expect(weak.body.errors).toEqual([
      {
        field: 'newPassword',
        codes: ['passwordTooShort', 'passwordTooFewCharacterClasses'],
        messages: ['newPassword is too short', 'newPassword has too few kinds of characters'],
      },
    ]);
    expect((await changePassword(token, 'wrong', STRONG).expect(403)).body.code).toBe('AUTH.WRONG_CURRENT_PASSWORD');
    expect((await changePassword(token, adminPassword, adminPassword).expect(422)).body.errors[0].codes).toContain(
      'passwordReused',
    );

    await changePassword(token, adminPassword, STRONG).expect(204);
    // The token the change was made with is revoked with every other of the account.
    expect((await as(token).get('/api/v1/auth/session').expect(401)).body.code).toBe('AUTH.TOKEN_REVOKED');
    await t
      .http()
      .post('/api/v1/auth/token')
      .send({ username: FIRST_ADMINISTRATOR_USERNAME, password: adminPassword })
      .expect(401);
    adminToken = await login(FIRST_ADMINISTRATOR_USERNAME, STRONG);
    const list = await as(adminToken).get('/api/v1/accounts').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ username: 'sysadmin', role: 'Administrator', mustChangePassword: false, demo: false }),
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
  });

  let userPassword = '';
  let userToken = '';

  it('creates an account with a one-time password the user must change at the first login', async () => {
    const res = await as(adminToken)
      .post('/api/v1/accounts', {
        username: 'wang.li',
        displayName: '王莉',
        role: 'RuleOfLawOffice',
        orgId: 'dawa.rol-office',
        position: 'Staff',
      })
      .expect(201);
    expect(res.body.account).toMatchObject({ username: 'wang.li', mustChangePassword: true, disabled: false });
    const token = await login('wang.li', res.body.oneTimePassword);
    await as(token).get('/api/v1/lookups/regions').expect(403);
    await changePassword(token, res.body.oneTimePassword, STRONGER).expect(204);
    userPassword = STRONGER;
    userToken = await login('wang.li', userPassword);
    await as(userToken).get('/api/v1/lookups/regions').expect(200);
    expect((await as(userToken).get('/api/v1/auth/session').expect(200)).body).not.toHaveProperty('passwordChangeDue');
    // Not an administrator: no user management.
    expect((await as(userToken).get('/api/v1/accounts').expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('refuses a taken username, an organisation of another role and acting on one’s own account', async () => {
    const taken = await as(adminToken)
      .post('/api/v1/accounts', {
        username: 'wang.li',
        displayName: 'x',
        role: 'RuleOfLawOffice',
        orgId: 'dawa.rol-office',
        position: 'Staff',
      })
      .expect(409);
    expect(taken.body.code).toBe('ACCOUNT.USERNAME_TAKEN');
    const mismatch = await as(adminToken).patch('/api/v1/accounts/wang.li', { orgId: 'panjin.audit' }).expect(422);
    expect(mismatch.body.code).toBe('ACCOUNT.ROLE_NOT_OF_ORGANISATION');
    const own = await as(adminToken).post('/api/v1/accounts/sysadmin/disable').expect(403);
    expect(own.body.code).toBe('ACCOUNT.OWN_ACCOUNT');
    await as(adminToken).get('/api/v1/accounts/nobody').expect(404);
  });

  let securityToken = '';

  it('makes the security administrator on the host only (三员分立): no administrator makes or administers another', async () => {
    const secadmin = {
      username: 'zhou.sec',
      displayName: '周安全',
      role: 'SecurityAdministrator',
      orgId: 'panjin.it',
      position: 'Staff',
    } as const;
    const refused = await as(adminToken).post('/api/v1/accounts', secadmin).expect(403);
    expect(refused.body.code).toBe('ACCOUNT.ADMINISTRATOR_ACCOUNT');
    // As `npm run cli -- account create` does: the host operator.
    const made = await t.app
      .get(AccountAdministration)
      .create({ userId: 'cli:root', role: 'Operator', orgId: 'cli' }, secadmin);
    await changePassword(await login('zhou.sec', made.oneTimePassword), made.oneTimePassword, STRONG).expect(204);
    securityToken = await login('zhou.sec', STRONG);
    for (const path of ['disable', 'reset-password'])
      expect((await as(adminToken).post(`/api/v1/accounts/zhou.sec/${path}`).expect(403)).body.code).toBe(
        'ACCOUNT.ADMINISTRATOR_ACCOUNT',
      );
    expect(
      (
        await as(securityToken)
          .patch('/api/v1/accounts/wang.li', { role: 'Administrator', orgId: 'panjin.it' })
          .expect(403)
      ).body.code,
    ).toBe('ACCOUNT.ADMINISTRATOR_ACCOUNT');
    // Accounts are the system administrator's work; the security administrator reads them.
    expect((await as(securityToken).post('/api/v1/accounts/wang.li/disable').expect(403)).body.code).toBe(
      'AUTH.ROLE_NOT_ALLOWED',
    );
    await as(securityToken).get('/api/v1/accounts/wang.li').expect(200);
    expect(
      (
        await as(securityToken)
          .patch('/api/v1/accounts/zhou.sec', { role: 'Auditor', orgId: 'panjin.audit' })
          .expect(403)
      ).body.code,
    ).toBe('ACCOUNT.OWN_ACCOUNT');
  });

  it('revokes a token issued before a role change: 401 after it, and the new login carries the new role', async () => {
    const before = userToken;
    await as(before).get('/api/v1/lookups/regions').expect(200);
    // 三员分立: a role is the security administrator's to grant, not the system administrator's.
    const bySystem = await as(adminToken)
      .patch('/api/v1/accounts/wang.li', { role: 'JusticeBureau', orgId: 'panjin.justice' })
      .expect(403);
    expect(bySystem.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    const changed = await as(securityToken)
      .patch('/api/v1/accounts/wang.li', { role: 'JusticeBureau', orgId: 'panjin.justice' })
      .expect(200);
    expect(changed.body).toMatchObject({ role: 'JusticeBureau', orgId: 'panjin.justice' });
    expect((await as(before).get('/api/v1/lookups/regions').expect(401)).body.code).toBe('AUTH.TOKEN_REVOKED');
    userToken = await login('wang.li', userPassword);
    expect((await as(userToken).get('/api/v1/auth/session').expect(200)).body).toMatchObject({ role: 'JusticeBureau' });
  });

  it('disabling ends the bearer tokens and the browser sessions at once and refuses logins; re-enabling allows them again', async () => {
    const session = await t
      .http()
      .post('/api/v1/auth/session')
      .set(XHR)
      .send({ username: 'wang.li', password: userPassword })
      .expect(200);
    const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';
    await t.http().get('/api/v1/auth/session').set('Cookie', cookie).expect(200);

    await as(adminToken).post('/api/v1/accounts/wang.li/disable', { reason: '调离' }).expect(200);
    expect((await as(userToken).get('/api/v1/auth/session').expect(401)).body.code).toBe('AUTH.TOKEN_REVOKED');
    await t.http().get('/api/v1/auth/session').set('Cookie', cookie).expect(401);
    const refused = await t
      .http()
      .post('/api/v1/auth/token')
      .send({ username: 'wang.li', password: userPassword })
      .expect(401);
    expect(refused.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect((await as(adminToken).post('/api/v1/accounts/wang.li/disable').expect(409)).body.code).toBe(
      'ACCOUNT.ALREADY_DISABLED',
    );

    await as(adminToken).post('/api/v1/accounts/wang.li/enable').expect(200);
    // Re-enabling does not bring the old tokens back.
    await as(userToken).get('/api/v1/auth/session').expect(401);
    userToken = await login('wang.li', userPassword);
  });

  it('a reset ends the sessions and hands out a one-time password; the last passwords cannot come back', async () => {
    const reset = await as(adminToken).post('/api/v1/accounts/wang.li/reset-password').expect(200);
    await as(userToken).get('/api/v1/auth/session').expect(401);
    const token = await login('wang.li', reset.body.oneTimePassword);
    await as(token).get('/api/v1/lookups/regions').expect(403);
    const reused = await changePassword(token, reset.body.oneTimePassword, STRONGER).expect(422);
    expect(reused.body.errors[0].codes).toEqual(['passwordReused']);
    await changePassword(token, reset.body.oneTimePassword, 'Copper-kettle-31').expect(204);
    userPassword = 'Copper-kettle-31';
    userToken = await login('wang.li', userPassword);
  });

  it('an expired password allows only its change (PASSWORD_MAX_AGE_DAYS, 90 by default)', async () => {
    clock.advance(91 * DAY);
    try {
      expect((await as(userToken).get('/api/v1/lookups/regions').expect(403)).body.code).toBe('AUTH.PASSWORD_EXPIRED');
      expect((await as(userToken).get('/api/v1/auth/session').expect(200)).body.passwordChangeDue).toBe('expired');
      await changePassword(userToken, userPassword, 'Harbour-light-58').expect(204);
      const fresh = await login('wang.li', 'Harbour-light-58');
      await as(fresh).get('/api/v1/lookups/regions').expect(200);
    } finally {
      clock.advance(-91 * DAY);
    }
  });

  it('records every change in the administration stream: who, when, what and from what', async () => {
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(ACCOUNTS_STREAM);
    expect(events.map((e) => e.type)).toEqual([
      'AccountCreated',
      'AccountPasswordChanged',
      'AccountCreated',
      'AccountPasswordChanged',
      'AccountCreated',
      'AccountPasswordChanged',
      'AccountRoleChanged',
      'AccountOrganisationChanged',
      'AccountDisabled',
      'AccountReenabled',
      'AccountPasswordReset',
      'AccountPasswordChanged',
      'AccountPasswordChanged',
    ]);
    const roleChange = events[6]!;
    expect(roleChange.data).toEqual({
      userId: expect.any(String),
      username: 'wang.li',
      from: 'RuleOfLawOffice',
      to: 'JusticeBureau',
    });
    expect(roleChange.metadata.actor).toEqual({
      userId: expect.any(String),
      role: 'SecurityAdministrator',
      orgId: 'panjin.it',
    });
    expect(events[4]!.metadata.actor).toEqual({ userId: 'cli:root', role: 'Operator', orgId: 'cli' });
    expect(roleChange.metadata.recordedAt).toEqual(expect.any(String));
    expect(events[0]!.metadata.actor.userId).toBe('system:accounts');
    expect(events[0]!.data).toMatchObject({ username: 'sysadmin', role: 'Administrator' });
    expect(events[8]!.data).toMatchObject({ username: 'wang.li', reason: '调离' });
    expect(JSON.stringify(events.map((e) => e.data))).not.toMatch(/scrypt/);
  });
});

describe('accounts (demo mode)', () => {
  it('creates the demo accounts only with DEMO=1, and refuses them once the deployment leaves demo mode', async () => {
    const demo = await startTestApp({ DEMO: '1' });
    let dataDir = '';
    try {
      dataDir = demo.dataDir;
      expect(demo.credentials.length).toBeGreaterThan(10);
      expect(statSync(join(dataDir, 'demo-credentials.json')).mode & 0o777).toBe(0o600);
      await demo.token('office');
      // Demo accounts are not administered.
      const admin = await demo.token('admin');
      const res = await demo
        .http()
        .post('/api/v1/accounts/office/disable')
        .set('Authorization', `Bearer ${admin}`)
        .expect(409);
      expect(res.body.code).toBe('ACCOUNT.DEMO_ACCOUNT');
    } finally {
      await demo.app.close();
    }
    const office = demo.credentials.find((c) => c.username === 'office')!;
    const first = await prepareAccountsOnStart(loadAppConfig({ DATA_DIR: dataDir, DEMO: '0' }));
    expect(first).toMatchObject({ kind: 'administrator', username: 'sysadmin' });
    const plain = await startTestApp({ DEMO: '0' }, dataDir);
    try {
      await plain.http().post('/api/v1/auth/token').send({ username: 'office', password: office.password }).expect(401);
    } finally {
      await plain.close();
    }
  });
});

describe('changing one’s password', () => {
  it('counts a wrong current password as a failed login: a stolen token cannot guess it without locking the account', async () => {
    const t = await startTestApp({ DEMO: '1', LOGIN_ACCOUNT_MAX_FAILURES: '2' });
    try {
      const token = await t.token('office');
      const attempt = () =>
        t
          .http()
          .post('/api/v1/auth/password')
          .set('Authorization', `Bearer ${token}`)
          .send({ currentPassword: 'guess', newPassword: 'Quiet-river-2026' });
      expect((await attempt().expect(403)).body.code).toBe('AUTH.WRONG_CURRENT_PASSWORD');
      expect((await attempt().expect(403)).body.code).toBe('AUTH.WRONG_CURRENT_PASSWORD');
      expect((await attempt().expect(429)).body.code).toBe('AUTH.ACCOUNT_LOCKED');
    } finally {
      await t.close();
    }
  });
});
