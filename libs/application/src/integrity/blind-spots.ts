import { IntegrityReport } from './integrity-report';

/**
 * Changes a hash-chain walk cannot see on its own (#13 item 8). Each event's hash covers its
 * predecessor in the same stream only, so a chain says nothing about:
 * - `truncated_tail`: events removed from the end of a stream, or a whole stream (a case) deleted;
 * - `reordering_across_streams`: events of different streams swapped in global order (each
 *   stream's own order intact) — projections fold in global order;
 * - `consistent_rewrite`: a stream rewritten with every hash recomputed.
 * A signed checkpoint sees all three up to its position (its heads, count and order digest).
 */
export type BlindSpotKind = 'truncated_tail' | 'reordering_across_streams' | 'consistent_rewrite';

export interface BlindSpot {
  readonly kind: BlindSpotKind;
  /** Unseen only among events after this global position (the checkpoint's); absent: anywhere. */
  readonly after?: string;
  readonly detail: string;
}

/** A verification report that says what it could not have seen. */
export interface StoreVerificationReport extends IntegrityReport {
  readonly blindSpots: readonly BlindSpot[];
}

const WHAT: Readonly<Record<BlindSpotKind, string>> = {
  truncated_tail: 'events removed from the end of a stream, or a whole stream (a case) deleted',
  reordering_across_streams: 'events of different streams swapped in global order',
  consistent_rewrite: 'a stream rewritten with every hash recomputed',
};

const ALL: readonly BlindSpotKind[] = ['truncated_tail', 'reordering_across_streams', 'consistent_rewrite'];

/** Chain verification with no checkpoint to compare with: unseen anywhere. */
export const blindSpotsWithoutCheckpoint = (kinds: readonly BlindSpotKind[] = ALL): BlindSpot[] =>
  kinds.map((kind) => ({ kind, detail: `not detectable without a signed checkpoint: ${WHAT[kind]}` }));

/** Compared with a checkpoint: the events after its position are chain-checked only. */
export const blindSpotsAfterCheckpoint = (globalPosition: string): BlindSpot[] =>
  ALL.map((kind) => ({
    kind,
    after: globalPosition,
    detail: `events after the checkpoint's position ${globalPosition} are chain-checked only: ${WHAT[kind]} among them is not detected`,
  }));
