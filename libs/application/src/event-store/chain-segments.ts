import { allPages, allRowPages, isChainRowSource, walkPages } from './chain-pages';
import { ChainHashAlgorithm, chainHashOfStore } from './crypto-suite';
import {
  ChainBreak,
  ChainRow,
  ChainVerification,
  ChainWalker,
  checkHeads,
  FirstRow,
  linkBreak,
  VerifyProgress,
} from './chain-verifier';
import { EventStore } from './event-store.port';
import { StreamHead } from './event-store.types';

/**
 * Whole-store verification split by global position into segments that are walked at the same
 * time (an adapter runs them on worker threads) and then stitched: the result is the one a
 * single walk in global order gives — the same first break, the same `eventsChecked`.
 *
 * Each event's hash depends only on the event and its stored `prevHash`, so content can be
 * checked anywhere; only the link between a stream's last event in one segment and its first in
 * the next needs the segments in order, and that is a comparison of two strings.
 */

/** What one segment's walk found. Structured-clone friendly (it crosses from a worker). */
export interface SegmentResult {
  /** Events accepted, in position order, before the segment's failure (all, without one). */
  readonly eventsChecked: number;
  readonly heads: ReadonlyMap<string, StreamHead>;
  /** Each stream's first event in the segment (empty for the first segment). */
  readonly firstRows: ReadonlyMap<string, FirstRow>;
  readonly failure?: ChainBreak;
}

export interface SegmentOptions {
  /** Every segment but the first starts mid-store. */
  readonly openStart: boolean;
  readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
  /** The store's chain digest (rows hash themselves; this is for a row that has to be parsed). */
  readonly hashAlgorithm?: ChainHashAlgorithm;
  /** Called after each page with the events accepted so far in this segment. */
  readonly onPage?: (eventsChecked: number) => void;
}

/** Walks one segment's rows (synchronously: a worker has nothing else to do). */
export const walkSegment = (pages: Iterable<readonly ChainRow[]>, options: SegmentOptions): SegmentResult => {
  const walker = new ChainWalker({
    openStart: options.openStart,
    expectedHeads: options.expectedHeads,
    hashAlgorithm: options.hashAlgorithm,
  });
  const result = (failure?: ChainBreak): SegmentResult => ({
    eventsChecked: walker.eventsChecked,
    heads: walker.heads,
    firstRows: walker.firstRows,
    failure,
  });
  for (const page of pages) {
    for (const row of page) {
      const failure = walker.checkRow(row);
      if (failure) return result(failure);
    }
    options.onPage?.(walker.eventsChecked);
  }
  return result();
};

/**
 * A single walk checks, at one event, malformed fields first, then the link, then the content
 * (and a known head last): at equal positions the break it would name first wins.
 */
const rank = (failure: ChainBreak, isLink: boolean): number => (failure.kind === 'malformed' ? 0 : isLink ? 1 : 2);

interface Candidate {
  readonly failure: ChainBreak;
  readonly eventsChecked: number;
  readonly rank: number;
}

const earlier = (a: Candidate, b: Candidate | undefined): boolean => {
  if (b === undefined) return true;
  const pa = a.failure.position ?? 0n;
  const pb = b.failure.position ?? 0n;
  return pa < pb || (pa === pb && a.rank < b.rank);
};

/**
 * Stitches segments given in position order. A segment's heads may be incomplete past its own
 * failure, which can make later links look broken — but those sit at later positions, and the
 * earliest break is the one reported.
 */
export const stitchSegments = (
  segments: readonly SegmentResult[],
  expectedHeads?: ReadonlyMap<string, StreamHead>,
): ChainVerification => {
  const heads = new Map<string, StreamHead>();
  let first: Candidate | undefined;
  const consider = (candidate: Candidate): void => {
    if (earlier(candidate, first)) first = candidate;
  };
  let before = 0;
  for (const segment of segments) {
    for (const [streamId, row] of segment.firstRows) {
      const failure = linkBreak(row, row.prevHash, heads.get(streamId));
      if (failure) consider({ failure, eventsChecked: before + row.index, rank: rank(failure, true) });
    }
    if (segment.failure)
      consider({
        failure: segment.failure,
        eventsChecked: before + segment.eventsChecked,
        rank: rank(segment.failure, false),
      });
    for (const [streamId, head] of segment.heads) heads.set(streamId, head);
    before += segment.eventsChecked;
  }
  if (first) return { ok: false, eventsChecked: first.eventsChecked, failure: first.failure };
  const truncated = expectedHeads ? checkHeads(heads, expectedHeads) : undefined;
  return truncated
    ? { ok: false, eventsChecked: before, failure: truncated }
    : { ok: true, eventsChecked: before, heads };
};

/**
 * Optional capability of an {@link EventStore} adapter: verify the whole store in parallel
 * segments. Answers `undefined` when it declines (a small or in-memory store), and the caller
 * walks the store itself.
 */
export interface ParallelChainVerifier {
  verifyAllInParallel(options: {
    readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
    readonly onProgress?: VerifyProgress;
  }): Promise<ChainVerification | undefined>;
}

export const isParallelChainVerifier = (store: object): store is ParallelChainVerifier =>
  typeof (store as Partial<ParallelChainVerifier>).verifyAllInParallel === 'function';

/**
 * Verifies every stream of the store: in parallel segments where the adapter offers it, else in
 * one walk in global order (over the stored rows where the adapter offers them).
 */
export const verifyAll = async (
  store: EventStore,
  options: { readonly expectedHeads?: ReadonlyMap<string, StreamHead>; readonly onProgress?: VerifyProgress } = {},
): Promise<ChainVerification> => {
  const parallel = isParallelChainVerifier(store) ? await store.verifyAllInParallel(options) : undefined;
  if (parallel) return parallel;
  const walker = new ChainWalker({ expectedHeads: options.expectedHeads, hashAlgorithm: chainHashOfStore(store) });
  return isChainRowSource(store)
    ? walkPages(allRowPages(store), (row) => walker.checkRow(row), walker, options.onProgress)
    : walkPages(allPages(store), (event) => walker.check(event), walker, options.onProgress);
};
