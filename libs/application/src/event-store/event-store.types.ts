/**
 * The values that cross the event-store port. Revisions and positions are `bigint` because
 * EventStoreDB counts them in unsigned 64-bit integers; the embedded store follows suit so that
 * callers never depend on which store is configured.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonArray = readonly JsonValue[];
export type JsonObject = { readonly [key: string]: JsonValue };
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

/**
 * What the caller expects the stream to look like before the append:
 * - an exact revision (`0n` = the stream has exactly one event),
 * - `'no_stream'`: the stream must not exist yet,
 * - `'any'`: no check (the append still chains onto whatever the head is).
 */
export type ExpectedRevision = bigint | 'no_stream' | 'any';

/** Who acted, as recorded on every event (the domain's ActorRef fits). */
export type EventActor = {
  readonly userId: string;
  readonly role: string;
  readonly orgId: string;
};

/**
 * Metadata supplied by the writer. Extra keys are allowed (JSON values only); the keys
 * `recordedAt`, `prevHash` and `hash` are reserved for the store.
 */
export type EventMetadata = {
  /** Version of the event's data schema, a positive integer (upcasters key on it). */
  readonly schemaVersion: number;
  readonly actor: EventActor;
  /** The command that produced the event. */
  readonly commandId: string;
  /** The originating request or workflow: shared by everything it caused. */
  readonly correlationId: string;
  /** The message (command or event) that directly caused this event. */
  readonly causationId: string;
  readonly [extra: string]: unknown;
};

/** Metadata as read back: the writer's metadata plus what the store added. */
export type RecordedMetadata = EventMetadata & {
  /** When the store accepted the append, ISO-8601 from the injected Clock. */
  readonly recordedAt: string;
  /** Hash of the previous event in the stream (64 zeros for revision 0). */
  readonly prevHash: string;
  /** SHA-256 over prevHash and the canonical encoding of this event (see event-hash.ts). */
  readonly hash: string;
};

export interface EventToAppend {
  /** A lowercase UUID (EventStoreDB requires UUID ids; both stores apply the same rule). */
  readonly eventId: string;
  /** Stable type name, e.g. `ClueRegistered`; never derived from a class name. */
  readonly type: string;
  /** A plain JSON object; checked at runtime (EVENT.NOT_JSON). */
  readonly data: object;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly streamId: string;
  /** 0-based, gapless within the stream. */
  readonly revision: bigint;
  /** Global position, strictly increasing across the store (not necessarily dense). */
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: RecordedMetadata;
}

export interface AppendResult {
  /** Revision of the last event appended: pass it as the expected revision next time. */
  readonly nextRevision: bigint;
  /** Global position of the last event appended. */
  readonly position: bigint;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Default `'forwards'`. */
  readonly direction?: ReadDirection;
  /** Inclusive. Default: the first event (forwards) or the last event (backwards). */
  readonly fromRevision?: bigint;
  /** Default: no limit. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * EXCLUSIVE: only events with `position > fromPosition` are returned, so the position of the
   * last event handled (a checkpoint) can be passed back as is. It must be a position this
   * store returned (positions are not dense; EventStoreDB refuses made-up ones). Default: from
   * the beginning.
   */
  readonly fromPosition?: bigint;
  /** Default: no limit; page with `maxCount` on large stores. */
  readonly maxCount?: number;
}

export interface SubscriptionFilter {
  /** Stream categories (`clue` for `clue-42`); omitted or empty = every category. */
  readonly categories?: readonly string[];
  /**
   * Per category (one of `categories`), the only event types of it to deliver; a category not named
   * here: every type. Stores choose the rows before decoding them where they can. A feed that serves
   * several subscribers passes the union, and names a category here only when every subscriber
   * reading that category names its types.
   */
  readonly types?: Readonly<Record<string, readonly string[]>>;
}

export interface SubscribeOptions {
  /** EXCLUSIVE checkpoint (a position this store returned): delivery starts after it. Default: from the beginning. */
  readonly fromPosition?: bigint;
  /**
   * Awaited before the next event is delivered. If it throws, the subscription stops and `done`
   * rejects with that error; the event was not handled, so resuming from the last saved
   * checkpoint delivers it again (at least once).
   */
  readonly handler: (event: RecordedEvent) => Promise<void>;
  readonly filter?: SubscriptionFilter;
  /**
   * With a filter: called between deliveries with a position through which the log has been
   * searched, past events the filter left out (EventStoreDB's checkpointReached). Every event up to
   * it that matches has been delivered, so a subscriber may save it as its checkpoint and so move on
   * when nothing it reads is written. Awaited like the handler; a throw stops the subscription.
   */
  readonly onCheckpoint?: (position: bigint) => Promise<void>;
}

export interface Subscription {
  /** Stops delivery; resolves once the handler in flight (if any) has returned. */
  stop(): Promise<void>;
  /** Resolves after `stop()`; rejects if the handler or the store failed. */
  readonly done: Promise<void>;
}

/** The last event of a stream as known from elsewhere (e.g. a signed checkpoint). */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}
