import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttemptCounterStore } from '@xj/application';
import { connectMongoAttemptCounters, MongoAttemptCounterStore } from '@xj/mongo-read-models';
import { SqliteAttemptCounterStore } from '@xj/sqlite-read-models';
import { InMemoryAttemptCounters } from '@xj/testing';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';

/**
 * The login-attempt counters' contract, run against the embedded SQLite store always, the MongoDB
 * adapter over the in-memory fake of the driver always, the in-memory double the policy's unit
 * tests use, and the MongoDB adapter against a real server when MONGO_URL is set. Keys are unique
 * per test because a real server is shared.
 */
interface AdapterUnderTest {
  readonly name: string;
  open(): Promise<AttemptCounterStore>;
  /** Another store instance over the same data, open at the same time (another API replica). */
  another(): Promise<AttemptCounterStore>;
  cleanup(): void;
}

const sqliteAdapter = (): AdapterUnderTest => {
  let dir = '';
  return {
    name: 'sqlite (temp file)',
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'xj-attempts-contract-'));
      return new SqliteAttemptCounterStore({ filename: join(dir, 'login-attempts.sqlite') });
    },
    another: async () => new SqliteAttemptCounterStore({ filename: join(dir, 'login-attempts.sqlite') }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

const fakeMongoAdapter = (): AdapterUnderTest => {
  let db = new FakeMongoDatabase();
  return {
    name: 'mongodb adapter (in-memory fake driver)',
    open: async () => new MongoAttemptCounterStore((db = new FakeMongoDatabase())),
    another: async () => new MongoAttemptCounterStore(db),
    cleanup: () => undefined,
  };
};

const inMemoryDouble = (): AdapterUnderTest => {
  let store = new InMemoryAttemptCounters();
  return {
    name: 'in-memory double (unit tests)',
    open: async () => (store = new InMemoryAttemptCounters()),
    // One process, one map: the same instance, kept open when the "other" one closes.
    another: async () =>
      Object.assign(Object.create(store) as InMemoryAttemptCounters, { close: async () => undefined }),
    cleanup: () => undefined,
  };
};

const mongoAdapter = (url: string): AdapterUnderTest => {
  const connect = (): Promise<AttemptCounterStore> =>
    connectMongoAttemptCounters(url, { serverSelectionTimeoutMs: 5000 });
  return { name: 'mongodb (MONGO_URL)', open: connect, another: connect, cleanup: () => undefined };
};

const adapters: AdapterUnderTest[] = [
  sqliteAdapter(),
  fakeMongoAdapter(),
  inMemoryDouble(),
  ...(process.env.MONGO_URL ? [mongoAdapter(process.env.MONGO_URL)] : []),
];

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;

describe.each(adapters)('AttemptCounterStore contract: $name', (adapter) => {
  let store: AttemptCounterStore;
  let prefix: string;
  const used = new Set<string>();
  const key = (name: string): string => {
    const full = `${prefix}:${name}`;
    used.add(full);
    return full;
  };

  beforeEach(async () => {
    store = await adapter.open();
    prefix = `contract-${randomUUID().slice(0, 8)}`;
    used.clear();
  });

  afterEach(async () => {
    for (const k of used) await store.reset(k);
    await store.close();
    adapter.cleanup();
  });

  describe('windows', () => {
    it('opens a window at the first attempt and counts within it', async () => {
      const k = key('a');
      expect(await store.increment(k, T0, 15 * MINUTE)).toEqual({
        count: 1,
        windowEndsAt: T0 + 15 * MINUTE,
        blockedUntil: 0,
      });
      expect(await store.increment(k, T0 + MINUTE, 15 * MINUTE)).toEqual({
        count: 2,
        windowEndsAt: T0 + 15 * MINUTE,
        blockedUntil: 0,
      });
      expect(await store.read(k, T0 + 2 * MINUTE)).toEqual({
        count: 2,
        windowEndsAt: T0 + 15 * MINUTE,
        blockedUntil: 0,
      });
    });

    it('starts over at 1 once the window has ended (its end is no longer in it)', async () => {
      const k = key('a');
      await store.increment(k, T0, MINUTE);
      await store.increment(k, T0 + 1, MINUTE);
      expect(await store.read(k, T0 + MINUTE)).toBeUndefined();
      expect(await store.increment(k, T0 + MINUTE, MINUTE)).toEqual({
        count: 1,
        windowEndsAt: T0 + 2 * MINUTE,
        blockedUntil: 0,
      });
    });

    it('keeps keys apart', async () => {
      await store.increment(key('a'), T0, MINUTE);
      await store.increment(key('a'), T0, MINUTE);
      expect((await store.increment(key('b'), T0, MINUTE)).count).toBe(1);
      expect(await store.read(key('c'), T0)).toBeUndefined();
    });
  });

  describe('taking attempts back', () => {
    it('decrements within the open window, never below zero', async () => {
      const k = key('a');
      await store.increment(k, T0, MINUTE);
      await store.increment(k, T0, MINUTE);
      await store.decrement(k, T0 + 1);
      expect((await store.read(k, T0 + 2))?.count).toBe(1);
      await store.decrement(k, T0 + 3);
      await store.decrement(k, T0 + 4);
      expect(await store.read(k, T0 + 5)).toBeUndefined();
      expect((await store.increment(k, T0 + 6, MINUTE)).count).toBe(1);
    });

    it('does nothing to a window that has ended, or to a key never counted', async () => {
      const k = key('a');
      await store.increment(k, T0, MINUTE);
      await store.decrement(k, T0 + MINUTE);
      await store.decrement(key('never'), T0);
      expect((await store.increment(k, T0 + MINUTE, MINUTE)).count).toBe(1);
      expect(await store.read(key('never'), T0)).toBeUndefined();
    });
  });

  describe('blocks', () => {
    it('reports a block until it ends, also after the window it was set in', async () => {
      const k = key('a');
      await store.increment(k, T0, MINUTE);
      await store.block(k, T0 + 15 * MINUTE);
      expect(await store.read(k, T0 + 1)).toEqual({
        count: 1,
        windowEndsAt: T0 + MINUTE,
        blockedUntil: T0 + 15 * MINUTE,
      });
      expect(await store.increment(k, T0 + 10 * MINUTE, MINUTE)).toEqual({
        count: 1,
        windowEndsAt: T0 + 11 * MINUTE,
        blockedUntil: T0 + 15 * MINUTE,
      });
      expect(await store.read(k, T0 + 12 * MINUTE)).toEqual({
        count: 0,
        windowEndsAt: T0 + 11 * MINUTE,
        blockedUntil: T0 + 15 * MINUTE,
      });
      expect(await store.read(k, T0 + 15 * MINUTE)).toBeUndefined();
    });

    it('blocks a key never counted, and never shortens a block', async () => {
      const k = key('a');
      await store.block(k, T0 + 10 * MINUTE);
      await store.block(k, T0 + 5 * MINUTE);
      expect((await store.read(k, T0))?.blockedUntil).toBe(T0 + 10 * MINUTE);
      expect((await store.read(k, T0))?.count).toBe(0);
      await store.block(k, T0 + 20 * MINUTE);
      expect((await store.increment(k, T0, MINUTE)).blockedUntil).toBe(T0 + 20 * MINUTE);
    });

    it('forgets count and block on reset', async () => {
      const k = key('a');
      await store.increment(k, T0, MINUTE);
      await store.block(k, T0 + 10 * MINUTE);
      await store.reset(k);
      expect(await store.read(k, T0)).toBeUndefined();
      expect(await store.increment(k, T0, MINUTE)).toEqual({ count: 1, windowEndsAt: T0 + MINUTE, blockedUntil: 0 });
    });
  });

  describe('shared and atomic', () => {
    it('counts every one of many concurrent attempts exactly once', async () => {
      const k = key('a');
      const counts = await Promise.all(Array.from({ length: 40 }, () => store.increment(k, T0, MINUTE)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect((await store.read(k, T0))?.count).toBe(40);
    });

    it('is one set of counters for every instance open on the same data (API replicas)', async () => {
      const other = await adapter.another();
      try {
        const k = key('a');
        await store.increment(k, T0, MINUTE);
        expect((await other.increment(k, T0, MINUTE)).count).toBe(2);
        await other.block(k, T0 + 10 * MINUTE);
        expect(await store.read(k, T0)).toEqual({
          count: 2,
          windowEndsAt: T0 + MINUTE,
          blockedUntil: T0 + 10 * MINUTE,
        });
        await store.reset(k);
        expect(await other.read(k, T0)).toBeUndefined();
      } finally {
        await other.close();
      }
    });
  });
});
