import { join } from 'node:path';

export const CHECKPOINT_SIGNING_KEY_FILENAME = 'checkpoint-signing-key.pem';
export const CHECKPOINTS_DIRNAME = 'checkpoints';
export const DEFAULT_CHECKPOINT_INTERVAL_MINUTES = 60;
export const DEFAULT_CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS = 10;

/** Checkpoint settings, from the same configuration as the API, the worker and the CLI. */
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
  /** The access log's archive directory; unset, its default under DATA_DIR (IntegrityService.fromConfig). */
  readonly accessLogArchiveDir?: string;
}

/** What a deployment sets (the CHECKPOINT_* variables, validated by the composition's configuration); paths absolute. */
export interface IntegritySettings {
  readonly dataDir: string;
  /** Unset: DATA_DIR/checkpoint-signing-key.pem, created on first use. */
  readonly signingKeyFile?: string;
  readonly publicKeyFile?: string;
  readonly intervalMinutes?: number;
  readonly shutdownTimeoutSeconds?: number;
  readonly accessLogArchiveDir?: string;
}

/** Key and checkpoint files under the data directory unless configured elsewhere; hourly; 10 s for the shutdown checkpoint. */
export const integrityConfigOf = (settings: IntegritySettings): IntegrityConfig => ({
  signingKeyFile: settings.signingKeyFile ?? join(settings.dataDir, CHECKPOINT_SIGNING_KEY_FILENAME),
  createSigningKey: settings.signingKeyFile === undefined,
  pinnedPublicKeyFile: settings.publicKeyFile,
  checkpointsDir: join(settings.dataDir, CHECKPOINTS_DIRNAME),
  intervalMinutes: settings.intervalMinutes ?? DEFAULT_CHECKPOINT_INTERVAL_MINUTES,
  shutdownTimeoutSeconds: settings.shutdownTimeoutSeconds ?? DEFAULT_CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS,
  ...(settings.accessLogArchiveDir ? { accessLogArchiveDir: settings.accessLogArchiveDir } : {}),
});
