import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  ACCESS_LOG_ARCHIVE_DIRNAME,
  AccessLogConfig,
  IntegrityConfig,
  integrityConfigOf,
  LoginLimits,
  writerIdOf,
} from '@xj/application';
import { CONFIG_SCHEMA, ConfigValues, LOG_LEVELS, configVariables } from './config.schema';

/** The environment as the entry point passes it: process.env, or a record in tests and benchmarks. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The typed configuration of the API, the worker and the CLI: parsed and validated once, at start. */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  /** Set: EventStoreDB is the event store; unset: the embedded SQLite store in dataDir. */
  readonly esdbUrl?: string;
  readonly mongoUrl?: string;
  readonly bodyLimit: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
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
  /** Signing keys, checkpoints and their schedule (CHECKPOINT_*). */
  readonly integrity: IntegrityConfig;
  /** The access log's writer, batching, retention and archive (ACCESS_LOG_*). */
  readonly accessLog: AccessLogConfig;
  /** Between two ticks of the deadline ticker (DEADLINE_TICK_MS). */
  readonly deadlineTickMs: number;
}

/** The configuration was refused: every message names its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

/** Each variable of the schema parsed; an empty value counts as unset (as every hand parser had it). */
export const readConfigValues = (env: Environment): ConfigValues => {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const variable of configVariables()) {
    const given = env[variable.name];
    const raw = given === undefined || given === '' ? variable.default : given;
    if (raw === undefined) continue;
    try {
      values[variable.name] = variable.parse(raw, variable.name);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as ConfigValues;
};

/** Parses and validates the environment (see CONFIG_SCHEMA); throws a {@link ConfigError} naming every bad variable. */
export const loadAppConfig = (env: Environment): AppConfig => {
  const v = readConfigValues(env);
  return {
    port: v.PORT,
    dataDir: v.DATA_DIR,
    esdbUrl: v.ESDB_URL,
    mongoUrl: v.MONGO_URL,
    bodyLimit: v.BODY_LIMIT,
    logLevel: v.LOG_LEVEL,
    auth: {
      jwksUrl: v.AUTH_JWKS_URL,
      publicKeyPem: v.AUTH_PUBLIC_KEY,
      issuer: v.AUTH_ISSUER,
      audience: v.AUTH_AUDIENCE,
      tokenTtlSeconds: v.TOKEN_TTL_SECONDS,
      maxTokenLifetimeSeconds: v.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    },
    orgDirectoryFile: v.ORG_DIRECTORY_FILE,
    runProjections: v.RUN_PROJECTIONS,
    loginLimits: {
      accountMaxFailures: v.LOGIN_ACCOUNT_MAX_FAILURES,
      accountLockMs: v.LOGIN_ACCOUNT_LOCK_SECONDS * 1000,
      addressMaxFailures: v.LOGIN_ADDRESS_MAX_FAILURES,
      failureWindowMs: v.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
    },
    trustedProxies: v.TRUSTED_PROXIES ?? [],
    readLimit: { perSecond: v.READ_RATE_PER_SECOND, burst: v.READ_BURST },
    shutdownGraceSeconds: v.SHUTDOWN_GRACE_SECONDS,
    integrity: integrityConfigOf({
      dataDir: v.DATA_DIR,
      signingKeyFile: v.CHECKPOINT_SIGNING_KEY_FILE,
      publicKeyFile: v.CHECKPOINT_PUBLIC_KEY_FILE,
      intervalMinutes: v.CHECKPOINT_INTERVAL_MINUTES,
      shutdownTimeoutSeconds: v.CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS,
      accessLogArchiveDir: v.ACCESS_LOG_ARCHIVE_DIR,
    }),
    accessLog: {
      // Each EventStoreDB replica appends segments of its own; the embedded store has one writer.
      writer: writerIdOf(v.ACCESS_LOG_WRITER ?? (v.ESDB_URL ? hostname() : 'main')),
      flushMs: v.ACCESS_LOG_FLUSH_MS,
      retentionDays: v.ACCESS_LOG_RETENTION_DAYS,
      archiveDir: v.ACCESS_LOG_ARCHIVE_DIR ?? join(v.DATA_DIR, ACCESS_LOG_ARCHIVE_DIRNAME),
      archiveIntervalMinutes: v.ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES,
    },
    deadlineTickMs: v.DEADLINE_TICK_MS,
  };
};

/** TRUSTED_PROXIES as the configuration reads it (also for a check of one value). */
export const parseTrustedProxies = (value: string | undefined): string[] =>
  value ? [...CONFIG_SCHEMA.TRUSTED_PROXIES.parse(value, 'TRUSTED_PROXIES')] : [];

/** A file in the data directory (keys, users, credentials). */
export const dataFile = (config: Pick<AppConfig, 'dataDir'>, name: string): string => join(config.dataDir, name);
