import { VerifyProgress } from '../event-store/chain-verifier';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { isArchivableStream, readManifest } from './archived-streams';
import { CheckpointHead, CheckpointV2, HeadsDigest, SignedCheckpoint } from './checkpoint';
import { chainsOnly, runCheckedWalk, WalkedStore } from './checked-walk';
import { CheckpointSigner } from './checkpoint-signing';
import { eachInTurns } from './heads-work';
import { IntegrityProblem } from './integrity-report';
import { EventPlace, OrderDigest } from './store-walk';

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

/** What a walk gathers for the next checkpoint besides the heads: the global order of the events that are not access-log segments. */
export class CheckpointGathering {
  private readonly order = new OrderDigest();

  readonly visit = (event: EventPlace): void => {
    if (!isArchivableStream(event.streamId)) this.order.add(event.streamId, event.revision);
  };

  orderDigest(): string {
    return this.order.digest();
  }
}

/**
 * Signs a version 2 checkpoint of the store as `walked` found it, as of the last event it read.
 * Events appended while the walk ran are covered if it reached them, else by the next checkpoint:
 * the heads always match `globalPosition` exactly, because positions grow in commit order in both
 * stores. The archive manifest is read now, after the walk, so a stream archived (and perhaps
 * removed) while it ran is left out, exactly as its verification will leave it out. Refused when
 * the walk ended at a broken chain. The per-head work runs in turns (heads-work.ts).
 */
export const signWalkedStore = async (
  store: EventStore,
  walked: WalkedStore & { readonly chainBreak?: IntegrityProblem },
  gathered: CheckpointGathering,
  signer: CheckpointSigner,
  clock: Clock,
): Promise<CheckpointWithHeads> => {
  if (walked.chainBreak) throw new CheckpointRefusedError(walked.chainBreak);
  const manifest = await readManifest(store);
  if (!manifest.ok) throw new CheckpointRefusedError(manifest.problem);
  const archived = new Set(manifest.entries.map((entry) => entry.streamId));
  const heads: CheckpointHead[] = [];
  const digest = new HeadsDigest();
  let events = 0n;
  await eachInTurns(await walked.sortedStreamIds(), (streamId) => {
    const walkedHead = walked.walker.heads.get(streamId);
    if (walkedHead === undefined || archived.has(streamId)) return;
    const head = { streamId, revision: walkedHead.revision.toString(), hash: walkedHead.hash };
    heads.push(head);
    digest.add(head);
    events += walkedHead.revision + 1n;
  });
  const checkpoint: CheckpointV2 = {
    version: 2,
    createdAt: clock.now().toISOString(),
    globalPosition: walked.lastPosition.toString(),
    streamCount: heads.length,
    eventCount: Number(events),
    headsDigest: digest.digest(),
    orderDigest: gathered.orderDigest(),
    archivedStreams: manifest.entries.length,
    keyId: signer.keyId,
  };
  return { signed: { checkpoint, signature: signer.sign(checkpoint), publicKey: signer.publicKeyPem }, heads };
};

/** Walks the whole store, verifying every chain (and nothing more), and signs it: see {@link signWalkedStore}. */
export const createCheckpointWithHeads = async (
  store: EventStore,
  signer: CheckpointSigner,
  clock: Clock,
  onProgress?: VerifyProgress,
): Promise<CheckpointWithHeads> => {
  const gathered = new CheckpointGathering();
  const walked = await runCheckedWalk(store, chainsOnly, { onProgress, alongside: gathered.visit });
  return signWalkedStore(store, walked, gathered, signer, clock);
};

/** {@link createCheckpointWithHeads} without the heads: the exported document only. */
export const createCheckpoint = async (
  store: EventStore,
  signer: CheckpointSigner,
  clock: Clock,
  onProgress?: VerifyProgress,
): Promise<SignedCheckpoint> => (await createCheckpointWithHeads(store, signer, clock, onProgress)).signed;
