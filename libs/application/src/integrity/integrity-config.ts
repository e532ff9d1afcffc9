import { join, resolve } from 'node:path';

export const CHECKPOINT_SIGNING_KEY_FILENAME = 'checkpoint-signing-key.pem';
export const CHECKPOINTS_DIRNAME = 'checkpoints';

/** Checkpoint settings, from the same environment as the API and the CLI. */
export interface IntegrityConfig {
  /** PKCS#8 PEM Ed25519 private key. */
  readonly signingKeyFile: string;
  /** Generate the key on first use: only for the default file in DATA_DIR, never for a configured one. */
  readonly createSigningKey: boolean;
  /** SPKI PEM public key the verifier trusts; checkpoints signed by any other key are rejected. Unset: the signing key's own public part. */
  readonly pinnedPublicKeyFile?: string;
  readonly checkpointsDir: string;
  readonly intervalMinutes: number;
  /** How long graceful shutdown waits for its checkpoint (a whole-store walk) before giving up on it. */
  readonly shutdownTimeoutSeconds: number;
  /** ACCESS_LOG_ARCHIVE_DIR when set; otherwise the access log's default under DATA_DIR (IntegrityService.fromConfig). */
  readonly accessLogArchiveDir?: string;
}

const positive = (value: string | undefined, fallback: number, name: string, unit = 'minutes'): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of ${unit}, got "${value}"`);
  return n;
};

/**
 * DATA_DIR (default ./data), CHECKPOINT_SIGNING_KEY_FILE (default DATA_DIR/checkpoint-signing-key.pem,
 * created on first use), CHECKPOINT_PUBLIC_KEY_FILE (optional pin), CHECKPOINT_INTERVAL_MINUTES (default 60),
 * CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS (default 10).
 */
export const loadIntegrityConfig = (env: NodeJS.ProcessEnv = process.env): IntegrityConfig => {
  const dataDir = resolve(env.DATA_DIR || './data');
  const configuredKey = env.CHECKPOINT_SIGNING_KEY_FILE || undefined;
  return {
    signingKeyFile: configuredKey ? resolve(configuredKey) : join(dataDir, CHECKPOINT_SIGNING_KEY_FILENAME),
    createSigningKey: configuredKey === undefined,
    pinnedPublicKeyFile: env.CHECKPOINT_PUBLIC_KEY_FILE ? resolve(env.CHECKPOINT_PUBLIC_KEY_FILE) : undefined,
    checkpointsDir: join(dataDir, CHECKPOINTS_DIRNAME),
    intervalMinutes: positive(env.CHECKPOINT_INTERVAL_MINUTES, 60, 'CHECKPOINT_INTERVAL_MINUTES'),
    shutdownTimeoutSeconds: positive(env.CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS, 10, 'CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS', 'seconds'),
    ...(env.ACCESS_LOG_ARCHIVE_DIR ? { accessLogArchiveDir: resolve(env.ACCESS_LOG_ARCHIVE_DIR) } : {}),
  };
};
