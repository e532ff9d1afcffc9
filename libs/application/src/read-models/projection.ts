import { JsonObject } from '../event-store/event-store.types';

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
   * Per category, the only event types of it that can change its documents, when it reads a few
   * types of a large category (a category not named here: every type). Events of other types are
   * not handed to it (see readsEvent): a feed that builds it from position 0 in global order then
   * decides per event, not per batch of `keys` and `apply`, that nothing changes. Must cover every
   * type `keys` returns a key for.
   */
  readonly typesOf?: Readonly<Record<string, readonly string[]>>;
  /**
   * Indexes the query endpoints need, per logical collection. Stores that can use them
   * (MongoDB) create them before the projection's first batch; the embedded store ignores them.
   */
  readonly indexes?: Readonly<Record<string, readonly IndexSpec[]>>;
  /** The documents an event changes (may read other documents, e.g. an index referral→clue). */
  keys(event: ProjectedEvent, read: DocReader): Promise<readonly DocKey[]>;
  /** The new document for one key (undefined = delete). Pure given its inputs; must not mutate `doc`. */
  apply(
    doc: ReadModelDocument | undefined,
    event: ProjectedEvent,
    key: DocKey,
    read: DocReader,
  ): Promise<JsonObject | undefined>;
}
