import { hostname } from 'node:os';
import { generateKeyPairSync } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, loadAppConfig, parseTrustedProxies } from './app-config';
import { CONFIG_SCHEMA } from './config.schema';

describe('app config: limits and shutdown', () => {
  it('defaults: login 5 failures per account (locked 15 min) and 20 per address in 15 min, no trusted proxy, 20 reads/s burst 100, 10 s grace', () => {
    const config = loadAppConfig({});
    expect(config.loginLimits).toEqual({
      accountMaxFailures: 5,
      accountLockMs: 900_000,
      addressMaxFailures: 20,
      failureWindowMs: 900_000,
    });
    expect(config.trustedProxies).toEqual([]);
    expect(config.readLimit).toEqual({ perSecond: 20, burst: 100 });
    expect(config.shutdownGraceSeconds).toBe(10);
  });

  it('reads the knobs, fractions where a rate or a duration may have one', () => {
    const config = loadAppConfig({
      LOGIN_ACCOUNT_MAX_FAILURES: '3',
      LOGIN_ACCOUNT_LOCK_SECONDS: '60',
      LOGIN_ADDRESS_MAX_FAILURES: '50',
      LOGIN_FAILURE_WINDOW_SECONDS: '300',
      READ_RATE_PER_SECOND: '0.5',
      READ_BURST: '10',
      SHUTDOWN_GRACE_SECONDS: '2.5',
    });
    expect(config.loginLimits).toEqual({
      accountMaxFailures: 3,
      accountLockMs: 60_000,
      addressMaxFailures: 50,
      failureWindowMs: 300_000,
    });
    expect(config.readLimit).toEqual({ perSecond: 0.5, burst: 10 });
    expect(config.shutdownGraceSeconds).toBe(2.5);
    expect(() => loadAppConfig({ READ_RATE_PER_SECOND: '0' })).toThrow(
      'READ_RATE_PER_SECOND must be a positive number',
    );
    expect(() => loadAppConfig({ LOGIN_ACCOUNT_MAX_FAILURES: '2.5' })).toThrow(
      'LOGIN_ACCOUNT_MAX_FAILURES must be a positive integer',
    );
  });

  it('accepts proxies as addresses, CIDR ranges and Express names, comma- or space-separated', () => {
    expect(parseTrustedProxies('10.0.0.1, 10.1.0.0/16 fd00::/8,loopback 192.168.0.0/255.255.0.0')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
      '192.168.0.0/255.255.0.0',
    ]);
    expect(parseTrustedProxies('')).toEqual([]);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0.0/ffff::', 'all'])(
    'refuses "%s" at start',
    (entry) => {
      expect(() => parseTrustedProxies(entry)).toThrow(`TRUSTED_PROXIES: "${entry}"`);
    },
  );
});

describe('app config: one validated schema', () => {
  it('keeps every default the hand parsers had (API, integrity, access log)', () => {
    const config = loadAppConfig({ DATA_DIR: '/srv/xj' });
    expect(config).toEqual({
      port: 3000,
      dataDir: '/srv/xj',
      esdbUrl: undefined,
      mongoUrl: undefined,
      bodyLimit: '256kb',
      logLevel: 'info',
      auth: {
        jwksUrl: undefined,
        publicKeyPem: undefined,
        roleClaim: 'role',
        issuer: 'xingji-link',
        audience: 'xingji-link-api',
        tokenTtlSeconds: 8 * 3600,
        maxTokenLifetimeSeconds: 24 * 3600,
        session: { idleTimeoutSeconds: 1800, maxLifetimeSeconds: 12 * 3600 },
        // Not demo mode unless DEMO=1 says so (issue 18): a forgotten variable means no demo accounts.
        demo: false,
        passwordPolicy: { minLength: 12, minCharacterClasses: 3, history: 5, maxAgeDays: 90 },
        // Nobody must use a second factor unless MFA_REQUIRED_* says so; no key: secrets stored as they are.
        secondFactor: { requiredRoles: [], requiredPositions: [] },
      },
      orgDirectoryFile: undefined,
      runProjections: true,
      loginLimits: { accountMaxFailures: 5, accountLockMs: 900_000, addressMaxFailures: 20, failureWindowMs: 900_000 },
      trustedProxies: [],
      readLimit: { perSecond: 20, burst: 100 },
      shutdownGraceSeconds: 10,
      integrity: {
        signingKeyFile: '/srv/xj/checkpoint-signing-key.pem',
        createSigningKey: true,
        pinnedPublicKeyFile: undefined,
        checkpointsDir: '/srv/xj/checkpoints',
        intervalMinutes: 60,
        shutdownTimeoutSeconds: 10,
      },
      accessLog: {
        writer: 'main',
        flushMs: 10,
        retentionDays: 180,
        archiveDir: '/srv/xj/access-log-archive',
        archiveIntervalMinutes: 360,
      },
      // No channel unless configured; the outbox's retries (issue 15 §3).
      notifications: { maxAttempts: 8, retryBaseMs: 30_000, retryMaxMs: 3_600_000 },
      deadlineTickMs: 60_000,
      // Evidence files (issue 19 §1): 50 MiB, and a day's grace before an unattached file goes.
      evidence: { maxBytes: 50 * 1024 * 1024, orphanGraceMs: 24 * 3_600_000 },
      // Transfer packages (issue 19 §4): the sender keys trusted, one directory per organisation.
      transfer: { trustedKeysDir: '/srv/xj/transfer-trusted-keys' },
    });
    expect(loadAppConfig({}).dataDir).toBe(resolve('./data'));
  });

  it('reads every section from its variables; relative paths resolve against the working directory; empty means unset', () => {
    const config = loadAppConfig({
      PORT: '8080',
      DATA_DIR: 'var/xj',
      ESDB_URL: 'esdb://localhost:2113?tls=false',
      MONGO_URL: 'mongodb://localhost:27017/xj?replicaSet=rs0',
      BODY_LIMIT: '1mb',
      LOG_LEVEL: 'silent',
      AUTH_JWKS_URL: 'https://idp.example/jwks.json',
      AUTH_ISSUER: '',
      ORG_DIRECTORY_FILE: 'orgs.json',
      RUN_PROJECTIONS: 'FALSE',
      CHECKPOINT_SIGNING_KEY_FILE: '/keys/k.pem',
      CHECKPOINT_PUBLIC_KEY_FILE: '/keys/p.pem',
      CHECKPOINT_INTERVAL_MINUTES: '15',
      CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS: '2.5',
      ACCESS_LOG_FLUSH_MS: '0',
      ACCESS_LOG_RETENTION_DAYS: '365',
      ACCESS_LOG_ARCHIVE_DIR: '/archive',
      ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES: '60',
      DEADLINE_TICK_MS: '250',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: resolve('var/xj'),
      esdbUrl: 'esdb://localhost:2113?tls=false',
      mongoUrl: 'mongodb://localhost:27017/xj?replicaSet=rs0',
      bodyLimit: '1mb',
      logLevel: 'silent',
      auth: { jwksUrl: 'https://idp.example/jwks.json', issuer: 'xingji-link' },
      orgDirectoryFile: resolve('orgs.json'),
      runProjections: false,
      integrity: {
        signingKeyFile: '/keys/k.pem',
        createSigningKey: false,
        pinnedPublicKeyFile: '/keys/p.pem',
        intervalMinutes: 15,
        shutdownTimeoutSeconds: 2.5,
        accessLogArchiveDir: '/archive',
      },
      // Each EventStoreDB replica appends segments of its own, named after its host.
      accessLog: {
        writer: hostname()
          .replace(/[^A-Za-z0-9_-]/g, '_')
          .slice(0, 64),
        flushMs: 0,
        retentionDays: 365,
        archiveDir: '/archive',
        archiveIntervalMinutes: 60,
      },
      deadlineTickMs: 250,
    });
    expect(loadAppConfig({ ACCESS_LOG_WRITER: 'replica 2/b' }).accessLog.writer).toBe('replica_2_b');
    expect(loadAppConfig({ RUN_PROJECTIONS: '' }).runProjections).toBe(true);
    expect([loadAppConfig({ DEMO: '1' }).auth.demo, loadAppConfig({ DEMO: 'true' }).auth.demo]).toEqual([true, true]);
    expect(loadAppConfig({ DEMO: '0' }).auth.demo).toBe(false);
    expect(() => loadAppConfig({ DEMO: 'yes' })).toThrow('DEMO');
  });

  it('accepts a PEM public key for AUTH_PUBLIC_KEY', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadAppConfig({ AUTH_PUBLIC_KEY: pem }).auth.publicKeyPem).toBe(pem);
  });

  it("maps an identity provider's role values to roles (AUTH_ROLE_CLAIM, AUTH_ROLE_MAP), and refuses a map naming no role", () => {
    const auth = loadAppConfig({
      AUTH_ROLE_CLAIM: 'groups',
      AUTH_ROLE_MAP: 'sysadmin:Administrator, secadmin:SecurityAdministrator,urn:x:audit:AuditAdministrator',
    }).auth;
    expect(auth.roleClaim).toBe('groups');
    expect(auth.roleMap).toEqual({
      sysadmin: 'Administrator',
      secadmin: 'SecurityAdministrator',
      'urn:x:audit': 'AuditAdministrator',
    });
    expect(loadAppConfig({}).auth.roleMap).toBeUndefined();
    expect(() => loadAppConfig({ AUTH_ROLE_MAP: 'sysadmin:Root' })).toThrow('AUTH_ROLE_MAP must be value:choice');
    expect(() => loadAppConfig({ AUTH_ROLE_MAP: 'a:Auditor,a:Administrator' })).toThrow('each value mapped once');
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer from 1 to 65535, got "abc"'],
    ['PORT', '70000', 'PORT must be an integer from 1 to 65535, got "70000"'],
    ['READ_BURST', '0', 'READ_BURST must be a positive integer, got "0"'],
    ['SHUTDOWN_GRACE_SECONDS', 'ten', 'SHUTDOWN_GRACE_SECONDS must be a positive number of seconds, got "ten"'],
    ['BODY_LIMIT', '256KiB', 'BODY_LIMIT must be a size such as 256kb'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    ['RUN_PROJECTIONS', 'no', 'RUN_PROJECTIONS must be true or false, got "no"'],
    [
      'ESDB_URL',
      'localhost:2113',
      'ESDB_URL must be a URL starting with esdb:// or esdb+discover://, got "localhost:2113"',
    ],
    ['MONGO_URL', 'not a url', 'MONGO_URL must be a URL (mongodb://…, mongodb+srv://…), got "not a url"'],
    ['AUTH_JWKS_URL', 'ftp://idp/jwks', 'AUTH_JWKS_URL must be a URL starting with https:// or http://'],
    ['AUTH_PUBLIC_KEY', 'not a key', 'AUTH_PUBLIC_KEY must be a PEM public key'],
    ['TOKEN_TTL_SECONDS', '-1', 'TOKEN_TTL_SECONDS must be a positive integer, got "-1"'],
    [
      'CHECKPOINT_INTERVAL_MINUTES',
      'soon',
      'CHECKPOINT_INTERVAL_MINUTES must be a positive number of minutes, got "soon"',
    ],
    ['CHECKPOINT_INTERVAL_MINUTES', '0', 'CHECKPOINT_INTERVAL_MINUTES must be a positive number of minutes, got "0"'],
    [
      'CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS',
      '-1',
      'CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS must be a positive number of seconds, got "-1"',
    ],
    ['ACCESS_LOG_FLUSH_MS', '-5', 'ACCESS_LOG_FLUSH_MS must be a number >= 0, got "-5"'],
    ['ACCESS_LOG_RETENTION_DAYS', '90', 'ACCESS_LOG_RETENTION_DAYS must be a number >= 180, got "90"'],
    [
      'ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES',
      '0.5',
      'ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES must be a number >= 1, got "0.5"',
    ],
    ['TRUSTED_PROXIES', '10.0.0.0/33', 'TRUSTED_PROXIES: "10.0.0.0/33" is not an IP address'],
  ])('refuses %s=%s at start, naming the variable', (name, value, message) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadAppConfig({ [name]: value })).toThrow(message);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadAppConfig({ PORT: 'x', LOG_LEVEL: 'loud', READ_BURST: '1.5', DATA_DIR: '/ok' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer from 1 to 65535, got "x"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'READ_BURST must be a positive integer, got "1.5"',
    ]);
  });

  it('ignores variables it does not declare (the process environment holds many)', () => {
    expect(loadAppConfig({ HOME: '/root', LOGIN_RATE_PER_MINUTE: '1000', PATH: '/bin' }).port).toBe(3000);
  });

  it('parses each default with its own kind: a default the schema would refuse cannot be declared', () => {
    for (const [name, variable] of Object.entries(CONFIG_SCHEMA)) {
      if ('default' in variable) expect(() => variable.parse(variable.default, name)).not.toThrow();
    }
  });

  it('configures the notification channels together with what each needs, and refuses one without it', () => {
    expect(
      loadAppConfig({
        NOTIFY_WEBHOOK_URL: 'https://hooks.example/xj',
        NOTIFY_WEBHOOK_SECRET: 's',
        NOTIFY_DINGTALK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t',
        NOTIFY_SMTP_URL: 'smtp://relay.example:587',
        NOTIFY_SMTP_FROM: 'xj@example.gov.cn',
        NOTIFY_SMTP_TO: '{orgId}@notify.example.gov.cn',
      }).notifications,
    ).toMatchObject({
      webhook: { url: 'https://hooks.example/xj', secret: 's' },
      dingtalk: { url: 'https://oapi.dingtalk.com/robot/send?access_token=t' },
      smtp: { url: 'smtp://relay.example:587', from: 'xj@example.gov.cn', to: '{orgId}@notify.example.gov.cn' },
    });
    expect(() => loadAppConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.example/xj' })).toThrow('NOTIFY_WEBHOOK_SECRET');
    expect(() => loadAppConfig({ NOTIFY_SMTP_URL: 'smtp://relay.example' })).toThrow('NOTIFY_SMTP_FROM');
  });

  it('reads who must use a second factor (roles and positions, comma- or space-separated) and refuses a typo', () => {
    const config = loadAppConfig({ MFA_REQUIRED_ROLES: 'Administrator, Auditor', MFA_REQUIRED_POSITIONS: 'Head' });
    expect(config.auth.secondFactor).toEqual({
      requiredRoles: ['Administrator', 'Auditor'],
      requiredPositions: ['Head'],
    });
    expect(() => loadAppConfig({ MFA_REQUIRED_ROLES: 'Admin' })).toThrow('MFA_REQUIRED_ROLES');
    expect(() => loadAppConfig({ MFA_REQUIRED_POSITIONS: 'Chief' })).toThrow('MFA_REQUIRED_POSITIONS');
    expect(loadAppConfig({ MFA_SECRET_KEY_FILE: 'mfa.key' }).auth.secondFactor.keyFile).toMatch(/mfa\.key$/);
  });
});
