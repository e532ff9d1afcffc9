import { TestApp, startTestApp } from './support/test-app';

const XHR = { 'X-Requested-With': 'XMLHttpRequest' };
const cookieOf = (setCookie: string[] | string | undefined): string => {
  const first = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])[0] ?? '';
  return first.split(';')[0] ?? '';
};
const clueBody = () => ({
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕31号',
  receivedAt: '2026-03-02T09:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: '未在法定期限内履行复议决定',
});

/** Issue 16: the browser session — an httpOnly SameSite=Strict cookie, CSRF header on writes, logout, limits. */
describe('browser session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUSTED_PROXIES: 'loopback', LOGIN_ACCOUNT_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());
  const password = (username: string): string => t.credentials.find((c) => c.username === username)!.password;
  const login = (username: string) =>
    t
      .http()
      .post('/api/v1/auth/session')
      .set(XHR)
      .send({ username, password: password(username) });

  it('logs in with the same accounts and sets an httpOnly, SameSite=Strict cookie scoped to the API', async () => {
    const res = await login('dawa-office').expect(200);
    expect(res.body).toMatchObject({
      userId: 'user-dawa-office',
      role: 'RuleOfLawOffice',
      regionId: 'panjin/dawa',
      authenticatedBy: 'cookie',
      idleTimeoutSeconds: 1800,
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^xj_session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(JSON.stringify(res.body)).not.toContain(cookieOf(res.headers['set-cookie']).slice(11));
  });

  it('logs the security and audit administrators in, whose unit is the system administrator’s (三员分立)', async () => {
    for (const [username, role] of [
      ['secadmin', 'SecurityAdministrator'],
      ['auditadmin', 'AuditAdministrator'],
    ] as const) {
      const res = await login(username).expect(200);
      expect(res.body).toMatchObject({ userId: `user-${username}`, role, orgId: 'panjin.it' });
    }
  });

  it('names the role’s administrative duties, from the API’s one table (the workbench offers only these)', async () => {
    expect((await login('secadmin').expect(200)).body.duties).toEqual(
      expect.arrayContaining(['account-roles', 'second-factors', 'integrity-breach-acknowledgement']),
    );
    expect((await login('secadmin').expect(200)).body.duties).not.toContain('accounts');
    expect((await login('auditadmin').expect(200)).body.duties).toEqual(
      expect.arrayContaining(['administration-log', 'log-export']),
    );
    expect((await login('dawa-office').expect(200)).body.duties).toEqual([]);
  });

  it('marks the cookie Secure when the request came over HTTPS (through a trusted proxy)', async () => {
    const res = await login('dawa-office').set('X-Forwarded-Proto', 'https').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('authenticates reads with the cookie alone', async () => {
    const cookie = cookieOf((await login('dawa-office').expect(200)).headers['set-cookie']);
    const me = await t.http().get('/api/v1/auth/session').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ userId: 'user-dawa-office', authenticatedBy: 'cookie' });
    await t.http().get('/api/v1/lookups/regions').set('Cookie', cookie).expect(200);
    await t.http().get('/api/v1/lookups/regions').expect(401);
  });

  it('refuses a cookie-authenticated write without X-Requested-With, and writes nothing', async () => {
    const cookie = cookieOf((await login('dawa-office').expect(200)).headers['set-cookie']);
    const refused = await t.http().post('/api/v1/clues').set('Cookie', cookie).send(clueBody()).expect(403);
    expect(refused.body.code).toBe('AUTH.CSRF_HEADER_REQUIRED');
    const ledger = await t.http().get('/api/v1/ledgers/clues?minPosition=0').set('Cookie', cookie).expect(200);
    expect(ledger.body.total).toBe(0);
    const created = await t.http().post('/api/v1/clues').set('Cookie', cookie).set(XHR).send(clueBody()).expect(201);
    expect(created.body.streamId ?? created.headers.location).toBeDefined();
  });

  it('needs X-Requested-With to log in at all (no login CSRF)', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/session')
      .send({ username: 'dawa-office', password: password('dawa-office') })
      .expect(403);
    expect(res.body.code).toBe('AUTH.CSRF_HEADER_REQUIRED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('logs out: the session is invalid server-side afterwards, even with the old cookie', async () => {
    const cookie = cookieOf((await login('dawa-office-head').expect(200)).headers['set-cookie']);
    await t.http().delete('/api/v1/auth/session').set('Cookie', cookie).expect(403);
    const out = await t.http().delete('/api/v1/auth/session').set('Cookie', cookie).set(XHR).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/xj_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await t.http().get('/api/v1/auth/session').set('Cookie', cookie).expect(401);
    expect(after.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('keeps Bearer tokens working, and neither kind of token passes for the other', async () => {
    const bearer = await t.token('dawa-office');
    const me = await t.http().get('/api/v1/auth/session').set('Authorization', `Bearer ${bearer}`).expect(200);
    expect(me.body.authenticatedBy).toBe('bearer');
    // A bearer request needs no CSRF header: a browser never adds an Authorization header by itself.
    await t.http().post('/api/v1/clues').set('Authorization', `Bearer ${bearer}`).send(clueBody()).expect(201);
    const cookie = cookieOf((await login('dawa-office').expect(200)).headers['set-cookie']);
    const sessionToken = cookie.slice('xj_session='.length);
    await t.http().get('/api/v1/auth/session').set('Authorization', `Bearer ${sessionToken}`).expect(401);
    await t.http().get('/api/v1/auth/session').set('Cookie', `xj_session=${bearer}`).expect(401);
  });

  it('counts failed session logins against the same per-account limit as token logins', async () => {
    const attempt = () => t.http().post('/api/v1/auth/session').set(XHR).send({ username: 'justice', password: 'x' });
    await attempt().expect(401);
    await t.http().post('/api/v1/auth/token').send({ username: 'justice', password: 'x' }).expect(401);
    await attempt().expect(401);
    const locked = await attempt().expect(429);
    expect(locked.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
