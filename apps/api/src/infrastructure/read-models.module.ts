import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  CASE_PARTITIONED,
  CASE_PROJECTIONS,
  EVENT_STORE,
  EventStore,
  PartitionedRebuild,
  ProjectionRunner,
  READ_MODEL_FRESHNESS,
  READ_MODEL_STORE,
  ReadModelStore,
  RebuildStrategy,
} from '@xj/application';
import { EmbeddedPartitionWorkers } from '@xj/sqlite-rebuild';
import { READ_MODELS_DB_FILENAME, SqliteReadModelStore } from '@xj/sqlite-read-models';
import { AppConfig } from '../config/app-config';

export const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');

/**
 * MongoDB when MONGO_URL is set, else the embedded SQLite file beside the event store. The MongoDB
 * adapter (and mongoose with it) is loaded only when configured: the embedded default boots without it.
 */
export const createReadModelStore = async (config: AppConfig): Promise<ReadModelStore> => {
  if (config.mongoUrl) return (await import('@xj/mongo-read-models')).connectMongoReadModels(config.mongoUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadModelStore({ filename: join(config.dataDir, READ_MODELS_DB_FILENAME) });
};

/**
 * The case read models are built from position 0 case by case where the event store reads partitions
 * (the embedded one; EventStoreDB's are built in global order), and with both stores embedded a
 * large log spreads over the machine's cores (EmbeddedPartitionWorkers, over the files the two
 * factories open).
 */
export const caseRebuild = (config: AppConfig): RebuildStrategy =>
  new PartitionedRebuild(CASE_PARTITIONED, config.esdbUrl || config.mongoUrl ? {} : { workers: EmbeddedPartitionWorkers.inDataDir(config.dataDir) });

/**
 * Read models and the projection runner. The embedded default runs the projections in the API
 * process; the production layout sets RUN_PROJECTIONS=false on the stateless API replicas and runs
 * them in the worker (apps/worker), which uses this same module.
 */
@Global()
@Module({})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('projections');

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(RUN_PROJECTIONS) private readonly runProjections: boolean,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: RUN_PROJECTIONS, useValue: config.runProjections },
        { provide: READ_MODEL_STORE, useFactory: () => createReadModelStore(config) },
        {
          provide: ProjectionRunner,
          useFactory: (events: EventStore, store: ReadModelStore) => {
            const logger = new Logger('projections');
            return new ProjectionRunner(events, store, CASE_PROJECTIONS, {
              onError: (error, projection) => logger.warn({ projection, err: error instanceof Error ? error.message : String(error) }, 'projection error'),
              rebuildStrategy: caseRebuild(config),
            });
          },
          inject: [EVENT_STORE, READ_MODEL_STORE],
        },
        { provide: READ_MODEL_FRESHNESS, useExisting: ProjectionRunner },
      ],
      exports: [READ_MODEL_STORE, ProjectionRunner, READ_MODEL_FRESHNESS, RUN_PROJECTIONS],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runProjections) return;
    await this.runner.start();
    this.logger.log('projection runner started');
  }

  /** Stop feeding before the event store closes (StoreModule closes it on shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.runProjections) await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
