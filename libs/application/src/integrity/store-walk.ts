import * as crypto from 'node:crypto';
import { allPages, allRowPages, isChainRowSource, yieldToEventLoop } from '../event-store/chain-pages';
import { ChainWalker, VerifyProgress } from '../event-store/chain-verifier';
import { EventStore } from '../event-store/event-store.port';
import { StreamHead } from '../event-store/event-store.types';
import { IntegrityProblem, problemOfBreak } from './integrity-report';

/** Where an event sits in the store. */
export interface EventPlace {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventId: string;
}

/** An event where a checkpoint does not expect it: before its position but not covered, or covered but after it. */
export const notInCheckpointAt = (event: EventPlace, detail: string): IntegrityProblem => ({
  kind: 'not_in_checkpoint',
  streamId: event.streamId,
  revision: event.revision.toString(),
  position: event.position.toString(),
  eventId: event.eventId,
  detail: `${event.streamId}@${event.revision} (position ${event.position}): ${detail}`,
});

/** Every stream's head as the walk stood just before the first event after `position`. */
export interface HeadsSnapshot {
  readonly position: bigint;
  /** Called at most once, with a copy; not called when no event lies after `position`. */
  take(heads: Map<string, StreamHead>): void;
}

const snapshotter = (walker: ChainWalker, snapshot: HeadsSnapshot | undefined): ((position: bigint) => void) => {
  let taken = snapshot === undefined;
  return (position) => {
    if (taken || position <= (snapshot as HeadsSnapshot).position) return;
    taken = true;
    (snapshot as HeadsSnapshot).take(new Map([...walker.heads].map(([streamId, head]) => [streamId, { revision: head.revision, hash: head.hash }])));
  };
};

/**
 * Walks the whole store once in global order: every event through the chain walker (hashes,
 * links, revisions, known heads), then through `visit`. Stops at the first problem. Uses the
 * adapter's stored rows when it offers them (the fast path, see ChainRowSource), and lets other
 * work run between pages. With `snapshot`, hands over the heads as of a position on the way.
 */
export const walkStore = async (
  store: EventStore,
  walker: ChainWalker,
  visit: (event: EventPlace) => IntegrityProblem | undefined,
  onProgress?: VerifyProgress,
  snapshot?: HeadsSnapshot,
): Promise<IntegrityProblem | undefined> => {
  const before = snapshotter(walker, snapshot);
  if (isChainRowSource(store)) {
    for await (const page of allRowPages(store)) {
      for (const row of page) {
        before(row.position);
        const failure = walker.checkRow(row);
        const problem = failure ? problemOfBreak(failure) : visit(row);
        if (problem) return problem;
      }
      onProgress?.(walker.eventsChecked);
      await yieldToEventLoop();
    }
    return undefined;
  }
  for await (const page of allPages(store)) {
    for (const event of page) {
      before(event.position);
      const failure = walker.check(event);
      const problem = failure ? problemOfBreak(failure) : visit(event);
      if (problem) return problem;
    }
    onProgress?.(walker.eventsChecked);
    await yieldToEventLoop();
  }
  return undefined;
};

/** SHA-256 over `streamId\nrevision\n` per event, fed in chunks (one native call per ~1,000 events). */
export class OrderDigest {
  private readonly hash = crypto.createHash('sha256');
  private pending = '';
  private count = 0;

  add(streamId: string, revision: bigint): void {
    this.pending += `${streamId}\n${revision}\n`;
    if (++this.count % 1000 === 0) this.flush();
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending.length > 0) this.hash.update(this.pending, 'utf8');
    this.pending = '';
  }
}
