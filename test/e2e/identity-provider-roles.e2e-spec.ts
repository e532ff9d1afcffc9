import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 18: under an external identity provider (AUTH_JWKS_URL) the three administrators' roles come
 * from its claims — AUTH_ROLE_CLAIM names the claim (here `roles`, an array, as many providers put
 * group memberships), AUTH_ROLE_MAP maps its values. Tokens are signed here with a key whose public
 * half a local JWKS endpoint serves, as the provider's would.
 */
describe('roles from an identity provider (AUTH_JWKS_URL, AUTH_ROLE_CLAIM, AUTH_ROLE_MAP)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let server: Server;
  let t: TestApp;

  const token = (roles: unknown, org = 'panjin.it', sub = 'idp-user-1'): Promise<string> =>
    new SignJWT({ roles, org, pos: 'Staff' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'idp-1' })
      .setSubject(sub)
      .setIssuer('https://idp.example')
      .setAudience('xingji-link-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
  /** The answer, after checking its status. */
  const get = async (path: string, roles: unknown, status: number, org?: string) => {
    const res = await t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await token(roles, org)}`);
    expect({ path, roles, status: res.status }).toEqual({ path, roles, status });
    return res;
  };

  beforeAll(async () => {
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'EdDSA', use: 'sig' }],
    });
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await startTestApp({
      DEMO: '0',
      AUTH_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
      AUTH_ISSUER: 'https://idp.example',
      AUTH_ROLE_CLAIM: 'roles',
      AUTH_ROLE_MAP: 'xj-sysadmin:Administrator,xj-secadmin:SecurityAdministrator,xj-auditadmin:AuditAdministrator',
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('maps each administrator role from the claim, and each does its own work only', async () => {
    const session = await get('/api/v1/auth/session', ['staff', 'xj-auditadmin'], 200);
    expect(session.body).toMatchObject({ role: 'AuditAdministrator', orgId: 'panjin.it' });
    await get('/api/v1/audit/administration-log', ['xj-auditadmin'], 200);
    // The system administrator sets the calendar's tables, not the logs.
    expect((await get('/api/v1/audit/administration-log', ['xj-sysadmin'], 403)).body.code).toBe(
      'AUTH.ROLE_NOT_ALLOWED',
    );
    expect((await get('/api/v1/integrity/breaches', ['xj-secadmin'], 200)).body).toEqual({ items: [] });
    expect((await get('/api/v1/integrity/breaches', ['xj-auditadmin'], 403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('refuses a token whose values map to two roles (三员分立), to none, or name a role the map does not give', async () => {
    for (const roles of [['xj-sysadmin', 'xj-auditadmin'], ['staff'], 'Administrator', []])
      expect((await get('/api/v1/auth/session', roles, 401)).body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('keeps the organisation check: an administrator role only in the administrators’ organisation', async () => {
    expect((await get('/api/v1/auth/session', ['xj-auditadmin'], 401, 'panjin.justice')).body.code).toBe(
      'AUTH.UNKNOWN_ORGANISATION',
    );
  });
});
