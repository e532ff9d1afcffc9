import { InMemoryEventStorage, inMemoryEventStore, testEvents } from '@xj/testing';
import { FixedClock } from './clock.port';
import { EventStoreError } from './event-store.errors';
import { StorageWrite } from './event-storage.port';
import { verifyStream } from './chain-pages';

/**
 * The composed store's own rules, over the in-memory storage: what it asks the storage and when.
 * The port's behaviour as a whole is the contract suite's (test/contract/event-store.contract-spec.ts),
 * run over this storage too. Two stores over one storage stand for two processes on one file.
 */
const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
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

/** A promise and its resolver: holds a storage call until the test lets it go. */
const gate = (): { readonly opened: Promise<void>; open(): void } => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('ChainedEventStore over a storage', () => {
  let storage: InMemoryEventStorage;
  beforeEach(() => {
    storage = new InMemoryEventStorage();
  });
  const store = (options: { conflictRetries?: number } = {}) => inMemoryEventStore({ clock, ...options }, storage);
  const writes = () => storage.calls.filter((call) => call === 'write').length;

  /** Lets `during` run inside the next write to the storage, before the write itself: another writer won the race. */
  const raceNextWrite = (during: () => Promise<unknown>): jest.SpyInstance => {
    const write = storage.write.bind(storage);
    return jest.spyOn(storage, 'write').mockImplementationOnce(async (...args) => {
      await during();
      return write(...args);
    });
  };

  it('validates and encodes an append before asking the storage anything', async () => {
    const events1 = events(1);
    expect((await failure(store().append('not a stream', events1, 'any'))).code).toBe('STREAM.INVALID_NAME');
    expect((await failure(store().append('clue-1', [{ ...events1[0]!, data: { n: Number.NaN } }], 'any'))).code).toBe(
      'EVENT.NOT_JSON',
    );
    expect((await failure(store().append('clue-1', events1, -1n))).code).toBe('EVENT.INVALID');
    expect(storage.calls).toEqual([]);
  });

  it('records the clock’s time and chains onto the head it read', async () => {
    const s = store();
    await s.append('clue-1', events(2), 'no_stream');
    await s.append('clue-1', events(1), 1n);
    const read = await s.readStream('clue-1');
    expect(read.map((e) => e.metadata.recordedAt)).toEqual(Array(3).fill('2026-03-02T08:30:00.000Z'));
    expect(read[2]?.metadata.prevHash).toBe(read[1]?.metadata.hash);
    expect((await verifyStream(s, 'clue-1')).ok).toBe(true);
  });

  it('answers a retry from what is stored, without a write', async () => {
    const s = store();
    await s.append('clue-1', events(1), 'no_stream');
    const batch = events(2);
    const original = await s.append('clue-1', batch, 0n);
    expect(await s.append('clue-1', batch, 0n)).toEqual(original);
    expect(writes()).toBe(2); // the first event's, then the batch once
  });

  it("writes a 'no_stream' append without reading first, and answers its retry from what is stored, storing nothing twice", async () => {
    const s = store();
    const batch = events(2);
    const original = await s.append('clue-1', batch, 'no_stream');
    expect(storage.calls).toEqual(['write']);
    const spy = jest.spyOn(storage, 'write');
    expect(await s.append('clue-1', batch, 'no_stream')).toEqual(original);
    // The retry's conditional write found the stream and stored nothing; the tail answered it.
    expect(await Promise.all(spy.mock.results.map((r) => r.value as Promise<StorageWrite>))).toEqual([
      { written: false, actualRevision: 1n },
    ]);
    expect((await s.readStream('clue-1')).length).toBe(2);
  });

  it("decides an 'any' append again when another writer moved the head first, and chains onto the new head", async () => {
    const [one, other] = [store(), store()];
    await one.append('clue-1', events(1), 'no_stream');
    raceNextWrite(() => other.append('clue-1', events(1), 0n));
    expect((await one.append('clue-1', events(1), 'any')).nextRevision).toBe(2n);
    expect(writes()).toBe(4); // the first, the other writer's, the lost one, the one decided again
    expect((await verifyStream(one, 'clue-1')).ok).toBe(true);
  });

  it('fails an exact expected revision whose write lost the race, with the revision found, and writes nothing more', async () => {
    const [one, other] = [store(), store()];
    await one.append('clue-1', events(1), 'no_stream');
    raceNextWrite(() => other.append('clue-1', events(2), 0n));
    expect(await failure(one.append('clue-1', events(1), 0n))).toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
      details: { expected: '0', actual: '2' },
    });
    expect(writes()).toBe(3);
    expect(await one.streamRevision('clue-1')).toBe(2n);
  });

  it('recognises its own retry in the write that won the race: the original result, nothing written twice', async () => {
    const [one, other] = [store(), store()];
    await one.append('clue-1', events(1), 'no_stream');
    const batch = events(2);
    let original: unknown;
    raceNextWrite(async () => (original = await other.append('clue-1', batch, 0n)));
    expect(await one.append('clue-1', batch, 0n)).toEqual(original);
    expect((await one.readStream('clue-1')).map((e) => e.eventId)).toEqual([
      expect.any(String),
      ...batch.map((e) => e.eventId),
    ]);
  });

  it("gives up on an 'any' append after `conflictRetries` lost races", async () => {
    const s = store({ conflictRetries: 2 });
    const lost: StorageWrite = { written: false, actualRevision: 7n };
    const write = jest.spyOn(storage, 'write').mockResolvedValue(lost);
    expect(await failure(s.append('clue-1', events(1), 'any'))).toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
      details: { expected: 'any', actual: '7' },
    });
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('refuses to chain onto a head without a hash (not written through this store)', async () => {
    jest.spyOn(storage, 'readTail').mockResolvedValue({ head: { revision: 0n, hash: 'not a hash' }, events: [] });
    expect((await failure(store().append('clue-1', events(1), 'any'))).code).toBe('EVENT.INVALID');
    expect(writes()).toBe(0);
  });

  it('decides the appends to one stream one after another, each after the previous write, without holding up other streams', async () => {
    const s = store();
    const held = gate();
    const write = storage.write.bind(storage);
    let holding = true;
    const spy = jest.spyOn(storage, 'write').mockImplementation(async (streamId, ...rest) => {
      if (streamId === 'clue-1' && holding) {
        holding = false;
        await held.opened;
      }
      return write(streamId, ...rest);
    });
    const first = s.append('clue-1', events(1), 'any');
    const second = s.append('clue-1', events(1), 'any');
    await s.append('clue-2', events(1), 'any'); // not behind clue-1's held write
    expect(storage.calls.filter((call) => call === 'readTail')).toHaveLength(2); // clue-1's first and clue-2's: the second waits
    held.open();
    expect([(await first).nextRevision, (await second).nextRevision]).toEqual([0n, 1n]);
    const outcomes = await Promise.all(spy.mock.results.map((result) => result.value as Promise<StorageWrite>));
    expect(outcomes.every((outcome) => outcome.written)).toBe(true); // none of them lost a race
  });

  it('removes a stream after the appends to it in flight, so its revision is judged after them', async () => {
    const s = store();
    await s.append('clue-1', events(1), 'no_stream');
    const appending = s.append('clue-1', events(1), 0n);
    await s.deleteStream('clue-1', 1n);
    await appending;
    expect(await s.streamRevision('clue-1')).toBeUndefined();
    expect(storage.calls.slice(-2)).toEqual(['write', 'deleteStream']);
  });

  it('probes writes with the clock’s time', async () => {
    const probe = jest.spyOn(storage, 'probeWrite');
    await store().probeWrite();
    expect(probe).toHaveBeenCalledWith('2026-03-02T08:30:00.000Z');
  });

  it('lets the appends handed over settle, stops the subscriptions, closes the storage once, then refuses work', async () => {
    const s = store();
    const subscription = s.subscribe({ handler: async () => undefined });
    const appending = s.append('clue-1', events(1), 'no_stream');
    await Promise.all([s.close(), s.close()]);
    expect((await appending).nextRevision).toBe(0n);
    await expect(subscription.done).resolves.toBeUndefined();
    expect(storage.calls.filter((call) => call === 'close')).toHaveLength(1);
    expect(storage.calls.at(-1)).toBe('close');
    expect((await failure(s.append('clue-1', events(1), 'any'))).code).toBe('STORE.UNAVAILABLE');
    expect((await failure(s.readAll())).code).toBe('STORE.UNAVAILABLE');
  });
});
