import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { LoginLimits } from '@xj/application';

/** Everything the API reads from its environment, parsed once at start. */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  /** Set: EventStoreDB is the event store; unset: the embedded SQLite store in dataDir. */
  readonly esdbUrl?: string;
  readonly mongoUrl?: string;
  readonly bodyLimit: string;
  readonly logLevel: string;
  readonly auth: {
    readonly jwksUrl?: string;
    readonly publicKeyPem?: string;
    readonly issuer: string;
    readonly audience: string;
    readonly tokenTtlSeconds: number;
    /** Tokens valid for longer than this (from `iat` to `exp`) are refused, as are tokens without `exp`. */
    readonly maxTokenLifetimeSeconds: number;
  };
  readonly orgDirectoryFile?: string;
  /** Run the projection runner in this process (the embedded default); false on stateless API replicas. */
  readonly runProjections: boolean;
  /** POST /auth/token: failures counted per account and per client address (README "Login limits"). */
  readonly loginLimits: LoginLimits;
  /**
   * Proxies whose X-Forwarded-For is believed (Express `trust proxy`: addresses, CIDRs, or
   * `loopback` / `linklocal` / `uniquelocal`). Empty: the client is the connection's peer.
   */
  readonly trustedProxies: readonly string[];
  /** Reads (GET) per user and second, and the burst a user may spend at once (in memory, per process). */
  readonly readLimit: { readonly perSecond: number; readonly burst: number };
  /** After SIGTERM/SIGINT, how long requests in flight may take before their connections are closed. */
  readonly shutdownGraceSeconds: number;
}

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
};

const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
};

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUSTED_PROXIES: comma- or space-separated; checked here so that a typo stops the start, not every request. */
export const parseTrustedProxies = (value: string | undefined): string[] => {
  const entries = (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const validPrefix =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32)) ||
      (version === 4 && isIP(prefix) === 4);
    if (version === 0 || rest.length > 0 || !validPrefix) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range or one of ${PROXY_NAMES.join(', ')}`);
    }
  }
  return entries;
};

export const loadAppConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => ({
  port: int(env.PORT, 3000, 'PORT'),
  dataDir: resolve(env.DATA_DIR || './data'),
  esdbUrl: env.ESDB_URL || undefined,
  mongoUrl: env.MONGO_URL || undefined,
  bodyLimit: env.BODY_LIMIT || '256kb',
  logLevel: env.LOG_LEVEL || 'info',
  auth: {
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    publicKeyPem: env.AUTH_PUBLIC_KEY || undefined,
    issuer: env.AUTH_ISSUER || 'xingji-link',
    audience: env.AUTH_AUDIENCE || 'xingji-link-api',
    tokenTtlSeconds: int(env.TOKEN_TTL_SECONDS, 8 * 3600, 'TOKEN_TTL_SECONDS'),
    maxTokenLifetimeSeconds: int(env.AUTH_MAX_TOKEN_LIFETIME_SECONDS, 24 * 3600, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS'),
  },
  orgDirectoryFile: env.ORG_DIRECTORY_FILE || undefined,
  loginLimits: {
    accountMaxFailures: int(env.LOGIN_ACCOUNT_MAX_FAILURES, 5, 'LOGIN_ACCOUNT_MAX_FAILURES'),
    accountLockMs: int(env.LOGIN_ACCOUNT_LOCK_SECONDS, 900, 'LOGIN_ACCOUNT_LOCK_SECONDS') * 1000,
    addressMaxFailures: int(env.LOGIN_ADDRESS_MAX_FAILURES, 20, 'LOGIN_ADDRESS_MAX_FAILURES'),
    failureWindowMs: int(env.LOGIN_FAILURE_WINDOW_SECONDS, 900, 'LOGIN_FAILURE_WINDOW_SECONDS') * 1000,
  },
  trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
  readLimit: { perSecond: positive(env.READ_RATE_PER_SECOND, 20, 'READ_RATE_PER_SECOND'), burst: int(env.READ_BURST, 100, 'READ_BURST') },
  shutdownGraceSeconds: positive(env.SHUTDOWN_GRACE_SECONDS, 10, 'SHUTDOWN_GRACE_SECONDS'),
  runProjections: (env.RUN_PROJECTIONS ?? 'true').toLowerCase() !== 'false',
});

export const dataFile = (config: AppConfig, name: string): string => join(config.dataDir, name);
