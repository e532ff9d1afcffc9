import { PreparedEvent } from './append-preparation';
import {
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  SubscribeOptions,
  Subscription,
} from './event-store.types';

/** An event id at its revision: all the search for a retried append needs of a stored event. */
export interface StoredEventRef {
  readonly revision: bigint;
  readonly eventId: string;
}

/** What an append compares of a stored event to recognise a retry of itself. */
export interface StoredEventSummary extends StoredEventRef {
  readonly position: bigint;
  readonly type: string;
  /** canonicalJson(data): storages that read parsed data pass `canonicalDataOf(data)`. */
  readonly dataJson: string;
}

/** A new event with its place in the stream and its link in the hash chain, ready to be stored. */
export interface ChainedEvent extends PreparedEvent {
  readonly revision: bigint;
  readonly prevHash: string;
  readonly hash: string;
  readonly recordedAt: string;
}

/** A stream's end as an append decides on it. */
export interface StreamTail {
  /** The last event's revision and hash; undefined when the stream does not exist. */
  readonly head: StreamHead | undefined;
  /** The ids of the latest events (at most the count asked for), oldest first. */
  readonly events: readonly StoredEventRef[];
}

/** The outcome of {@link EventStorage.write}: stored, or not stored because the stream had moved. */
export type StorageWrite =
  | { readonly written: true; readonly position: bigint }
  | { readonly written: false; readonly actualRevision: bigint | undefined };

/**
 * The narrow seam under the one EventStore implementation (ChainedEventStore, chained-event-store.ts):
 * what an event-store adapter does — store rows, read them back, deliver them, map its driver's
 * values and errors — while every rule the stores share (validation, canonical encoding, retry
 * recognition, the expected-revision check, the hash chain, the port's errors) lives above it, once.
 * Arguments arrive validated. A storage throws EventStoreErrors for the failures it recognises
 * (STORE.UNAVAILABLE, EVENT.PAYLOAD_TOO_LARGE) and passes anything else through, as the bug it is.
 * The contract suite (test/contract/event-store.contract-spec.ts) runs the composed store over each.
 */
export interface EventStorage {
  /** The stream's head and the ids of its latest `count` events. */
  readTail(streamId: string, count: number): Promise<StreamTail>;
  /** Up to `count` events from `fromRevision` on, in revision order. */
  readRun(streamId: string, fromRevision: bigint, count: number): Promise<StoredEventSummary[]>;
  /**
   * Stores `events` (revisions right after `expectedHead`) in one atomic write, if the stream's last
   * revision is still `expectedHead` (undefined: the stream does not exist) when the write happens;
   * otherwise stores nothing and reports the revision found. This check is what keeps concurrent
   * writers — other processes, other replicas — from forking a chain.
   */
  write(streamId: string, events: readonly ChainedEvent[], expectedHead: bigint | undefined): Promise<StorageWrite>;
  readStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  streamRevision(streamId: string): Promise<bigint | undefined>;
  /** StreamDeletion (stream-deletion.ts), its arguments checked. */
  deleteStream(streamId: string, expectedRevision: bigint): Promise<void>;
  /** WriteProbe (write-probe.ts); `at` is the clock's time, for a probe that records one. */
  probeWrite(at: string): Promise<void>;
  /** Called once, after the last append handed over has settled and every subscription stopped. */
  close(): Promise<void>;
}
