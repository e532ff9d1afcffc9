import { ChainWalker, VerifyProgress } from '../event-store/chain-verifier';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { isArchivableStream, readManifest } from './archived-streams';
import { CheckpointHead, CheckpointV2, eventCountOf, headsDigest, SignedCheckpoint, sortedHeads } from './checkpoint';
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

/** A signed checkpoint with the heads its digest covers (kept apart: see checkpoint.ts). */
export interface CheckpointWithHeads {
  readonly signed: SignedCheckpoint;
  readonly heads: readonly CheckpointHead[];
}

/**
 * Walks the whole store, verifying every chain, and signs a version 2 checkpoint as of the last
 * event read. Events appended while the walk runs are covered if the walk reaches them, else by the
 * next checkpoint: the heads always match `globalPosition` exactly, because positions grow in commit
 * order in both stores. The archive manifest is read after the walk, so a stream archived (and
 * perhaps removed) while it ran is left out, exactly as its verification will leave it out.
 */
export const createCheckpointWithHeads = async (
  store: EventStore,
  signer: CheckpointSigner,
  clock: Clock,
  onProgress?: VerifyProgress,
): Promise<CheckpointWithHeads> => {
  const walker = new ChainWalker();
  const order = new OrderDigest();
  let last = 0n;
  const problem = await walkStore(
    store,
    walker,
    (event) => {
      if (!isArchivableStream(event.streamId)) order.add(event.streamId, event.revision);
      last = event.position;
      return undefined;
    },
    onProgress,
  );
  if (problem) throw new CheckpointRefusedError(problem);
  const manifest = await readManifest(store);
  if (!manifest.ok) throw new CheckpointRefusedError(manifest.problem);
  const covered = new Map(walker.heads);
  for (const entry of manifest.entries) covered.delete(entry.streamId);
  const heads = sortedHeads(covered);
  const checkpoint: CheckpointV2 = {
    version: 2,
    createdAt: clock.now().toISOString(),
    globalPosition: last.toString(),
    streamCount: heads.length,
    eventCount: Number(eventCountOf(heads)),
    headsDigest: headsDigest(heads),
    orderDigest: order.digest(),
    archivedStreams: manifest.entries.length,
    keyId: signer.keyId,
  };
  return { signed: { checkpoint, signature: signer.sign(checkpoint), publicKey: signer.publicKeyPem }, heads };
};

/** {@link createCheckpointWithHeads} without the heads: the exported document only. */
export const createCheckpoint = async (store: EventStore, signer: CheckpointSigner, clock: Clock, onProgress?: VerifyProgress): Promise<SignedCheckpoint> =>
  (await createCheckpointWithHeads(store, signer, clock, onProgress)).signed;
