import { assertExpectedRevision, chainEvents, DEFAULT_IDEMPOTENCY_WINDOW, recogniseRetry } from './append-decision';
import {
  AppendLimits,
  assertCategories,
  assertStreamId,
  DEFAULT_MAX_PAYLOAD_BYTES,
  PreparedEvent,
  prepareAppend,
} from './append-preparation';
import { Clock, systemClock } from './clock.port';
import { ChainHashAlgorithm, chainHashOf, CryptoSuite, CryptoSuiteHolder } from './crypto-suite';
import { isHash } from './event-hash';
import { EventStoreError, storeUnavailable, wrongExpectedRevision } from './event-store.errors';
import { EventStore } from './event-store.port';
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
import { ChainedEvent, EventStorage, StorageWrite } from './event-storage.port';
import { assertReadAllOptions, assertReadStreamOptions } from './read-options';
import { assertDeletionRevision, StreamDeletion } from './stream-deletion';
import { WriteProbe } from './write-probe';

export interface ChainedEventStoreOptions {
  readonly clock?: Clock;
  /** Per-event limit on canonical data + metadata, UTF-8 bytes. Default 1 MiB. */
  readonly maxPayloadBytes?: number;
  /**
   * How many of a stream's latest events an append reads to recognise a retry or a reused event
   * id. Default {@link DEFAULT_IDEMPOTENCY_WINDOW} (32).
   */
  readonly idempotencyWindow?: number;
  /** How often an `'any'` append whose write lost a race to another writer is decided again. Default 5. */
  readonly conflictRetries?: number;
  /** The suite the store was created with (see crypto-suite.ts). Default `intl`. */
  readonly cryptoSuite?: CryptoSuite;
}

const settle = (): void => undefined;

/**
 * The one implementation of the EventStore port, over an {@link EventStorage} that only stores,
 * reads and maps. An append is validated and encoded once, then decided against the stream as
 * stored — a retry of an append already stored answers the original result, the expected revision
 * is checked, the events are chained onto the head — and written on condition that the head is
 * still the one it was decided on. A write that lost that race to another writer is decided
 * again: a retry that landed meanwhile is recognised, an exact expected revision fails with the
 * revision found, `'any'` chains onto the new head (up to `conflictRetries` times). So no writer
 * can fork a chain, and the storage needs no lock of its own across the decision.
 *
 * Appends to one stream are decided one after another in this process, each after the previous
 * one's write: they could only conflict with each other, and a retry racing its original is then
 * recognised as one. Appends to other streams are not held up (the embedded storage commits those
 * that arrive together in one transaction).
 *
 * Adapters extend it with what only their storage offers (the embedded store's fast paths).
 */
export class ChainedEventStore<S extends EventStorage = EventStorage>
  implements EventStore, WriteProbe, StreamDeletion, CryptoSuiteHolder
{
  readonly cryptoSuite: CryptoSuite;
  private readonly chainHash: ChainHashAlgorithm;
  private readonly clock: Clock;
  private readonly limits: AppendLimits;
  private readonly window: number;
  private readonly conflictRetries: number;
  /** Per stream, the settling of its last append or removal: the next one starts after it. */
  private readonly turns = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    protected readonly storage: S,
    options: ChainedEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.limits = { maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES };
    this.window = Math.max(1, Math.floor(options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW));
    this.conflictRetries = Math.max(0, options.conflictRetries ?? 5);
    this.cryptoSuite = options.cryptoSuite ?? 'intl';
    this.chainHash = chainHashOf(this.cryptoSuite);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expectedRevision, this.limits);
    this.assertOpen();
    return this.inTurn(streamId, () => this.decideAndWrite(streamId, prepared, expectedRevision));
  }

  /** Idempotency first: a retry may carry an expected revision that has gone stale since. */
  private async decideAndWrite(
    streamId: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    let lost: Extract<StorageWrite, { written: false }> | undefined;
    if (expected === 'no_stream') {
      // A new stream has no tail to decide on: it is written at once, on condition that it still
      // does not exist. If it does (a retry that landed, another writer), the loop below decides
      // from what is stored, as for any lost write. Saves a read per stream created (issue 19 §3:
      // a ledger import creates a stream per line).
      const chained = chainEvents(streamId, events, undefined, this.clock.now().toISOString(), this.chainHash);
      const write = await this.storage.write(streamId, chained, undefined);
      if (write.written)
        return { nextRevision: (chained[chained.length - 1] as ChainedEvent).revision, position: write.position };
      lost = write;
    }
    for (let attempt = lost ? 1 : 0; ; attempt++) {
      const tail = await this.storage.readTail(streamId, this.window);
      const replayed = await recogniseRetry(this.storage, streamId, events, expected, tail.events);
      if (replayed) return replayed;
      // Only the caller may decide again on an exact revision; with 'any' it accepts whatever head it lands on.
      if (lost && (expected !== 'any' || attempt > this.conflictRetries))
        throw wrongExpectedRevision(streamId, expected, lost.actualRevision);
      const head = tail.head;
      assertExpectedRevision(streamId, expected, head?.revision);
      if (head && !isHash(head.hash)) {
        throw new EventStoreError(
          'EVENT.INVALID',
          `The head of ${streamId} carries no hash: it was not written through this store.`,
          { streamId },
        );
      }
      const chained = chainEvents(streamId, events, head, this.clock.now().toISOString(), this.chainHash);
      const write = await this.storage.write(streamId, chained, head?.revision);
      if (write.written)
        return { nextRevision: (chained[chained.length - 1] as ChainedEvent).revision, position: write.position };
      lost = write;
    }
  }

  /** Runs `work` after the stream's previous append or removal has settled. */
  private inTurn<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(streamId);
    const run = previous === undefined ? work() : previous.then(work);
    const settled = run.then(settle, settle);
    this.turns.set(streamId, settled);
    void settled.then(() => {
      if (this.turns.get(streamId) === settled) this.turns.delete(streamId);
    });
    return run;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertReadStreamOptions(options);
    this.assertOpen();
    return this.storage.readStream(streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    this.assertOpen();
    return this.storage.readAll(options);
  }

  subscribe(options: SubscribeOptions): Subscription {
    assertCategories(options.filter?.categories);
    this.assertOpen();
    const subscription = this.storage.subscribe(options);
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(settle);
    return subscription;
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    assertStreamId(streamId);
    this.assertOpen();
    return this.storage.streamRevision(streamId);
  }

  /** StreamDeletion (retention): after the stream's appends in flight, so its revision is judged after them. */
  async deleteStream(streamId: string, expectedRevision: bigint): Promise<void> {
    assertStreamId(streamId);
    const expected = assertDeletionRevision(expectedRevision);
    this.assertOpen();
    await this.inTurn(streamId, () => this.storage.deleteStream(streamId, expected));
  }

  /** WriteProbe: a durable write no reader of the port sees (see the storage's). */
  async probeWrite(): Promise<void> {
    this.assertOpen();
    await this.storage.probeWrite(this.clock.now().toISOString());
  }

  /** Refuses new work, lets the appends handed over settle, stops the subscriptions, then closes the storage. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.turns.values());
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.storage.close();
  }

  protected assertOpen(): void {
    if (this.closed) throw storeUnavailable('The event store is closed.', undefined);
  }
}
