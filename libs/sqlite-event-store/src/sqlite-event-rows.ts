import type { RecordedEvent, RecordedMetadata } from '@xj/application';
import type { StoredEventRef, StoredEventSummary } from '@xj/application/event-store-kit';
import type { EventRow, EventRowTuple, SummaryRow, TailIdRow } from './sqlite-schema';

/** Rows of `events` as the port's values. */

/**
 * "From the start" is below every row, not position 0: a row forged at position ≤ 0 must still be
 * seen by readAll, and so by the verifiers, since readStream would serve it.
 */
export const FROM_START = Number.MIN_SAFE_INTEGER;

/** SQLite integers are signed 64-bit, JS numbers exact to 2^53: clamp open-ended bounds. */
export const toSqlInteger = (value: bigint): number =>
  value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);

/** SQLite: LIMIT -1 = no limit. */
export const limitOf = (maxCount: number | undefined): number => maxCount ?? -1;

/**
 * The stored metadata with what the store adds. The parsed object is fresh, so the store's keys are
 * set on it rather than spread into a copy (a catch-up converts millions of rows).
 */
const recordedMetadata = (json: string, recordedAt: string, prevHash: string, hash: string): RecordedMetadata => {
  const metadata = JSON.parse(json) as Record<string, unknown>;
  metadata.recordedAt = recordedAt;
  metadata.prevHash = prevHash;
  metadata.hash = hash;
  return metadata as RecordedMetadata;
};

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data),
  metadata: recordedMetadata(row.metadata, row.recorded_at, row.prev_hash, row.hash),
});

/** The same from a raw row (readAll's pages: no intermediate object per row). */
export const tupleToRecordedEvent = ([
  position,
  streamId,
  revision,
  eventId,
  type,
  data,
  metadata,
  recordedAt,
  prevHash,
  hash,
]: EventRowTuple): RecordedEvent => ({
  streamId,
  revision: BigInt(revision),
  position: BigInt(position),
  eventId,
  type,
  data: JSON.parse(data),
  metadata: recordedMetadata(metadata, recordedAt, prevHash, hash),
});

export const toEventRef = ([revision, eventId]: TailIdRow): StoredEventRef => ({ revision: BigInt(revision), eventId });

export const toSummary = (row: SummaryRow): StoredEventSummary => ({
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  dataJson: row.data,
});
