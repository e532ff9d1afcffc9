import { EventStoreError } from './event-store.errors';

/**
 * Optional capability of an {@link EventStore} adapter: removing a whole stream, for retention
 * (access-log segments past ACCESS_LOG_RETENTION_DAYS, once archived with their hashes). Both
 * adapters offer it; the contract suite holds them to the behaviour below.
 *
 * - The stream must be at `expectedRevision` (its last event), else STREAM.WRONG_EXPECTED_REVISION
 *   and nothing is removed; a stream that does not exist fails the same way.
 * - Afterwards it reads as a stream that does not exist (`readStream` → `[]`, `streamRevision` →
 *   undefined); other streams and every position are unchanged.
 * - `readAll` and subscriptions stop returning its events once the store has reclaimed them: at once
 *   in the embedded store, after the next scavenge in EventStoreDB (a soft delete there).
 * - A removed stream must not be appended to again: EventStoreDB would continue its revisions where
 *   they stopped, which the hash chain (revision 0 after no stream) cannot follow.
 */
export interface StreamDeletion {
  deleteStream(streamId: string, expectedRevision: bigint): Promise<void>;
}

export const canDeleteStreams = (store: object): store is StreamDeletion =>
  typeof (store as Partial<StreamDeletion>).deleteStream === 'function';

export const assertDeletionRevision = (expectedRevision: unknown): bigint => {
  if (typeof expectedRevision === 'bigint' && expectedRevision >= 0n) return expectedRevision;
  throw new EventStoreError(
    'EVENT.INVALID',
    'Deleting a stream needs its last revision (a bigint >= 0n) as the expected revision.',
  );
};
