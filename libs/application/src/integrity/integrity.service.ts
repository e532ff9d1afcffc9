import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ACCESS_LOG_ARCHIVE_DIRNAME } from '../audit/access-log.config';
import { FileArchivedEventSource } from '../audit/access-log-archive';
import { verifyAll } from '../event-store/chain-segments';
import { verifyStream } from '../event-store/chain-pages';
import { VerifyProgress } from '../event-store/chain-verifier';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { ArchivedEventSource } from './archived-streams';
import { blindSpotsAfterCheckpoint, blindSpotsWithoutCheckpoint, StoreVerificationReport } from './blind-spots';
import { SignedCheckpoint } from './checkpoint';
import { CheckpointRepository, CheckpointSummary, FileCheckpointRepository } from './checkpoint-repository';
import { cryptoSuiteOf } from '../event-store/crypto-suite';
import {
  CheckpointKeyError,
  CheckpointSigner,
  parseCheckpointPublicKey,
  SignatureAlgorithm,
  signatureAlgorithmOf,
} from './checkpoint-signing';
import { checkStoreForSigning } from './check-and-sign';
import { CheckpointVerificationOptions, verifyAgainstCheckpoint } from './checkpoint-verifier';
import { CheckpointWithHeads, createCheckpointWithHeads } from './create-checkpoint';
import { IntegrityConfig } from './integrity-config';
import { IntegrityReport, reportOfVerification } from './integrity-report';

export interface IntegrityServiceDeps {
  /** Called on first signing only, so a verifier-only process never needs (or creates) the key. */
  readonly signer: () => CheckpointSigner;
  readonly repository: CheckpointRepository;
  /** CHECKPOINT_PUBLIC_KEY_FILE's key: when set, the only key trusted. */
  readonly pinnedPublicKey?: KeyObject;
  /** The public part of the signing key where that key exists (read, never created); trusted when nothing is pinned. */
  readonly ownPublicKey?: () => KeyObject | undefined;
  /** Archive files of streams removed from the store (access-log segments). */
  readonly archive?: ArchivedEventSource;
}

/** What IntegrityService.checkForSigning found: signing saves the checkpoint too. */
export interface StoreCheckedForSaving {
  readonly report: StoreVerificationReport;
  /** It verified and no event lies after the newest checkpoint's position. */
  readonly unchanged: boolean;
  sign(): Promise<{ readonly id: string; readonly signed: SignedCheckpoint }>;
}

const readPinnedKey = (file: string, algorithm: SignatureAlgorithm): KeyObject => {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointKeyError(`Cannot read the pinned checkpoint public key ${file}.`, { cause: error });
  }
  const key = parseCheckpointPublicKey(pem, algorithm);
  if (!key) throw new CheckpointKeyError(`${file} does not hold an ${algorithm} public key in PEM.`);
  return key;
};

/** The signing key's public part, if the key file exists and holds a usable key; never creates it. */
const ownPublicKeyOf = (file: string): KeyObject | undefined => {
  if (!existsSync(file)) return undefined;
  try {
    return CheckpointSigner.fromFile(file, { create: false }).publicKey;
  } catch {
    return undefined;
  }
};

/** A signature over a document's bytes, with what a reader needs to check it. */
export interface DocumentSignature {
  readonly algorithm: SignatureAlgorithm;
  /** keyIdOf(publicKey). */
  readonly keyId: string;
  /** SPKI PEM. */
  readonly publicKey: string;
  /** base64: Ed25519, or SM2's r‖s with the default user id. */
  readonly value: string;
}

/** Tamper evidence for the API and the CLI: chain verification and signed checkpoints. */
export class IntegrityService {
  private signer?: CheckpointSigner;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly deps: IntegrityServiceDeps,
  ) {}

  /** Keys and checkpoint files as configured (integrityConfigOf); a bad pinned key fails here, at start. */
  static fromConfig(store: EventStore, clock: Clock, config: IntegrityConfig): IntegrityService {
    // The store's suite decides the key: Ed25519 (intl) or SM2 (gm); a key of the other is refused.
    const suite = cryptoSuiteOf(store);
    const algorithm = signatureAlgorithmOf(suite);
    return new IntegrityService(store, clock, {
      signer: () =>
        CheckpointSigner.fromFile(config.signingKeyFile, { create: config.createSigningKey, algorithm }).assertSuite(
          suite,
          config.signingKeyFile,
        ),
      repository: new FileCheckpointRepository(config.checkpointsDir),
      pinnedPublicKey: config.pinnedPublicKeyFile ? readPinnedKey(config.pinnedPublicKeyFile, algorithm) : undefined,
      ownPublicKey: () => ownPublicKeyOf(config.signingKeyFile),
      // The checkpoints directory is DATA_DIR/checkpoints (integrityConfigOf), the archive's default DATA_DIR/access-log-archive.
      archive: new FileArchivedEventSource(
        config.accessLogArchiveDir ?? join(dirname(config.checkpointsDir), ACCESS_LOG_ARCHIVE_DIRNAME),
      ),
    });
  }

  /**
   * The key a checkpoint must be signed with to verify: the pinned one, else this instance's own
   * signing key (#13 item 8: a document signed by any other key is not evidence of anything).
   * Undefined when neither exists — then no checkpoint verifies (`no_trusted_key`).
   */
  /**
   * Signs a document other than a checkpoint (an audit log bundle) with the instance's checkpoint
   * signing key: Ed25519 under intl, SM2 under gm. Throws CheckpointKeyError when there is no key.
   */
  signDocument(input: Uint8Array): DocumentSignature {
    this.signer ??= this.deps.signer();
    return {
      algorithm: this.signer.algorithm,
      keyId: this.signer.keyId,
      publicKey: this.signer.publicKeyPem,
      value: this.signer.signBytes(input),
    };
  }

  trustedPublicKey(): KeyObject | undefined {
    return this.deps.pinnedPublicKey ?? this.signer?.publicKey ?? this.deps.ownPublicKey?.();
  }

  /**
   * The whole store, compared with the newest saved checkpoint when there is one (its heads, count
   * and global order up to its position; chains after it), else chain-verified. Either way the
   * report lists what it could not have seen. `newest`: the checkpoint already loaded, or null
   * for none; omitted, it is read from the repository.
   */
  async verifyStore(newest?: SignedCheckpoint | null, onProgress?: VerifyProgress): Promise<StoreVerificationReport> {
    const checkpoint = newest === undefined ? await this.latestCheckpoint() : (newest ?? undefined);
    if (!checkpoint)
      return {
        ...reportOfVerification(await verifyAll(this.store, { onProgress })),
        blindSpots: blindSpotsWithoutCheckpoint(),
      };
    const report = await this.verifyCheckpoint(checkpoint, onProgress);
    return { ...report, blindSpots: blindSpotsAfterCheckpoint(checkpoint.checkpoint.globalPosition) };
  }

  /**
   * Chain verification only, of one stream (undefined if the store has no such stream) or of the
   * whole store, with what it cannot see. verifyStore is the whole-store verification to use.
   */
  async verifyChains(streamId?: string, onProgress?: VerifyProgress): Promise<StoreVerificationReport | undefined> {
    if (streamId === undefined)
      return {
        ...reportOfVerification(await verifyAll(this.store, { onProgress })),
        blindSpots: blindSpotsWithoutCheckpoint(),
      };
    const result = await verifyStream(this.store, streamId, { onProgress });
    if (result.ok && result.eventsChecked === 0 && (await this.store.streamRevision(streamId)) === undefined)
      return undefined;
    return {
      ...reportOfVerification(result),
      blindSpots: blindSpotsWithoutCheckpoint(['truncated_tail', 'consistent_rewrite']),
    };
  }

  /**
   * One walk of the store (check-and-sign.ts): the verification verifyStore(newest) answers, and
   * a checkpoint of exactly what was verified, signed and saved only if `sign` is called.
   * `newest`: the newest saved checkpoint, or null for none.
   */
  async checkForSigning(newest: SignedCheckpoint | null, onProgress?: VerifyProgress): Promise<StoreCheckedForSaving> {
    const checked = await checkStoreForSigning(this.store, newest ?? undefined, this.verificationOptions(onProgress));
    const blindSpots = newest
      ? blindSpotsAfterCheckpoint(newest.checkpoint.globalPosition)
      : blindSpotsWithoutCheckpoint();
    return {
      report: { ...checked.report, blindSpots },
      unchanged: checked.unchanged,
      sign: async () => {
        this.signer ??= this.deps.signer();
        return this.saved(await checked.sign(this.signer, this.clock));
      },
    };
  }

  /**
   * Verifies every chain and signs the heads now, without comparing the store with the newest
   * checkpoint (CheckpointKeeper signs through checkForSigning, which does); saved, and returned as exported.
   */
  async signCheckpoint(
    onProgress?: VerifyProgress,
  ): Promise<{ readonly id: string; readonly signed: SignedCheckpoint }> {
    this.signer ??= this.deps.signer();
    return this.saved(await createCheckpointWithHeads(this.store, this.signer, this.clock, onProgress));
  }

  private async saved({
    signed,
    heads,
  }: CheckpointWithHeads): Promise<{ readonly id: string; readonly signed: SignedCheckpoint }> {
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

  /** Verifies the store against an exported checkpoint signed by the trusted key (see trustedPublicKey). */
  verifyCheckpoint(document: unknown, onProgress?: VerifyProgress): Promise<IntegrityReport> {
    return verifyAgainstCheckpoint(this.store, document, this.verificationOptions(onProgress));
  }

  private verificationOptions(onProgress?: VerifyProgress): CheckpointVerificationOptions {
    const { repository, archive } = this.deps;
    return {
      pinnedPublicKey: this.trustedPublicKey(),
      onProgress,
      headsOf: (digest) => repository.headsOf?.(digest) ?? Promise.resolve(undefined),
      archive,
    };
  }
}
