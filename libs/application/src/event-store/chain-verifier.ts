import { GENESIS_HASH, isHash, recomputeHash } from './event-hash';
import { EventStore } from './event-store.port';
import { RecordedEvent, StreamHead } from './event-store.types';
import { isEventStoreError } from './event-store.errors';

/**
 * Walks hash chains and reports the FIRST event where they break. What each kind means:
 * - `hash_mismatch`: the event's content (data, metadata, id, type, revision) was changed;
 * - `prev_hash_mismatch`: the event does not link to the event before it (one was removed,
 *   inserted or swapped in between);
 * - `revision_gap`: a revision is missing (deletion);
 * - `revision_out_of_order`: a revision repeats or goes backwards (reordering, duplication);
 * - `stream_mismatch`: `verifyStream` was handed an event of another stream;
 * - `malformed`: hash fields missing or not 64 hex digits, or data not canonicalisable;
 * - `truncated`: the chain is intact but ends before a known head;
 * - `head_mismatch`: the event at a known head's revision has another hash (history rewritten).
 *
 * Truncating a stream's tail leaves a valid, shorter chain: it is only detectable against a
 * head known from elsewhere. Pass it as `expectedHead` (a later issue signs checkpoints of the
 * heads); `verifyStream` additionally compares against the store's own head revision.
 */
export type ChainBreakKind =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'revision_gap'
  | 'revision_out_of_order'
  | 'stream_mismatch'
  | 'malformed'
  | 'truncated'
  | 'head_mismatch';

export interface ChainBreak {
  readonly kind: ChainBreakKind;
  readonly streamId: string;
  /** The first broken event (absent for `truncated` when the stream has no events at all). */
  readonly revision?: bigint;
  readonly position?: bigint;
  readonly eventId?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly message: string;
}

export type ChainVerification =
  | { readonly ok: true; readonly eventsChecked: number; readonly heads: ReadonlyMap<string, StreamHead> }
  | { readonly ok: false; readonly eventsChecked: number; readonly failure: ChainBreak };

export interface VerifyChainOptions {
  /** Heads known from elsewhere, by stream id: detects truncation and rewritten history. */
  readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
  /** When set, every event must belong to this stream. */
  readonly onlyStream?: string;
}

const at = (event: RecordedEvent, kind: ChainBreakKind, message: string, expected?: string, actual?: string): ChainBreak => ({
  kind,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  eventId: event.eventId,
  expected,
  actual,
  message: `${event.streamId}@${event.revision} (position ${event.position}): ${message}`,
});

const checkEvent = (event: RecordedEvent, previous: StreamHead | undefined): ChainBreak | undefined => {
  const metadata = event.metadata as Partial<Record<string, unknown>> | undefined;
  if (!metadata || !isHash(metadata.hash) || !isHash(metadata.prevHash)) {
    return at(event, 'malformed', 'hash or prevHash missing or not a SHA-256 hex digest');
  }
  const expectedRevision = previous === undefined ? 0n : previous.revision + 1n;
  if (event.revision > expectedRevision) {
    return at(event, 'revision_gap', 'revisions are missing before this event', expectedRevision.toString(), event.revision.toString());
  }
  if (event.revision < expectedRevision) {
    return at(event, 'revision_out_of_order', 'revision repeats or goes backwards', expectedRevision.toString(), event.revision.toString());
  }
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (metadata.prevHash !== expectedPrev) {
    return at(event, 'prev_hash_mismatch', 'does not link to the previous event', expectedPrev, metadata.prevHash);
  }
  let recomputed: string;
  try {
    recomputed = recomputeHash(event);
  } catch (error) {
    if (isEventStoreError(error)) return at(event, 'malformed', error.message);
    throw error;
  }
  if (recomputed !== metadata.hash) {
    return at(event, 'hash_mismatch', 'content does not match its hash', recomputed, metadata.hash);
  }
  return undefined;
};

const checkHeads = (
  heads: ReadonlyMap<string, StreamHead>,
  expectedHeads: ReadonlyMap<string, StreamHead>,
): ChainBreak | undefined => {
  for (const [streamId, known] of expectedHeads) {
    const seen = heads.get(streamId);
    if (seen === undefined || seen.revision < known.revision) {
      const end = seen === undefined ? 'no events' : `revision ${seen.revision}`;
      return {
        kind: 'truncated',
        streamId,
        revision: seen?.revision,
        expected: known.revision.toString(),
        actual: seen?.revision.toString(),
        message: `${streamId}: chain ends at ${end}, but revision ${known.revision} is known to exist`,
      };
    }
  }
  return undefined;
};

/**
 * Verifies the events in the order given: one stream in revision order, or many streams
 * interleaved in global order (each stream is chained separately).
 */
export const verifyChain = async (
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> => {
  const heads = new Map<string, StreamHead>();
  let eventsChecked = 0;
  for await (const event of events) {
    if (options.onlyStream !== undefined && event.streamId !== options.onlyStream) {
      const failure = at(event, 'stream_mismatch', `expected only events of ${options.onlyStream}`, options.onlyStream, event.streamId);
      return { ok: false, eventsChecked, failure };
    }
    const failure = checkEvent(event, heads.get(event.streamId));
    if (failure) return { ok: false, eventsChecked, failure };
    const known = options.expectedHeads?.get(event.streamId);
    if (known && known.revision === event.revision && known.hash !== event.metadata.hash) {
      const mismatch = at(event, 'head_mismatch', 'differs from the known head', known.hash, event.metadata.hash);
      return { ok: false, eventsChecked, failure: mismatch };
    }
    heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
    eventsChecked += 1;
  }
  const truncated = options.expectedHeads ? checkHeads(heads, options.expectedHeads) : undefined;
  return truncated ? { ok: false, eventsChecked, failure: truncated } : { ok: true, eventsChecked, heads };
};

const PAGE_SIZE = 500;

async function* pagesOfStream(store: EventStore, streamId: string): AsyncGenerator<RecordedEvent> {
  let from = 0n;
  for (;;) {
    const page = await store.readStream(streamId, { direction: 'forwards', fromRevision: from, maxCount: PAGE_SIZE });
    yield* page;
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || last === undefined) return;
    from = last.revision + 1n;
  }
}

async function* pagesOfAll(store: EventStore): AsyncGenerator<RecordedEvent> {
  let from: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE_SIZE });
    yield* page;
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || last === undefined) return;
    from = last.position;
  }
}

/**
 * Verifies one stream. Without `expectedHead`, a truncated tail is caught only if the store's
 * own head revision (read first, so concurrent appends cannot cause a false alarm) says more
 * events exist than are returned — which a careful attacker also rewrites. With `expectedHead`
 * (from a signed checkpoint), truncation and rewritten history up to that head are caught.
 */
export const verifyStream = async (
  store: EventStore,
  streamId: string,
  options: { readonly expectedHead?: StreamHead } = {},
): Promise<ChainVerification> => {
  const storeHead = await store.streamRevision(streamId);
  const expectedHeads = new Map<string, StreamHead>();
  if (options.expectedHead) expectedHeads.set(streamId, options.expectedHead);
  const result = await verifyChain(pagesOfStream(store, streamId), { expectedHeads, onlyStream: streamId });
  if (!result.ok || storeHead === undefined) return result;
  const last = result.heads.get(streamId);
  if (last === undefined || last.revision < storeHead) {
    const end = last === undefined ? 'no events' : `revision ${last.revision}`;
    const failure: ChainBreak = {
      kind: 'truncated',
      streamId,
      revision: last?.revision,
      expected: storeHead.toString(),
      actual: last?.revision.toString(),
      message: `${streamId}: chain ends at ${end}, but the store's head is revision ${storeHead}`,
    };
    return { ok: false, eventsChecked: result.eventsChecked, failure };
  }
  return result;
};

/** Verifies every stream of the store, walking it once in global order. */
export const verifyAll = (
  store: EventStore,
  options: { readonly expectedHeads?: ReadonlyMap<string, StreamHead> } = {},
): Promise<ChainVerification> => verifyChain(pagesOfAll(store), { expectedHeads: options.expectedHeads });
