import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  READ_MODEL_PROJECTIONS,
  EVENT_STORE,
  EventStore,
  ProjectionRunner,
  READ_MODEL_FRESHNESS,
  READ_MODEL_STORE,
  ReadModelStore,
} from '@xj/application';
import { caseRebuild, createReadModelStore } from '../adapters/adapter-selection';
import { AppConfig } from '../config/app-config';

/**
 * Read models and the projection runner. The embedded default runs the projections in the API
 * process; the production layout sets RUN_PROJECTIONS=false on the stateless API replicas and runs
 * them in the worker (apps/worker), which uses this same module.
 */
@Global()
@Module({})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runProjections: boolean;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    config: ConfigService<AppConfig, true>,
  ) {
    this.runProjections = config.get('runProjections', { infer: true });
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_MODEL_STORE, useFactory: () => createReadModelStore(config) },
        {
          provide: ProjectionRunner,
          useFactory: (events: EventStore, store: ReadModelStore) => {
            const logger = new Logger('projections');
            return new ProjectionRunner(events, store, READ_MODEL_PROJECTIONS, {
              onError: (error, projection) =>
                logger.warn(
                  { projection, err: error instanceof Error ? error.message : String(error) },
                  'projection error',
                ),
              rebuildStrategy: caseRebuild(config),
            });
          },
          inject: [EVENT_STORE, READ_MODEL_STORE],
        },
        { provide: READ_MODEL_FRESHNESS, useExisting: ProjectionRunner },
      ],
      exports: [READ_MODEL_STORE, ProjectionRunner, READ_MODEL_FRESHNESS],
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
