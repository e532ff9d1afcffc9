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

/**
 * Each event the chain walker accepted, in global order, with its hash and its link (the hash of
 * the stream's previous event, or the genesis hash). Returns false to end the walk there.
 */
export type WalkVisit = (event: EventPlace, hash: string, prevHash: string) => boolean;

/**
 * Walks the whole store once in global order: every event through the chain walker (hashes,
 * links, revisions), then through `visit`. Ends at the first chain break, which it returns, or
 * where `visit` says. Uses the adapter's stored rows when it offers them (the fast path, see
 * ChainRowSource), and lets other work run between pages.
 */
export const walkStore = async (
  store: EventStore,
  walker: ChainWalker,
  visit: WalkVisit,
  onProgress?: VerifyProgress,
): Promise<IntegrityProblem | undefined> => {
  if (isChainRowSource(store)) {
    for await (const page of allRowPages(store)) {
      for (const row of page) {
        const failure = walker.checkRow(row);
        if (failure) return problemOfBreak(failure);
        if (!visit(row, row.hash, row.prevHash)) return undefined;
      }
      onProgress?.(walker.eventsChecked);
      await yieldToEventLoop();
    }
    return undefined;
  }
  for await (const page of allPages(store)) {
    for (const event of page) {
      const failure = walker.check(event);
      if (failure) return problemOfBreak(failure);
      if (!visit(event, event.metadata.hash, event.metadata.prevHash)) return undefined;
    }
    onProgress?.(walker.eventsChecked);
    await yieldToEventLoop();
  }
  return undefined;
};

/**
 * Every stream's head as of a global position, while a walk goes on past it: only the streams
 * written after the position are remembered, each with its head just before (the link of its
 * first event after it), instead of a copy of every head taken on the way.
 */
export class HeadsAsOf {
  private readonly earlier = new Map<string, StreamHead | null>();

  constructor(readonly position: bigint) {}

  /** An event the chain walker accepted: its link is the stream's head before it. */
  accept(event: EventPlace, prevHash: string): void {
    if (event.position <= this.position || this.earlier.has(event.streamId)) return;
    this.earlier.set(event.streamId, event.revision === 0n ? null : { revision: event.revision - 1n, hash: prevHash });
  }

  /** The stream's head as of the position, given its head at the end of the walk. */
  of(streamId: string, atEnd: StreamHead | undefined): StreamHead | undefined {
    const earlier = this.earlier.get(streamId);
    return earlier === undefined ? atEnd : (earlier ?? undefined);
  }
}

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
