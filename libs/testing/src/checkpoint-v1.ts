import {
  Checkpoint,
  CheckpointSigner,
  chainHashOfStore,
  ChainWalker,
  Clock,
  EventStore,
  headsDigest,
  OrderDigest,
  SignedCheckpoint,
  sortedHeads,
  walkStore,
} from '@xj/application';

/**
 * A version 1 checkpoint of the store as the code before #13 signed it (every head listed, every
 * event in the order digest): what a saved checkpoint of an earlier version looks like, for specs
 * that hold the verifier to accepting them still.
 */
export const signV1Checkpoint = async (
  store: EventStore,
  signer: CheckpointSigner,
  clock: Clock,
): Promise<SignedCheckpoint> => {
  const walker = new ChainWalker({ hashAlgorithm: chainHashOfStore(store) });
  const order = new OrderDigest();
  let last = 0n;
  const problem = await walkStore(store, walker, (event) => {
    order.add(event.streamId, event.revision);
    last = event.position;
    return true;
  });
  if (problem) throw new Error(problem.detail);
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
