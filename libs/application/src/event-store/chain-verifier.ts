import { computeStoredRowHash, GENESIS_HASH, isHash, recomputeHash, StoredChainRow } from './event-hash';
import { EventStore } from './event-store.port';
import { ReadAllOptions, RecordedEvent, RecordedMetadata, StreamHead } from './event-store.types';
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

/** Progress of a long verification: called after each page read from the store. */
export type VerifyProgress = (eventsChecked: number) => void;

/** Where an event sits: what a break report names. */
type EventPlace = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'eventId'>;

const at = (event: EventPlace, kind: ChainBreakKind, message: string, expected?: string, actual?: string): ChainBreak => ({
  kind,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  eventId: event.eventId,
  expected,
  actual,
  message: `${event.streamId}@${event.revision} (position ${event.position}): ${message}`,
});

/** The full check, in the order the kinds are reported; only run once the fast path failed. */
const diagnose = (event: RecordedEvent, previous: StreamHead | undefined): ChainBreak | undefined => {
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

/**
 * The verifier's state across events: each stream's last verified head. `check` is the hot
 * path of a whole-store verification, so it tests only what an intact event must satisfy
 * (the expected revision, a link equal to a known-good hash, a recomputed hash equal to the
 * stored one — each implies the fields are well-formed) and leaves classifying a failure to
 * {@link diagnose}.
 */
export class ChainWalker {
  /** Updated in place: one allocation per stream, not per event (this is the hot path). */
  readonly heads = new Map<string, { revision: bigint; hash: string }>();
  eventsChecked = 0;

  constructor(private readonly options: VerifyChainOptions = {}) {}

  /** Verifies the next event (global or revision order); returns the break, if any. */
  check(event: RecordedEvent): ChainBreak | undefined {
    const mismatch = this.streamMismatch(event);
    if (mismatch) return mismatch;
    const previous = this.heads.get(event.streamId);
    const metadata = event.metadata as RecordedMetadata | undefined;
    const intact =
      metadata !== undefined &&
      metadata !== null &&
      event.revision === (previous === undefined ? 0n : previous.revision + 1n) &&
      metadata.prevHash === (previous === undefined ? GENESIS_HASH : previous.hash) &&
      hashMatches(event);
    if (!intact) {
      const failure = diagnose(event, previous);
      if (failure) return failure;
    }
    return this.accept(event, event.metadata.hash);
  }

  /**
   * The same check on a stored row ({@link ChainRowSource}): its stored texts are hashed as
   * they are. Only a row that fails is parsed, to name the failure as {@link check} would.
   */
  checkRow(row: StoredChainRow): ChainBreak | undefined {
    const mismatch = this.streamMismatch(row);
    if (mismatch) return mismatch;
    const previous = this.heads.get(row.streamId);
    const intact =
      row.revision === (previous === undefined ? 0n : previous.revision + 1n) &&
      row.prevHash === (previous === undefined ? GENESIS_HASH : previous.hash) &&
      computeStoredRowHash(row) === row.hash;
    if (intact) return this.accept(row, row.hash);
    const event = parseRow(row);
    if (event === undefined) return at(row, 'malformed', 'stored data or metadata is not JSON');
    const failure = diagnose(event, previous);
    // Parsed, the row checks out: its stored text is not the canonical encoding that was hashed.
    return failure ?? at(row, 'hash_mismatch', 'stored text differs from what was hashed', undefined, row.hash);
  }

  private streamMismatch(event: EventPlace): ChainBreak | undefined {
    const only = this.options.onlyStream;
    if (only === undefined || event.streamId === only) return undefined;
    return at(event, 'stream_mismatch', `expected only events of ${only}`, only, event.streamId);
  }

  private accept(event: EventPlace, hash: string): ChainBreak | undefined {
    const known = this.options.expectedHeads?.get(event.streamId);
    if (known && known.revision === event.revision && known.hash !== hash) {
      return at(event, 'head_mismatch', 'differs from the known head', known.hash, hash);
    }
    const head = this.heads.get(event.streamId);
    if (head) {
      head.revision = event.revision;
      head.hash = hash;
    } else {
      this.heads.set(event.streamId, { revision: event.revision, hash });
    }
    this.eventsChecked += 1;
    return undefined;
  }

  /** After the last event: truncation against the expected heads, or the verified heads. */
  finish(): ChainVerification {
    const truncated = this.options.expectedHeads ? checkHeads(this.heads, this.options.expectedHeads) : undefined;
    return truncated
      ? { ok: false, eventsChecked: this.eventsChecked, failure: truncated }
      : { ok: true, eventsChecked: this.eventsChecked, heads: this.heads };
  }

  failed(failure: ChainBreak): ChainVerification {
    return { ok: false, eventsChecked: this.eventsChecked, failure };
  }
}

/** The row as readStream/readAll would return it; undefined if its texts are not JSON. */
const parseRow = (row: StoredChainRow): RecordedEvent | undefined => {
  try {
    const metadata = JSON.parse(row.metadataJson) as object;
    return {
      streamId: row.streamId,
      revision: row.revision,
      position: row.position,
      eventId: row.eventId,
      type: row.type,
      data: JSON.parse(row.dataJson),
      metadata: { ...metadata, recordedAt: row.recordedAt, prevHash: row.prevHash, hash: row.hash } as RecordedMetadata,
    };
  } catch {
    return undefined;
  }
};

/** False (never throws) when the content cannot be encoded: diagnose() then names it malformed. */
const hashMatches = (event: RecordedEvent): boolean => {
  try {
    return recomputeHash(event) === event.metadata.hash;
  } catch {
    return false;
  }
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
  const walker = new ChainWalker(options);
  for await (const event of events) {
    const failure = walker.check(event);
    if (failure) return walker.failed(failure);
  }
  return walker.finish();
};

/** Pages of this size are read from the store: large enough that per-query costs vanish. */
const PAGE_SIZE = 1000;

/** One stream, page by page, in revision order. */
export async function* streamPages(store: EventStore, streamId: string, pageSize = PAGE_SIZE): AsyncGenerator<readonly RecordedEvent[]> {
  let from = 0n;
  for (;;) {
    const page = await store.readStream(streamId, { direction: 'forwards', fromRevision: from, maxCount: pageSize });
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return;
    from = last.revision + 1n;
  }
}

/** Pages of a global-order read (`readAll` or `readChainRows`): positions after `after`, exclusive. */
async function* positionPages<T extends { readonly position: bigint }>(
  read: (options: ReadAllOptions) => Promise<readonly T[]>,
  pageSize: number,
  after: bigint | undefined,
): AsyncGenerator<readonly T[]> {
  let from = after;
  for (;;) {
    const page = await read({ fromPosition: from, maxCount: pageSize });
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return;
    from = last.position;
  }
}

/** The whole store, page by page, in global order. */
export const allPages = (store: EventStore, pageSize = PAGE_SIZE, after?: bigint): AsyncGenerator<readonly RecordedEvent[]> =>
  positionPages((options) => store.readAll(options), pageSize, after);

/**
 * Lets timers and I/O run: the embedded store answers reads synchronously, so without this a
 * whole-store walk inside the API would hold every request until it is done.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Walks pages with a synchronous inner loop (no promise per event), yielding between pages. */
const walkPages = async <T>(
  pages: AsyncIterable<readonly T[]>,
  check: (item: T) => ChainBreak | undefined,
  walker: ChainWalker,
  onProgress?: VerifyProgress,
): Promise<ChainVerification> => {
  for await (const page of pages) {
    for (const item of page) {
      const failure = check(item);
      if (failure) return walker.failed(failure);
    }
    onProgress?.(walker.eventsChecked);
    await yieldToEventLoop();
  }
  return walker.finish();
};

/**
 * Verifies one stream. Without `expectedHead`, a truncated tail is caught only if the store's
 * own head revision (read first, so concurrent appends cannot cause a false alarm) says more
 * events exist than are returned — which a careful attacker also rewrites. With `expectedHead`
 * (from a signed checkpoint), truncation and rewritten history up to that head are caught.
 */
export const verifyStream = async (
  store: EventStore,
  streamId: string,
  options: { readonly expectedHead?: StreamHead; readonly onProgress?: VerifyProgress } = {},
): Promise<ChainVerification> => {
  const storeHead = await store.streamRevision(streamId);
  const expectedHeads = new Map<string, StreamHead>();
  if (options.expectedHead) expectedHeads.set(streamId, options.expectedHead);
  const walker = new ChainWalker({ expectedHeads, onlyStream: streamId });
  const result = await walkPages(streamPages(store, streamId), (event) => walker.check(event), walker, options.onProgress);
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

/**
 * Optional capability of an {@link EventStore} adapter: the rows of `readAll`, unparsed, as
 * stored (see {@link StoredChainRow}). Where offered, whole-store verification hashes the
 * stored text instead of parsing and re-encoding every event — several times faster.
 */
export interface ChainRowSource {
  /** Same ordering, exclusivity and paging as `readAll`. */
  readChainRows(options: ReadAllOptions): Promise<readonly StoredChainRow[]>;
}

export const isChainRowSource = (store: object): store is ChainRowSource =>
  typeof (store as Partial<ChainRowSource>).readChainRows === 'function';

/** The whole store as stored rows, page by page, in global order. */
export const allRowPages = (source: ChainRowSource, pageSize = PAGE_SIZE, after?: bigint): AsyncGenerator<readonly StoredChainRow[]> =>
  positionPages((options) => source.readChainRows(options), pageSize, after);

/** Verifies every stream of the store, walking it once in global order. */
export const verifyAll = (
  store: EventStore,
  options: { readonly expectedHeads?: ReadonlyMap<string, StreamHead>; readonly onProgress?: VerifyProgress } = {},
): Promise<ChainVerification> => {
  const walker = new ChainWalker({ expectedHeads: options.expectedHeads });
  return isChainRowSource(store)
    ? walkPages(allRowPages(store), (row) => walker.checkRow(row), walker, options.onProgress)
    : walkPages(allPages(store), (event) => walker.check(event), walker, options.onProgress);
};
