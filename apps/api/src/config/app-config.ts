import { join, resolve } from 'node:path';

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
  /** Login attempts per minute per client on POST /auth/token. */
  readonly loginRatePerMinute: number;
}

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
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
  loginRatePerMinute: int(env.LOGIN_RATE_PER_MINUTE, 10, 'LOGIN_RATE_PER_MINUTE'),
  runProjections: (env.RUN_PROJECTIONS ?? 'true').toLowerCase() !== 'false',
});

export const dataFile = (config: AppConfig, name: string): string => join(config.dataDir, name);
