import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreError, EventToAppend, FixedClock, RecordedEvent, verifyAll, verifyStream } from '@xj/application';
import { GENESIS_HASH } from '@xj/application/event-store-kit';
import { mapEsdbError } from './esdb-errors';
import { subscriptionFilter, toEsdbPosition, toRecordedEvent } from './esdb-event-mapping';
import { EsdbEventStore } from './esdb-event-store';
import { WRITE_PROBE_STREAM } from './esdb-write-probe';
import { FakeEsdbClient } from '@xj/testing/fake-esdb-client';
import { TEST_EVENT_METADATA, testEvents } from '@xj/testing';

/**
 * The adapter's own logic, against a typed in-memory fake of the client (no server): error
 * and value mapping, the idempotent re-append decision, exact-revision writes for 'any',
 * hash chaining, and the subscription filter. The shared contract suite covers the port's
 * behaviour on top of this.
 */
const metadata = TEST_EVENT_METADATA;
const events = testEvents;
const failure = async (promise: Promise<unknown>): Promise<EventStoreError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EventStoreError) return error;
    throw error;
  }
  throw new Error('expected an EventStoreError');
};

describe('mapEsdbError', () => {
  it('maps WrongExpectedVersionError to the concurrency error with expected and actual revisions', () => {
    const mapped = mapEsdbError(
      new WrongExpectedVersionError(undefined, { streamName: 'clue-1', expected: 3n, current: 5n }),
      'clue-1',
      3n,
    );
    expect(mapped).toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
      kind: 'Conflict',
      details: { streamId: 'clue-1', expected: '3', actual: '5' },
    });
    const missing = mapEsdbError(
      new WrongExpectedVersionError(undefined, { streamName: 'clue-1', expected: 0n, current: 'no_stream' }),
      'clue-1',
      0n,
    );
    expect(missing).toMatchObject({ details: { expected: '0', actual: 'no_stream' } });
  });

  it.each<[string, Error]>([
    ['UnavailableError', new UnavailableError(undefined, 'down')],
    ['DeadlineExceededError', new DeadlineExceededError(undefined, 'slow')],
    [
      'a raw gRPC UNAVAILABLE (14)',
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
    ],
    ['a refused connection', new Error('connect ECONNREFUSED 127.0.0.1:2113')],
    ['a failed discovery', new Error('Failed to discover after 10 attempts.')],
  ])('maps %s to STORE.UNAVAILABLE', (_label, error) => {
    expect(mapEsdbError(error)).toMatchObject({ code: 'STORE.UNAVAILABLE', kind: 'Unavailable', cause: error });
  });

  it('maps the server append-size limit to EVENT.PAYLOAD_TOO_LARGE', () => {
    expect(mapEsdbError(new MaxAppendSizeExceededError(undefined, 1024))).toMatchObject({
      code: 'EVENT.PAYLOAD_TOO_LARGE',
    });
  });

  it('passes unknown errors and our own errors through unchanged', () => {
    const bug = new TypeError('bug');
    const ours = new EventStoreError('EVENT.INVALID', 'x');
    expect(mapEsdbError(bug)).toBe(bug);
    expect(mapEsdbError(ours)).toBe(ours);
  });
});

describe('value mapping', () => {
  const resolved = (overrides: Record<string, unknown> = {}) => ({
    event: {
      streamId: 'clue-1',
      id: '00000000-0000-4000-8000-000000000001',
      isJson: true as const,
      revision: 7n,
      type: 'Happened',
      created: new Date(0),
      data: { n: 1 },
      metadata: { ...metadata, recordedAt: 'x', prevHash: GENESIS_HASH, hash: GENESIS_HASH },
      position: { commit: 2_000_000_000_000n, prepare: 2_000_000_000_000n },
      ...overrides,
    },
  });

  it('keeps revisions and commit positions as bigint, beyond 2^53', () => {
    const big = 2n ** 60n;
    const event = toRecordedEvent(resolved({ revision: big, position: { commit: big + 1n, prepare: big + 1n } }));
    expect(event).toMatchObject({
      streamId: 'clue-1',
      revision: big,
      position: big + 1n,
      eventId: '00000000-0000-4000-8000-000000000001',
    });
    expect(toEsdbPosition(big)).toEqual({ commit: big, prepare: big });
  });

  it('skips system streams, system types and binary events', () => {
    expect(toRecordedEvent(resolved({ streamId: '$settings' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ type: '$metadata' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ isJson: false }))).toBeUndefined();
    expect(toRecordedEvent({})).toBeUndefined();
  });

  it('refuses a server that reports no positions on stream reads (< 22.6)', () => {
    expect(() => toRecordedEvent(resolved({ position: undefined }))).toThrow(
      expect.objectContaining({ code: 'STORE.UNAVAILABLE' }),
    );
  });

  it('filters subscriptions by category prefix, or by our stream-name shape (which excludes $ streams)', () => {
    expect(subscriptionFilter(['clue', 'referral'])).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['clue-', 'referral-'],
    });
    const all = subscriptionFilter(undefined);
    expect(all).toMatchObject({ filterOn: 'streamName' });
    const regex = new RegExp((all as { regex: string }).regex);
    expect(['clue-1', 'rectificationItem-x'].every((s) => regex.test(s))).toBe(true);
    expect(['$settings', '$ce-clue', 'Clue-1'].some((s) => regex.test(s))).toBe(false);
  });
});

describe('EsdbEventStore over a fake client', () => {
  const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
  let client: FakeEsdbClient;
  let store: EsdbEventStore;
  beforeEach(() => {
    client = new FakeEsdbClient();
    store = new EsdbEventStore(client, { clock, idempotencyWindow: 4, anyRetries: 2 });
  });
  const appendCalls = () => client.calls.filter((call) => call.method === 'appendToStream');

  it('stores the chain fields and recordedAt in the event metadata', async () => {
    await store.append('clue-1', events(2), 'no_stream');
    const [first, second] = (await store.readStream('clue-1')) as [RecordedEvent, RecordedEvent];
    expect(first.metadata).toMatchObject({
      ...metadata,
      recordedAt: '2026-03-02T08:30:00.000Z',
      prevHash: GENESIS_HASH,
    });
    expect(second.metadata.prevHash).toBe(first.metadata.hash);
    expect((await verifyStream(store, 'clue-1')).ok).toBe(true);
  });

  it("writes with an exact expected revision even when the caller passes 'any', so the chain cannot fork", async () => {
    await store.append('clue-1', events(1), 'any');
    await store.append('clue-1', events(1), 'any');
    expect(appendCalls().map((call) => (call.options as { expectedRevision: unknown }).expectedRevision)).toEqual([
      'no_stream',
      0n,
    ]);
  });

  it("re-reads and retries an 'any' append that lost a race, a bounded number of times", async () => {
    await store.append('clue-1', events(1), 'any');
    const race = new WrongExpectedVersionError(undefined, { streamName: 'clue-1', expected: 0n, current: 1n });
    const spy = jest.spyOn(client, 'appendToStream').mockRejectedValueOnce(race); // then calls through
    expect((await store.append('clue-1', events(1), 'any')).nextRevision).toBe(1n);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockClear();
    spy.mockRejectedValue(race);
    expect((await failure(store.append('clue-1', events(1), 'any'))).code).toBe('STREAM.WRONG_EXPECTED_REVISION');
    expect(spy).toHaveBeenCalledTimes(3); // one try and two retries
  });

  it('does not retry an exact expected revision: the caller must decide again', async () => {
    await store.append('clue-1', events(1), 'no_stream');
    jest
      .spyOn(client, 'appendToStream')
      .mockRejectedValueOnce(
        new WrongExpectedVersionError(undefined, { streamName: 'clue-1', expected: 0n, current: 1n }),
      );
    expect(await failure(store.append('clue-1', events(1), 0n))).toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
      details: { actual: '1' },
    });
  });

  it('recognises a retry without writing, inside the window and beyond it', async () => {
    await store.append('clue-1', events(1), 'no_stream');
    const batch = events(2);
    const original = await store.append('clue-1', batch, 0n);
    const writes = appendCalls().length;
    expect(await store.append('clue-1', batch, 0n)).toEqual(original);
    await store.append('clue-1', events(6), 2n); // pushes the batch out of the 4-event window
    expect(await store.append('clue-1', batch, 0n)).toEqual(original);
    expect(appendCalls()).toHaveLength(writes + 1);
    const forwardRead = client.calls.filter(
      (c) => c.method === 'readStream' && (c.options as { direction?: string }).direction === 'forwards',
    );
    expect(forwardRead.at(-1)?.options).toMatchObject({ fromRevision: 1n, maxCount: 2 });
  });

  it('rejects a reused id found in the window as EVENT.ID_CONFLICT, without writing', async () => {
    const [a] = events(1) as [EventToAppend];
    await store.append('clue-1', [a], 'no_stream');
    await store.append('clue-1', events(1), 0n);
    const writes = appendCalls().length;
    expect((await failure(store.append('clue-1', [...events(1), a], 1n))).code).toBe('EVENT.ID_CONFLICT');
    expect(appendCalls()).toHaveLength(writes);
  });

  it('refuses to chain onto a head that was not written through the port', async () => {
    client.rawAppend('clue-1', 'Foreign', { n: 1 });
    expect((await failure(store.append('clue-1', events(1), 'any'))).code).toBe('EVENT.INVALID');
  });

  it('reads a missing stream as empty and its revision as undefined', async () => {
    expect(await store.readStream('clue-404')).toEqual([]);
    expect(await store.streamRevision('clue-404')).toBeUndefined();
  });

  it('maps an unavailable server on reads and appends', async () => {
    client.failNext(new UnavailableError(undefined, 'down'));
    expect((await failure(store.readStream('clue-1'))).code).toBe('STORE.UNAVAILABLE');
    client.failNext(new UnavailableError(undefined, 'down'));
    expect((await failure(store.append('clue-1', events(1), 'any'))).code).toBe('STORE.UNAVAILABLE');
  });

  it('reads $all past system events, page after page, strictly after the position', async () => {
    const first = await store.append('clue-1', events(1), 'no_stream');
    for (let i = 0; i < 600; i++) client.rawAppend('$stats-node', '$statsCollected', { i });
    await store.append('clue-2', events(2), 'no_stream');
    const read = await store.readAll({ fromPosition: first.position });
    expect(read.map((e) => `${e.streamId}@${e.revision}`)).toEqual(['clue-2@0', 'clue-2@1']);
    expect(await store.readAll({ fromPosition: first.position, maxCount: 1 })).toHaveLength(1);
    expect(client.calls.find((c) => c.method === 'readAll')?.options).toMatchObject({
      fromPosition: toEsdbPosition(first.position),
    });
  });

  it('subscribes from a checkpoint position with the category filter and skips system events', async () => {
    const checkpoint = await store.append('clue-1', events(1), 'no_stream');
    client.rawAppend('$settings', 'Settings', {});
    await store.append('clue-1', events(1), 0n);
    await store.append('referral-1', events(1), 'no_stream');
    const received: RecordedEvent[] = [];
    let resolve!: () => void;
    const reached = new Promise<void>((r) => (resolve = r));
    const subscription = store.subscribe({
      fromPosition: checkpoint.position,
      filter: { categories: ['clue'] },
      handler: async (event) => {
        received.push(event);
        resolve();
      },
    });
    await reached;
    await subscription.stop();
    expect(received.map((e) => `${e.streamId}@${e.revision}`)).toEqual(['clue-1@1']);
    expect(client.calls.find((c) => c.method === 'subscribeToAll')?.options).toMatchObject({
      fromPosition: toEsdbPosition(checkpoint.position),
      filter: { prefixes: ['clue-'] },
    });
  });

  it('filters the types a filter names for a category on the client, on top of the server category filter, and reports the positions it left out', async () => {
    const typed = (type: string): EventToAppend[] => events(1).map((event) => ({ ...event, type }));
    await store.append('clue-1', typed('ClueRegistered'), 'no_stream');
    const skipped = await store.append('clue-1', typed('ClueAnalysed'), 0n);
    await store.append('referral-1', typed('ReferralSent'), 'no_stream');
    await store.append('rectification-1', typed('ItemOpened'), 'no_stream');
    await store.append('clue-1', typed('ClueClosed'), 1n);
    const received: string[] = [];
    const checkpoints: bigint[] = [];
    let resolve!: () => void;
    const reached = new Promise<void>((r) => (resolve = r));
    const subscription = store.subscribe({
      filter: { categories: ['clue', 'referral'], types: { clue: ['ClueRegistered', 'ClueClosed'] } },
      onCheckpoint: async (position) => {
        checkpoints.push(position);
      },
      handler: async (event) => {
        received.push(`${event.streamId}:${event.type}`);
        if (received.length === 3) resolve();
      },
    });
    await reached;
    await subscription.stop();
    expect(received).toEqual(['clue-1:ClueRegistered', 'referral-1:ReferralSent', 'clue-1:ClueClosed']);
    expect(checkpoints).toEqual([skipped.position]);
    // The server filters on stream names only; the types are the client's part.
    expect(client.calls.find((c) => c.method === 'subscribeToAll')?.options).toMatchObject({
      filter: { filterOn: 'streamName', prefixes: ['clue-', 'referral-'] },
    });
  });

  it('ends a subscription whose source fails with a mapped error', async () => {
    client.failNext(new UnavailableError(undefined, 'down'));
    const subscription = store.subscribe({ handler: async () => undefined });
    await expect(subscription.done).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });

  it('removes a stream with a soft delete at its exact revision; $all keeps its events until a scavenge', async () => {
    await store.append('accesslog-20260101.main', events(3), 'no_stream');
    await store.append('clue-1', events(1), 'no_stream');
    await store.deleteStream('accesslog-20260101.main', 2n);
    expect(client.calls.filter((call) => call.method === 'deleteStream')).toEqual([
      { method: 'deleteStream', streamName: 'accesslog-20260101.main', options: { expectedRevision: 2n } },
    ]);
    expect(await store.readStream('accesslog-20260101.main')).toEqual([]);
    expect(await store.streamRevision('accesslog-20260101.main')).toBeUndefined();
    expect((await store.readAll()).map((e) => e.streamId)).toEqual([
      'accesslog-20260101.main',
      'accesslog-20260101.main',
      'accesslog-20260101.main',
      'clue-1',
    ]);
    client.scavenge();
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['clue-1']);
  });

  it('maps a refused delete (wrong revision, missing stream) and an unavailable server', async () => {
    await store.append('accesslog-20260101.main', events(2), 'no_stream');
    expect(await failure(store.deleteStream('accesslog-20260101.main', 0n))).toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
      details: { expected: '0', actual: '1' },
    });
    expect(await failure(store.deleteStream('accesslog-20260102.main', 0n))).toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
      details: { actual: 'no_stream' },
    });
    client.failNext(new UnavailableError(undefined, 'down'));
    expect((await failure(store.deleteStream('accesslog-20260101.main', 1n))).code).toBe('STORE.UNAVAILABLE');
    expect(await store.streamRevision('accesslog-20260101.main')).toBe(1n);
  });

  it('disposes the client on close and refuses work afterwards', async () => {
    const subscription = store.subscribe({ handler: async () => undefined });
    await store.close();
    expect(client.disposed).toBe(true);
    await expect(subscription.done).resolves.toBeUndefined();
    expect((await failure(store.append('clue-1', events(1), 'any'))).code).toBe('STORE.UNAVAILABLE');
  });
});

describe('EsdbEventStore write probe', () => {
  const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
  let client: FakeEsdbClient;
  let store: EsdbEventStore;
  beforeEach(() => {
    client = new FakeEsdbClient();
    store = new EsdbEventStore(client, { clock });
  });

  it('caps its stream at one event once, then appends to it with any revision', async () => {
    await store.probeWrite();
    await store.probeWrite();
    await store.probeWrite();
    const probeCalls = client.calls.filter((call) => call.streamName === WRITE_PROBE_STREAM);
    expect(probeCalls.map((call) => call.method)).toEqual([
      'setStreamMetadata',
      'appendToStream',
      'appendToStream',
      'appendToStream',
    ]);
    expect(probeCalls[0]?.options).toMatchObject({ metadata: { maxCount: 1 } });
    expect(probeCalls[1]?.options).toMatchObject({ expectedRevision: 'any' });
    // The server keeps the latest probe only ($maxCount 1).
    const kept = [];
    for await (const resolved of client.readStream(WRITE_PROBE_STREAM)) kept.push(resolved);
    expect(kept).toHaveLength(1);
  });

  it('is seen by no reader of the port: not in readAll, not in a subscription, not verified', async () => {
    await store.append('clue-1', events(1), 'no_stream');
    await store.probeWrite();
    await store.append('clue-1', events(1), 0n);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['clue-1', 'clue-1']);
    const received: string[] = [];
    let resolve!: () => void;
    const reached = new Promise<void>((r) => (resolve = r));
    const subscription = store.subscribe({
      handler: async (event) => {
        received.push(event.streamId);
        if (received.length === 2) resolve();
      },
    });
    await reached;
    await subscription.stop();
    expect(received).toEqual(['clue-1', 'clue-1']);
    expect((await verifyAll(store)).ok).toBe(true);
  });

  it('maps an unavailable server to STORE.UNAVAILABLE, for the cap and for the append', async () => {
    client.failNext(new UnavailableError(undefined, 'down'));
    expect((await failure(store.probeWrite())).code).toBe('STORE.UNAVAILABLE');
    await store.probeWrite();
    client.failNext(new DeadlineExceededError(undefined, 'slow'));
    expect((await failure(store.probeWrite())).code).toBe('STORE.UNAVAILABLE');
  });
});
