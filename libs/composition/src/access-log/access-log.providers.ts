import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AccessLog, AccessLogArchiver, CLOCK, Clock, EVENT_STORE, EventStore } from '@xj/application';
import { AppConfig } from '../config/app-config';

/** On shutdown, appends the batch still waiting (the HTTP server has stopped taking requests by then). */
@Injectable()
export class AccessLogHost implements OnApplicationShutdown {
  constructor(private readonly log: AccessLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}

/**
 * Archives access-log segments past retention every ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES, first a
 * minute after start: where the background work runs (the embedded default, the worker), never on
 * stateless API replicas. A run in progress makes the next one skip; the timers keep nothing alive.
 */
@Injectable()
export class AccessLogArchiveHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('access-log-archive');
  private readonly archiver: AccessLogArchiver;
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    this.archiver = new AccessLogArchiver(store, clock, config.get('accessLog', { infer: true }));
  }

  onApplicationBootstrap(): void {
    if (!this.config.get('runProjections', { infer: true })) return;
    const run = (): void => void this.runOnce();
    const intervalMinutes = this.config.get('accessLog.archiveIntervalMinutes', { infer: true });
    this.timers = [setTimeout(run, 60_000), setInterval(run, intervalMinutes * 60_000)];
    this.timers.forEach((timer) => timer.unref());
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    await this.running;
  }

  /** One run now; never rejects (a failure is logged and the next run tries again). */
  runOnce(): Promise<void> {
    this.running ??= this.archiver
      .archiveDue()
      .then(
        (run) => {
          if (run.archived.length > 0)
            this.logger.log({ archived: run.archived, cutoffDay: run.cutoffDay }, 'access-log segments archived');
          for (const problem of run.problems) this.logger.error({ problem }, 'access-log segment not archived');
        },
        (error: unknown) => this.logger.error({ err: error }, 'access-log archiving failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}

/** The access log (ACCESS_LOG_*: writer id and batching), its flush at shutdown and its archiving. */
export const accessLogProviders = (config: AppConfig): Provider[] => [
  {
    provide: AccessLog,
    useFactory: (store: EventStore, clock: Clock) =>
      new AccessLog(store, clock, { writer: config.accessLog.writer, flushMs: config.accessLog.flushMs }),
    inject: [EVENT_STORE, CLOCK],
  },
  AccessLogHost,
  AccessLogArchiveHost,
];
