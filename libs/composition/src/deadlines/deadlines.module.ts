import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CLOCK,
  Clock,
  CommandExecutor,
  CommandRejectedError,
  DeadlineTicker,
  DeadlineTimer,
  DeadlineTimerIndexer,
  EVENT_STORE,
  EventStore,
  TIMER_STORE,
  TimerStore,
  createCaseAggregates,
} from '@xj/application';
import { DomainConfig } from '@xj/domain';
import { createTimerStore } from '../adapters/adapter-selection';
import { AppConfig } from '../config/app-config';

const logger = new Logger('deadlines');

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const reportFiring = (error: unknown, timer?: DeadlineTimer): void => {
  const context = timer && { caseKind: timer.caseKind, caseId: timer.caseId, rule: timer.rule, dueOn: timer.dueOn };
  // A refusal is the case saying the deadline was met or moved meanwhile: the late timer is harmless.
  if (error instanceof CommandRejectedError) {
    logger.debug({ ...context, code: error.domainError.code }, 'deadline firing refused by the case');
  } else {
    logger.error({ ...context, err: message(error) }, 'deadline tick failed; the next tick retries');
  }
};

/**
 * The deadline timers (issue 15 §2): the index (TIMER_STORE, read by the API's overdue lists), the
 * indexer that keeps it in step with the cases from its own checkpoint, and the ticker that fires
 * due steps through the command path. Indexer and ticker run where the projections run
 * (config.runProjections: the embedded default, or the worker), and stop before the stores close.
 *
 * Needs EVENT_STORE and CLOCK from StoreModule, and the configuration.
 */
@Module({})
export class DeadlinesModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly runHere: boolean;

  constructor(
    private readonly indexer: DeadlineTimerIndexer,
    private readonly ticker: DeadlineTicker,
    @Inject(TIMER_STORE) private readonly store: TimerStore,
    config: ConfigService<AppConfig, true>,
  ) {
    this.runHere = config.get('runProjections', { infer: true });
  }

  /** `domainConfig` must be the one the API's deciders run with: they refuse a step their ladder does not hold due. */
  static forRoot(config: AppConfig, domainConfig: DomainConfig): DynamicModule {
    const aggregates = createCaseAggregates(domainConfig);
    return {
      module: DeadlinesModule,
      providers: [
        { provide: TIMER_STORE, useFactory: () => createTimerStore(config) },
        {
          provide: DeadlineTimerIndexer,
          useFactory: (events: EventStore, store: TimerStore) =>
            new DeadlineTimerIndexer(events, store, new CommandExecutor(events), aggregates, domainConfig, {
              onError: (error) =>
                logger.error({ err: message(error) }, 'deadline timer index failed; resuming from its checkpoint'),
            }),
          inject: [EVENT_STORE, TIMER_STORE],
        },
        {
          provide: DeadlineTicker,
          useFactory: (events: EventStore, store: TimerStore, clock: Clock) =>
            new DeadlineTicker(store, new CommandExecutor(events), aggregates, domainConfig, clock, {
              intervalMs: config.deadlineTickMs,
              onError: reportFiring,
            }),
          inject: [EVENT_STORE, TIMER_STORE, CLOCK],
        },
      ],
      exports: [TIMER_STORE, DeadlineTimerIndexer, DeadlineTicker],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.runHere) return;
    this.indexer.start();
    this.ticker.start();
  }

  /** The ticker first (it sends commands), then the indexer; both before the event store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.ticker.stop();
    await this.indexer.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
