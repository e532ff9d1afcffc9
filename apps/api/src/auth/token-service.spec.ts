import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT } from 'jose';
import { TokenService, TokenVerifierConfig } from './token-service';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const keyFileIn = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-key-'));
  dirs.push(dir);
  return join(dir, 'k.pem');
};
const service = (ttlSeconds = 60) =>
  new TokenService({ kind: 'embedded', keyFile: keyFileIn(), issuer: 'i', audience: 'a', ttlSeconds });
const claims = {
  userId: 'u-1',
  role: 'RuleOfLawOffice' as const,
  orgId: 'panjin.rol-office',
  position: 'Head' as const,
};

const HOUR = 3600;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** What an identity provider might sign: `exp` and `iat` as given (absent when undefined), the claims the product needs. */
const signed = async (
  key: KeyObject,
  lifetime: { readonly exp?: number; readonly iat?: number },
  kid?: string,
): Promise<string> => {
  const jwt = new SignJWT({ role: claims.role, org: claims.orgId, pos: claims.position })
    .setProtectedHeader({ alg: 'EdDSA', ...(kid ? { kid } : {}) })
    .setSubject(claims.userId)
    .setIssuer('i')
    .setAudience('a');
  if (lifetime.iat !== undefined) jwt.setIssuedAt(lifetime.iat);
  if (lifetime.exp !== undefined) jwt.setExpirationTime(lifetime.exp);
  return jwt.sign(key);
};

/** A token without expiry, one valid 10 years, one whose `exp` is far beyond its `iat`, and a sound one. */
const lifetimes = () => {
  const now = nowSeconds();
  return {
    noExpiry: { iat: now },
    noExpiryNoIat: {},
    tenYears: { iat: now, exp: now + 10 * 365 * 24 * HOUR },
    // Issued 30 h ago, valid one more hour: a 31 h token, although it expires soon.
    longSinceIssued: { iat: now - 30 * HOUR, exp: now + HOUR },
    // An `iat` in the future does not stretch the limit: 25 h from now.
    futureIat: { iat: now + 2 * HOUR, exp: now + 25 * HOUR },
    sound: { iat: now, exp: now + 8 * HOUR },
    soundWithoutIat: { exp: now + 8 * HOUR },
  };
};

/** Every verification mode (#13 item 9): a token without `exp`, or valid for longer than the maximum, is refused. */
const refusesUnboundedTokens = (
  mode: string,
  setup: () => Promise<{ tokens: TokenService; sign: (lifetime: { exp?: number; iat?: number }) => Promise<string> }>,
) => {
  describe(`${mode}: tokens must expire, within the maximum lifetime (24 h by default)`, () => {
    it('refuses a token without exp, with or without iat', async () => {
      const { tokens, sign } = await setup();
      const { noExpiry, noExpiryNoIat, sound } = lifetimes();
      // The same key and claims with an exp pass: the refusals below are for the lifetime alone.
      expect(await tokens.verify(await sign(sound))).toEqual(claims);
      expect(await tokens.verify(await sign(noExpiry))).toBeUndefined();
      expect(await tokens.verify(await sign(noExpiryNoIat))).toBeUndefined();
    });

    it('refuses an exp more than 24 h beyond iat or now, however soon it comes', async () => {
      const { tokens, sign } = await setup();
      const { tenYears, longSinceIssued, futureIat, sound } = lifetimes();
      expect(await tokens.verify(await sign(sound))).toEqual(claims);
      expect(await tokens.verify(await sign(tenYears))).toBeUndefined();
      expect(await tokens.verify(await sign(longSinceIssued))).toBeUndefined();
      expect(await tokens.verify(await sign(futureIat))).toBeUndefined();
    });

    it('accepts a token that expires within the limit, with or without iat', async () => {
      const { tokens, sign } = await setup();
      const { sound, soundWithoutIat } = lifetimes();
      expect(await tokens.verify(await sign(sound))).toEqual(claims);
      expect(await tokens.verify(await sign(soundWithoutIat))).toEqual(claims);
    });
  });
};

describe('TokenService', () => {
  it('carries the credential version a token was issued under (revocation, issue 18), and refuses a malformed one', async () => {
    const tokens = service();
    expect(await tokens.verify((await tokens.issue({ ...claims, version: 3 })).token)).toEqual({
      ...claims,
      version: 3,
    });
    // Version 0 is no claim at all: tokens issued before revocation existed verify as they did.
    const plain = (await tokens.issue({ ...claims, version: 0 })).token;
    expect(JSON.parse(Buffer.from(plain.split('.')[1] as string, 'base64url').toString())).not.toHaveProperty('ver');
    expect(await tokens.verify(plain)).toEqual(claims);
    const { privateKey } = generateKeyPairSync('ed25519');
    const foreign = new TokenService({
      kind: 'publicKey',
      publicKeyPem: createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString(),
      issuer: 'i',
      audience: 'a',
    });
    const withVersion = (ver: unknown) =>
      new SignJWT({ role: claims.role, org: claims.orgId, pos: claims.position, ver })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setSubject(claims.userId)
        .setIssuer('i')
        .setAudience('a')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    expect(await foreign.verify(await withVersion(2))).toEqual({ ...claims, version: 2 });
    expect(await foreign.verify(await withVersion('2'))).toBeUndefined();
    expect(await foreign.verify(await withVersion(1.5))).toBeUndefined();
  });

  it('verifies what it issued, also from its cache, and never a token with a changed signature or payload', async () => {
    const tokens = service();
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await tokens.verify(`${header}.${payload}.${flipped}`)).toBeUndefined();
    const forged = Buffer.from(
      JSON.stringify({ sub: 'u-1', role: 'Auditor', org: 'panjin.audit', pos: 'Head' }),
    ).toString('base64url');
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
  });

  it('rejects a token of another key pair (another deployment)', async () => {
    const { token } = await service().issue(claims);
    expect(await service().verify(token)).toBeUndefined();
  });

  it('takes the maximum lifetime from its configuration, and refuses to start with a token TTL beyond it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const tokens = new TokenService({
      kind: 'publicKey',
      publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      issuer: 'i',
      audience: 'a',
      maxLifetimeSeconds: HOUR,
    });
    const now = nowSeconds();
    expect(await tokens.verify(await signed(privateKey, { iat: now, exp: now + 2 * HOUR }))).toBeUndefined();
    expect(await tokens.verify(await signed(privateKey, { iat: now, exp: now + HOUR / 2 }))).toEqual(claims);
    const config: TokenVerifierConfig = {
      kind: 'embedded',
      keyFile: keyFileIn(),
      issuer: 'i',
      audience: 'a',
      ttlSeconds: 2 * HOUR,
      maxLifetimeSeconds: HOUR,
    };
    expect(() => new TokenService(config)).toThrow(/TOKEN_TTL_SECONDS/);
    // The defaults fit: 8 h tokens under a 24 h maximum.
    expect(await service(8 * HOUR).issue(claims)).toMatchObject({ expiresIn: 8 * HOUR });
  });

  refusesUnboundedTokens('embedded key', async () => {
    const keyFile = keyFileIn();
    const tokens = new TokenService({ kind: 'embedded', keyFile, issuer: 'i', audience: 'a', ttlSeconds: 60 });
    // Signed with the deployment's own key, as a leaked key or a bug in issuance would.
    const key = createPrivateKey(readFileSync(keyFile, 'utf8'));
    return { tokens, sign: (lifetime) => signed(key, lifetime) };
  });

  refusesUnboundedTokens('AUTH_PUBLIC_KEY', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const tokens = new TokenService({
      kind: 'publicKey',
      publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      issuer: 'i',
      audience: 'a',
    });
    return Promise.resolve({ tokens, sign: (lifetime) => signed(privateKey, lifetime) });
  });

  describe('over JWKS', () => {
    let server: Server;
    let jwksUrl = '';
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    beforeAll(async () => {
      const jwks = JSON.stringify({
        keys: [{ ...(await exportJWK(publicKey)), kid: 'k-1', alg: 'EdDSA', use: 'sig' }],
      });
      server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    refusesUnboundedTokens('AUTH_JWKS_URL', () => {
      const tokens = new TokenService({ kind: 'jwks', jwksUrl, issuer: 'i', audience: 'a' });
      return Promise.resolve({ tokens, sign: (lifetime) => signed(privateKey, lifetime, 'k-1') });
    });
  });
});
