/**
 * The part of the MongoDB driver the adapter uses, narrowed so that the mapping logic can be
 * unit-tested against an in-memory fake (mongo-read-model-store.spec.ts). The real one is the
 * driver under mongoose's connection (see mongo-connection.ts).
 */
export type MongoDoc = Record<string, unknown>;

export type MongoWriteOperation =
  | { readonly replaceOne: { readonly filter: MongoDoc; readonly replacement: MongoDoc; readonly upsert: true } }
  | { readonly deleteOne: { readonly filter: MongoDoc } };

export interface MongoFindOptions {
  readonly sort?: Record<string, 1 | -1>;
  readonly skip?: number;
  readonly limit?: number;
  /** Documents per round trip of a cursor (the driver's default is 101 first, then 16 MiB worth). */
  readonly batchSize?: number;
}

/** A driver cursor: read whole, or iterated (documents fetched from the server a batch at a time). */
export interface MongoCursorLike extends AsyncIterable<MongoDoc> {
  toArray(): Promise<MongoDoc[]>;
}

export interface MongoCollectionLike {
  findOne(filter: MongoDoc): Promise<MongoDoc | null>;
  find(filter: MongoDoc, options?: MongoFindOptions): MongoCursorLike;
  countDocuments(filter: MongoDoc): Promise<number>;
  /** With `ordered: false`, every operation is tried; failures come back together in one error. */
  bulkWrite(operations: MongoWriteOperation[], options: { readonly ordered: false }): Promise<unknown>;
  updateOne(filter: MongoDoc, update: MongoDoc, options?: { readonly upsert?: boolean }): Promise<unknown>;
  /** The document after the update (`returnDocument: 'after'`), or null when none matched and none was inserted. */
  findOneAndUpdate(
    filter: MongoDoc,
    update: MongoDoc,
    options: { readonly upsert: boolean; readonly returnDocument: 'after' },
  ): Promise<MongoDoc | null>;
  deleteOne(filter: MongoDoc): Promise<unknown>;
  deleteMany(filter: MongoDoc): Promise<unknown>;
  createIndex(keys: Record<string, 1 | -1>, options?: { readonly expireAfterSeconds?: number }): Promise<string>;
  drop(): Promise<unknown>;
}

export interface MongoDatabaseLike {
  collection(name: string): MongoCollectionLike;
  /** Names of the existing collections that start with `prefix`. */
  collectionNamesStartingWith(prefix: string): Promise<string[]>;
}
