import {
  BACKWARDS,
  END,
  FORWARDS,
  ReadStreamOptions as EsdbReadStreamOptions,
  START,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions, Subscription } from '@xj/application';
import { storeUnavailable } from '@xj/application';
import type {
  ChainedEvent,
  EventStorage,
  StorageWrite,
  StoredEventSummary,
  StreamTail,
} from '@xj/application/event-store-kit';
import { canonicalDataOf } from '@xj/application/event-store-kit';
import { EsdbClientLike } from './esdb-client';
import { mapEsdbError } from './esdb-errors';
import { toEsdbPosition, toEventData, toRecordedEvent } from './esdb-event-mapping';
import { EsdbSubscription } from './esdb-subscription';
import { EsdbWriteProbe } from './esdb-write-probe';

const READ_ALL_PAGE = 512;

const summaryOf = (event: RecordedEvent): StoredEventSummary => ({
  revision: event.revision,
  position: event.position,
  eventId: event.eventId,
  type: event.type,
  dataJson: canonicalDataOf(event.data),
});

/**
 * EventStoreDB as EventStorage. The server enforces the expected revision of a write (an exact one
 * here, the head the append was decided on, so the chain cannot fork); its own de-duplication is
 * best-effort and not relied on, and it knows nothing of the hash chain, which travels in each
 * event's metadata. The head of a stream is its last event, read with the tail.
 */
export class EsdbEventStorage implements EventStorage {
  private readonly writeProbe: EsdbWriteProbe;

  constructor(private readonly client: EsdbClientLike) {
    this.writeProbe = new EsdbWriteProbe(client);
  }

  async readTail(streamId: string, count: number): Promise<StreamTail> {
    const tail = await this.mapped(streamId, () =>
      this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count }),
    );
    const last = tail[0];
    return {
      head: last && { revision: last.revision, hash: last.metadata.hash },
      events: tail.reverse().map((event) => ({ revision: event.revision, eventId: event.eventId })),
    };
  }

  async readRun(streamId: string, fromRevision: bigint, count: number): Promise<StoredEventSummary[]> {
    const run = await this.mapped(streamId, () =>
      this.readEvents(streamId, { direction: FORWARDS, fromRevision, maxCount: count }),
    );
    return run.map(summaryOf);
  }

  async write(
    streamId: string,
    events: readonly ChainedEvent[],
    expectedHead: bigint | undefined,
  ): Promise<StorageWrite> {
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: expectedHead ?? 'no_stream',
      });
      return { written: true, position: result.position?.commit ?? (await this.lastPosition(streamId)) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        return { written: false, actualRevision: typeof actual === 'bigint' ? actual : undefined };
      }
      throw mapEsdbError(error, streamId);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    return this.mapped(streamId, () =>
      this.readEvents(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
      }),
    );
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

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
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
    return new EsdbSubscription(this.client, options);
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    const [last] = await this.mapped(streamId, () =>
      this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    return last?.revision;
  }

  /**
   * A soft delete at the exact revision (EventStoreDB refuses any other with WrongExpectedVersion).
   * Reads then find no stream; `$all` keeps the events until the next scavenge.
   */
  async deleteStream(streamId: string, expectedRevision: bigint): Promise<void> {
    try {
      await this.client.deleteStream(streamId, { expectedRevision });
    } catch (error) {
      throw mapEsdbError(error, streamId, expectedRevision);
    }
  }

  /** An append to a capped stream no reader of the port sees (esdb-write-probe.ts). */
  async probeWrite(at: string): Promise<void> {
    await this.writeProbe.run(at);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Servers that omit the position from append results: read it back from the last event. */
  private async lastPosition(streamId: string): Promise<bigint> {
    const [last] = await this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    if (!last)
      throw storeUnavailable(`EventStoreDB acknowledged an append to ${streamId} that it cannot read back.`, undefined);
    return last.position;
  }

  private async mapped<T>(streamId: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
  }
}
