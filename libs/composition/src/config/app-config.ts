import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  ACCESS_LOG_ARCHIVE_DIRNAME,
  AccessLogConfig,
  CryptoSuite,
  IntegrityConfig,
  integrityConfigOf,
  LoginLimits,
  PasswordPolicy,
  writerIdOf,
} from '@xj/application';
import type { Role } from '@xj/domain';
import { CONFIG_SCHEMA, ConfigValues, LOG_LEVELS, configVariables } from './config.schema';
import { SecondFactorSettings } from '../accounts/second-factor';

/** The environment as the entry point passes it: process.env, or a record in tests and benchmarks. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The typed configuration of the API, the worker and the CLI: parsed and validated once, at start. */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  /** Set: EventStoreDB is the event store; unset: the embedded SQLite store in dataDir. */
  readonly esdbUrl?: string;
  readonly mongoUrl?: string;
  /** CRYPTO_SUITE; undefined: the store's own (intl when new). */
  readonly cryptoSuite?: CryptoSuite;
  readonly bodyLimit: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly auth: {
    readonly jwksUrl?: string;
    readonly publicKeyPem?: string;
    /** An identity provider's tokens: the claim with the role, and its values mapped to roles (none: the role itself). */
    readonly roleClaim: string;
    readonly roleMap?: Readonly<Record<string, Role>>;
    readonly issuer: string;
    readonly audience: string;
    readonly tokenTtlSeconds: number;
    /** Tokens valid for longer than this (from `iat` to `exp`) are refused, as are tokens without `exp`. */
    readonly maxTokenLifetimeSeconds: number;
    /** The browser session (cookie): idle timeout and absolute lifetime, from the login. */
    readonly session: { readonly idleTimeoutSeconds: number; readonly maxLifetimeSeconds: number };
    /** DEMO: the first start creates the demo accounts; otherwise one system administrator. */
    readonly demo: boolean;
    /** PASSWORD_*: what a new password of an account of this deployment must be. */
    readonly passwordPolicy: PasswordPolicy;
    /** MFA_*: who must use a TOTP second factor, and the key that encrypts the secrets at rest. */
    readonly secondFactor: SecondFactorSettings;
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
  /** The outbox's channels and its retry policy (NOTIFY_*). */
  readonly notifications: NotificationsConfig;
  /** Between two ticks of the deadline ticker (DEADLINE_TICK_MS). */
  readonly deadlineTickMs: number;
  /** Evidence files: the size limit and how long an unattached blob is kept (EVIDENCE_*). */
  readonly evidence: { readonly maxBytes: number; readonly orphanGraceMs: number };
  /** Transfer packages (issue 19 §4): where the trusted sender keys are, one directory per organisation. */
  readonly transfer: { readonly trustedKeysDir: string };
}

/** The notification channels configured (each absent when its URL is unset) and the outbox's retries. */
export interface NotificationsConfig {
  readonly webhook?: { readonly url: string; readonly secret: string };
  readonly dingtalk?: { readonly url: string; readonly secret?: string };
  readonly wecom?: { readonly url: string };
  readonly smtp?: { readonly url: string; readonly from: string; readonly to: string };
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

const notificationsOf = (v: ConfigValues): NotificationsConfig => {
  const problems: string[] = [];
  if (v.NOTIFY_WEBHOOK_URL !== undefined && v.NOTIFY_WEBHOOK_SECRET === undefined)
    problems.push('NOTIFY_WEBHOOK_SECRET is required with NOTIFY_WEBHOOK_URL (every webhook message is signed)');
  if (v.NOTIFY_SMTP_URL !== undefined && (v.NOTIFY_SMTP_FROM === undefined || v.NOTIFY_SMTP_TO === undefined))
    problems.push('NOTIFY_SMTP_FROM and NOTIFY_SMTP_TO are required with NOTIFY_SMTP_URL');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(v.NOTIFY_WEBHOOK_URL !== undefined && v.NOTIFY_WEBHOOK_SECRET !== undefined
      ? { webhook: { url: v.NOTIFY_WEBHOOK_URL, secret: v.NOTIFY_WEBHOOK_SECRET } }
      : {}),
    ...(v.NOTIFY_DINGTALK_URL !== undefined
      ? {
          dingtalk: {
            url: v.NOTIFY_DINGTALK_URL,
            ...(v.NOTIFY_DINGTALK_SECRET === undefined ? {} : { secret: v.NOTIFY_DINGTALK_SECRET }),
          },
        }
      : {}),
    ...(v.NOTIFY_WECOM_URL !== undefined ? { wecom: { url: v.NOTIFY_WECOM_URL } } : {}),
    ...(v.NOTIFY_SMTP_URL !== undefined && v.NOTIFY_SMTP_FROM !== undefined && v.NOTIFY_SMTP_TO !== undefined
      ? { smtp: { url: v.NOTIFY_SMTP_URL, from: v.NOTIFY_SMTP_FROM, to: v.NOTIFY_SMTP_TO } }
      : {}),
    maxAttempts: v.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: v.NOTIFY_RETRY_BASE_SECONDS * 1000,
    retryMaxMs: v.NOTIFY_RETRY_MAX_SECONDS * 1000,
  };
};

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
    cryptoSuite: v.CRYPTO_SUITE,
    bodyLimit: v.BODY_LIMIT,
    logLevel: v.LOG_LEVEL,
    auth: {
      jwksUrl: v.AUTH_JWKS_URL,
      publicKeyPem: v.AUTH_PUBLIC_KEY,
      roleClaim: v.AUTH_ROLE_CLAIM,
      ...(v.AUTH_ROLE_MAP !== undefined ? { roleMap: v.AUTH_ROLE_MAP } : {}),
      issuer: v.AUTH_ISSUER,
      audience: v.AUTH_AUDIENCE,
      tokenTtlSeconds: v.TOKEN_TTL_SECONDS,
      maxTokenLifetimeSeconds: v.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
      session: {
        idleTimeoutSeconds: v.SESSION_IDLE_TIMEOUT_SECONDS,
        maxLifetimeSeconds: v.SESSION_MAX_LIFETIME_SECONDS,
      },
      demo: v.DEMO,
      passwordPolicy: {
        minLength: v.PASSWORD_MIN_LENGTH,
        minCharacterClasses: v.PASSWORD_MIN_CHARACTER_CLASSES,
        history: v.PASSWORD_HISTORY,
        maxAgeDays: v.PASSWORD_MAX_AGE_DAYS,
      },
      secondFactor: {
        requiredRoles: v.MFA_REQUIRED_ROLES ?? [],
        requiredPositions: v.MFA_REQUIRED_POSITIONS ?? [],
        ...(v.MFA_SECRET_KEY_FILE !== undefined ? { keyFile: v.MFA_SECRET_KEY_FILE } : {}),
      },
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
    notifications: notificationsOf(v),
    deadlineTickMs: v.DEADLINE_TICK_MS,
    evidence: {
      maxBytes: Math.floor(v.EVIDENCE_MAX_MB * 1024 * 1024),
      orphanGraceMs: v.EVIDENCE_ORPHAN_GRACE_HOURS * 60 * 60 * 1000,
    },
    transfer: { trustedKeysDir: v.TRANSFER_TRUSTED_KEYS_DIR ?? join(v.DATA_DIR, TRANSFER_TRUSTED_KEYS_DIRNAME) },
  };
};

/** Where the trusted sender keys of transfer packages are unless TRANSFER_TRUSTED_KEYS_DIR says. */
export const TRANSFER_TRUSTED_KEYS_DIRNAME = 'transfer-trusted-keys';

/** TRUSTED_PROXIES as the configuration reads it (also for a check of one value). */
export const parseTrustedProxies = (value: string | undefined): string[] =>
  value ? [...CONFIG_SCHEMA.TRUSTED_PROXIES.parse(value, 'TRUSTED_PROXIES')] : [];

/** A file in the data directory (keys, users, credentials). */
export const dataFile = (config: Pick<AppConfig, 'dataDir'>, name: string): string => join(config.dataDir, name);
