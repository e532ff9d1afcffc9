import { ChainWalker, VerifyProgress } from '../event-store/chain-verifier';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { Checkpoint, headsDigest, SignedCheckpoint, sortedHeads } from './checkpoint';
import { CheckpointSigner } from './checkpoint-signing';
import { IntegrityProblem } from './integrity-report';
import { OrderDigest, walkStore } from './store-walk';

/** Signing was refused because the store's chains are broken: signing would launder the damage. */
export class CheckpointRefusedError extends Error {
  readonly code = 'INTEGRITY.CHAIN_BROKEN';
  constructor(readonly problem: IntegrityProblem) {
    super(`Refusing to sign a checkpoint over a broken chain: ${problem.detail}`);
  }
}

/**
 * Walks the whole store, verifying every chain, and signs its heads as of the last event read.
 * Events appended while the walk runs are covered if the walk reaches them, else by the next
 * checkpoint: the heads always match `globalPosition` exactly, because positions grow in
 * commit order in both stores.
 */
export const createCheckpoint = async (
  store: EventStore,
  signer: CheckpointSigner,
  clock: Clock,
  onProgress?: VerifyProgress,
): Promise<SignedCheckpoint> => {
  const walker = new ChainWalker();
  const order = new OrderDigest();
  let last = 0n;
  const problem = await walkStore(
    store,
    walker,
    (event) => {
      order.add(event.streamId, event.revision);
      last = event.position;
      return undefined;
    },
    onProgress,
  );
  if (problem) throw new CheckpointRefusedError(problem);
  const heads = sortedHeads(walker.heads);
  const checkpoint: Checkpoint = {
    version: 1,
    createdAt: clock.now().toISOString(),
    globalPosition: last.toString(),
    streamCount: heads.length,
    eventCount: walker.eventsChecked,
    heads,
    headsDigest: headsDigest(heads),
    orderDigest: order.digest(),
    keyId: signer.keyId,
  };
  return { checkpoint, signature: signer.sign(checkpoint), publicKey: signer.publicKeyPem };
};
