import { ATTEMPT_COUNTERS, MongoAttemptCounterStore } from './mongo-attempt-counter-store';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;
const duplicateKey = (): Error => Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });

describe('MongoAttemptCounterStore over a typed fake of the driver', () => {
  let db: FakeMongoDatabase;
  let store: MongoAttemptCounterStore;
  beforeEach(() => {
    db = new FakeMongoDatabase();
    store = new MongoAttemptCounterStore(db);
  });
  const counters = () => db.collection(ATTEMPT_COUNTERS);

  it('keeps one document per key, expiring (TTL index) when both its window and its block are over', async () => {
    await store.increment('account:x', T0, 15 * MINUTE);
    expect(counters().docs.get('account:x')).toEqual({
      _id: 'account:x',
      count: 1,
      windowEndsAt: T0 + 15 * MINUTE,
      blockedUntil: 0,
      expiresAt: new Date(T0 + 15 * MINUTE),
    });
    await store.block('account:x', T0 + 30 * MINUTE);
    expect(counters().docs.get('account:x')).toMatchObject({
      blockedUntil: T0 + 30 * MINUTE,
      expiresAt: new Date(T0 + 30 * MINUTE),
    });
    await store.increment('account:x', T0 + 20 * MINUTE, 15 * MINUTE);
    expect(counters().docs.get('account:x')).toMatchObject({
      count: 1,
      windowEndsAt: T0 + 35 * MINUTE,
      expiresAt: new Date(T0 + 35 * MINUTE),
    });
    expect(counters().indexes).toEqual([{ expiresAt: 1 }]);
    expect(counters().indexOptions).toEqual([{ expireAfterSeconds: 0 }]);
  });

  it('restarts an ended window with a conditional update, then counts with one atomic $inc', async () => {
    await store.increment('k', T0, MINUTE);
    db.log.length = 0;
    expect((await store.increment('k', T0 + 1, MINUTE)).count).toBe(2);
    expect(db.log).toEqual([`updateOne ${ATTEMPT_COUNTERS}`, `findOneAndUpdate ${ATTEMPT_COUNTERS}`]);
    expect(counters().docs.get('k')).toMatchObject({ count: 2, windowEndsAt: T0 + MINUTE });
    expect((await store.increment('k', T0 + MINUTE, MINUTE)).count).toBe(1);
  });

  it('tries an upsert again when another replica inserted the same key first (duplicate _id)', async () => {
    counters().failNextUpdate = { operation: 'findOneAndUpdate', error: duplicateKey() };
    expect((await store.increment('k', T0, MINUTE)).count).toBe(1);
    counters().failNextUpdate = { operation: 'updateOne', error: duplicateKey() };
    await store.block('k', T0 + MINUTE);
    expect((await store.read('k', T0))?.blockedUntil).toBe(T0 + MINUTE);
  });

  it('lets any other failure through', async () => {
    counters().failNextUpdate = { operation: 'findOneAndUpdate', error: new Error('not primary') };
    await expect(store.increment('k', T0, MINUTE)).rejects.toThrow('not primary');
  });

  it('creates the TTL index once, and again after a failed attempt', async () => {
    const collection = counters();
    const createIndex = collection.createIndex.bind(collection);
    let fail = true;
    collection.createIndex = async (keys, options) => {
      if (fail) {
        fail = false;
        throw new Error('index build interrupted');
      }
      return createIndex(keys, options);
    };
    await expect(store.increment('k', T0, MINUTE)).rejects.toThrow('index build interrupted');
    await store.increment('k', T0, MINUTE);
    await store.reset('k');
    await store.read('k', T0);
    expect(collection.indexes).toHaveLength(1);
  });

  it('closes its connection', async () => {
    let closed = false;
    await new MongoAttemptCounterStore(db, async () => {
      closed = true;
    }).close();
    expect(closed).toBe(true);
  });
});
