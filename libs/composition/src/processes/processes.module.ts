import { BeforeApplicationShutdown, DynamicModule, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CommandExecutor,
  CommandRejectedError,
  EVENT_STORE,
  EventStore,
  PlanFailureContext,
  READ_MODEL_STORE,
  ReadModelStore,
  RectificationPlanProcessManager,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig, createDomainConfig } from '@xj/domain';
import { AppConfig } from '../config/app-config';

const logger = new Logger('rectification-plan');

const report = (error: unknown, context?: PlanFailureContext): void => {
  if (error instanceof CommandRejectedError) {
    logger.warn(
      { ...context, code: error.domainError.code, err: error.message },
      'plan item not assigned: refused by the domain',
    );
  } else {
    logger.error(
      { ...context, err: error instanceof Error ? error.message : String(error) },
      'rectification plan process failed; resuming from its checkpoint',
    );
  }
};

/**
 * The durable process managers. They run where the projections run (config.runProjections: the
 * embedded default, or the worker), fed by event-store subscriptions that keep their checkpoint
 * in the read-model store; a stateless API replica leaves them to the worker.
 *
 * Needs EVENT_STORE and READ_MODEL_STORE from StoreModule and ReadModelsModule, and the configuration.
 */
@Module({})
export class ProcessesModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runHere: boolean;

  constructor(
    private readonly planProcess: RectificationPlanProcessManager,
    config: ConfigService<AppConfig, true>,
  ) {
    this.runHere = config.get('runProjections', { infer: true });
  }

  /** `domainConfig` must be the one the API's deciders run with (both default to createDomainConfig()). */
  static forRoot(domainConfig: DomainConfig = createDomainConfig()): DynamicModule {
    return {
      module: ProcessesModule,
      providers: [
        {
          provide: RectificationPlanProcessManager,
          useFactory: (events: EventStore, store: ReadModelStore) =>
            new RectificationPlanProcessManager(
              events,
              store,
              new CommandExecutor(events),
              createCaseAggregates(domainConfig),
              { onError: report },
            ),
          inject: [EVENT_STORE, READ_MODEL_STORE],
        },
      ],
      exports: [RectificationPlanProcessManager],
    };
  }

  onApplicationBootstrap(): void {
    if (this.runHere) this.planProcess.start();
  }

  /** Stop before the stores close (they close on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.planProcess.stop();
  }
}
