import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  BreachPhase,
  CheckpointKeeper,
  CheckpointScheduler,
  CLOCK,
  Clock,
  EVENT_STORE,
  EventStore,
  IntegrityBreaches,
  IntegrityService,
  KeeperOutcome,
} from '@xj/application';
import { AppConfig } from '../config/app-config';

/** How often each process re-reads the breach stream: a breach recorded elsewhere takes effect within this. */
export const BREACH_REFRESH_MS = 2000;

/** Every process (API replicas, worker) loads the breaches before serving, then follows the stream. */
@Injectable()
export class BreachWatchHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('integrity');

  constructor(private readonly breaches: IntegrityBreaches) {}

  async onApplicationBootstrap(): Promise<void> {
    const failed = (error: unknown): void => this.logger.warn({ err: error }, 'cannot read the integrity breaches');
    // Readiness says `integrity_unknown` until a read succeeds; the timer keeps trying.
    await this.breaches.refresh().catch(failed);
    this.breaches.watch(BREACH_REFRESH_MS, failed);
  }

  onApplicationShutdown(): void {
    this.breaches.stopWatching();
  }
}

/**
 * Where the background work runs (the embedded default, the worker): verifies the store against
 * the newest signed checkpoint at start-up — in the background, so the API listens meanwhile —
 * then signs a checkpoint on the interval, after an acknowledgement, and at graceful shutdown
 * (bounded by CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS: a walk of a large store must not hold the
 * shutdown up; the next start verifies what it did not cover).
 */
@Injectable()
export class CheckpointKeeperHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly scheduler: CheckpointScheduler;
  private readonly shutdownTimeoutSeconds: number;
  private readonly stopWatchingAcknowledgements: () => void;
  private stopping = false;
  private startupDone!: () => void;
  /** Resolves when the start-up verification (and its checkpoint) is done, or was skipped by a shutdown. */
  readonly startedUp = new Promise<void>((resolve) => (this.startupDone = resolve));

  constructor(
    private readonly keeper: CheckpointKeeper,
    breaches: IntegrityBreaches,
    config: ConfigService<AppConfig, true>,
  ) {
    this.shutdownTimeoutSeconds = config.get('integrity.shutdownTimeoutSeconds', { infer: true });
    this.scheduler = new CheckpointScheduler(keeper, config.get('integrity.intervalMinutes', { infer: true }));
    // The next checkpoint is signed once the last open breach is acknowledged.
    this.stopWatchingAcknowledgements = breaches.onChange((open) => {
      if (open.length === 0)
        void this.keeper.run('acknowledged', { record: true, skipUnchanged: false }).catch(() => undefined);
    });
  }

  onApplicationBootstrap(): void {
    // After the listen that follows bootstrap: the walk yields between pages, but starts later still.
    setImmediate(() => {
      if (this.stopping) this.startupDone();
      else void this.keeper.startUp().finally(this.startupDone);
    });
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.stopWatchingAcknowledgements();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.shutdownTimeoutSeconds * 1000);
    });
    const signing = (async () => {
      await this.scheduler.stop();
      await this.keeper.run('shutdown', { record: true, skipUnchanged: true });
      return 'done' as const;
    })().catch(() => 'failed' as const);
    const result = await Promise.race([signing, timeout]);
    clearTimeout(timer);
    if (result === 'timeout')
      new Logger('checkpoints').warn(
        { seconds: this.shutdownTimeoutSeconds },
        'shutdown checkpoint not finished in time: left for the next start to verify',
      );
  }
}

/** One log line per run, saying what it came to. */
const logOutcome =
  (logger: Logger) =>
  (phase: BreachPhase, outcome: KeeperOutcome): void => {
    switch (outcome.kind) {
      case 'signed':
        logger.log(
          {
            phase,
            checkpoint: outcome.id,
            globalPosition: outcome.signed.checkpoint.globalPosition,
            keyId: outcome.signed.checkpoint.keyId,
          },
          'checkpoint signed',
        );
        return;
      case 'unchanged':
        logger.log(
          { phase, checkedEvents: outcome.report.checkedEvents },
          'store verified against the newest checkpoint; nothing new to sign',
        );
        return;
      case 'suspended':
        logger.warn(
          { phase, breaches: outcome.breaches.map((b) => b.breachId) },
          'no checkpoint signed: an integrity breach is unacknowledged',
        );
        return;
      case 'breach':
        logger.error(
          { phase, breach: outcome.breach?.breachId, problem: outcome.report.firstProblem },
          'INTEGRITY BREACH: the store does not verify against the newest checkpoint; writes suspended',
        );
        return;
      case 'refused':
        logger.warn(
          { phase, problem: outcome.error.problem },
          'no checkpoint signed: the acknowledged breach left a chain broken',
        );
        return;
      default: {
        const never: never = outcome;
        return never;
      }
    }
  };

/**
 * The integrity slice's providers, for the API and the worker: keys and checkpoint files as
 * configured (config.integrity, from the CHECKPOINT_* variables).
 */
export const integrityProviders = (config: AppConfig): Provider[] => [
  {
    provide: IntegrityService,
    useFactory: (store: EventStore, clock: Clock) => IntegrityService.fromConfig(store, clock, config.integrity),
    inject: [EVENT_STORE, CLOCK],
  },
  {
    provide: IntegrityBreaches,
    useFactory: (store: EventStore, clock: Clock) => new IntegrityBreaches(store, clock),
    inject: [EVENT_STORE, CLOCK],
  },
  {
    provide: CheckpointKeeper,
    useFactory: (integrity: IntegrityService, breaches: IntegrityBreaches) => {
      const logger = new Logger('checkpoints');
      return new CheckpointKeeper(integrity, breaches, {
        onOutcome: logOutcome(logger),
        onError: (phase, error) => logger.error({ phase, err: error }, 'checkpoint run failed'),
      });
    },
    inject: [IntegrityService, IntegrityBreaches],
  },
  BreachWatchHost,
  // Start-up verification and signing belong with the other background work: where this process
  // runs the projections (the embedded default, the worker), not on stateless API replicas.
  ...(config.runProjections ? [CheckpointKeeperHost] : []),
];
