import { AttemptCounter, AttemptCounterStore } from '@xj/application';
import { MongoCollectionLike, MongoDatabaseLike, MongoDoc } from './mongo-database';
import { isDuplicateKey } from './mongo-mapping';

/** One document per key: `{ _id: key, count, windowEndsAt, blockedUntil, expiresAt }`. */
export const ATTEMPT_COUNTERS = 'login_attempt_counters';

/**
 * The MongoDB adapter of the login-attempt counters, shared by every API replica. Each operation
 * is one atomic single-document update (`$inc`, `$max`); an expired window is restarted by a
 * conditional update before the increment, so of two attempts racing past the end of a window
 * one restarts it and both are counted in the new one. `expiresAt` (a BSON date: the later of the
 * window's end and the block's) carries a TTL index, so MongoDB deletes records that are over;
 * its TTL monitor runs about once a minute, so reads never trust a record's presence alone.
 */
export class MongoAttemptCounterStore implements AttemptCounterStore {
  private ttlIndex: Promise<unknown> | undefined;

  constructor(
    private readonly db: MongoDatabaseLike,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async increment(key: string, now: number, windowMs: number): Promise<AttemptCounter> {
    const counters = await this.counters();
    const windowEndsAt = now + windowMs;
    await counters.updateOne(
      { _id: key, windowEndsAt: { $lte: now } },
      { $set: { count: 0, windowEndsAt }, $max: { expiresAt: new Date(windowEndsAt) } },
    );
    const update: MongoDoc = {
      $inc: { count: 1 },
      $setOnInsert: { windowEndsAt, blockedUntil: 0, expiresAt: new Date(windowEndsAt) },
    };
    const after = await retryOnDuplicateKey(() =>
      counters.findOneAndUpdate({ _id: key }, update, { upsert: true, returnDocument: 'after' }),
    );
    if (!after) throw new Error('The attempt counter was not returned.');
    return counterAt(after, now);
  }

  async decrement(key: string, now: number): Promise<void> {
    await (
      await this.counters()
    ).updateOne({ _id: key, windowEndsAt: { $gt: now }, count: { $gt: 0 } }, { $inc: { count: -1 } });
  }

  async block(key: string, until: number): Promise<void> {
    const counters = await this.counters();
    const update: MongoDoc = {
      $max: { blockedUntil: until, expiresAt: new Date(until) },
      $setOnInsert: { count: 0, windowEndsAt: 0 },
    };
    await retryOnDuplicateKey(() => counters.updateOne({ _id: key }, update, { upsert: true }));
  }

  async read(key: string, now: number): Promise<AttemptCounter | undefined> {
    const stored = await (await this.counters()).findOne({ _id: key });
    if (!stored) return undefined;
    const counter = counterAt(stored, now);
    return counter.count === 0 && counter.blockedUntil === 0 ? undefined : counter;
  }

  async reset(key: string): Promise<void> {
    await (await this.counters()).deleteOne({ _id: key });
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async counters(): Promise<MongoCollectionLike> {
    const counters = this.db.collection(ATTEMPT_COUNTERS);
    // Created once per process; createIndex is a no-op when the index exists.
    this.ttlIndex ??= counters.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }).catch((error: unknown) => {
      this.ttlIndex = undefined;
      throw error;
    });
    await this.ttlIndex;
    return counters;
  }
}

/** Two upserts of a new key at once: one inserts, the other fails on the duplicate _id and, tried again, updates. */
const retryOnDuplicateKey = async <T>(operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return operation();
  }
};

const numberOf = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/** A stored record as the port sees it at `now`: the count of a closed window is 0, a past block is none. */
export const counterAt = (stored: MongoDoc, now: number): AttemptCounter => {
  const windowEndsAt = numberOf(stored.windowEndsAt);
  const blockedUntil = numberOf(stored.blockedUntil);
  return {
    count: windowEndsAt > now ? numberOf(stored.count) : 0,
    windowEndsAt,
    blockedUntil: blockedUntil > now ? blockedUntil : 0,
  };
};
