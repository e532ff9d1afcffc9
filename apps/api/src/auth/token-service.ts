import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRemoteJWKSet, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { AppConfig, dataFile } from '@xj/composition';
import { Position, ROLES, Role } from '@xj/domain';

/** What a verified token says about its bearer. */
export interface TokenClaims {
  readonly userId: string;
  readonly role: Role;
  readonly orgId: string;
  readonly position: Position;
  /** Accounts issued here: the credential version the token was issued under (revocation; absent: 0). */
  readonly version?: number;
}

export type TokenVerifierConfig = (
  | {
      readonly kind: 'embedded';
      readonly keyFile: string;
      readonly issuer: string;
      readonly audience: string;
      readonly ttlSeconds: number;
    }
  | ({
      readonly kind: 'jwks';
      readonly jwksUrl: string;
      readonly issuer?: string;
      readonly audience?: string;
    } & RoleMapping)
  | ({
      readonly kind: 'publicKey';
      readonly publicKeyPem: string;
      readonly issuer?: string;
      readonly audience?: string;
    } & RoleMapping)
) & {
  /** The longest a token may be valid, from its `iat` (or now, whichever is earlier) to its `exp`; default 24 h. */
  readonly maxLifetimeSeconds?: number;
};

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/**
 * How an identity provider's token names the role (AUTH_ROLE_CLAIM, AUTH_ROLE_MAP): the claim (a
 * string or an array of strings) and, when given, its values mapped to roles — values not mapped
 * are ignored. The token is refused unless exactly one role results: an account the provider gives
 * two administrator roles would hold two of the three administrators' duties (三员分立).
 */
export interface RoleMapping {
  readonly roleClaim?: string;
  readonly roleMap?: Readonly<Record<string, Role>>;
}

/** The key pair of the tokens issued here, in DATA_DIR. */
export const TOKEN_KEY_FILENAME = 'jwt-ed25519.pem';

/** Tokens are issued here (the embedded default) unless an external identity provider is configured. */
export const issuesTokens = (config: AppConfig): boolean => !config.auth.jwksUrl && !config.auth.publicKeyPem;

/**
 * The tokens as configured: an external identity provider's (AUTH_JWKS_URL, else AUTH_PUBLIC_KEY),
 * else issued here with the key pair in DATA_DIR; AUTH_ISSUER, AUTH_AUDIENCE and the lifetimes.
 */
export const tokenVerifierConfigOf = (config: AppConfig): TokenVerifierConfig => {
  const { issuer, audience, maxTokenLifetimeSeconds: maxLifetimeSeconds, roleClaim, roleMap } = config.auth;
  const roles: RoleMapping = { roleClaim, ...(roleMap !== undefined ? { roleMap } : {}) };
  if (config.auth.jwksUrl)
    return { kind: 'jwks', jwksUrl: config.auth.jwksUrl, issuer, audience, maxLifetimeSeconds, ...roles };
  if (config.auth.publicKeyPem)
    return {
      kind: 'publicKey',
      publicKeyPem: config.auth.publicKeyPem,
      issuer,
      audience,
      maxLifetimeSeconds,
      ...roles,
    };
  return {
    kind: 'embedded',
    keyFile: dataFile(config, TOKEN_KEY_FILENAME),
    issuer,
    audience,
    ttlSeconds: config.auth.tokenTtlSeconds,
    maxLifetimeSeconds,
  };
};

const CLAIM_ROLE = 'role';
const CLAIM_ORG = 'org';
const CLAIM_POSITION = 'pos';
const CLAIM_VERSION = 'ver';

/** The claims a token signed here carries (the version only when it is not 0, as before revocation existed). */
const signedClaims = (claims: TokenClaims): Record<string, string | number> => ({
  [CLAIM_ROLE]: claims.role,
  [CLAIM_ORG]: claims.orgId,
  [CLAIM_POSITION]: claims.position,
  ...(claims.version ? { [CLAIM_VERSION]: claims.version } : {}),
});

/**
 * Issues (embedded default only) and verifies bearer tokens. Embedded: an Ed25519 key pair kept in
 * DATA_DIR, so tokens survive restarts. Production: tokens from an external identity provider,
 * checked against its JWKS URL or a configured public key; the provider must put `role`, `org`
 * and `pos` claims in them. Every token must carry `exp`, within the maximum lifetime (#13 item 9):
 * a bearer token that never expires, or only in years, cannot be withdrawn short of rotating the key.
 */
export class TokenService {
  private readonly privateKey?: KeyObject;
  /** Verified tokens until they expire: a signature check per request is a tenth of a command's cost. */
  private readonly verified = new Map<string, { readonly claims: TokenClaims; readonly expiresAtMs: number }>();
  private readonly verifyKey: KeyObject | ReturnType<typeof createRemoteJWKSet>;
  private readonly maxLifetimeSeconds: number;

  constructor(private readonly config: TokenVerifierConfig) {
    this.maxLifetimeSeconds = config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    if (config.kind === 'embedded') {
      if (config.ttlSeconds > this.maxLifetimeSeconds) {
        throw new Error(
          `TOKEN_TTL_SECONDS (${config.ttlSeconds}) exceeds the maximum token lifetime (${this.maxLifetimeSeconds} s): every token issued would be refused.`,
        );
      }
      this.privateKey = loadOrCreateKey(config.keyFile);
      this.verifyKey = createPublicKey(this.privateKey);
    } else if (config.kind === 'jwks') {
      this.verifyKey = createRemoteJWKSet(new URL(config.jwksUrl));
    } else {
      this.verifyKey = createPublicKey(config.publicKeyPem);
    }
  }

  get issuesTokens(): boolean {
    return this.privateKey !== undefined;
  }

  /**
   * A key for `purpose` derived from the token key (HMAC-SHA-256 of the purpose under the private
   * key): every replica sharing DATA_DIR's key derives the same, and it signs nothing a token check accepts.
   */
  derivedKey(purpose: string): Buffer | undefined {
    if (!this.privateKey) return undefined;
    return createHmac('sha256', this.privateKey.export({ format: 'der', type: 'pkcs8' }))
      .update(purpose)
      .digest();
  }

  async issue(claims: TokenClaims): Promise<{ readonly token: string; readonly expiresIn: number }> {
    if (!this.privateKey || this.config.kind !== 'embedded') throw new Error('This deployment does not issue tokens.');
    const token = await new SignJWT(signedClaims(claims))
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(claims.userId)
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.config.ttlSeconds}s`)
      .sign(this.privateKey);
    return { token, expiresIn: this.config.ttlSeconds };
  }

  /**
   * Signs a browser session's token (embedded default only): valid until `expiresAt` (seconds),
   * which the session service keeps within the idle timeout and the session's absolute limit.
   */
  async issueSession(claims: SessionClaims): Promise<string> {
    if (!this.privateKey || this.config.kind !== 'embedded') throw new Error('This deployment does not issue tokens.');
    return new SignJWT({
      ...signedClaims(claims),
      [CLAIM_SESSION]: claims.sessionId,
      [CLAIM_SESSION_START]: claims.startedAt,
    })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(claims.userId)
      .setIssuer(this.config.issuer)
      .setAudience(sessionAudienceOf(this.config.audience))
      .setIssuedAt(claims.issuedAt)
      .setExpirationTime(claims.expiresAt)
      .sign(this.privateKey);
  }

  /** The claims of a session token signed here and valid at `now`, or undefined. */
  async verifySession(token: string, now: Date): Promise<SessionClaims | undefined> {
    if (!this.privateKey || this.config.kind !== 'embedded' || !(this.verifyKey instanceof KeyObject)) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.verifyKey, {
        issuer: this.config.issuer,
        audience: sessionAudienceOf(this.config.audience),
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'iat', CLAIM_SESSION, CLAIM_SESSION_START],
        currentDate: now,
      });
      const claims = toClaims(payload);
      const sessionId = payload[CLAIM_SESSION];
      const startedAt = payload[CLAIM_SESSION_START];
      if (!claims || typeof sessionId !== 'string' || typeof startedAt !== 'number') return undefined;
      return { ...claims, sessionId, startedAt, issuedAt: payload.iat as number, expiresAt: payload.exp as number };
    } catch {
      return undefined;
    }
  }

  /** The claims of a valid token, or undefined for anything invalid, expired, without expiry, too long-lived or incomplete. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    const cached = this.verified.get(token);
    const nowMs = Date.now();
    if (cached && cached.expiresAtMs > nowMs) return cached.claims;
    if (cached) this.verified.delete(token);
    try {
      const options = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['EdDSA', 'RS256', 'ES256', 'PS256'],
        requiredClaims: ['exp'],
      };
      const { payload } =
        this.verifyKey instanceof KeyObject
          ? await jwtVerify(token, this.verifyKey, options)
          : await jwtVerify(token, this.verifyKey, options);
      const expiresAt = lifetimeEnd(payload, Math.floor(nowMs / 1000), this.maxLifetimeSeconds);
      if (expiresAt === undefined) return undefined;
      // Tokens signed here name the role itself; an identity provider's go through AUTH_ROLE_CLAIM / _MAP.
      const claims = toClaims(payload, this.config.kind === 'embedded' ? {} : this.config);
      if (claims) this.remember(token, claims, expiresAt * 1000);
      return claims;
    } catch {
      return undefined;
    }
  }

  private remember(token: string, claims: TokenClaims, expiresAtMs: number): void {
    if (this.verified.size >= CACHE_LIMIT) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { claims, expiresAtMs });
  }
}

const CACHE_LIMIT = 10_000;

/** A browser session's token: the claims, its id (for logout) and when it began (for the absolute limit). */
export interface SessionClaims extends TokenClaims {
  readonly sessionId: string;
  /** Seconds since the epoch. */
  readonly startedAt: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

const CLAIM_SESSION = 'sid';
const CLAIM_SESSION_START = 'sst';
/** Session tokens carry their own audience: a session cookie is no bearer token, and a bearer token no session. */
export const sessionAudienceOf = (audience: string): string => `${audience}#browser-session`;

/**
 * The token's `exp` when it has one no further than the maximum lifetime from its `iat` (or from
 * now, if `iat` is missing or in the future); undefined otherwise, and the token is refused.
 */
const lifetimeEnd = (payload: JWTPayload, nowSeconds: number, maxLifetimeSeconds: number): number | undefined => {
  if (typeof payload.exp !== 'number') return undefined;
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, nowSeconds) : nowSeconds;
  return payload.exp - from <= maxLifetimeSeconds ? payload.exp : undefined;
};

/** The one role a token's claim names, through the mapping when there is one; undefined for none or several. */
export const roleOfClaim = (value: unknown, roleMap?: Readonly<Record<string, Role>>): Role | undefined => {
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const roles = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') return undefined;
    if (roleMap === undefined) roles.add(v);
    else if (Object.prototype.hasOwnProperty.call(roleMap, v)) roles.add(roleMap[v] as Role);
  }
  const [role, ...others] = [...roles];
  return role !== undefined && others.length === 0 && (ROLES as readonly string[]).includes(role)
    ? (role as Role)
    : undefined;
};

const toClaims = (payload: JWTPayload, mapping: RoleMapping = {}): TokenClaims | undefined => {
  const role = roleOfClaim(payload[mapping.roleClaim ?? CLAIM_ROLE], mapping.roleMap);
  const orgId = payload[CLAIM_ORG];
  const position = payload[CLAIM_POSITION] ?? 'Staff';
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) return undefined;
  if (role === undefined) return undefined;
  if (typeof orgId !== 'string' || orgId.length === 0) return undefined;
  if (position !== 'Head' && position !== 'Staff') return undefined;
  const version = payload[CLAIM_VERSION];
  if (version !== undefined && (typeof version !== 'number' || !Number.isSafeInteger(version))) return undefined;
  return { userId: payload.sub, role, orgId, position, ...(version ? { version } : {}) };
};

const loadOrCreateKey = (file: string): KeyObject => {
  if (existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return privateKey;
};
