import { BeforeApplicationShutdown, DynamicModule, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CommandExecutor,
  CommandRejectedError,
  EVENT_STORE,
  EventStore,
  READ_MODEL_STORE,
  ReadModelStore,
  WORKFLOWS,
  WorkflowFailureContext,
  WorkflowProcessor,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig, Workflow, createDomainConfig } from '@xj/domain';
import { AppConfig } from '../config/app-config';
import { workflowsOf } from './workflows';

const logger = new Logger('workflows');

const report = (error: unknown, context?: WorkflowFailureContext): void => {
  if (error instanceof CommandRejectedError) {
    logger.warn(
      { ...context, code: error.domainError.code, err: error.message },
      'workflow command refused by the domain',
    );
  } else {
    logger.error(
      { ...context, err: error instanceof Error ? error.message : String(error) },
      'workflow processor failed; resuming from its checkpoints',
    );
  }
};

/**
 * The durable workflows (libs/domain/src/workflow), run by one WorkflowProcessor where the
 * projections run (config.runProjections: the embedded default, or the worker), fed by an
 * event-store subscription that keeps its checkpoints in the read-model store; a stateless API
 * replica leaves them to the worker. Several processors at once act once (see WorkflowProcessor).
 *
 * Needs EVENT_STORE and READ_MODEL_STORE from StoreModule and ReadModelsModule, and the configuration.
 */
@Module({})
export class ProcessesModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runHere: boolean;

  constructor(
    private readonly processor: WorkflowProcessor,
    config: ConfigService<AppConfig, true>,
  ) {
    this.runHere = config.get('runProjections', { infer: true });
  }

  /** `domainConfig` must be the one the API's deciders run with (both default to createDomainConfig()). */
  static forRoot(domainConfig: DomainConfig = createDomainConfig()): DynamicModule {
    return {
      module: ProcessesModule,
      providers: [
        { provide: WORKFLOWS, useValue: workflowsOf(domainConfig) },
        {
          provide: WorkflowProcessor,
          useFactory: (events: EventStore, store: ReadModelStore, workflows: readonly Workflow<unknown>[]) =>
            new WorkflowProcessor(
              events,
              store,
              new CommandExecutor(events),
              createCaseAggregates(domainConfig),
              workflows,
              { onError: report },
            ),
          inject: [EVENT_STORE, READ_MODEL_STORE, WORKFLOWS],
        },
      ],
      exports: [WorkflowProcessor],
    };
  }

  onApplicationBootstrap(): void {
    if (this.runHere) this.processor.start();
  }

  /** Stop before the stores close (they close on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
  }
}
