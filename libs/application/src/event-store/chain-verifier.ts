import { ChainHashAlgorithm } from './crypto-suite';
import { GENESIS_HASH, isHash, recomputeHash } from './event-hash';
import { RecordedEvent, RecordedMetadata, StreamHead } from './event-store.types';
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
  /** The store's chain digest (see crypto-suite.ts); default SHA-256. Rows carry their own. */
  readonly hashAlgorithm?: ChainHashAlgorithm;
}

/** Progress of a long verification: called after each page read from the store. */
export type VerifyProgress = (eventsChecked: number) => void;

/** Where an event sits: what a break report names. */
type EventPlace = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'eventId'>;

/**
 * An event as an adapter stored it, read back unparsed (see ChainRowSource): where it sits, its
 * chain fields, and the adapter's own check of its stored content. The verifier knows the chain;
 * only the adapter knows how it stores an event, and so how to hash that without parsing it.
 */
export interface ChainRow extends EventPlace {
  readonly prevHash: string;
  readonly hash: string;
  /**
   * Whether the stored content hashes to `hash`; false, never a throw, otherwise. At least as strict
   * as {@link recomputeHash} of {@link toEvent}: a row may fail here and pass once parsed (a
   * semantically equal re-encoding), never the other way round.
   */
  hashMatches(): boolean;
  /** The event as `readAll` returns it, to name a failure; undefined when the stored texts are not JSON. */
  toEvent(): RecordedEvent | undefined;
}

const at = (
  event: EventPlace,
  kind: ChainBreakKind,
  message: string,
  expected?: string,
  actual?: string,
): ChainBreak => ({
  kind,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  eventId: event.eventId,
  expected,
  actual,
  message: `${event.streamId}@${event.revision} (position ${event.position}): ${message}`,
});

/** The event at a known head's revision, with another hash than the known one: history rewritten up to that head. */
export const headBreak = (event: EventPlace, known: StreamHead | undefined, hash: string): ChainBreak | undefined =>
  known !== undefined && known.revision === event.revision && known.hash !== hash
    ? at(event, 'head_mismatch', 'differs from the known head', known.hash, hash)
    : undefined;

/** Hash fields missing or not SHA-256 hex digests: reported before anything else. */
const malformedBreak = (event: RecordedEvent): ChainBreak | undefined => {
  const metadata = event.metadata as Partial<Record<string, unknown>> | undefined;
  if (!metadata || !isHash(metadata.hash) || !isHash(metadata.prevHash)) {
    return at(event, 'malformed', 'hash or prevHash missing or not a SHA-256 hex digest');
  }
  return undefined;
};

/** Does the event continue `previous` (undefined: the stream's first event)? */
export const linkBreak = (
  event: EventPlace,
  prevHash: string,
  previous: StreamHead | undefined,
): ChainBreak | undefined => {
  const expectedRevision = previous === undefined ? 0n : previous.revision + 1n;
  if (event.revision > expectedRevision) {
    return at(
      event,
      'revision_gap',
      'revisions are missing before this event',
      expectedRevision.toString(),
      event.revision.toString(),
    );
  }
  if (event.revision < expectedRevision) {
    return at(
      event,
      'revision_out_of_order',
      'revision repeats or goes backwards',
      expectedRevision.toString(),
      event.revision.toString(),
    );
  }
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (prevHash !== expectedPrev) {
    return at(event, 'prev_hash_mismatch', 'does not link to the previous event', expectedPrev, prevHash);
  }
  return undefined;
};

/** Does the content match its hash? */
const contentBreak = (event: RecordedEvent, algorithm: ChainHashAlgorithm): ChainBreak | undefined => {
  let recomputed: string;
  try {
    recomputed = recomputeHash(event, algorithm);
  } catch (error) {
    if (isEventStoreError(error)) return at(event, 'malformed', error.message);
    throw error;
  }
  if (recomputed !== event.metadata.hash) {
    return at(event, 'hash_mismatch', 'content does not match its hash', recomputed, event.metadata.hash);
  }
  return undefined;
};

/** The full check, in the order the kinds are reported; only run once the fast path failed. */
const diagnose = (
  event: RecordedEvent,
  previous: StreamHead | undefined,
  algorithm: ChainHashAlgorithm,
): ChainBreak | undefined =>
  malformedBreak(event) ?? linkBreak(event, event.metadata.prevHash, previous) ?? contentBreak(event, algorithm);

/**
 * The first event of a stream seen by a walker that started mid-store ({@link ChainWalkerOptions.openStart}):
 * its link to what came before is checked when the segments are stitched together.
 */
export interface FirstRow extends EventPlace {
  readonly prevHash: string;
  /** Events the walker had accepted before it: where a break here leaves the count. */
  readonly index: number;
}

export interface ChainWalkerOptions extends VerifyChainOptions {
  /**
   * The walk starts at some position other than the store's beginning (one segment of a
   * parallel verification): a stream's first event here is checked for content only and kept in
   * `firstRows`, for its link to be checked against the previous segment's heads.
   */
  readonly openStart?: boolean;
}

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
  /** With `openStart`: each stream's first event in this walk. */
  readonly firstRows = new Map<string, FirstRow>();
  eventsChecked = 0;

  private readonly algorithm: ChainHashAlgorithm;

  constructor(private readonly options: ChainWalkerOptions = {}) {
    this.algorithm = options.hashAlgorithm ?? 'sha256';
  }

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
      hashMatches(event, this.algorithm);
    if (!intact) {
      const failure = diagnose(event, previous, this.algorithm);
      if (failure) return failure;
    }
    return this.accept(event, event.metadata.hash);
  }

  /**
   * The same check on a stored row ({@link ChainRow}): its stored content is hashed as it is. Only
   * a row that fails is parsed, to name the failure as {@link check} would.
   */
  checkRow(row: ChainRow): ChainBreak | undefined {
    const mismatch = this.streamMismatch(row);
    if (mismatch) return mismatch;
    const previous = this.heads.get(row.streamId);
    if (previous === undefined && this.options.openStart) return this.checkOpenRow(row);
    const intact =
      row.revision === (previous === undefined ? 0n : previous.revision + 1n) &&
      row.prevHash === (previous === undefined ? GENESIS_HASH : previous.hash) &&
      row.hashMatches();
    if (intact) return this.accept(row, row.hash);
    const event = row.toEvent();
    if (event === undefined) return at(row, 'malformed', 'stored data or metadata is not JSON');
    const failure = diagnose(event, previous, this.algorithm);
    // Parsed, the row checks out: its stored text is not the canonical encoding that was hashed.
    return failure ?? at(row, 'hash_mismatch', 'stored text differs from what was hashed', undefined, row.hash);
  }

  /** A stream's first row in an open-start walk: content now, the link when stitched. */
  private checkOpenRow(row: ChainRow): ChainBreak | undefined {
    const { streamId, revision, position, eventId, prevHash } = row;
    this.firstRows.set(streamId, { streamId, revision, position, eventId, prevHash, index: this.eventsChecked });
    if (isHash(row.prevHash) && row.hashMatches()) return this.accept(row, row.hash);
    const event = row.toEvent();
    if (event === undefined) return at(row, 'malformed', 'stored data or metadata is not JSON');
    return (
      malformedBreak(event) ??
      contentBreak(event, this.algorithm) ??
      at(row, 'hash_mismatch', 'stored text differs from what was hashed', undefined, row.hash)
    );
  }

  private streamMismatch(event: EventPlace): ChainBreak | undefined {
    const only = this.options.onlyStream;
    if (only === undefined || event.streamId === only) return undefined;
    return at(event, 'stream_mismatch', `expected only events of ${only}`, only, event.streamId);
  }

  private accept(event: EventPlace, hash: string): ChainBreak | undefined {
    const differs = headBreak(event, this.options.expectedHeads?.get(event.streamId), hash);
    if (differs) return differs;
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

/** False (never throws) when the content cannot be encoded: diagnose() then names it malformed. */
const hashMatches = (event: RecordedEvent, algorithm: ChainHashAlgorithm): boolean => {
  try {
    return recomputeHash(event, algorithm) === event.metadata.hash;
  } catch {
    return false;
  }
};

export const checkHeads = (
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
