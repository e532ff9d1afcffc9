import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { SignedCheckpoint } from './checkpoint';
import { CheckpointSigner } from './checkpoint-signing';
import { checkAgainstCheckpoint, CheckpointVerificationOptions } from './checkpoint-verifier';
import { chainsOnly, runCheckedWalk } from './checked-walk';
import {
  CheckpointGathering,
  CheckpointWithHeads,
  createCheckpointWithHeads,
  signWalkedStore,
} from './create-checkpoint';
import { IntegrityReport } from './integrity-report';

/** The store verified against the newest checkpoint, ready to be signed as it was walked. */
export interface StoreCheckedForSigning {
  /** The verification against the newest checkpoint (chains only when there is none). */
  readonly report: IntegrityReport;
  /** It verified and no event lies after the newest checkpoint's position: a new one would sign the same store again. */
  readonly unchanged: boolean;
  /**
   * Signs a version 2 checkpoint of the store as the walk read it (refused with
   * CheckpointRefusedError over a broken chain); called again, the same one. Sign only what
   * verified, or what an administrator acknowledged: that decision is the caller's (CheckpointKeeper).
   */
  sign(signer: CheckpointSigner, clock: Clock): Promise<CheckpointWithHeads>;
}

/**
 * "Every signing checks first" in ONE walk of the store (#13 items 2 and 8): it verifies the store
 * against the newest checkpoint (v1 or v2, archives considered) and, on the same events, gathers
 * what the next checkpoint signs (heads, counts, order digest, archived streams). Two walks cost
 * twice as long, and whatever changed between them (after the check, before the signing walk
 * read it) was sealed unverified. The walk goes on past a finding that is not a broken chain,
 * since an acknowledged finding no longer blocks signing. A newest checkpoint whose document
 * itself fails (another key, a bad signature) is reported without a walk; signing then walks.
 */
export const checkStoreForSigning = async (
  store: EventStore,
  newest: SignedCheckpoint | undefined,
  options: CheckpointVerificationOptions = {},
): Promise<StoreCheckedForSigning> => {
  const check = newest === undefined ? chainsOnly : await checkAgainstCheckpoint(store, newest, options);
  if ('ok' in check)
    return {
      report: check,
      unchanged: false,
      sign: (signer, clock) => createCheckpointWithHeads(store, signer, clock, options.onProgress),
    };
  const gathered = new CheckpointGathering();
  const walked = await runCheckedWalk(store, check, {
    onProgress: options.onProgress,
    throughProblems: true,
    alongside: gathered.visit,
  });
  const unchanged =
    newest !== undefined && walked.report.ok && walked.lastPosition <= BigInt(newest.checkpoint.globalPosition);
  let signing: Promise<CheckpointWithHeads> | undefined;
  return {
    report: walked.report,
    unchanged,
    sign: (signer, clock) => (signing ??= signWalkedStore(store, walked, gathered, signer, clock)),
  };
};
