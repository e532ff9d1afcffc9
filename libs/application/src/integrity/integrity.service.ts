import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ACCESS_LOG_ARCHIVE_DIRNAME } from '../audit/access-log.config';
import { FileArchivedEventSource } from '../audit/access-log-archive';
import { verifyAll } from '../event-store/chain-segments';
import { verifyStream } from '../event-store/chain-pages';
import { VerifyProgress } from '../event-store/chain-verifier';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { ArchivedEventSource } from './archived-streams';
import { SignedCheckpoint } from './checkpoint';
import { CheckpointRepository, CheckpointSummary, FileCheckpointRepository } from './checkpoint-repository';
import { CheckpointKeyError, CheckpointSigner, parseEd25519PublicKey } from './checkpoint-signing';
import { verifyAgainstCheckpoint } from './checkpoint-verifier';
import { createCheckpointWithHeads } from './create-checkpoint';
import { IntegrityConfig } from './integrity-config';
import { IntegrityReport, reportOfVerification } from './integrity-report';

export interface IntegrityServiceDeps {
  /** Called on first signing only, so a verifier-only process never needs (or creates) the key. */
  readonly signer: () => CheckpointSigner;
  readonly repository: CheckpointRepository;
  readonly pinnedPublicKey?: KeyObject;
  /** Archive files of streams removed from the store (access-log segments). */
  readonly archive?: ArchivedEventSource;
}

const readPinnedKey = (file: string): KeyObject => {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointKeyError(`Cannot read the pinned checkpoint public key ${file}.`, { cause: error });
  }
  const key = parseEd25519PublicKey(pem);
  if (!key) throw new CheckpointKeyError(`${file} does not hold an Ed25519 public key in PEM.`);
  return key;
};

/** Tamper evidence for the API and the CLI: chain verification and signed checkpoints. */
export class IntegrityService {
  private signer?: CheckpointSigner;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly deps: IntegrityServiceDeps,
  ) {}

  /** Keys and checkpoint files as configured (see loadIntegrityConfig); a bad pinned key fails here, at start. */
  static fromConfig(store: EventStore, clock: Clock, config: IntegrityConfig): IntegrityService {
    return new IntegrityService(store, clock, {
      signer: () => CheckpointSigner.fromFile(config.signingKeyFile, { create: config.createSigningKey }),
      repository: new FileCheckpointRepository(config.checkpointsDir),
      pinnedPublicKey: config.pinnedPublicKeyFile ? readPinnedKey(config.pinnedPublicKeyFile) : undefined,
      // The checkpoints directory is DATA_DIR/checkpoints (loadIntegrityConfig), the archive's default DATA_DIR/access-log-archive.
      archive: new FileArchivedEventSource(config.accessLogArchiveDir ?? join(dirname(config.checkpointsDir), ACCESS_LOG_ARCHIVE_DIRNAME)),
    });
  }

  /** Chain verification of one stream (undefined if the store has no such stream) or of the whole store. */
  async verifyChains(streamId?: string, onProgress?: VerifyProgress): Promise<IntegrityReport | undefined> {
    if (streamId === undefined) return reportOfVerification(await verifyAll(this.store, { onProgress }));
    const result = await verifyStream(this.store, streamId, { onProgress });
    if (result.ok && result.eventsChecked === 0 && (await this.store.streamRevision(streamId)) === undefined) return undefined;
    return reportOfVerification(result);
  }

  /** Verifies every chain and signs the heads now; saved, and returned as exported. */
  async signCheckpoint(onProgress?: VerifyProgress): Promise<{ readonly id: string; readonly signed: SignedCheckpoint }> {
    this.signer ??= this.deps.signer();
    const { signed, heads } = await createCheckpointWithHeads(this.store, this.signer, this.clock, onProgress);
    const id = await this.deps.repository.save(signed);
    await this.deps.repository.saveHeads?.(signed.checkpoint.headsDigest, heads);
    return { id, signed };
  }

  listCheckpoints(): Promise<CheckpointSummary[]> {
    return this.deps.repository.list();
  }

  latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    return this.deps.repository.latest();
  }

  /** Verifies the store against an exported checkpoint, trusting only the pinned key when one is configured. */
  verifyCheckpoint(document: unknown, onProgress?: VerifyProgress): Promise<IntegrityReport> {
    const { repository, archive } = this.deps;
    return verifyAgainstCheckpoint(this.store, document, { pinnedPublicKey: this.deps.pinnedPublicKey, onProgress, headsOf: (digest) => repository.headsOf?.(digest) ?? Promise.resolve(undefined), archive });
  }
}
