import { BeforeApplicationShutdown, DynamicModule, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CommandExecutor,
  CommandRejectedError,
  DeadlineRecomputeProcess,
  EVENT_STORE,
  EventStore,
  ProjectionRunner,
  READ_MODEL_STORE,
  ReadModelStore,
  RecomputeFailureContext,
  WORKFLOWS,
  WorkflowFailureContext,
  WorkflowProcessor,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig, Workflow } from '@xj/domain';
import { CalendarWiring } from '../calendar/calendar.module';
import { AppConfig } from '../config/app-config';
import { workflowsOf } from './workflows';

const logger = new Logger('workflows');
const recomputeLogger = new Logger('deadline-recompute');

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

const reportRecompute = (error: unknown, context?: RecomputeFailureContext): void => {
  if (error instanceof CommandRejectedError) {
    recomputeLogger.log(
      { ...context, code: error.domainError.code },
      'deadline not recomputed: refused by the domain (met, paused or recounted meanwhile)',
    );
  } else {
    recomputeLogger.error(
      { ...context, err: error instanceof Error ? error.message : String(error) },
      'deadline recompute failed; resuming from its checkpoint',
    );
  }
};

/**
 * The durable workflows (libs/domain/src/workflow), run by one WorkflowProcessor, and beside it the
 * recount of provisional deadlines (DeadlineRecomputeProcess, issue 15 §4). Both run where the
 * projections run (config.runProjections: the embedded default, or the worker), fed by event-store
 * subscriptions that keep their checkpoints in the read-model store; a stateless API replica leaves
 * them to the worker. Several processors at once act once (deterministic command ids).
 *
 * The recount is not a workflow: one HolidayYearSet fans out to every case the provisional-deadline
 * index names, and each case's open deadlines come from loading the case with a refreshed calendar;
 * a workflow routes each event to one instance and decides from its own stored state.
 *
 * Needs EVENT_STORE and READ_MODEL_STORE from StoreModule and ReadModelsModule, ProjectionRunner from
 * ReadModelsModule (the index's read-your-writes), and the configuration.
 */
@Module({})
export class ProcessesModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runHere: boolean;

  constructor(
    private readonly processor: WorkflowProcessor,
    private readonly recomputeProcess: DeadlineRecomputeProcess,
    config: ConfigService<AppConfig, true>,
  ) {
    this.runHere = config.get('runProjections', { infer: true });
  }

  /**
   * `calendar` is the process's calendar: the deciders here run with its DomainConfig (the one the
   * API's deciders run with) unless `domainConfig` is given, and the recount refreshes it.
   */
  static forRoot(calendar: CalendarWiring, domainConfig: DomainConfig = calendar.domainConfig): DynamicModule {
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
        {
          provide: DeadlineRecomputeProcess,
          useFactory: (events: EventStore, store: ReadModelStore, projections: ProjectionRunner) =>
            new DeadlineRecomputeProcess(
              events,
              store,
              new CommandExecutor(events),
              createCaseAggregates(domainConfig),
              calendar.attach(events),
              projections,
              { onError: reportRecompute },
            ),
          inject: [EVENT_STORE, READ_MODEL_STORE, ProjectionRunner],
        },
      ],
      exports: [WorkflowProcessor, DeadlineRecomputeProcess],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.runHere) return;
    this.processor.start();
    this.recomputeProcess.start();
  }

  /** Stop before the stores close (they close on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
    await this.recomputeProcess.stop();
  }
}
