import type { KeyObject } from 'node:crypto';
import { ChainWalker, VerifyProgress } from '../event-store/chain-verifier';
import { EventStore } from '../event-store/event-store.port';
import { checkpointShapeProblem, headsDigest, headsMap, SignedCheckpoint } from './checkpoint';
import { keyIdOf, parseEd25519PublicKey, samePublicKey, verifyCheckpointSignature } from './checkpoint-signing';
import { failedReport, IntegrityProblem, IntegrityReport, problemOfBreak } from './integrity-report';
import { EventPlace, OrderDigest, walkStore } from './store-walk';

export interface CheckpointVerificationOptions {
  /**
   * The key the verifier trusts. Required: without it nothing verifies (`no_trusted_key`). The
   * document's own key proves only that the document is intact, not who signed it — anyone can
   * sign a checkpoint of a rewritten store with a key of their own.
   */
  readonly pinnedPublicKey?: KeyObject;
  readonly onProgress?: VerifyProgress;
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
  if (headsDigest(checkpoint.heads) !== checkpoint.headsDigest) return failedReport('invalid_checkpoint', 'headsDigest does not match heads');
  const covered = checkpoint.heads.reduce((sum, head) => sum + BigInt(head.revision) + 1n, 0n);
  if (covered !== BigInt(checkpoint.eventCount)) return failedReport('invalid_checkpoint', 'eventCount does not match heads');
  return undefined;
};

const at = (event: EventPlace, detail: string): IntegrityProblem => ({
  kind: 'not_in_checkpoint',
  streamId: event.streamId,
  revision: event.revision.toString(),
  position: event.position.toString(),
  eventId: event.eventId,
  detail: `${event.streamId}@${event.revision} (position ${event.position}): ${detail}`,
});

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
  const invalid = documentProblem(document, options.pinnedPublicKey);
  if (invalid) return invalid;
  const { checkpoint } = document as SignedCheckpoint;
  const about = { createdAt: checkpoint.createdAt, globalPosition: checkpoint.globalPosition, keyId: checkpoint.keyId };
  const heads = headsMap(checkpoint);
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
    options.onProgress,
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
