import type { KeyObject } from 'node:crypto';
import { ChainWalker, VerifyProgress } from '../event-store/chain-verifier';
import { EventStore } from '../event-store/event-store.port';
import { ArchivedEventSource } from './archived-streams';
import { checkpointConsistencyProblem, checkpointShapeProblem, CheckpointHead, CheckpointV1, headsMap, SignedCheckpoint } from './checkpoint';
import { keyIdOf, parseEd25519PublicKey, samePublicKey, verifyCheckpointSignature } from './checkpoint-signing';
import { failedReport, IntegrityReport, problemOfBreak } from './integrity-report';
import { verifyAgainstV2 } from './checkpoint-v2-verifier';
import { notInCheckpointAt as at, OrderDigest, walkStore } from './store-walk';

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
const documentProblem = (document: unknown, trusted: KeyObject | undefined): IntegrityReport | undefined => {
  const shape = checkpointShapeProblem(document);
  if (shape !== undefined) return failedReport('invalid_checkpoint', shape);
  const { checkpoint, signature, publicKey } = document as SignedCheckpoint;
  const own = parseEd25519PublicKey(publicKey);
  if (own === undefined) return failedReport('invalid_checkpoint', 'publicKey is not an Ed25519 public key in PEM');
  if (trusted === undefined) {
    return failedReport('no_trusted_key', `no trusted public key to check key ${keyIdOf(own)} against: configure CHECKPOINT_PUBLIC_KEY_FILE, or verify where the signing key is`);
  }
  if (!samePublicKey(trusted, own)) return failedReport('unknown_key', `signed by key ${keyIdOf(own)}, not by the trusted key ${keyIdOf(trusted)}`);
  if (keyIdOf(trusted) !== checkpoint.keyId) return failedReport('unknown_key', `checkpoint.keyId ${checkpoint.keyId} is not the id of its public key`);
  if (!verifyCheckpointSignature(checkpoint, signature, trusted)) return failedReport('bad_signature', 'the signature does not match the checkpoint');
  // Signed but inconsistent can only come from a faulty signer; still, never trust it.
  const inconsistent = checkpointConsistencyProblem(checkpoint);
  if (inconsistent !== undefined) return failedReport('invalid_checkpoint', inconsistent);
  return undefined;
};

/**
 * Verifies the store against an exported checkpoint, in one walk of the whole store:
 * 1. the document: well-formed, signed by the trusted key, signature valid;
 * then for version 2 see checkpoint-v2-verifier.ts, and for version 1:
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
  const invalid = documentProblem(document, options.pinnedPublicKey);
  if (invalid) return invalid;
  const { checkpoint } = document as SignedCheckpoint;
  return checkpoint.version === 2 ? verifyAgainstV2(store, checkpoint, options) : verifyAgainstV1(store, checkpoint, options.onProgress);
};

const verifyAgainstV1 = async (store: EventStore, checkpoint: CheckpointV1, onProgress?: VerifyProgress): Promise<IntegrityReport> => {
  const about = { createdAt: checkpoint.createdAt, globalPosition: checkpoint.globalPosition, keyId: checkpoint.keyId };
  const heads = headsMap(checkpoint.heads);
  const limit = BigInt(checkpoint.globalPosition);
  const walker = new ChainWalker({ expectedHeads: heads });
  const order = new OrderDigest();
  let covered = 0;
  const problem = await walkStore(
    store,
    walker,
    (event) => {
      const head = heads.get(event.streamId);
      const inCheckpoint = head !== undefined && event.revision <= head.revision;
      if (event.position > limit) return inCheckpoint ? at(event, `covered by the checkpoint but found after its position ${limit}`) : undefined;
      if (!inCheckpoint) return at(event, `recorded at or before the checkpoint's position ${limit} but not covered by it`);
      order.add(event.streamId, event.revision);
      covered += 1;
      return undefined;
    },
    onProgress,
  );
  const checkedEvents = walker.eventsChecked;
  if (problem) return { ok: false, checkedEvents, firstProblem: problem, checkpoint: about };
  const finished = walker.finish();
  if (!finished.ok) return { ok: false, checkedEvents, firstProblem: problemOfBreak(finished.failure), checkpoint: about };
  if (covered !== checkpoint.eventCount) {
    const detail = `${covered} events up to position ${limit}, the checkpoint covers ${checkpoint.eventCount}`;
    return { ok: false, checkedEvents, firstProblem: { kind: 'count_mismatch', detail }, checkpoint: about };
  }
  if (order.digest() !== checkpoint.orderDigest) {
    const detail = 'the covered events are in another global order than when the checkpoint was signed';
    return { ok: false, checkedEvents, firstProblem: { kind: 'order_mismatch', detail }, checkpoint: about };
  }
  return { ok: true, checkedEvents, checkpoint: about };
};
