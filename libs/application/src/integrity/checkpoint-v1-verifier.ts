import { headBreak } from '../event-store/chain-verifier';
import { StreamHead } from '../event-store/event-store.types';
import { CheckpointV1, headsMap } from './checkpoint';
import { StoreCheck } from './checked-walk';
import { eachInTurns } from './heads-work';
import { IntegrityProblem, problemOfBreak } from './integrity-report';
import { notInCheckpointAt as at, OrderDigest } from './store-walk';

/** The first listed head the walk did not reach: a stream truncated, or removed whole. */
const truncation = async (
  known: ReadonlyMap<string, StreamHead>,
  found: ReadonlyMap<string, StreamHead>,
): Promise<IntegrityProblem | undefined> => {
  let problem: IntegrityProblem | undefined;
  await eachInTurns(known, ([streamId, head]) => {
    const seen = found.get(streamId);
    if (problem !== undefined || (seen !== undefined && seen.revision >= head.revision)) return;
    const end = seen === undefined ? 'no events' : `revision ${seen.revision}`;
    problem = {
      kind: 'truncated',
      streamId,
      revision: seen?.revision.toString(),
      detail: `${streamId}: chain ends at ${end}, but revision ${head.revision} is known to exist`,
    };
  });
  return problem;
};

/**
 * Version 1 (signed before #13, every head listed) against the store, as part of one walk:
 * every listed head still there with its hash (and so, each hash covering its predecessor's,
 * every event before it); the events at positions up to the checkpoint's exactly the covered ones,
 * as many, in the same global order. Events after its position are chain-checked only.
 */
export const checkAgainstV1 = async (checkpoint: CheckpointV1): Promise<StoreCheck> => {
  const heads = await headsMap(checkpoint.heads);
  const limit = BigInt(checkpoint.globalPosition);
  const order = new OrderDigest();
  let covered = 0;
  return {
    about: { createdAt: checkpoint.createdAt, globalPosition: checkpoint.globalPosition, keyId: checkpoint.keyId },
    visit: (event, hash) => {
      const head = heads.get(event.streamId);
      const differs = headBreak(event, head, hash);
      if (differs) return problemOfBreak(differs);
      const inCheckpoint = head !== undefined && event.revision <= head.revision;
      if (event.position > limit)
        return inCheckpoint ? at(event, `covered by the checkpoint but found after its position ${limit}`) : undefined;
      if (!inCheckpoint)
        return at(event, `recorded at or before the checkpoint's position ${limit} but not covered by it`);
      order.add(event.streamId, event.revision);
      covered += 1;
      return undefined;
    },
    conclude: async ({ walker }) => {
      const truncated = await truncation(heads, walker.heads);
      if (truncated) return truncated;
      if (covered !== checkpoint.eventCount)
        return {
          kind: 'count_mismatch',
          detail: `${covered} events up to position ${limit}, the checkpoint covers ${checkpoint.eventCount}`,
        };
      if (order.digest() !== checkpoint.orderDigest)
        return {
          kind: 'order_mismatch',
          detail: 'the covered events are in another global order than when the checkpoint was signed',
        };
      return undefined;
    },
  };
};
