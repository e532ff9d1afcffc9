/**
 * `@xj/mongo-read-models` — the MongoDB read-model store and login-attempt counters (the only
 * importer of mongoose): the stores, how the composition roots connect them, and the narrow
 * driver types their fake (@xj/testing/fake-mongo-database) implements.
 */
export { MongoReadModelStore } from './mongo-read-model-store';
export { MongoAttemptCounterStore } from './mongo-attempt-counter-store';
export { MongoTimerStore } from './mongo-timer-store';
export { MongoBlobStore } from './mongo-blob-store';
export type { GridFsBucketLike, GridFsFileLike, GridFsFilter } from './mongo-blob-store';
export {
  connectMongoAttemptCounters,
  connectMongoBlobStore,
  connectMongoReadModels,
  connectMongoTimerStore,
} from './mongo-connection';
export type { MongoReadModelsOptions } from './mongo-connection';
export type {
  MongoCollectionLike,
  MongoCursorLike,
  MongoDatabaseLike,
  MongoDoc,
  MongoFindOptions,
  MongoWriteOperation,
} from './mongo-database';
