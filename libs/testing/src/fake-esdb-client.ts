import { Readable } from 'node:stream';
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendResult,
  AppendToStreamOptions,
  DeleteResult,
  DeleteStreamOptions,
  EventData,
  EventType,
  Filter,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SetStreamMetadataOptions,
  StreamingRead,
  StreamMetadata,
  StreamNotFoundError,
  SubscribeToAllOptions,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EsdbClientLike } from '@xj/esdb-event-store';

/**
 * Test double of the part of the EventStoreDB client the adapter uses, in memory, with the
 * server behaviour the adapter relies on: server-side expected-revision checks, events stored
 * as JSON (data and metadata serialised and parsed back, as over the wire), commit == prepare
 * positions, StreamNotFoundError while iterating a missing stream, inclusive `readAll` start,
 * exclusive subscription start, stream-name filters, soft deletes (the stream reads as missing,
 * `$all` keeps its events until {@link FakeEsdbClient.scavenge}, an append continues its revisions).
 * Not a model of clustering or of the server's own de-duplication (which the adapter deliberately
 * does not rely on).
 */
interface StoredRecord {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly created: Date;
}

/** Positions advance by a record-size-like step, so they are increasing but not dense, as on a real server. */
const POSITION_STEP = 137n;

const toResolved = (record: StoredRecord): AllStreamResolvedEvent => ({
  event: {
    streamId: record.streamId,
    id: record.id,
    isJson: true,
    revision: record.revision,
    type: record.type,
    created: record.created,
    data: JSON.parse(record.data),
    metadata: JSON.parse(record.metadata),
    position: { commit: record.position, prepare: record.position },
  },
  commitPosition: record.position,
});

const matchesFilter = (record: StoredRecord, filter: Filter | undefined): boolean => {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'prefixes' in filter
    ? filter.prefixes.some((prefix) => subject.startsWith(prefix))
    : new RegExp(filter.regex).test(subject);
};

const streamingRead = <E>(items: readonly E[], error?: Error): StreamingRead<E> => {
  const queue = [...items];
  const readable = new Readable({
    objectMode: true,
    read() {
      if (queue.length > 0) this.push(queue.shift());
      else if (error) this.destroy(error);
      else this.push(null);
    },
  });
  return Object.assign(readable, { cancel: async () => void readable.destroy() }) as unknown as StreamingRead<E>;
};

export class FakeEsdbClient implements EsdbClientLike {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  /** Soft-deleted streams: the revision the next append continues from (the server's truncate-before). */
  private readonly truncatedBefore = new Map<string, bigint>();
  private readonly live = new Set<{ push(record: StoredRecord): void }>();
  private nextPosition = 1000n;
  private failures: Error[] = [];
  /** Stream metadata set through the client; `maxCount` is honoured by reads, as the server does. */
  private readonly streamMetadata = new Map<string, StreamMetadata>();
  /** Calls seen, for tests that assert what the adapter asked for. */
  readonly calls: { method: string; streamName?: string; options?: unknown }[] = [];
  disposed = false;

  /** The next client call fails with `error` (once per queued error). */
  failNext(error: Error): void {
    this.failures.push(error);
  }

  /** Writes directly, bypassing the adapter: system events, foreign events, tampering. */
  rawAppend(
    streamId: string,
    type: string,
    data: object,
    metadata: object = {},
    id = `00000000-0000-4000-8000-${String(this.log.length).padStart(12, '0')}`,
  ): void {
    const existing = this.streams.get(streamId) ?? [];
    this.store(streamId, [{ id, type, data: JSON.stringify(data), metadata: JSON.stringify(metadata) }], existing);
  }

  private takeFailure(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  async appendToStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    events: EventData<KnownEventType> | EventData<KnownEventType>[],
    options: AppendToStreamOptions = {},
  ): Promise<AppendResult> {
    this.calls.push({ method: 'appendToStream', streamName, options });
    this.takeFailure();
    const batch = (Array.isArray(events) ? events : [events]) as EventData[];
    const existing = this.streams.get(streamName) ?? [];
    const current = existing.length === 0 ? 'no_stream' : (existing[existing.length - 1] as StoredRecord).revision;
    const expected = options.expectedRevision ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && expected === current);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    const stored = this.store(
      streamName,
      batch.map((event) => ({
        id: event.id,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata ?? {}),
      })),
      existing,
    );
    const last = stored[stored.length - 1] as StoredRecord;
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  /** Soft delete at an expected revision, as the server does it. */
  async deleteStream(streamName: string, options: DeleteStreamOptions = {}): Promise<DeleteResult> {
    this.calls.push({ method: 'deleteStream', streamName, options });
    this.takeFailure();
    const existing = this.streams.get(streamName);
    const current = existing === undefined ? 'no_stream' : (existing[existing.length - 1] as StoredRecord).revision;
    const expected = options.expectedRevision ?? 'any';
    if (expected !== 'any' && expected !== current)
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    if (existing) this.truncatedBefore.set(streamName, (existing[existing.length - 1] as StoredRecord).revision + 1n);
    this.streams.delete(streamName);
    return { position: { commit: this.nextPosition, prepare: this.nextPosition } };
  }

  /** What a server scavenge does to soft-deleted streams: their events leave `$all`. */
  scavenge(): void {
    const gone = new Set(this.truncatedBefore.keys());
    const kept = this.log.filter((record) => !gone.has(record.streamId) || this.streams.has(record.streamId));
    this.log.splice(0, this.log.length, ...kept);
  }

  private store(
    streamId: string,
    batch: { id: string; type: string; data: string; metadata: string }[],
    existing: StoredRecord[],
  ): StoredRecord[] {
    const first =
      existing.length > 0
        ? (existing[existing.length - 1] as StoredRecord).revision + 1n
        : (this.truncatedBefore.get(streamId) ?? 0n);
    const stored = batch.map((event, index) => {
      this.nextPosition += POSITION_STEP;
      return { ...event, streamId, revision: first + BigInt(index), position: this.nextPosition, created: new Date(0) };
    });
    this.streams.set(streamId, [...existing, ...stored]);
    this.log.push(...stored);
    for (const subscriber of this.live) stored.forEach((record) => subscriber.push(record));
    return stored;
  }

  /** Like the server: the metadata is an event of type `$metadata` in the stream `$$<name>`. */
  async setStreamMetadata<MetadataType extends StreamMetadata = StreamMetadata>(
    streamName: string,
    metadata: StreamMetadata<MetadataType>,
    options: SetStreamMetadataOptions = {},
  ): Promise<AppendResult> {
    this.calls.push({ method: 'setStreamMetadata', streamName, options: { ...options, metadata } });
    this.takeFailure();
    const metadataStream = `$$${streamName}`;
    const [stored] = this.store(
      metadataStream,
      [
        {
          id: `00000000-0000-4000-9000-${String(this.log.length).padStart(12, '0')}`,
          type: '$metadata',
          data: JSON.stringify(metadata),
          metadata: '{}',
        },
      ],
      this.streams.get(metadataStream) ?? [],
    );
    this.streamMetadata.set(streamName, metadata);
    const last = stored as StoredRecord;
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  readStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    options: ReadStreamOptions = {},
  ): StreamingRead<ResolvedEvent<KnownEventType>> {
    this.calls.push({ method: 'readStream', streamName, options });
    const failure = this.failures.shift();
    if (failure) return streamingRead<ResolvedEvent<KnownEventType>>([], failure);
    const maxCount = this.streamMetadata.get(streamName)?.maxCount;
    const all = this.streams.get(streamName);
    const records = all && maxCount !== undefined ? all.slice(-Number(maxCount)) : all;
    if (!records)
      return streamingRead<ResolvedEvent<KnownEventType>>([], new StreamNotFoundError(undefined, streamName));
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const ordered = backwards ? [...records].reverse() : records;
    const selected = ordered.filter((record) => {
      if (from === 'start' || from === 'end') return !(backwards ? from === 'start' : from === 'end');
      return backwards ? record.revision <= from : record.revision >= from;
    });
    return streamingRead(selected.slice(0, max).map(toResolved) as unknown as ResolvedEvent<KnownEventType>[]);
  }

  readAll(options: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> {
    this.calls.push({ method: 'readAll', options });
    const failure = this.failures.shift();
    if (failure) return streamingRead<AllStreamResolvedEvent>([], failure);
    const from = options.fromPosition ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    // Stricter than needed, on purpose: a position that is not an event's is a caller bug.
    if (typeof from === 'object' && !this.log.some((record) => record.position === from.commit)) {
      return streamingRead<AllStreamResolvedEvent>([], new Error(`Invalid position ${from.commit}`));
    }
    // Like the server: the start position is inclusive.
    const selected = this.log.filter(
      (record) => from === 'start' || (from !== 'end' && record.position >= from.commit),
    );
    return streamingRead(selected.slice(0, max).map(toResolved));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
    this.calls.push({ method: 'subscribeToAll', options });
    const from = options.fromPosition ?? 'start';
    const readable = new Readable({ objectMode: true, read() {} });
    const subscriber = {
      push: (record: StoredRecord) => {
        if (matchesFilter(record, options.filter)) readable.push(toResolved(record));
      },
    };
    if (typeof from === 'object' && !this.log.some((record) => record.position === from.commit)) {
      throw new Error(`Invalid position ${from.commit}`);
    }
    // Like the server: a subscription starts AFTER the given position.
    const after = from === 'start' ? -1n : from === 'end' ? this.nextPosition : from.commit;
    this.log.filter((record) => record.position > after).forEach(subscriber.push);
    this.live.add(subscriber);
    const failure = this.failures.shift();
    if (failure) setImmediate(() => readable.destroy(failure));
    const unsubscribe = async (): Promise<void> => {
      this.live.delete(subscriber);
      readable.push(null);
    };
    readable.once('close', () => this.live.delete(subscriber));
    return Object.assign(readable, { unsubscribe }) as unknown as AllStreamSubscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const subscriber of this.live) this.live.delete(subscriber);
  }
}
