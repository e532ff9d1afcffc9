import { find, Query } from 'mingo';
import type {
  MongoCollectionLike,
  MongoCursorLike,
  MongoDatabaseLike,
  MongoDoc,
  MongoFindOptions,
  MongoWriteOperation,
} from '@xj/mongo-read-models';

/**
 * An in-memory stand-in for the part of MongoDB the adapter uses, faithful where the adapter's
 * logic depends on it: filters (evaluated with mingo), unordered bulk writes that report each
 * failed operation, the duplicate-key error of an upsert whose condition fails on an existing
 * `_id`, single-document updates and upserts (`$set`, `$setOnInsert`, `$inc`, `$max`) with
 * findOneAndUpdate, TTL index options, and dropping a missing collection (NamespaceNotFound on
 * servers before 7.0).
 */
export interface FakeWriteError {
  readonly index: number;
  readonly code: number;
  readonly errmsg: string;
}

export class FakeBulkWriteError extends Error {
  constructor(readonly writeErrors: FakeWriteError | FakeWriteError[]) {
    super('bulk write failed');
  }
}

const clone = <T>(value: T): T => structuredClone(value);

/** structuredClone (and so every document held here) makes dates of the Node realm, not of jest's sandbox: no instanceof. */
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** MongoDB's order within one type: numbers numerically, dates by time, strings by code unit. */
const compare = (a: unknown, b: unknown): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isDate(a) && isDate(b)) return a.getTime() - b.getTime();
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error('fake $max compares values of one type only');
};

export class FakeMongoCollection implements MongoCollectionLike {
  readonly docs = new Map<unknown, MongoDoc>();
  readonly indexes: Record<string, 1 | -1>[] = [];
  readonly bulkCalls: MongoWriteOperation[][] = [];
  /** Runs before each bulkWrite (to simulate another writer). */
  beforeBulk: (() => void) | undefined;
  /** Report one write error as an object rather than an array (the driver does both). */
  singleErrorShape = false;
  /** Fail the next bulkWrite with this error instead of writing. */
  failNext: Error | undefined;
  /** Fail the next call of this single-document update with this error instead of writing. */
  failNextUpdate: { readonly operation: 'updateOne' | 'findOneAndUpdate'; readonly error: Error } | undefined;
  /** The options of each createIndex, in the order of `indexes`. */
  readonly indexOptions: { readonly expireAfterSeconds?: number }[] = [];

  constructor(
    private readonly database: FakeMongoDatabase,
    readonly name: string,
  ) {}

  async findOne(filter: MongoDoc): Promise<MongoDoc | null> {
    const found = this.match(filter);
    return found === undefined ? null : clone(found);
  }

  find(filter: MongoDoc, options: MongoFindOptions = {}): MongoCursorLike {
    this.database.finds.push({ collection: this.name, filter: clone(filter), options: clone(options) });
    let cursor = find([...this.docs.values()], filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    const items = cursor.all().map((doc) => clone(doc as MongoDoc));
    const database = this.database;
    const name = this.name;
    return {
      toArray: async () => items,
      // Iterated, it fetches `batchSize` documents per round trip, as the driver's cursor does (counted in `getMores`).
      async *[Symbol.asyncIterator](): AsyncGenerator<MongoDoc> {
        const size = options.batchSize ?? 101;
        for (let i = 0; i < items.length; i += size) {
          database.getMores.push({ collection: name, count: Math.min(size, items.length - i) });
          await Promise.resolve();
          yield* items.slice(i, i + size);
        }
      },
    };
  }

  async countDocuments(filter: MongoDoc): Promise<number> {
    return find([...this.docs.values()], filter).count();
  }

  async bulkWrite(operations: MongoWriteOperation[], options: { readonly ordered: false }): Promise<unknown> {
    if (options.ordered !== false) throw new Error('the adapter writes unordered');
    this.bulkCalls.push(clone(operations));
    this.database.log.push(`bulkWrite ${this.name}`);
    this.beforeBulk?.();
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.database.touch(this.name);
    const errors: FakeWriteError[] = [];
    operations.forEach((operation, index) => {
      if ('deleteOne' in operation) {
        const match = [...this.docs.values()].find((doc) => new Query(operation.deleteOne.filter).test(doc));
        if (match) this.docs.delete(match._id);
        return;
      }
      const { filter, replacement } = operation.replaceOne;
      const match = [...this.docs.values()].find((doc) => new Query(filter).test(doc));
      if (match) {
        this.docs.set(match._id, { ...clone(replacement), _id: match._id });
      } else if (this.docs.has(filter._id)) {
        errors.push({ index, code: 11000, errmsg: `E11000 duplicate key error collection: ${this.name} index: _id_` });
      } else {
        this.docs.set(filter._id, { ...clone(replacement), _id: filter._id });
      }
    });
    if (errors.length > 0)
      throw new FakeBulkWriteError(
        this.singleErrorShape && errors.length === 1 ? (errors[0] as FakeWriteError) : errors,
      );
    return { ok: 1 };
  }

  async updateOne(filter: MongoDoc, update: MongoDoc, options: { readonly upsert?: boolean } = {}): Promise<unknown> {
    this.database.log.push(`updateOne ${this.name}`);
    this.applyUpdate('updateOne', filter, update, options.upsert === true);
    return { ok: 1 };
  }

  async findOneAndUpdate(
    filter: MongoDoc,
    update: MongoDoc,
    options: { readonly upsert: boolean; readonly returnDocument: 'after' },
  ): Promise<MongoDoc | null> {
    if (options.returnDocument !== 'after') throw new Error('the adapter reads the document after the update');
    this.database.log.push(`findOneAndUpdate ${this.name}`);
    const updated = this.applyUpdate('findOneAndUpdate', filter, update, options.upsert);
    return updated === undefined ? null : clone(updated);
  }

  /**
   * One document updated atomically (the fake is single-threaded): `$set`, `$setOnInsert` (only
   * when the upsert inserts), `$inc` and `$max` (numbers, dates and strings, each compared as
   * MongoDB compares them). An upsert inserts `_id` from the filter.
   */
  private match(filter: MongoDoc): MongoDoc | undefined {
    const query = new Query(filter);
    for (const doc of this.docs.values()) if (query.test(doc)) return doc;
    return undefined;
  }

  /** Synchronous from the match to the write, so that concurrent callers cannot interleave (MongoDB updates one document atomically). */
  private applyUpdate(
    operation: 'updateOne' | 'findOneAndUpdate',
    filter: MongoDoc,
    update: MongoDoc,
    upsert: boolean,
  ): MongoDoc | undefined {
    if (this.failNextUpdate?.operation === operation) {
      const { error } = this.failNextUpdate;
      this.failNextUpdate = undefined;
      throw error;
    }
    const found = this.match(filter);
    const existing = found === undefined ? undefined : clone(found);
    if (!existing && !upsert) return undefined;
    this.database.touch(this.name);
    const next: MongoDoc = existing ?? { _id: filter._id };
    for (const [operator, fields] of Object.entries(update)) {
      for (const [field, value] of Object.entries(fields as MongoDoc)) {
        if (operator === '$set') next[field] = clone(value);
        else if (operator === '$setOnInsert') {
          if (!existing) next[field] = clone(value);
        } else if (operator === '$inc') next[field] = Number(next[field] ?? 0) + Number(value);
        else if (operator === '$max')
          next[field] = next[field] === undefined || compare(value, next[field]) > 0 ? clone(value) : next[field];
        else throw new Error(`fake does not support ${operator}`);
      }
    }
    this.docs.set(next._id, next);
    return next;
  }

  async deleteOne(filter: MongoDoc): Promise<unknown> {
    const match = await this.findOne(filter);
    if (match) this.docs.delete(match._id);
    return { ok: 1 };
  }

  async deleteMany(filter: MongoDoc): Promise<unknown> {
    const query = new Query(filter);
    for (const [id, doc] of [...this.docs]) if (query.test(doc)) this.docs.delete(id);
    return { ok: 1 };
  }

  async createIndex(
    keys: Record<string, 1 | -1>,
    options: { readonly expireAfterSeconds?: number } = {},
  ): Promise<string> {
    this.database.touch(this.name);
    this.indexes.push(clone(keys));
    this.indexOptions.push(clone(options));
    return Object.entries(keys)
      .map(([key, direction]) => `${key}_${direction}`)
      .join('_');
  }

  async drop(): Promise<unknown> {
    this.database.log.push(`drop ${this.name}`);
    if (!this.database.exists(this.name)) throw Object.assign(new Error('ns not found'), { code: 26 });
    this.database.remove(this.name);
    return true;
  }
}

export class FakeMongoDatabase implements MongoDatabaseLike {
  private readonly collections = new Map<string, FakeMongoCollection>();
  private readonly existing = new Set<string>();
  readonly log: string[] = [];
  readonly finds: { collection: string; filter: MongoDoc; options: MongoFindOptions }[] = [];
  /** Each batch an iterated cursor fetched, in order. */
  readonly getMores: { collection: string; count: number }[] = [];

  collection(name: string): FakeMongoCollection {
    let found = this.collections.get(name);
    if (!found) this.collections.set(name, (found = new FakeMongoCollection(this, name)));
    return found;
  }

  async collectionNamesStartingWith(prefix: string): Promise<string[]> {
    return [...this.existing].filter((name) => name.startsWith(prefix)).sort();
  }

  /** Collections created so far (a write or an index creates one, as in MongoDB). */
  names(): string[] {
    return [...this.existing].sort();
  }

  touch(name: string): void {
    this.existing.add(name);
  }

  exists(name: string): boolean {
    return this.existing.has(name);
  }

  remove(name: string): void {
    this.existing.delete(name);
    this.collections.delete(name);
  }
}
