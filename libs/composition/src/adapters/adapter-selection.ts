import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  AttemptCounterStore,
  CASE_PARTITIONED,
  EventStore,
  PartitionedRebuild,
  ReadModelStore,
  RebuildStrategy,
  TimerStore,
  systemClock,
} from '@xj/application';
import { SqliteEventStore, sqliteEventStoreFilename } from '@xj/sqlite-event-store';
import { EmbeddedPartitionWorkers } from '@xj/sqlite-rebuild';
import {
  ATTEMPTS_DB_FILENAME,
  SqliteAttemptCounterStore,
  SqliteReadModelStore,
  SqliteTimerStore,
  TIMERS_DB_FILENAME,
  sqliteReadModelsFilename,
} from '@xj/sqlite-read-models';
import { AppConfig } from '../config/app-config';

// Which adapter each port gets, by configuration: EventStoreDB when ESDB_URL is set, MongoDB when
// MONGO_URL is, else the embedded SQLite files in DATA_DIR. The production adapters (and their
// drivers, gRPC and mongoose, which take longer to load than the rest of the embedded default's
// boot path) are loaded only when configured: a spec holds the embedded default to that.

type StoreConfig = Pick<AppConfig, 'dataDir' | 'esdbUrl' | 'mongoUrl'> & Partial<Pick<AppConfig, 'cryptoSuite'>>;

const esdbAdapter = (): typeof import('@xj/esdb-event-store') =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, synchronously (callers expect a store, not a promise)
  require('@xj/esdb-event-store') as typeof import('@xj/esdb-event-store');

/**
 * The event store: EventStoreDB when ESDB_URL is set, else `$DATA_DIR/events.sqlite`, with the
 * configured crypto suite. The embedded store records its suite and refuses another; EventStoreDB
 * takes the configured one as is (recording it there is not done yet: see the README).
 */
export const createEventStore = (config: StoreConfig): EventStore => {
  const cryptoSuite = config.cryptoSuite;
  if (config.esdbUrl) return esdbAdapter().EsdbEventStore.connect(config.esdbUrl, { cryptoSuite });
  return new SqliteEventStore({ filename: sqliteEventStoreFilename(config.dataDir), clock: systemClock, cryptoSuite });
};

/** The read models: MongoDB when MONGO_URL is set, else `$DATA_DIR/read-models.sqlite` beside the event store. */
export const createReadModelStore = async (config: StoreConfig): Promise<ReadModelStore> => {
  if (config.mongoUrl) return (await import('@xj/mongo-read-models')).connectMongoReadModels(config.mongoUrl);
  return new SqliteReadModelStore({ filename: sqliteReadModelsFilename(config.dataDir) });
};

/**
 * The login counters where every API replica sees them: MongoDB when MONGO_URL is set (the
 * production layout), else `$DATA_DIR/login-attempts.sqlite`.
 */
export const createAttemptCounterStore = async (config: StoreConfig): Promise<AttemptCounterStore> => {
  if (config.mongoUrl) return (await import('@xj/mongo-read-models')).connectMongoAttemptCounters(config.mongoUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteAttemptCounterStore({ filename: join(config.dataDir, ATTEMPTS_DB_FILENAME) });
};

/**
 * The deadline timer index: MongoDB when MONGO_URL is set (the worker's ticker and every API
 * replica's 督办 lists share it), else `$DATA_DIR/deadline-timers.sqlite`.
 */
export const createTimerStore = async (config: StoreConfig): Promise<TimerStore> => {
  if (config.mongoUrl) return (await import('@xj/mongo-read-models')).connectMongoTimerStore(config.mongoUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteTimerStore({ filename: join(config.dataDir, TIMERS_DB_FILENAME) });
};

/**
 * The case read models are built from position 0 case by case where the event store reads partitions
 * (the embedded one; EventStoreDB's are built in global order), and with both stores embedded a
 * large log spreads over the machine's cores (EmbeddedPartitionWorkers, over the files the two
 * factories above open). The API, the worker and the CLI's rebuild use this one strategy.
 */
export const caseRebuild = (config: StoreConfig): RebuildStrategy =>
  new PartitionedRebuild(
    CASE_PARTITIONED,
    config.esdbUrl || config.mongoUrl ? {} : { workers: EmbeddedPartitionWorkers.inDataDir(config.dataDir) },
  );
