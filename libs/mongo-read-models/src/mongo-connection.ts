import mongoose from 'mongoose';
import type { BlobHashAlgorithm } from '@xj/application';
import { MongoCollectionLike, MongoDatabaseLike } from './mongo-database';
import { MongoAttemptCounterStore } from './mongo-attempt-counter-store';
import { GridFsBucketLike, MongoBlobStore } from './mongo-blob-store';
import { MongoReadModelStore } from './mongo-read-model-store';
import { MongoTimerStore } from './mongo-timer-store';

export interface MongoReadModelsOptions {
  /** Database to use instead of the one named in the URL (tests use one per run). */
  readonly dbName?: string;
  /** Default 10 s. */
  readonly serverSelectionTimeoutMs?: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The driver database under a mongoose connection, seen through the adapter's narrow interface. */
export const mongooseDatabase = (connection: mongoose.Connection): MongoDatabaseLike => {
  const db = connection.db;
  if (!db) throw new Error('The MongoDB connection is not open.');
  return {
    collection: (name): MongoCollectionLike => db.collection(name),
    collectionNamesStartingWith: async (prefix) =>
      (await db.listCollections({ name: { $regex: `^${escapeRegExp(prefix)}` } }, { nameOnly: true }).toArray()).map(
        (info) => info.name,
      ),
  };
};

/** Opens a mongoose connection to `url` (MONGO_URL) and the read-model store over it. */
export const connectMongoReadModels = async (
  url: string,
  options: MongoReadModelsOptions = {},
): Promise<MongoReadModelStore> => {
  const connection = await mongoose
    .createConnection(url, {
      ...(options.dbName ? { dbName: options.dbName } : {}),
      autoIndex: false,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    })
    .asPromise();
  return new MongoReadModelStore(mongooseDatabase(connection), () => connection.close());
};

/**
 * The login-attempt counters in the database at `url` (MONGO_URL), on a small connection of their
 * own: only API replicas that issue tokens open it, and logins are few.
 */
export const connectMongoAttemptCounters = async (
  url: string,
  options: MongoReadModelsOptions = {},
): Promise<MongoAttemptCounterStore> => {
  const connection = await mongoose
    .createConnection(url, {
      ...(options.dbName ? { dbName: options.dbName } : {}),
      autoIndex: false,
      maxPoolSize: 5,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    })
    .asPromise();
  return new MongoAttemptCounterStore(mongooseDatabase(connection), () => connection.close());
};

/** The deadline timer index in the database at `url` (MONGO_URL): read by the worker's ticker and the API's 督办 lists. */
export const connectMongoTimerStore = async (
  url: string,
  options: MongoReadModelsOptions = {},
): Promise<MongoTimerStore> => {
  const connection = await mongoose
    .createConnection(url, {
      ...(options.dbName ? { dbName: options.dbName } : {}),
      autoIndex: false,
      maxPoolSize: 10,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    })
    .asPromise();
  return new MongoTimerStore(mongooseDatabase(connection), () => connection.close());
};

/** The evidence blobs in GridFS in the database at `url` (MONGO_URL), through the driver mongoose bundles. */
export const connectMongoBlobStore = async (
  url: string,
  options: MongoReadModelsOptions & { readonly bucketName?: string; readonly algorithm?: BlobHashAlgorithm } = {},
): Promise<MongoBlobStore> => {
  const connection = await mongoose
    .createConnection(url, {
      ...(options.dbName ? { dbName: options.dbName } : {}),
      autoIndex: false,
      maxPoolSize: 10,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    })
    .asPromise();
  const db = connection.db;
  if (!db) throw new Error('The MongoDB connection is not open.');
  const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: options.bucketName ?? 'evidence' });
  return new MongoBlobStore(bucket as unknown as GridFsBucketLike, () => connection.close(), options.algorithm);
};
