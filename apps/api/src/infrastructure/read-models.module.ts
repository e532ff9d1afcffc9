import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  CASE_PROJECTIONS,
  EVENT_STORE,
  EventStore,
  ProjectionRunner,
  READ_MODEL_FRESHNESS,
  READ_MODEL_STORE,
  ReadModelStore,
} from '@xj/application';
import { EVENTS_DB_FILENAME } from '@xj/sqlite-event-store';
import { READ_MODELS_DB_FILENAME, SqliteReadModelStore } from '@xj/sqlite-read-models';
import { AppConfig } from '../config/app-config';
import { EmbeddedPartitionWorkers } from './partition-workers';

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
 * Both stores embedded: a build from position 0 of a large log spreads over the machine's cores
 * (see EmbeddedPartitionWorkers). The stores' files are the ones the two factories open.
 */
export const embeddedPartitionWorkers = (config: AppConfig): { partitionWorkers: EmbeddedPartitionWorkers } | undefined =>
  config.esdbUrl || config.mongoUrl
    ? undefined
    : {
        partitionWorkers: new EmbeddedPartitionWorkers({
          eventsFile: join(config.dataDir, EVENTS_DB_FILENAME),
          readModelsFile: join(config.dataDir, READ_MODELS_DB_FILENAME),
        }),
      };

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
              ...(embeddedPartitionWorkers(config) ?? {}),
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
