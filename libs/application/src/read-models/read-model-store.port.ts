import { IndexSpec, ReadModelDocument } from './projection';

/** DI token for the configured {@link ReadModelStore} adapter. */
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/**
 * MongoDB query language, restricted to: $eq $ne $in $nin $gt $gte $lt $lte $exists $regex
 * (string pattern) $options ('i') $and $or $nor $not $elemMatch $size and dotted paths.
 * Both adapters refuse anything else (see assertFindOptions), and `_position` is not queryable.
 */
export type Filter = Readonly<Record<string, unknown>>;

export interface FindOptions {
  readonly filter?: Filter;
  /** Ties are broken by `_id` ascending in both adapters, so pages are stable. */
  readonly sort?: Readonly<Record<string, 1 | -1>>;
  readonly skip?: number;
  readonly limit?: number;
}

/** What {@link ReadModelStore.stream} reads: `find`'s filter and order, no paging. */
export interface StreamOptions {
  readonly filter?: Filter;
  /** Ties are broken by `_id` ascending, as in `find`. */
  readonly sort?: Readonly<Record<string, 1 | -1>>;
  /** Documents per batch handed out (default {@link DEFAULT_STREAM_BATCH}). */
  readonly batchSize?: number;
}

/**
 * Small enough that a batch's documents, lines and cells die young: an export writes a batch's rows
 * before it reads the next, and with 500 documents a batch lived through scavenges, was promoted and
 * piled up in V8's old space until a full collection (bench:documents: the heap grew ~90 → ~240 MiB
 * and buffers to ~60 MiB during a 100,000-line XLSX export; with 100, buffers stayed under ~17 MiB).
 */
export const DEFAULT_STREAM_BATCH = 100;

export type Write =
  | { readonly collection: string; readonly id: string; readonly doc: ReadModelDocument }
  | { readonly collection: string; readonly id: string; readonly delete: true; readonly position: string };

/** An event a projection failed on after its retries: never the event's data, only where it is and why. */
export interface ParkedEvent {
  readonly position: string;
  readonly streamId: string;
  readonly type: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/**
 * Where read models live: documents per (projection, version, collection), a checkpoint per
 * (projection, version), the active version per projection, and parked events. Two adapters
 * (embedded SQLite, MongoDB) and one contract suite (test/contract/read-model-store.contract-spec.ts).
 *
 * Positions in documents are decimal strings. A write applies when its `_position` is ≥ the
 * stored document's (an older position never overwrites a newer document; the same position
 * rewrites, which is harmless because projections are deterministic).
 */
export interface ReadModelStore {
  /** Reads one document of the ACTIVE version of `collection` of `projection` (or of `version` when given). */
  get(projection: string, collection: string, id: string, version?: number): Promise<ReadModelDocument | undefined>;
  /** Matching documents of the active version (or `version`), with the total before skip/limit. */
  find(
    projection: string,
    collection: string,
    options?: FindOptions,
    version?: number,
  ): Promise<{ readonly items: ReadModelDocument[]; readonly total: number }>;
  /**
   * Every matching document of the active version (or `version`), in batches, for exports (issue
   * 19 §3): the same filter semantics and order as `find` without paging, and without holding the
   * whole result (nor the collection) in memory. A document is handed out as it was when it was
   * read, and only if it matched the filter then (an access filter holds for every document); one
   * deleted meanwhile is missing. Documents are read-only (they may be an in-memory cache's).
   */
  stream(
    projection: string,
    collection: string,
    options?: StreamOptions,
    version?: number,
  ): AsyncIterable<ReadModelDocument[]>;
  /**
   * Applies a batch of one projection version and moves its checkpoint: atomically in the
   * embedded store; in MongoDB writes are conditional on `_position` (an older position never
   * overwrites a newer one) and the checkpoint is saved after the writes. A checkpoint never
   * moves back. `undefined` leaves the checkpoint as it is: a partitioned build writes its
   * documents first and saves the checkpoint once every partition is written (see Partitioning).
   */
  commit(projection: string, version: number, writes: readonly Write[], checkpoint: bigint | undefined): Promise<void>;
  checkpoint(projection: string, version: number): Promise<bigint | undefined>;
  /** The version queries read by default (undefined before the first build). */
  activeVersion(projection: string): Promise<number | undefined>;
  setActiveVersion(projection: string, version: number): Promise<void>;
  /**
   * Drops a version's collections, checkpoint and parked events (after a switch-over, or a
   * throw-away copy). `collections` names those to drop at least; adapters also drop any other
   * collection they hold for that version.
   */
  dropVersion(projection: string, version: number, collections: readonly string[]): Promise<void>;
  /** Parks an event a projection failed on after retries (idempotent per position). */
  park(projection: string, version: number, entry: ParkedEvent): Promise<void>;
  /** Parked events in position order. */
  parked(projection: string, version: number): Promise<readonly ParkedEvent[]>;
  unpark(projection: string, version: number, position: string): Promise<void>;
  /** Creates indexes a projection declares, where the store has indexes (optional). */
  ensureIndexes?(projection: string, version: number, collection: string, specs: readonly IndexSpec[]): Promise<void>;
  close(): Promise<void>;
}
