import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from './clock.port';
import { isChainRowSource } from './chain-pages';
import { isParallelChainVerifier } from './chain-segments';
import { EventStoreError, storeUnavailable } from './event-store.errors';
import { EventStore } from './event-store.port';
import { EventToAppend } from './event-store.types';
import { StoreWritability } from './store-writability';
import { isWriteProbe } from './write-probe';

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};
let ids = 0;
const anEvent = (): EventToAppend => ({
  eventId: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  type: 'Happened',
  data: {},
  metadata,
});

/**
 * The real embedded store, whose appends and probes can be made to fail as on a full or
 * read-only disk (STORE.UNAVAILABLE, as sqlite-errors.ts maps SQLITE_FULL / SQLITE_READONLY).
 */
class FailingDisk {
  appendsFail = false;
  probesFail = false;
  probes = 0;
  readonly store: EventStore & { probeWrite(): Promise<void> };

  constructor(private readonly inner: SqliteEventStore) {
    const append = (...args: Parameters<EventStore['append']>) =>
      this.appendsFail
        ? Promise.reject(storeUnavailable('SQLite event store unavailable (SQLITE_FULL).', undefined))
        : inner.append(...args);
    const probeWrite = async (): Promise<void> => {
      this.probes += 1;
      if (this.probesFail) throw storeUnavailable('SQLite event store unavailable (SQLITE_READONLY).', undefined);
      return inner.probeWrite();
    };
    this.store = new Proxy(inner, {
      get(target, property) {
        if (property === 'append') return append;
        if (property === 'probeWrite') return probeWrite;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    }) as EventStore & { probeWrite(): Promise<void> };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('StoreWritability', () => {
  let disk: FailingDisk;
  let now: number;
  let changes: boolean[];
  let writability: StoreWritability;
  beforeEach(() => {
    disk = new FailingDisk(new SqliteEventStore({ filename: ':memory:', clock }));
    now = 1_000_000;
    changes = [];
    writability = new StoreWritability(disk.store, {
      freshForMs: 2000,
      now: () => now,
      onChange: (w) => changes.push(w.writable),
    });
  });
  afterEach(() => disk.close());

  it('marks the store not writable when an append fails with STORE.UNAVAILABLE, until an append succeeds', async () => {
    await writability.trackedStore.append('clue-1', [anEvent()], 'no_stream');
    expect(await writability.check()).toMatchObject({ writable: true, seenBy: 'append' });
    disk.appendsFail = true;
    await expect(writability.trackedStore.append('clue-1', [anEvent()], 0n)).rejects.toMatchObject({
      code: 'STORE.UNAVAILABLE',
    });
    expect(await writability.check()).toMatchObject({
      writable: false,
      seenBy: 'append',
      at: new Date(now).toISOString(),
    });
    disk.appendsFail = false;
    await writability.trackedStore.append('clue-1', [anEvent()], 0n);
    expect(await writability.check()).toMatchObject({ writable: true, seenBy: 'append' });
    expect(disk.probes).toBe(0);
    expect(changes).toEqual([false, true]);
  });

  it('probes when no write was seen lately, and a probe that succeeds clears a failed append', async () => {
    disk.appendsFail = true;
    await expect(writability.trackedStore.append('clue-1', [anEvent()], 'no_stream')).rejects.toBeInstanceOf(
      EventStoreError,
    );
    now += 1999;
    expect(await writability.check()).toMatchObject({ writable: false, seenBy: 'append' });
    expect(disk.probes).toBe(0);
    now += 1;
    expect(await writability.check()).toMatchObject({ writable: true, seenBy: 'probe' });
    expect(disk.probes).toBe(1);
  });

  it('reports a failing probe as not writable, probing once for concurrent checks', async () => {
    disk.probesFail = true;
    const [a, b] = await Promise.all([writability.check(), writability.check()]);
    expect(a).toEqual({ writable: false, seenBy: 'probe', at: new Date(now).toISOString() });
    expect(b).toBe(a);
    expect(disk.probes).toBe(1);
    now += 2000;
    disk.probesFail = false;
    expect(await writability.check()).toMatchObject({ writable: true, seenBy: 'probe' });
    expect(changes).toEqual([false, true]);
  });

  it('ignores conflicts and invalid input: they say nothing about the disk', async () => {
    disk.appendsFail = true;
    await expect(writability.trackedStore.append('clue-1', [anEvent()], 'no_stream')).rejects.toMatchObject({
      code: 'STORE.UNAVAILABLE',
    });
    disk.appendsFail = false;
    await expect(writability.trackedStore.append('clue-1', [anEvent()], 5n)).rejects.toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_REVISION',
    });
    await expect(writability.trackedStore.append('not a stream', [anEvent()], 'any')).rejects.toMatchObject({
      code: 'STREAM.INVALID_NAME',
    });
    expect(await writability.check()).toMatchObject({ writable: false, seenBy: 'append' });
  });

  it("keeps the adapter's optional capabilities visible through the tracked store", () => {
    const tracked = writability.trackedStore;
    expect(isChainRowSource(tracked)).toBe(true);
    expect(isParallelChainVerifier(tracked)).toBe(true);
    expect(isWriteProbe(tracked)).toBe(true);
  });

  it('assumes writable a store that offers no probe and has not been written to', async () => {
    const bare: EventStore = {
      append: (...args) => disk.store.append(...args),
      readStream: (...args) => disk.store.readStream(...args),
      readAll: (...args) => disk.store.readAll(...args),
      subscribe: (options) => disk.store.subscribe(options),
      streamRevision: (streamId) => disk.store.streamRevision(streamId),
      close: async () => undefined,
    };
    const plain = new StoreWritability(bare, { now: () => now });
    expect(await plain.check()).toEqual({ writable: true, seenBy: 'none' });
    disk.appendsFail = true;
    await expect(plain.trackedStore.append('clue-1', [anEvent()], 'any')).rejects.toMatchObject({
      code: 'STORE.UNAVAILABLE',
    });
    now += 60_000;
    expect(await plain.check()).toMatchObject({ writable: false, seenBy: 'append' });
  });
});
