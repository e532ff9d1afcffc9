import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canDeleteStreams,
  chainHashOfStore,
  cryptoSuiteOf,
  CryptoSuite,
  EventStore,
  EventStoreError,
  EventToAppend,
  FixedClock,
  isEventStoreError,
  isWriteProbe,
  RecordedEvent,
  verifyChain,
  verifyStream,
} from '@xj/application';
import { ChainedEventStore, GENESIS_HASH } from '@xj/application/event-store-kit';
import { EsdbEventStore } from '@xj/esdb-event-store';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { inMemoryEventStore } from '@xj/testing';
import { FakeEsdbClient } from '@xj/testing/fake-esdb-client';
import {
  anEvent,
  events,
  independentHash,
  metadata,
  uniqueCategory,
  uniqueStream,
  until,
} from './event-store.fixtures';

/**
 * The event-store port's contract, run against the one implementation of it (ChainedEventStore)
 * over every storage: the embedded SQLite storage always, the EventStoreDB storage over an
 * in-memory fake of its client always (its own logic without a server) and against a real server
 * when ESDB_URL is set, and the in-memory storage the composed store's unit tests use. Stream ids
 * and categories are unique per test because a real server is shared.
 */
interface AdapterUnderTest {
  readonly name: string;
  create(clock: FixedClock, cryptoSuite: CryptoSuite): EventStore;
  cleanup?(): void;
}

const sqliteAdapter = (): AdapterUnderTest => {
  let dir: string | undefined;
  return {
    name: 'sqlite (temp file, WAL)',
    create: (clock, cryptoSuite) => {
      dir = mkdtempSync(join(tmpdir(), 'xj-contract-'));
      return new SqliteEventStore({ filename: join(dir, 'events.sqlite'), clock, pollIntervalMs: 25, cryptoSuite });
    },
    cleanup: () => dir && rmSync(dir, { recursive: true, force: true }),
  };
};

const adapters = (): AdapterUnderTest[] => [
  sqliteAdapter(),
  {
    name: 'eventstoredb adapter (in-memory fake client)',
    create: (clock, cryptoSuite) => new EsdbEventStore(new FakeEsdbClient(), { clock, cryptoSuite }),
  },
  ...(process.env.ESDB_URL
    ? [
        {
          name: 'eventstoredb (ESDB_URL)',
          create: (clock: FixedClock, cryptoSuite: CryptoSuite) =>
            EsdbEventStore.connect(process.env.ESDB_URL as string, { clock, cryptoSuite }),
        },
      ]
    : []),
  {
    name: 'in-memory storage (libs/testing)',
    create: (clock, cryptoSuite) => inMemoryEventStore({ clock, cryptoSuite }),
  },
];

// Every adapter under each crypto suite (CRYPTO_SUITE): the chain's digest is the only difference.
const cases = (['intl', 'gm'] as const).flatMap((suite) =>
  adapters().map((adapter) => ({ ...adapter, suite, label: `${adapter.name}, CRYPTO_SUITE=${suite}` })),
);

const rejection = async (promise: Promise<unknown>): Promise<EventStoreError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EventStoreError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

describe.each(cases)('EventStore contract: $label', (adapter) => {
  const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
  let store: EventStore;

  beforeAll(() => {
    store = adapter.create(clock, adapter.suite);
  });
  afterAll(async () => {
    await store.close();
    adapter.cleanup?.();
  });

  describe('append and read', () => {
    it('is the composed store: the rules above the storage are the same code for every adapter', () => {
      expect(store).toBeInstanceOf(ChainedEventStore);
    });

    it('creates a stream at revision 0 and reads the event back with every field', async () => {
      const stream = uniqueStream();
      const event = anEvent({ data: { title: '执法不规范', nested: { list: [1, 'two', null, true] } } });
      const result = await store.append(stream, [event], 'no_stream');
      const [read] = await store.readStream(stream);
      expect(result.nextRevision).toBe(0n);
      expect(read).toMatchObject({
        streamId: stream,
        revision: 0n,
        position: result.position,
        eventId: event.eventId,
        type: event.type,
      });
      expect(read?.data).toEqual(event.data);
    });

    it('keeps revisions gapless and positions strictly increasing across appends and batches', async () => {
      const stream = uniqueStream();
      let expected: bigint | 'no_stream' = 'no_stream';
      for (const size of [1, 3, 2]) {
        expected = (await store.append(stream, events(size), expected)).nextRevision;
      }
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      read.slice(1).forEach((e, i) => expect(e.position).toBeGreaterThan((read[i] as RecordedEvent).position));
      expect(expected).toBe(5n);
    });

    it('returns the revision and position of the last event of a batch', async () => {
      const stream = uniqueStream();
      const result = await store.append(stream, events(3), 'no_stream');
      const read = await store.readStream(stream);
      expect(result).toEqual({ nextRevision: 2n, position: read[2]?.position });
      expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    });

    it('round-trips metadata: supplied fields and extras, plus recordedAt from the clock and the chain fields', async () => {
      const stream = uniqueStream();
      clock.set(new Date('2026-04-01T01:02:03.456Z'));
      const meta = metadata({ tenant: 'panjin', tags: ['a', 'b'], client: { ip: null } });
      await store.append(stream, [anEvent({ metadata: meta })], 'no_stream');
      const [read] = await store.readStream(stream);
      expect(read?.metadata).toEqual({
        ...meta,
        recordedAt: '2026-04-01T01:02:03.456Z',
        prevHash: GENESIS_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    it('hashes exactly what the port documents, linking each event to its predecessor', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), 'no_stream');
      await store.append(stream, events(1), 1n);
      const [e0, e1, e2] = (await store.readStream(stream)) as [RecordedEvent, RecordedEvent, RecordedEvent];
      expect(e0.metadata.hash).toBe(independentHash(e0, undefined, adapter.suite));
      expect(e1.metadata.prevHash).toBe(e0.metadata.hash);
      expect(e1.metadata.hash).toBe(independentHash(e1, e0.metadata.hash, adapter.suite));
      expect(e2.metadata.hash).toBe(independentHash(e2, e1.metadata.hash, adapter.suite));
    });

    it('reports the stream revision, undefined for a missing stream', async () => {
      const stream = uniqueStream();
      expect(await store.streamRevision(stream)).toBeUndefined();
      await store.append(stream, events(4), 'no_stream');
      expect(await store.streamRevision(stream)).toBe(3n);
    });
  });

  describe('expected revision', () => {
    it('appends at an exact revision and refuses a wrong one, writing nothing', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), 'no_stream');
      await store.append(stream, events(1), 1n);
      const error = await rejection(store.append(stream, events(2), 1n));
      expect(error).toMatchObject({
        code: 'STREAM.WRONG_EXPECTED_REVISION',
        kind: 'Conflict',
        details: { streamId: stream, expected: '1', actual: '2' },
      });
      expect(await store.streamRevision(stream)).toBe(2n);
    });

    it("'no_stream' fails on an existing stream; an exact revision fails on a missing one", async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), 'no_stream');
      expect(await rejection(store.append(stream, events(1), 'no_stream'))).toMatchObject({
        code: 'STREAM.WRONG_EXPECTED_REVISION',
        details: { expected: 'no_stream', actual: '0' },
      });
      expect(await rejection(store.append(uniqueStream(), events(1), 0n))).toMatchObject({
        code: 'STREAM.WRONG_EXPECTED_REVISION',
        details: { expected: '0', actual: 'no_stream' },
      });
    });

    it("'any' appends to a new or an existing stream and still chains onto the head", async () => {
      const stream = uniqueStream();
      expect((await store.append(stream, events(1), 'any')).nextRevision).toBe(0n);
      expect((await store.append(stream, events(2), 'any')).nextRevision).toBe(2n);
      expect((await verifyStream(store, stream)).ok).toBe(true);
    });

    it("lands every one of 20 concurrent 'any' appends to one stream, each chained onto the one before", async () => {
      const stream = uniqueStream();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.append(stream, events(1), 'any')));
      expect(results.map((r) => r.nextRevision).sort((a, b) => Number(a - b))).toEqual(
        Array.from({ length: 20 }, (_, i) => BigInt(i)),
      );
      expect(await store.streamRevision(stream)).toBe(19n);
      expect((await verifyStream(store, stream)).ok).toBe(true);
    });

    it('lets exactly one of 20 concurrent appenders with the same expected revision win; the others write nothing', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), 'no_stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(stream, events(2), 0n)));
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(19);
      losers.forEach((reason) => expect(isEventStoreError(reason, 'STREAM.WRONG_EXPECTED_REVISION')).toBe(true));
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect((await verifyStream(store, stream)).ok).toBe(true);
    });
  });

  describe('idempotent re-append', () => {
    it('returns the original result without writing when the same events are appended again', async () => {
      const stream = uniqueStream();
      const batch = events(2);
      const first = await store.append(stream, batch, 'no_stream');
      const again = await store.append(stream, batch, 'no_stream');
      expect(again).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('still succeeds when the retried expected revision has gone stale since', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), 'no_stream');
      const batch = events(2);
      const original = await store.append(stream, batch, 0n);
      await store.append(stream, events(3), original.nextRevision);
      expect(await store.append(stream, batch, 0n)).toEqual(original);
      expect(await store.streamRevision(stream)).toBe(5n);
    });

    it("recognises a retry with 'any'", async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), 'any');
      const batch = events(2);
      const original = await store.append(stream, batch, 'any');
      await store.append(stream, events(1), 'any');
      expect(await store.append(stream, batch, 'any')).toEqual(original);
      expect(await store.streamRevision(stream)).toBe(4n);
    });

    it('answers a retry racing its original with the original result, writing the events once', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), 'no_stream');
      const batch = events(2);
      const [first, second] = await Promise.all([store.append(stream, batch, 0n), store.append(stream, batch, 0n)]);
      expect(second).toEqual(first);
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([
        expect.any(String),
        ...batch.map((e) => e.eventId),
      ]);
    });

    it('rejects with EVENT.ID_CONFLICT when the first id is stored at another position', async () => {
      const stream = uniqueStream();
      const a = anEvent();
      await store.append(stream, [a], 'no_stream');
      await store.append(stream, events(1), 0n);
      const error = await rejection(store.append(stream, [a], 1n));
      expect(error).toMatchObject({ code: 'EVENT.ID_CONFLICT', kind: 'Conflict' });
      expect(await store.streamRevision(stream)).toBe(1n);
    });

    it('rejects with EVENT.ID_CONFLICT when the ids match only in part, writing nothing', async () => {
      const stream = uniqueStream();
      const [a, b] = events(2) as [EventToAppend, EventToAppend];
      await store.append(stream, [a, b], 'no_stream');
      expect((await rejection(store.append(stream, [a, anEvent()], 'no_stream'))).code).toBe('EVENT.ID_CONFLICT');
      expect((await rejection(store.append(stream, [anEvent(), b], 1n))).code).toBe('EVENT.ID_CONFLICT');
      expect(await store.streamRevision(stream)).toBe(1n);
    });

    it('rejects with EVENT.ID_CONFLICT when the same id comes back with different content', async () => {
      const stream = uniqueStream();
      const a = anEvent();
      await store.append(stream, [a], 'no_stream');
      const changed = { ...a, data: { title: 'changed' } };
      expect((await rejection(store.append(stream, [changed], 'no_stream'))).code).toBe('EVENT.ID_CONFLICT');
    });

    // Beyond the latest 32 events (the adapters' default window) the store reads at the target revision.
    it('recognises a retry, and a partial match, after the batch has left the latest events of the stream', async () => {
      const stream = uniqueStream();
      const [a, b] = events(2) as [EventToAppend, EventToAppend];
      const original = await store.append(stream, [a, b], 'no_stream');
      await store.append(stream, events(40), original.nextRevision);
      expect(await store.append(stream, [a, b], 'no_stream')).toEqual(original);
      expect((await rejection(store.append(stream, [a, anEvent()], 'no_stream'))).code).toBe('EVENT.ID_CONFLICT');
      expect(await store.streamRevision(stream)).toBe(41n);
    });

    it('treats the same id in another stream as another event: ids are unique per stream', async () => {
      const [s1, s2] = [uniqueStream(), uniqueStream()];
      const a = anEvent();
      const first = await store.append(s1, [a], 'no_stream');
      const second = await store.append(s2, [a], 'no_stream');
      expect(second.nextRevision).toBe(0n);
      expect(second.position).toBeGreaterThan(first.position);
      // A retry is recognised in the stream it names, with that stream's result.
      expect(await store.append(s2, [a], 'no_stream')).toEqual(second);
      expect(await store.append(s1, [a], 'no_stream')).toEqual(first);
      for (const stream of [s1, s2]) {
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([a.eventId]);
        expect((await verifyStream(store, stream)).ok).toBe(true);
      }
    });
  });

  describe('reading', () => {
    let stream: string;
    beforeAll(async () => {
      stream = uniqueStream();
      await store.append(stream, events(5), 'no_stream');
    });

    it('reads forwards from a revision with a limit', async () => {
      const read = await store.readStream(stream, { direction: 'forwards', fromRevision: 1n, maxCount: 3 });
      expect(read.map((e) => e.revision)).toEqual([1n, 2n, 3n]);
    });

    it('reads backwards from the end and from a revision', async () => {
      expect((await store.readStream(stream, { direction: 'backwards', maxCount: 2 })).map((e) => e.revision)).toEqual([
        4n,
        3n,
      ]);
      expect(
        (await store.readStream(stream, { direction: 'backwards', fromRevision: 1n })).map((e) => e.revision),
      ).toEqual([1n, 0n]);
    });

    it('reads a missing stream, or past the end, as empty', async () => {
      expect(await store.readStream(uniqueStream())).toEqual([]);
      expect(await store.readStream(stream, { fromRevision: 9n })).toEqual([]);
      expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
    });

    it('refuses malformed read arguments with EVENT.INVALID', async () => {
      for (const read of [
        () => store.readStream(stream, { maxCount: -1 }),
        () => store.readStream(stream, { maxCount: 1.5 }),
        () => store.readStream(stream, { fromRevision: -1n }),
        () => store.readAll({ fromPosition: -1n }),
        () => store.readAll({ maxCount: -1 }),
      ]) {
        expect((await rejection(read())).code).toBe('EVENT.INVALID');
      }
      expect((await rejection(store.readStream('not a stream'))).code).toBe('STREAM.INVALID_NAME');
    });

    it('reads all streams in global order, strictly after a position, with a limit', async () => {
      const s1 = uniqueStream();
      const s2 = uniqueStream();
      const start = await store.append(s1, events(1), 'no_stream');
      await store.append(s2, events(2), 'no_stream');
      await store.append(s1, events(1), 0n);
      const read = (await store.readAll({ fromPosition: start.position })).filter(
        (e) => e.streamId === s1 || e.streamId === s2,
      );
      expect(read.map((e) => `${e.streamId === s1 ? 's1' : 's2'}@${e.revision}`)).toEqual(['s2@0', 's2@1', 's1@1']);
      read.slice(1).forEach((e, i) => expect(e.position).toBeGreaterThan((read[i] as RecordedEvent).position));
      const limited = await store.readAll({ fromPosition: start.position, maxCount: 1 });
      expect(limited).toHaveLength(1);
      expect(limited[0]?.position).toBeGreaterThan(start.position);
    });
  });

  describe('subscriptions', () => {
    it('catches up, then delivers live events, in global order, one at a time', async () => {
      const category = uniqueCategory();
      const a = `${category}-a`;
      const b = `${category}-b`;
      await store.append(a, events(2), 'no_stream');
      await store.append(b, events(1), 'no_stream');
      await store.append(uniqueStream(), events(1), 'no_stream'); // another category: filtered out
      const received: RecordedEvent[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const done = until(() => received.length === 5);
      const subscription = store.subscribe({
        filter: { categories: [category] },
        handler: async (event) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          received.push(event);
          inFlight -= 1;
          done.notify();
        },
      });
      await store.append(a, events(1), 1n);
      await store.append(b, events(1), 0n);
      await done.reached;
      await subscription.stop();
      expect(received.map((e) => `${e.streamId.slice(-1)}@${e.revision}`)).toEqual(['a@0', 'a@1', 'b@0', 'a@2', 'b@1']);
      received.slice(1).forEach((e, i) => expect(e.position).toBeGreaterThan((received[i] as RecordedEvent).position));
      expect(maxInFlight).toBe(1);
    });

    it('resumes after a saved checkpoint without duplicates or gaps', async () => {
      const category = uniqueCategory();
      const stream = `${category}-1`;
      await store.append(stream, events(3), 'no_stream');
      let checkpoint: bigint | undefined;
      const first: bigint[] = [];
      const firstDone = until(() => first.length === 2);
      const one = store.subscribe({
        filter: { categories: [category] },
        handler: async (event) => {
          if (first.length === 2) return; // pretend the process died after handling two
          first.push(event.revision);
          checkpoint = event.position;
          firstDone.notify();
        },
      });
      await firstDone.reached;
      await one.stop();
      await store.append(stream, events(2), 2n);
      const second: bigint[] = [];
      const secondDone = until(() => second.length === 3);
      const two = store.subscribe({
        fromPosition: checkpoint,
        filter: { categories: [category] },
        handler: async (event) => {
          second.push(event.revision);
          secondDone.notify();
        },
      });
      await secondDone.reached;
      await two.stop();
      expect(first).toEqual([0n, 1n]);
      expect(second).toEqual([2n, 3n, 4n]);
    });

    it('with types named for a category delivers only those of it, every type of the other categories, in order', async () => {
      const big = uniqueCategory();
      const small = uniqueCategory();
      await store.append(`${big}-1`, [anEvent({ type: 'Opened' }), anEvent({ type: 'Noted' })], 'no_stream');
      await store.append(`${small}-1`, [anEvent({ type: 'Noted' })], 'no_stream');
      await store.append(`${big}-2`, [anEvent({ type: 'Noted' }), anEvent({ type: 'Closed' })], 'no_stream');
      const received: string[] = [];
      const done = until(() => received.length === 4);
      const subscription = store.subscribe({
        filter: { categories: [big, small], types: { [big]: ['Opened', 'Closed'] } },
        handler: async (event) => {
          const label = event.streamId.startsWith(`${big}-`) ? 'big' : 'small';
          received.push(`${label}${event.streamId.slice(event.streamId.indexOf('-'))}:${event.type}`);
          done.notify();
        },
      });
      await store.append(`${big}-1`, [anEvent({ type: 'Noted' }), anEvent({ type: 'Closed' })], 1n);
      await done.reached;
      await subscription.stop();
      expect(received).toEqual(['big-1:Opened', 'small-1:Noted', 'big-2:Closed', 'big-1:Closed']);
    });

    it('reports a checkpoint past the events its types leave out, from which a resumed subscription goes on', async () => {
      const category = uniqueCategory();
      await store.append(`${category}-1`, [anEvent({ type: 'Opened' })], 'no_stream');
      const skipped = await store.append(`${category}-1`, [anEvent({ type: 'Noted' }), anEvent({ type: 'Noted' })], 0n);
      const filter = { categories: [category], types: { [category]: ['Opened', 'Closed'] } };
      const received: string[] = [];
      let checkpoint: bigint | undefined;
      const passed = until(() => checkpoint !== undefined && checkpoint >= skipped.position);
      const one = store.subscribe({
        filter,
        onCheckpoint: async (position) => {
          checkpoint = position;
          passed.notify();
        },
        handler: async (event) => {
          received.push(event.type);
          checkpoint = event.position;
        },
      });
      await passed.reached;
      await one.stop();
      expect(received).toEqual(['Opened']);
      await store.append(`${category}-1`, [anEvent({ type: 'Closed' })], 2n);
      const resumed: bigint[] = [];
      const done = until(() => resumed.length === 1);
      const two = store.subscribe({
        fromPosition: checkpoint,
        filter,
        handler: async (event) => {
          resumed.push(event.revision);
          done.notify();
        },
      });
      await done.reached;
      await two.stop();
      expect(resumed).toEqual([3n]);
    });

    it('stops at a failing handler and rejects `done` with its error', async () => {
      const category = uniqueCategory();
      await store.append(`${category}-1`, events(2), 'no_stream');
      const failure = new Error('projection failed');
      const handled: bigint[] = [];
      const subscription = store.subscribe({
        filter: { categories: [category] },
        handler: async (event) => {
          handled.push(event.revision);
          throw failure;
        },
      });
      await expect(subscription.done).rejects.toBe(failure);
      expect(handled).toEqual([0n]);
      await subscription.stop();
    });
  });

  describe('bad input is rejected with a typed error and nothing is written', () => {
    it.each(['', 'clue', 'Clue-1', 'clue-', '-1', 'clue x-1', 'clue-a/b', '$all', `clue-${'x'.repeat(129)}`])(
      'stream name %j',
      async (name) => {
        expect(await rejection(store.append(name, events(1), 'any'))).toMatchObject({
          code: 'STREAM.INVALID_NAME',
          kind: 'Validation',
        });
      },
    );

    class Money {
      constructor(readonly amount = 1) {}
    }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    it.each<[string, object]>([
      ['a function', { f: () => 1 }],
      ['undefined', { u: undefined }],
      ['NaN', { n: Number.NaN }],
      ['Infinity', { n: Number.POSITIVE_INFINITY }],
      ['a bigint', { b: 1n }],
      ['a Date', { d: new Date(0) }],
      ['a class instance', { m: new Money() }],
      ['a cycle', cyclic],
      ['an array as data', [1, 2]],
      ['a Date as data', new Date(0)],
    ])('data containing %s → EVENT.NOT_JSON', async (_label, data) => {
      const stream = uniqueStream();
      const error = await rejection(store.append(stream, [anEvent(), anEvent({ data })], 'no_stream'));
      expect(error.code).toBe('EVENT.NOT_JSON');
      expect(await store.streamRevision(stream)).toBeUndefined();
    });

    it('an oversized payload → EVENT.PAYLOAD_TOO_LARGE (default limit 1 MiB, counted in UTF-8 bytes)', async () => {
      const stream = uniqueStream();
      const big = anEvent({ data: { text: '字'.repeat(360_000) } }); // ~1.08 MB in UTF-8, 360 k UTF-16 units
      const error = await rejection(store.append(stream, [anEvent(), big], 'no_stream'));
      expect(error).toMatchObject({ code: 'EVENT.PAYLOAD_TOO_LARGE', details: { limit: 1024 * 1024 } });
      expect(await store.streamRevision(stream)).toBeUndefined();
      await store.append(stream, [anEvent({ data: { text: '字'.repeat(300_000) } })], 'no_stream'); // ~0.9 MB: accepted
    });

    it.each<[string, Partial<EventToAppend>]>([
      ['a non-UUID event id', { eventId: 'not-a-uuid' }],
      ['an event type starting with $', { type: '$metadata' }],
      ['metadata without an actor', { metadata: { ...metadata(), actor: undefined } as never }],
      ['metadata with a reserved key', { metadata: metadata({ hash: 'x' }) }],
      ['schemaVersion 0', { metadata: metadata({ schemaVersion: 0 }) }],
    ])('%s → EVENT.INVALID', async (_label, overrides) => {
      const stream = uniqueStream();
      const error = await rejection(store.append(stream, [anEvent(overrides)], 'no_stream'));
      expect(['EVENT.INVALID', 'EVENT.NOT_JSON']).toContain(error.code);
      expect(await store.streamRevision(stream)).toBeUndefined();
    });

    it('an empty batch, duplicate ids in one batch, or a negative revision → EVENT.INVALID', async () => {
      const stream = uniqueStream();
      const a = anEvent();
      expect((await rejection(store.append(stream, [], 'any'))).code).toBe('EVENT.INVALID');
      expect((await rejection(store.append(stream, [a, a], 'any'))).code).toBe('EVENT.INVALID');
      expect((await rejection(store.append(stream, [a], -1n))).code).toBe('EVENT.INVALID');
      expect(await store.streamRevision(stream)).toBeUndefined();
    });
  });

  describe('removing a stream (StreamDeletion, for retention)', () => {
    const deletion = () => {
      if (!canDeleteStreams(store)) throw new Error(`${adapter.name} does not offer StreamDeletion`);
      return store;
    };

    it('removes a stream at its last revision: it then reads as missing; other streams, their chains and positions stay', async () => {
      const [gone, kept] = [uniqueStream(), uniqueStream()];
      await store.append(gone, events(3), 'no_stream');
      const last = await store.append(kept, events(2), 'no_stream');
      await store.append(gone, events(1), 2n);
      await deletion().deleteStream(gone, 3n);
      expect(await store.readStream(gone)).toEqual([]);
      expect(await store.streamRevision(gone)).toBeUndefined();
      expect((await store.readStream(kept)).map((e) => e.revision)).toEqual([0n, 1n]);
      expect((await verifyStream(store, kept)).ok).toBe(true);
      expect((await store.append(uniqueStream(), events(1), 'no_stream')).position).toBeGreaterThan(last.position);
    });

    it('refuses a wrong expected revision or a missing stream with STREAM.WRONG_EXPECTED_REVISION, removing nothing', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(3), 'no_stream');
      expect(await rejection(deletion().deleteStream(stream, 1n))).toMatchObject({
        code: 'STREAM.WRONG_EXPECTED_REVISION',
      });
      expect(await store.streamRevision(stream)).toBe(2n);
      expect(await rejection(deletion().deleteStream(uniqueStream(), 0n))).toMatchObject({
        code: 'STREAM.WRONG_EXPECTED_REVISION',
      });
    });

    it('refuses an expected revision that is not a revision, and a bad stream name', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), 'no_stream');
      expect((await rejection(deletion().deleteStream(stream, 'any' as never))).code).toBe('EVENT.INVALID');
      expect((await rejection(deletion().deleteStream('not a stream', 0n))).code).toBe('STREAM.INVALID_NAME');
      expect(await store.streamRevision(stream)).toBe(0n);
    });
  });

  describe('tamper evidence on a clean store', () => {
    it('verifies a stream and the events of several streams in global order', async () => {
      const s1 = uniqueStream();
      const s2 = uniqueStream();
      // Positions passed back to a store must come from it (EventStoreDB refuses made-up ones).
      const before = await store.append(uniqueStream(), events(1), 'no_stream');
      await store.append(s1, events(1), 'no_stream');
      await store.append(s2, events(3), 'no_stream');
      await store.append(s1, events(3), 0n);
      expect(await verifyStream(store, s1)).toMatchObject({ ok: true, eventsChecked: 4 });
      const all = await store.readAll({ fromPosition: before.position });
      const mine = all.filter((e) => e.streamId === s1 || e.streamId === s2);
      expect(await verifyChain(mine, { hashAlgorithm: chainHashOfStore(store) })).toMatchObject({
        ok: true,
        eventsChecked: 7,
      });
    });

    it("hashes with its suite's digest only: the chain does not verify under the other suite's", async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), 'no_stream');
      expect(cryptoSuiteOf(store)).toBe(adapter.suite);
      const other = adapter.suite === 'gm' ? 'sha256' : 'sm3';
      expect(await verifyChain(await store.readStream(stream), { hashAlgorithm: other })).toMatchObject({
        ok: false,
        failure: { kind: 'hash_mismatch', streamId: stream, revision: 0n },
      });
    });

    it('reports truncation and rewritten history against a known head', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(3), 'no_stream');
      const [, e1, e2] = (await store.readStream(stream)) as RecordedEvent[];
      expect(
        (await verifyStream(store, stream, { expectedHead: { revision: 2n, hash: e2?.metadata.hash as string } })).ok,
      ).toBe(true);
      expect(await verifyStream(store, stream, { expectedHead: { revision: 5n, hash: 'f'.repeat(64) } })).toMatchObject(
        {
          ok: false,
          failure: { kind: 'truncated', streamId: stream, revision: 2n },
        },
      );
      expect(await verifyStream(store, stream, { expectedHead: { revision: 1n, hash: 'f'.repeat(64) } })).toMatchObject(
        {
          ok: false,
          failure: { kind: 'head_mismatch', revision: 1n, actual: e1?.metadata.hash },
        },
      );
    });
  });

  describe('write probe (readiness)', () => {
    it('succeeds without adding anything a reader of the port sees: no event in readAll, none delivered', async () => {
      if (!isWriteProbe(store)) throw new Error(`${adapter.name} offers no write probe`);
      const stream = uniqueStream();
      const before = await store.append(stream, events(1), 'no_stream');
      await store.probeWrite();
      await store.probeWrite();
      const after = await store.append(stream, events(1), 0n);
      expect((await store.readAll({ fromPosition: before.position })).map((e) => e.position)).toEqual([after.position]);
      const received: bigint[] = [];
      const reached = until(() => received.length >= 1);
      const subscription = store.subscribe({
        fromPosition: before.position,
        handler: async (event) => {
          received.push(event.position);
          reached.notify();
        },
      });
      await reached.reached;
      await subscription.stop();
      expect(received).toEqual([after.position]);
    });
  });
});
