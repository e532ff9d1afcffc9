import {
  CRYPTO_SUITES,
  DEFAULT_ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES,
  DEFAULT_ACCESS_LOG_FLUSH_MS,
  DEFAULT_CHECKPOINT_INTERVAL_MINUTES,
  DEFAULT_CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS,
  MIN_ACCESS_LOG_RETENTION_DAYS,
} from '@xj/application';
import { POSITIONS, ROLES } from '@xj/domain';
import {
  byteSize,
  choice,
  choiceList,
  choiceMap,
  ConfigKind,
  ConfigVariable,
  decimal,
  flag,
  onOff,
  integer,
  path,
  proxyList,
  publicKeyPem,
  text,
  url,
} from './config-variable';

/** pino's levels (LOG_LEVEL); `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the API, the worker and the CLI read — the one place that names
 * them. `loadAppConfig` parses them into the typed configuration every module receives; the
 * README table and `.env.example` list the same variables, defaults and descriptions (a spec
 * keeps the three in step). Names and defaults are those the hand parsers had before #14.
 */
export const CONFIG_SCHEMA = {
  PORT: {
    group: 'Server',
    ...integer({ min: 1, max: 65535 }),
    default: '3000',
    description: 'Port the API listens on.',
  },
  BODY_LIMIT: {
    group: 'Server',
    ...byteSize(),
    default: '256kb',
    description: 'Largest request body; a larger one answers 413 REQUEST.BODY_TOO_LARGE.',
  },
  LOG_LEVEL: {
    group: 'Server',
    ...choice(LOG_LEVELS),
    default: 'info',
    description: 'Least severe level written to the JSON log on stdout.',
  },
  TRUSTED_PROXIES: {
    group: 'Server',
    ...proxyList(),
    unset: 'no proxy: the client is the TCP peer',
    description: 'Proxies whose X-Forwarded-For names the client (comma- or space-separated).',
  },
  READ_RATE_PER_SECOND: {
    group: 'Server',
    ...decimal({ above: 0 }),
    default: '20',
    description: "Tokens per second refilling each user's read bucket (every authenticated GET takes one).",
  },
  READ_BURST: {
    group: 'Server',
    ...integer({ min: 1 }),
    default: '100',
    description: "Size of each user's read bucket: the reads a user may make at once.",
  },
  SHUTDOWN_GRACE_SECONDS: {
    group: 'Server',
    ...decimal({ above: 0, unit: 'seconds' }),
    default: '10',
    description: 'After SIGTERM or SIGINT, how long running requests may take before their connections are closed.',
  },
  RUN_PROJECTIONS: {
    group: 'Server',
    ...flag(),
    default: 'true',
    description:
      'Run projections, workflows, checkpoint signing and archiving in the API process; false on stateless replicas.',
  },

  AUTH_JWKS_URL: {
    group: 'Authentication',
    ...url(['https:', 'http:']),
    unset: 'tokens are issued here (embedded accounts)',
    description:
      'JWKS of the external identity provider whose tokens are accepted (production); POST /auth/token then answers 404.',
  },
  AUTH_PUBLIC_KEY: {
    group: 'Authentication',
    ...publicKeyPem(),
    unset: 'AUTH_JWKS_URL, else tokens are issued here',
    description: "The identity provider's public key, instead of AUTH_JWKS_URL.",
  },
  AUTH_ROLE_CLAIM: {
    group: 'Authentication',
    ...text(),
    default: 'role',
    description: "The identity provider's claim that holds the role: a string, or an array of strings.",
  },
  AUTH_ROLE_MAP: {
    group: 'Authentication',
    ...choiceMap(ROLES),
    unset: 'the claim names the role itself',
    description:
      "The identity provider's role values as roles, e.g. sysadmin:Administrator,secadmin:SecurityAdministrator,auditadmin:AuditAdministrator; a token whose values map to no role or to two is refused.",
  },
  AUTH_ISSUER: {
    group: 'Authentication',
    ...text(),
    default: 'xingji-link',
    description: 'Token issuer (iss): issued as, and required of every token.',
  },
  AUTH_AUDIENCE: {
    group: 'Authentication',
    ...text(),
    default: 'xingji-link-api',
    description: 'Token audience (aud): issued as, and required of every token.',
  },
  TOKEN_TTL_SECONDS: {
    group: 'Authentication',
    ...integer({ min: 1, unit: 'seconds' }),
    default: '28800',
    description: 'Lifetime of tokens issued here (8 h); above AUTH_MAX_TOKEN_LIFETIME_SECONDS stops the API at start.',
  },
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: {
    group: 'Authentication',
    ...integer({ min: 1, unit: 'seconds' }),
    default: '86400',
    description: 'Longest validity a token may have (24 h); a token without exp or valid for longer answers 401.',
  },
  SESSION_IDLE_TIMEOUT_SECONDS: {
    group: 'Authentication',
    ...integer({ min: 60, max: 86400, unit: 'seconds' }),
    default: '1800',
    description: 'Browser session (cookie): signed out after this long without a request (30 min).',
  },
  SESSION_MAX_LIFETIME_SECONDS: {
    group: 'Authentication',
    ...integer({ min: 60, max: 604800, unit: 'seconds' }),
    default: '43200',
    description: 'Browser session: signed out this long after the login whatever the activity (12 h).',
  },
  DEMO: {
    group: 'Authentication',
    ...onOff(),
    default: '0',
    description:
      'Demo mode: the first start creates the demo accounts (passwords only in DATA_DIR/demo-credentials.json); off: one system administrator.',
  },
  PASSWORD_MIN_LENGTH: {
    group: 'Authentication',
    ...integer({ min: 8, max: 128 }),
    default: '12',
    description: 'Shortest password accepted for an account of this deployment.',
  },
  PASSWORD_MIN_CHARACTER_CLASSES: {
    group: 'Authentication',
    ...integer({ min: 1, max: 4 }),
    default: '3',
    description: 'Character classes a password must mix (lower case, upper case, digits, others).',
  },
  PASSWORD_HISTORY: {
    group: 'Authentication',
    ...integer({ min: 0, max: 24 }),
    default: '5',
    description: "A new password may not be any of the account's last N passwords (0: only not the current one).",
  },
  PASSWORD_MAX_AGE_DAYS: {
    group: 'Authentication',
    ...integer({ min: 0, max: 3650, unit: 'days' }),
    default: '90',
    description: 'After this many days a password must be changed before anything else (0: never expires).',
  },
  MFA_REQUIRED_ROLES: {
    group: 'Authentication',
    ...choiceList(ROLES),
    unset: 'no role must use a second factor',
    description: 'Roles whose accounts must enrol a TOTP second factor (RFC 6238) before anything else.',
  },
  MFA_REQUIRED_POSITIONS: {
    group: 'Authentication',
    ...choiceList(POSITIONS),
    unset: 'no position must use a second factor',
    description: 'Positions (Head, Staff) whose accounts must enrol a TOTP second factor before anything else.',
  },
  MFA_SECRET_KEY_FILE: {
    group: 'Authentication',
    ...path(),
    unset: 'TOTP secrets are stored unencrypted in the users file (owner-readable)',
    description: 'File with a 32-byte key (64 hex digits or base64) that encrypts TOTP secrets at rest (AES-256-GCM).',
  },
  ORG_DIRECTORY_FILE: {
    group: 'Authentication',
    ...path(),
    unset: 'the demo city (Panjin and its four counties)',
    description:
      'Bootstrap only: the JSON array of organisations (id, names, role, region, parent) that seeds the administration-organisations stream at the first start of a store without it; after that the organisations are maintained through the API/CLI.',
  },

  LOGIN_ACCOUNT_MAX_FAILURES: {
    group: 'Login limits',
    ...integer({ min: 1 }),
    default: '5',
    description: 'Failed logins of one account in the window before it is locked.',
  },
  LOGIN_ACCOUNT_LOCK_SECONDS: {
    group: 'Login limits',
    ...integer({ min: 1, unit: 'seconds' }),
    default: '900',
    description: 'How long a locked account refuses every login, even the right password.',
  },
  LOGIN_ADDRESS_MAX_FAILURES: {
    group: 'Login limits',
    ...integer({ min: 1 }),
    default: '20',
    description: 'Failed logins from one client address in the window before its attempts are refused.',
  },
  LOGIN_FAILURE_WINDOW_SECONDS: {
    group: 'Login limits',
    ...integer({ min: 1, unit: 'seconds' }),
    default: '900',
    description: 'The fixed window in which failed logins are counted.',
  },

  DATA_DIR: {
    group: 'Storage',
    ...path(),
    default: './data',
    description: 'Directory of the embedded stores, the keys, the checkpoints and the demo credentials.',
  },
  ESDB_URL: {
    group: 'Storage',
    ...url(['esdb:', 'esdb+discover:']),
    unset: 'the embedded SQLite event store in DATA_DIR',
    description: 'EventStoreDB connection string: the event store of the production layout.',
  },
  MONGO_URL: {
    group: 'Storage',
    ...url(['mongodb:', 'mongodb+srv:']),
    unset: 'the embedded SQLite read models in DATA_DIR',
    description: 'MongoDB connection string: the read models and login counters of the production layout.',
  },
  CRYPTO_SUITE: {
    group: 'Storage',
    ...choice(CRYPTO_SUITES),
    unset: "the event store's own suite (intl for a new store)",
    description:
      'intl: SHA-256 chain, Ed25519 signatures; gm (国密): SM3 chain, SM2 signatures. Chosen when the store is created; a store created with the other suite refuses to open.',
  },
  EVIDENCE_MAX_MB: {
    group: 'Storage',
    ...decimal({ above: 0, unit: 'MiB' }),
    default: '50',
    description:
      'Largest evidence file accepted (413 EVIDENCE.TOO_LARGE above it); files in DATA_DIR/blobs, GridFS with MONGO_URL.',
  },
  EVIDENCE_ORPHAN_GRACE_HOURS: {
    group: 'Storage',
    ...decimal({ above: 0, unit: 'hours' }),
    default: '24',
    description: 'A stored file no case references is removed after this long (hourly background work).',
  },

  CHECKPOINT_SIGNING_KEY_FILE: {
    group: 'Integrity',
    ...path(),
    unset: 'DATA_DIR/checkpoint-signing-key.pem, created on first use',
    description:
      'Private key (PKCS#8 PEM) that signs checkpoints: Ed25519 under CRYPTO_SUITE intl, SM2 under gm; a configured file is never created.',
  },
  CHECKPOINT_PUBLIC_KEY_FILE: {
    group: 'Integrity',
    ...path(),
    unset: "the signing key's own public part",
    description: 'The one public key (SPKI PEM) a checkpoint may be signed with to verify.',
  },
  TRANSFER_TRUSTED_KEYS_DIR: {
    group: 'Integrity',
    ...path(),
    unset: 'DATA_DIR/transfer-trusted-keys',
    description:
      'Sender keys trusted for transfer packages: one directory per organisation id holding its public keys (SPKI PEM, *.pem); any other key is refused.',
  },
  CHECKPOINT_INTERVAL_MINUTES: {
    group: 'Integrity',
    ...decimal({ above: 0, unit: 'minutes' }),
    default: String(DEFAULT_CHECKPOINT_INTERVAL_MINUTES),
    description: 'How often the background work verifies the store and signs a checkpoint.',
  },
  CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS: {
    group: 'Integrity',
    ...decimal({ above: 0, unit: 'seconds' }),
    default: String(DEFAULT_CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS),
    description: 'How long graceful shutdown waits for its checkpoint before leaving it to the next start.',
  },

  ACCESS_LOG_WRITER: {
    group: 'Access log',
    ...text('text (letters, digits, _ and -; others become _)'),
    unset: 'main; the host name when ESDB_URL is set',
    description: 'Writer id in the access-log segment names: one per process appending at the same time.',
  },
  ACCESS_LOG_FLUSH_MS: {
    group: 'Access log',
    ...decimal({ min: 0, unit: 'ms' }),
    default: String(DEFAULT_ACCESS_LOG_FLUSH_MS),
    description: 'How long a read waits for others to join its batch of access-log records.',
  },
  ACCESS_LOG_RETENTION_DAYS: {
    group: 'Access log',
    ...decimal({ min: MIN_ACCESS_LOG_RETENTION_DAYS, unit: 'days' }),
    default: String(MIN_ACCESS_LOG_RETENTION_DAYS),
    description: 'Days of access log kept in the store before archiving (网络安全法 art. 21: at least six months).',
  },
  ACCESS_LOG_ARCHIVE_DIR: {
    group: 'Access log',
    ...path(),
    unset: 'DATA_DIR/access-log-archive',
    description: 'Where archived access-log segments are written (gzip JSON lines with their hashes).',
  },
  ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES: {
    group: 'Access log',
    ...decimal({ min: 1, unit: 'minutes' }),
    default: String(DEFAULT_ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES),
    description: 'How often the background work archives the segments past retention.',
  },
  NOTIFY_WEBHOOK_URL: {
    group: 'Notifications',
    ...url(['http:', 'https:']),
    unset: 'no webhook channel',
    description: 'Generic webhook: each message POSTed as JSON, signed (X-Xj-Timestamp, X-Xj-Signature).',
  },
  NOTIFY_WEBHOOK_SECRET: {
    group: 'Notifications',
    ...text('text (secret)'),
    unset: 'required with NOTIFY_WEBHOOK_URL',
    description: 'HMAC-SHA256 key of the webhook signature over "<timestamp>.<body>".',
  },
  NOTIFY_DINGTALK_URL: {
    group: 'Notifications',
    ...url(['http:', 'https:']),
    unset: 'no DingTalk channel',
    description: 'DingTalk (政务钉钉) custom group robot webhook, with its access_token.',
  },
  NOTIFY_DINGTALK_SECRET: {
    group: 'Notifications',
    ...text('text (secret)'),
    unset: 'unsigned (keyword or IP allow-list security)',
    description: "The robot's 加签 secret: the URL then carries timestamp and sign.",
  },
  NOTIFY_WECOM_URL: {
    group: 'Notifications',
    ...url(['http:', 'https:']),
    unset: 'no WeCom channel',
    description: 'WeCom (企业微信) group robot webhook, with its key; messages in markdown.',
  },
  NOTIFY_SMTP_URL: {
    group: 'Notifications',
    ...url(['smtp:', 'smtps:']),
    unset: 'no mail channel',
    description: 'SMTP relay for mail notifications (nodemailer connection URL).',
  },
  NOTIFY_SMTP_FROM: {
    group: 'Notifications',
    ...text('mail address'),
    unset: 'required with NOTIFY_SMTP_URL',
    description: 'Sender address of notification mail.',
  },
  NOTIFY_SMTP_TO: {
    group: 'Notifications',
    ...text('address template ({orgId}, {role}, {position})'),
    unset: 'required with NOTIFY_SMTP_URL',
    description: 'Recipient made from the audience, e.g. {orgId}.{position}@notify.example.gov.cn.',
  },
  NOTIFY_MAX_ATTEMPTS: {
    group: 'Notifications',
    ...integer({ min: 1, max: 100 }),
    default: '8',
    description: 'Attempts per delivery before it is parked (GET /api/v1/notifications/outbox/parked).',
  },
  NOTIFY_RETRY_BASE_SECONDS: {
    group: 'Notifications',
    ...decimal({ above: 0, unit: 'seconds' }),
    default: '30',
    description: 'Wait after the first failed attempt; doubled after each further one.',
  },
  NOTIFY_RETRY_MAX_SECONDS: {
    group: 'Notifications',
    ...decimal({ above: 0, unit: 'seconds' }),
    default: '3600',
    description: 'Longest wait between two attempts of a delivery.',
  },

  DEADLINE_TICK_MS: {
    group: 'Deadlines',
    ...integer({ min: 10, unit: 'ms' }),
    default: '60000',
    description: 'How often the background work fires the deadline timers that are due (提醒, 逾期, 催办, …).',
  },
} as const satisfies Readonly<Record<string, ConfigVariable<unknown>>>;

export type ConfigName = keyof typeof CONFIG_SCHEMA;

type ValueOf<V> = V extends ConfigKind<infer T> ? (V extends { readonly default: string } ? T : T | undefined) : never;

/** Each variable's parsed value: undefined only where it has no default and is unset. */
export type ConfigValues = { readonly [K in ConfigName]: ValueOf<(typeof CONFIG_SCHEMA)[K]> };

/** Every variable, in the order of the schema. */
export const configVariables = (): readonly (ConfigVariable<unknown> & { readonly name: ConfigName })[] =>
  (Object.entries(CONFIG_SCHEMA) as [ConfigName, ConfigVariable<unknown>][]).map(([name, variable]) => ({
    ...variable,
    name,
  }));
