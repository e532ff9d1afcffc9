import { BeforeApplicationShutdown, DynamicModule, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CommandExecutor,
  CommandRejectedError,
  DeadlineRecomputeProcess,
  EVENT_STORE,
  EventStore,
  PlanFailureContext,
  ProjectionRunner,
  READ_MODEL_STORE,
  ReadModelStore,
  RecomputeFailureContext,
  RectificationPlanProcessManager,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig } from '@xj/domain';
import { CalendarWiring } from '../calendar/calendar.module';
import { AppConfig } from '../config/app-config';

const logger = new Logger('rectification-plan');
const recomputeLogger = new Logger('deadline-recompute');

const reportRecompute = (error: unknown, context?: RecomputeFailureContext): void => {
  if (error instanceof CommandRejectedError) {
    recomputeLogger.log(
      { ...context, code: error.domainError.code },
      'deadline not recomputed: refused by the domain (met or recounted meanwhile)',
    );
  } else {
    recomputeLogger.error(
      { ...context, err: error instanceof Error ? error.message : String(error) },
      'deadline recompute failed; resuming from its checkpoint',
    );
  }
};

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
      exports: [RectificationPlanProcessManager, DeadlineRecomputeProcess],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.runHere) return;
    this.planProcess.start();
    this.recomputeProcess.start();
  }

  /** Stop before the stores close (they close on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.planProcess.stop();
    await this.recomputeProcess.stop();
  }
}
