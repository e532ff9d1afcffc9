import { RecordedEvent } from '../../event-store/event-store.types';

/** One event found by {@link PartitionReads.readDataField}. */
export interface DataFieldRow {
  readonly streamId: string;
  readonly type: string;
  /** `data[field]` when it is a string. */
  readonly value: string | undefined;
}

/**
 * What a partitioned build reads (see PartitionedRebuild): an optional capability of an event store,
 * offered by those that can answer it without a scan through the whole log per question (the
 * embedded store). The EventStore port does not know it. Others (the EventStoreDB adapter) leave it
 * out, and their projections are built in global order.
 *
 * Both reads stop at `through`, a position the store returned: with appends going on, every read of
 * one build sees the same log.
 */
export interface PartitionReads {
  /** Position of the last stored event; undefined while the store is empty. */
  lastPosition(): Promise<bigint | undefined>;
  /**
   * For every event of one of `types` at or before `through`, in global order: its stream, its type
   * and the string at `data[field]` (a top-level field name). Enough to group streams into partitions
   * without parsing payloads.
   */
  readDataField(types: readonly string[], field: string, through: bigint): Promise<DataFieldRow[]>;
  /** The events of `streamIds` at or before `through`, in global order (streams that do not exist add none). */
  readStreamsThrough(streamIds: readonly string[], through: bigint): Promise<RecordedEvent[]>;
}

export const isPartitionReads = (store: object): store is PartitionReads => {
  const candidate = store as Partial<PartitionReads>;
  return (
    typeof candidate.lastPosition === 'function' &&
    typeof candidate.readDataField === 'function' &&
    typeof candidate.readStreamsThrough === 'function'
  );
};
