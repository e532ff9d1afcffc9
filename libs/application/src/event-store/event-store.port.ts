import {
  AppendResult,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.types';

/** DI token for the configured {@link EventStore} adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * The durable event store: every clue, referral and rectification item is a stream named
 * `<category>-<id>`. Two adapters implement it (embedded SQLite, EventStoreDB) and one contract
 * suite (test/contract/event-store.contract-spec.ts) holds both to the behaviour below.
 *
 * Errors are {@link EventStoreError}s with a stable `code` (see event-store.errors.ts).
 */
export interface EventStore {
  /**
   * Appends `events` (at least one) atomically to `streamId`, chaining each onto the stream's
   * hash chain. Returns the revision and global position of the last event.
   *
   * - A wrong `expectedRevision` fails with STREAM.WRONG_EXPECTED_REVISION and writes nothing.
   * - Idempotent: if these event ids are already stored at the positions this append targets
   *   (for `'any'`: anywhere in this stream, as a contiguous run), nothing is written and the
   *   original result is returned — even when `expectedRevision` has gone stale since, which
   *   is exactly the case of a request retried after a timeout.
   * - If the ids are stored elsewhere in this stream, only partly, or with a different type or
   *   data: EVENT.ID_CONFLICT, nothing written.
   * - Event ids are unique per stream, not store-wide (as in EventStoreDB): the same id in
   *   another stream is another event. Neither store indexes ids, so a stream is searched in its
   *   latest events (a configurable window, default 32) and, for a stale expected revision, at
   *   the revision it targets; an id reused further back with `'any'` is not detected.
   * - Invalid input (stream name, non-JSON data, payload over the limit, bad metadata):
   *   STREAM.INVALID_NAME / EVENT.NOT_JSON / EVENT.PAYLOAD_TOO_LARGE / EVENT.INVALID, nothing written.
   */
  append(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /** Events of one stream in revision order; `[]` for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Events of every stream in global order, strictly after `fromPosition` (exclusive). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catches up from the checkpoint, then delivers new events live: global order, at least once,
   * one at a time (the handler is awaited before the next event). Durable consumers save
   * `event.position` after handling and pass it back as `fromPosition` when they restart.
   */
  subscribe(options: SubscribeOptions): Subscription;

  /** Revision of the stream's last event, `undefined` if the stream does not exist. */
  streamRevision(streamId: string): Promise<bigint | undefined>;

  /** Stops subscriptions and releases the connection or file. */
  close(): Promise<void>;
}
