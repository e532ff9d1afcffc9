import {
  ChainedEventStore,
  filterMatcher,
  type ChainedEventStoreOptions,
  wrongExpectedRevision,
  type ChainedEvent,
  type EventStorage,
  type StorageWrite,
  type StoredEventSummary,
  type StreamTail,
} from '@xj/application/event-store-kit';
import type {
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedMetadata,
  SubscribeOptions,
  Subscription,
} from '@xj/application';

/** A stored event as the storage keeps it: the texts the chain was computed over. */
interface Row extends Omit<ChainedEvent, 'data' | 'metadata' | 'metadataEntries'> {
  readonly streamId: string;
  readonly position: bigint;
}

/** Positions advance by more than one, so they are increasing but not dense, as in EventStoreDB. */
const POSITION_STEP = 10n;

const toRecorded = (row: Row): RecordedEvent => ({
  streamId: row.streamId,
  revision: row.revision,
  position: row.position,
  eventId: row.eventId,
  type: row.type,
  data: JSON.parse(row.dataJson),
  metadata: {
    ...JSON.parse(row.metadataJson),
    recordedAt: row.recordedAt,
    prevHash: row.prevHash,
    hash: row.hash,
  } as RecordedMetadata,
});

/**
 * The EventStorage seam in memory: what the composed store (ChainedEventStore) needs of a storage
 * and nothing more, for unit tests of the store's own rules. Faithful where those rules depend on
 * it: a write stores nothing unless the stream is still at the expected head, data and metadata
 * travel as JSON text (a read never shares objects with a write), positions are not dense, a
 * removed stream is gone at once. Two stores over one storage stand for two processes on one file.
 * Held to the event-store contract suite like the adapters.
 */
export class InMemoryEventStorage implements EventStorage {
  private readonly log: Row[] = [];
  private readonly streams = new Map<string, Row[]>();
  private position = 0n;
  private changed = this.nextChange();
  /** Method names in call order, for assertions on what the store asked. */
  readonly calls: string[] = [];
  probes = 0;
  closed = false;

  async readTail(streamId: string, count: number): Promise<StreamTail> {
    this.calls.push('readTail');
    const rows = this.streams.get(streamId) ?? [];
    const last = rows[rows.length - 1];
    return {
      head: last && { revision: last.revision, hash: last.hash },
      events: rows.slice(-count).map(({ revision, eventId }) => ({ revision, eventId })),
    };
  }

  async readRun(streamId: string, fromRevision: bigint, count: number): Promise<StoredEventSummary[]> {
    this.calls.push('readRun');
    return (this.streams.get(streamId) ?? [])
      .filter((row) => row.revision >= fromRevision)
      .slice(0, count)
      .map(({ revision, position, eventId, type, dataJson }) => ({ revision, position, eventId, type, dataJson }));
  }

  async write(
    streamId: string,
    events: readonly ChainedEvent[],
    expectedHead: bigint | undefined,
  ): Promise<StorageWrite> {
    this.calls.push('write');
    const rows = this.streams.get(streamId) ?? [];
    const actualRevision = rows[rows.length - 1]?.revision;
    if (actualRevision !== expectedHead) return { written: false, actualRevision };
    const added = events.map(({ revision, eventId, type, dataJson, metadataJson, recordedAt, prevHash, hash }): Row => {
      this.position += POSITION_STEP;
      return {
        streamId,
        position: this.position,
        revision,
        eventId,
        type,
        dataJson,
        metadataJson,
        recordedAt,
        prevHash,
        hash,
      };
    });
    this.streams.set(streamId, [...rows, ...added]);
    this.log.push(...added);
    this.signal();
    return { written: true, position: this.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const rows = this.streams.get(streamId) ?? [];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    const selected = backwards
      ? [...rows].reverse().filter((row) => from === undefined || row.revision <= from)
      : rows.filter((row) => from === undefined || row.revision >= from);
    return selected.slice(0, options.maxCount ?? selected.length).map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.after(options.fromPosition, options.maxCount);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return new InMemorySubscription(this, options);
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    const rows = this.streams.get(streamId) ?? [];
    return rows[rows.length - 1]?.revision;
  }

  async deleteStream(streamId: string, expectedRevision: bigint): Promise<void> {
    this.calls.push('deleteStream');
    const rows = this.streams.get(streamId);
    const actual = rows?.[rows.length - 1]?.revision;
    if (actual !== expectedRevision) throw wrongExpectedRevision(streamId, expectedRevision, actual);
    this.streams.delete(streamId);
    this.log.splice(0, this.log.length, ...this.log.filter((row) => row.streamId !== streamId));
    this.signal();
  }

  async probeWrite(): Promise<void> {
    this.probes += 1;
  }

  async close(): Promise<void> {
    this.calls.push('close');
    this.closed = true;
  }

  /** Events after `position` in global order. */
  after(position: bigint | undefined, maxCount?: number): RecordedEvent[] {
    const rows = this.log.filter((row) => position === undefined || row.position > position);
    return rows.slice(0, maxCount ?? rows.length).map(toRecorded);
  }

  /** Resolves at the next write or removal. */
  get nextWrite(): Promise<void> {
    return this.changed.promise;
  }

  private signal(): void {
    const current = this.changed;
    this.changed = this.nextChange();
    current.resolve();
  }

  private nextChange(): { readonly promise: Promise<void>; readonly resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }
}

/** Catch-up, then live: one event at a time, the handler awaited, woken by the storage's writes. */
class InMemorySubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private wakeOnStop!: () => void;
  private readonly stopping = new Promise<void>((resolve) => (this.wakeOnStop = resolve));

  constructor(
    private readonly storage: InMemoryEventStorage,
    private readonly options: SubscribeOptions,
  ) {
    this.done = this.run();
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeOnStop();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    const matches = filterMatcher(this.options.filter);
    const { onCheckpoint } = this.options;
    let checkpoint = this.options.fromPosition;
    while (!this.stopped) {
      const next = this.storage.nextWrite;
      const page = this.storage.after(checkpoint);
      let delivered = checkpoint;
      for (const event of page) {
        if (this.stopped) return;
        if (!matches || matches(event.streamId, event.type)) {
          await this.options.handler(event);
          delivered = event.position;
        }
        checkpoint = event.position;
      }
      // The filter passed over events after the last one delivered: say how far the search went.
      if (onCheckpoint && checkpoint !== delivered && checkpoint !== undefined && !this.stopped)
        await onCheckpoint(checkpoint);
      if (page.length === 0) await Promise.race([next, this.stopping]);
    }
  }
}

/** The composed store over a fresh in-memory storage (or the one given: a second "process"). */
export const inMemoryEventStore = (
  options: ChainedEventStoreOptions = {},
  storage = new InMemoryEventStorage(),
): ChainedEventStore<InMemoryEventStorage> => new ChainedEventStore(storage, options);
