import { JsonObject } from '../event-store/event-store.types';
import { PartitionReads } from '../event-store/partition-reads';

/** An event as a projection sees it. */
export interface ProjectedEvent {
  readonly streamId: string;
  readonly category: string;
  readonly aggregateId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: JsonObject;
  readonly recordedAt: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly orgId: string };
}

export interface DocKey {
  readonly collection: string;
  readonly id: string;
}

/** A read-model document: plain JSON plus `_id` and `_position` (decimal string of the global position of the last event applied). */
export type ReadModelDocument = JsonObject & { readonly _id: string; readonly _position: string };

/** Reads a document as the projection currently sees it (including writes earlier in the same batch). */
export type DocReader = (key: DocKey) => Promise<ReadModelDocument | undefined>;

/** One index: field paths → 1 (ascending) or -1 (descending), in key order. */
export type IndexSpec = Readonly<Record<string, 1 | -1>>;

/**
 * How a build from position 0 may split the log into partitions of streams. The promise a
 * projection makes by declaring it: for an event of one partition, `keys` and `apply` read and write
 * only documents that no event of another partition reads or writes. The runner may then build each
 * partition on its own (its events in global order, its documents in memory and each written once)
 * instead of walking the whole log in order; every document comes out the same, `_position`
 * included, because it sees the same events in the same order.
 */
export interface Partitioning {
  /** For logs and errors. */
  readonly name: string;
  /** The partitions of the log up to `through`, each as the ids of its streams, in a stable order. */
  partitions(source: PartitionReads, through: bigint): Promise<readonly (readonly string[])[]>;
}

/**
 * A read model as a pure function of events. The runner feeds it from an event-store
 * subscription, sets `_id` and `_position` on every document it writes, and skips an event for
 * a document whose `_position` is ≥ the event's position (idempotency under at-least-once
 * delivery).
 */
export interface Projection {
  /** Stable name, e.g. 'clue-ledger'. */
  readonly name: string;
  /** Bump to rebuild from position 0 beside the live version, then switch. */
  readonly version: number;
  /** Logical collections it owns (physical names are versioned by the store: `<collection>__v<version>`). */
  readonly collections: readonly string[];
  /** Stream categories it consumes ('clue', 'referral', 'rectification'). */
  readonly categories: readonly string[];
  /**
   * Indexes the query endpoints need, per logical collection. Stores that can use them
   * (MongoDB) create them before the projection's first batch; the embedded store ignores them.
   */
  readonly indexes?: Readonly<Record<string, readonly IndexSpec[]>>;
  /**
   * Set when the projection keeps to a partitioning (see {@link Partitioning}). Projections that
   * share one are built together, reading each partition once.
   */
  readonly partitioning?: Partitioning;
  /** The documents an event changes (may read other documents, e.g. an index referral→clue). */
  keys(event: ProjectedEvent, read: DocReader): Promise<readonly DocKey[]>;
  /** The new document for one key (undefined = delete). Pure given its inputs; must not mutate `doc`. */
  apply(doc: ReadModelDocument | undefined, event: ProjectedEvent, key: DocKey, read: DocReader): Promise<JsonObject | undefined>;
}
