import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { CheckpointScheduler, CLOCK, Clock, EVENT_STORE, EventStore, IntegrityConfig, IntegrityService, loadIntegrityConfig } from '@xj/application';
import { AppConfig } from '../config/app-config';
import { IntegrityController } from './integrity.controller';

export const INTEGRITY_CONFIG = Symbol('INTEGRITY_CONFIG');

/** Signs a checkpoint every CHECKPOINT_INTERVAL_MINUTES while the API runs. */
@Injectable()
export class CheckpointSchedulerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('checkpoints');
  private readonly scheduler: CheckpointScheduler;

  constructor(integrity: IntegrityService, @Inject(INTEGRITY_CONFIG) config: IntegrityConfig) {
    this.scheduler = new CheckpointScheduler(integrity, config.intervalMinutes, {
      onSigned: (id, signed) => this.logger.log({ checkpoint: id, globalPosition: signed.checkpoint.globalPosition, keyId: signed.checkpoint.keyId }, 'checkpoint signed'),
      onError: (error) => this.logger.error({ err: error }, 'checkpoint signing failed'),
    });
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}

export const INTEGRITY_CONTROLLERS = [IntegrityController];

/**
 * The integrity slice's providers. Key and checkpoint files live under the API's data
 * directory; the CHECKPOINT_* settings come from `env` (see loadIntegrityConfig).
 */
export const integrityProviders = (config: AppConfig, env: NodeJS.ProcessEnv = process.env): Provider[] => [
  { provide: INTEGRITY_CONFIG, useValue: loadIntegrityConfig({ ...env, DATA_DIR: config.dataDir }) },
  {
    provide: IntegrityService,
    useFactory: (store: EventStore, clock: Clock, integrity: IntegrityConfig) => IntegrityService.fromConfig(store, clock, integrity),
    inject: [EVENT_STORE, CLOCK, INTEGRITY_CONFIG],
  },
  // Periodic signing belongs with the other background work: where this process runs the
  // projections (the embedded default, the worker), not on stateless API replicas.
  ...(config.runProjections ? [CheckpointSchedulerHost] : []),
];
