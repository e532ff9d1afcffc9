import { BACKWARDS, END, FORWARDS, ReadStreamOptions as EsdbReadStreamOptions, START, WrongExpectedVersionError } from '@eventstore/db-client';
import {
  AppendLimits,
  AppendResult,
  assertDeletionRevision,
  assertCategories,
  assertExpectedRevision,
  assertReadAllOptions,
  assertReadStreamOptions,
  assertStreamId,
  canonicalDataOf,
  chainEvents,
  Clock,
  DEFAULT_IDEMPOTENCY_WINDOW,
  DEFAULT_MAX_PAYLOAD_BYTES,
  EventStore,
  EventStoreError,
  EventToAppend,
  ExpectedRevision,
  findReplayStart,
  isHash,
  PreparedEvent,
  prepareAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  replayedAppendResult,
  replaySearchStart,
  StoredEventSummary,
  storeUnavailable,
  StreamDeletion,
  SubscribeOptions,
  Subscription,
  systemClock,
  WriteProbe,
} from '@xj/application';
import { connectEsdb, EsdbClientLike } from './esdb-client';
import { mapEsdbError } from './esdb-errors';
import { toEsdbPosition, toEventData, toRecordedEvent } from './esdb-event-mapping';
import { EsdbSubscription } from './esdb-subscription';
import { EsdbWriteProbe } from './esdb-write-probe';

export interface EsdbEventStoreOptions {
  readonly clock?: Clock;
  /** Per-event limit on canonical data + metadata, UTF-8 bytes. Default 1 MiB. */
  readonly maxPayloadBytes?: number;
  /**
   * How many of a stream's latest events an append reads to find its head and recognise a
   * retry or a reused event id. Default {@link DEFAULT_IDEMPOTENCY_WINDOW} (32), as in the
   * embedded store: EventStoreDB has no index by event id, so ids are checked per stream.
   */
  readonly idempotencyWindow?: number;
  /** Re-reads after a concurrent append when the caller passed `'any'`. Default 5. */
  readonly anyRetries?: number;
}

const READ_ALL_PAGE = 512;

const summaryOf = (event: RecordedEvent): StoredEventSummary => ({
  revision: event.revision,
  position: event.position,
  eventId: event.eventId,
  type: event.type,
  dataJson: canonicalDataOf(event.data),
});

/**
 * EventStoreDB adapter. EventStoreDB enforces the expected revision on the server, but its own
 * de-duplication is best-effort, and it knows nothing of our hash chain: so every append reads
 * the stream's tail first (head hash, retry detection), then writes with an EXACT expected
 * revision — also for `'any'`, retrying on a concurrent writer — so the chain can never fork.
 */
export class EsdbEventStore implements EventStore, WriteProbe, StreamDeletion {
  private readonly clock: Clock;
  private readonly limits: AppendLimits;
  private readonly window: number;
  private readonly anyRetries: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly writeProbe: EsdbWriteProbe;
  private closed = false;

  constructor(private readonly client: EsdbClientLike, options: EsdbEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.limits = { maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES };
    this.window = Math.max(1, options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW);
    this.anyRetries = Math.max(0, options.anyRetries ?? 5);
    this.writeProbe = new EsdbWriteProbe(client);
  }

  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(connectEsdb(connectionString), options);
  }

  async append(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expectedRevision, this.limits);
    this.assertOpen();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.appendOnce(streamId, prepared, expectedRevision);
      } catch (error) {
        // With 'any' the caller accepts whatever head it lands on; only our exact write lost a race.
        const retry = expectedRevision === 'any' && error instanceof WrongExpectedVersionError && attempt < this.anyRetries;
        if (!retry) throw mapEsdbError(error, streamId, expectedRevision);
      }
    }
  }

  private async appendOnce(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const tail = await this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: this.window });
    const forwardTail = [...tail].reverse();
    const replay = await this.findReplay(streamId, events, expected, forwardTail);
    if (replay) return replay;
    const headEvent = tail[0];
    const head = headEvent && { revision: headEvent.revision, hash: headEvent.metadata.hash };
    assertExpectedRevision(streamId, expected, head?.revision);
    if (head && !isHash(head.hash)) {
      throw new EventStoreError('EVENT.INVALID', `The head of ${streamId} carries no hash: it was not written through this store.`, { streamId });
    }
    const chained = chainEvents(streamId, events, head, this.clock.now().toISOString());
    const result = await this.client.appendToStream(streamId, chained.map(toEventData), {
      expectedRevision: head === undefined ? 'no_stream' : head.revision,
    });
    const position = result.position?.commit ?? (await this.lastPosition(streamId));
    return { nextRevision: result.nextExpectedRevision, position };
  }

  /**
   * Recognises a retried append in the tail or, when the caller's expected revision is older
   * than the tail (a retry after later appends), in the events at the target revision.
   */
  private async findReplay(
    streamId: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
    forwardTail: readonly RecordedEvent[],
  ): Promise<AppendResult | undefined> {
    const from = replaySearchStart(events, expected, forwardTail);
    const candidates =
      from === undefined ? forwardTail : await this.readEvents(streamId, { direction: FORWARDS, fromRevision: from, maxCount: events.length });
    const start = findReplayStart(streamId, events, candidates);
    if (start === undefined) return undefined;
    return replayedAppendResult(streamId, expected, events, candidates.slice(start).map(summaryOf));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertReadStreamOptions(options);
    this.assertOpen();
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    try {
      return await this.readEvents(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
      });
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
  }

  /** Reads a stream; a missing stream is an empty one. */
  private async readEvents(streamId: string, options: EsdbReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if ((error as { type?: unknown }).type === 'stream-not-found') return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    this.assertOpen();
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    let after = options.fromPosition;
    try {
      // System and foreign events count against the server's maxCount, so page until enough
      // of ours are collected or $all is exhausted.
      while (events.length < wanted) {
        let seen = 0;
        for await (const resolved of this.client.readAll({
          direction: FORWARDS,
          fromPosition: after === undefined ? START : toEsdbPosition(after),
          maxCount: READ_ALL_PAGE,
        })) {
          seen += 1;
          const position = resolved.event?.position.commit;
          if (position === undefined || (after !== undefined && position <= after)) continue;
          after = position;
          const event = toRecordedEvent(resolved);
          if (event && events.length < wanted) events.push(event);
        }
        if (seen < READ_ALL_PAGE) break;
      }
    } catch (error) {
      throw mapEsdbError(error);
    }
    return events;
  }

  subscribe(options: SubscribeOptions): Subscription {
    assertCategories(options.filter?.categories);
    this.assertOpen();
    const subscription = new EsdbSubscription(this.client, options);
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    assertStreamId(streamId);
    this.assertOpen();
    try {
      const [last] = await this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      return last?.revision;
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
  }

  /**
   * StreamDeletion: a soft delete at the exact revision (EventStoreDB refuses any other with
   * WrongExpectedVersion). Reads then find no stream; `$all` keeps the events until the next scavenge.
   */
  async deleteStream(streamId: string, expectedRevision: bigint): Promise<void> {
    assertStreamId(streamId);
    const expected = assertDeletionRevision(expectedRevision);
    this.assertOpen();
    try {
      await this.client.deleteStream(streamId, { expectedRevision: expected });
    } catch (error) {
      throw mapEsdbError(error, streamId, expected);
    }
  }

  /** Servers that omit the position from append results: read it back from the last event. */
  private async lastPosition(streamId: string): Promise<bigint> {
    const [last] = await this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    if (!last) throw storeUnavailable(`EventStoreDB acknowledged an append to ${streamId} that it cannot read back.`, undefined);
    return last.position;
  }

  /** WriteProbe: an append to a capped stream no reader of the port sees (esdb-write-probe.ts). */
  async probeWrite(): Promise<void> {
    this.assertOpen();
    await this.writeProbe.run(this.clock.now().toISOString());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw storeUnavailable('The EventStoreDB event store is closed.', undefined);
  }
}
