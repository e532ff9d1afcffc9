import type { KeyObject } from 'node:crypto';
import { VerifyProgress } from '../event-store/chain-verifier';
import { EventStore } from '../event-store/event-store.port';
import { ArchivedEventSource } from './archived-streams';
import { checkpointConsistencyProblem, checkpointShapeProblem, CheckpointHead, SignedCheckpoint } from './checkpoint';
import { runCheckedWalk, StoreCheck } from './checked-walk';
import { keyIdOf, parseCheckpointPublicKey, samePublicKey, verifyCheckpointSignature } from './checkpoint-signing';
import { checkAgainstV1 } from './checkpoint-v1-verifier';
import { checkAgainstV2 } from './checkpoint-v2-verifier';
import { failedReport, IntegrityReport } from './integrity-report';

export interface CheckpointVerificationOptions {
  /**
   * The key the verifier trusts. Required: without it nothing verifies (`no_trusted_key`). The
   * document's own key proves only that the document is intact, not who signed it — anyone can
   * sign a checkpoint of a rewritten store with a key of their own.
   */
  readonly pinnedPublicKey?: KeyObject;
  readonly onProgress?: VerifyProgress;
  /** Version 2: the heads list kept beside a checkpoint, by its headsDigest (checked against it before use), to name the stream that differs. */
  readonly headsOf?: (headsDigest: string) => Promise<readonly CheckpointHead[] | undefined>;
  /** Version 2: archive files, for a stream archived after the checkpoint that it covered only in part. */
  readonly archive?: ArchivedEventSource;
}

/** Checks the document itself: shape, key, signature, internal consistency. */
const documentProblem = async (
  document: unknown,
  trusted: KeyObject | undefined,
): Promise<IntegrityReport | undefined> => {
  const shape = checkpointShapeProblem(document);
  if (shape !== undefined) return failedReport('invalid_checkpoint', shape);
  const { checkpoint, signature, publicKey } = document as SignedCheckpoint;
  const own = parseCheckpointPublicKey(publicKey);
  if (own === undefined)
    return failedReport('invalid_checkpoint', 'publicKey is not an Ed25519 or SM2 public key in PEM');
  if (trusted === undefined) {
    return failedReport(
      'no_trusted_key',
      `no trusted public key to check key ${keyIdOf(own)} against: configure CHECKPOINT_PUBLIC_KEY_FILE, or verify where the signing key is`,
    );
  }
  if (!samePublicKey(trusted, own))
    return failedReport('unknown_key', `signed by key ${keyIdOf(own)}, not by the trusted key ${keyIdOf(trusted)}`);
  if (keyIdOf(trusted) !== checkpoint.keyId)
    return failedReport('unknown_key', `checkpoint.keyId ${checkpoint.keyId} is not the id of its public key`);
  if (!verifyCheckpointSignature(checkpoint, signature, trusted))
    return failedReport('bad_signature', 'the signature does not match the checkpoint');
  // Signed but inconsistent can only come from a faulty signer; still, never trust it.
  const inconsistent = await checkpointConsistencyProblem(checkpoint);
  if (inconsistent !== undefined) return failedReport('invalid_checkpoint', inconsistent);
  return undefined;
};

/**
 * What a walk of the store checks against an exported checkpoint: the document first (well-formed,
 * signed by the trusted key, signature valid), then for version 1 see checkpoint-v1-verifier.ts,
 * for version 2 checkpoint-v2-verifier.ts. A report instead when it fails before any walk.
 */
export const checkAgainstCheckpoint = async (
  store: EventStore,
  document: unknown,
  options: CheckpointVerificationOptions = {},
): Promise<StoreCheck | IntegrityReport> => {
  const invalid = await documentProblem(document, options.pinnedPublicKey);
  if (invalid) return invalid;
  const { checkpoint } = document as SignedCheckpoint;
  if (checkpoint.version === 1) return checkAgainstV1(checkpoint);
  const check = await checkAgainstV2(store, checkpoint, options);
  if (!('kind' in check)) return check;
  return {
    ok: false,
    checkedEvents: 0,
    firstProblem: check,
    checkpoint: { createdAt: checkpoint.createdAt, globalPosition: checkpoint.globalPosition, keyId: checkpoint.keyId },
  };
};

/**
 * Verifies the store against an exported checkpoint, in one walk of the whole store:
 * 1. the document: well-formed, signed by the trusted key, signature valid;
 * 2. every stream's chain (modification, insertion, deletion, reordering within a stream);
 * 3. every checkpointed head: the event at that revision still exists with that hash — and
 *    since each hash covers its predecessor's, so does every event before it (truncation,
 *    rewritten history, even a rewrite that recomputed every hash consistently);
 * 4. the events at positions up to the checkpoint's are exactly the covered ones: none extra
 *    (a forged stream or event slipped into the past), none moved after it, the same count,
 *    in the same global order (orderDigest).
 * Events after the checkpoint's position are chain-verified only.
 */
export const verifyAgainstCheckpoint = async (
  store: EventStore,
  document: unknown,
  options: CheckpointVerificationOptions = {},
): Promise<IntegrityReport> => {
  const check = await checkAgainstCheckpoint(store, document, options);
  if ('ok' in check) return check;
  return (await runCheckedWalk(store, check, { onProgress: options.onProgress })).report;
};
