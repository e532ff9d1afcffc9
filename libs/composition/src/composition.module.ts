import { DynamicModule, Module } from '@nestjs/common';
import { AccessLog, CheckpointKeeper, Clock, EventStore, IntegrityBreaches, IntegrityService } from '@xj/application';
import { DomainConfig, createDomainConfig } from '@xj/domain';
import { LoggerModule } from 'nestjs-pino';
import { accessLogProviders } from './access-log/access-log.providers';
import { AppConfig } from './config/app-config';
import { configurationModule } from './config/configuration.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { integrityProviders } from './integrity/integrity.providers';
import { pinoOptions } from './logging/logging.options';
import { ProcessesModule } from './processes/processes.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { StoreModule } from './store/store.module';

export interface CompositionOptions {
  /** An event store to use instead of the configured one (tests). */
  readonly eventStore?: EventStore;
  /** The configuration the deciders run with: the process managers must decide as the API does. */
  readonly domainConfig?: DomainConfig;
  /** The clock of the commands and the deadline ticker (tests move it; default the system clock). */
  readonly clock?: Clock;
}

/**
 * What every long-running entry point (the API, the worker) runs on, wired once: the typed
 * configuration, the event store and read models chosen by it, the projections and process
 * managers, the deadline timers, integrity (breach watch; start-up, scheduled and shutdown checkpoints), the access log
 * and its archiving, and the JSON logger. Where `config.runProjections` is false (stateless API
 * replicas) the background work stays off.
 *
 * Not global: its hooks run after the root module's and before the stores (global modules) close,
 * so the shutdown checkpoint and the last access-log batch still reach the event store.
 */
@Module({})
export class CompositionModule {
  static forRoot(config: AppConfig, options: CompositionOptions = {}): DynamicModule {
    const domainConfig = options.domainConfig ?? createDomainConfig();
    return {
      module: CompositionModule,
      imports: [
        configurationModule(config),
        StoreModule.forRoot(config, options.eventStore, options.clock),
        ReadModelsModule.forRoot(config),
        ProcessesModule.forRoot(domainConfig),
        DeadlinesModule.forRoot(config, domainConfig),
        LoggerModule.forRoot(pinoOptions(config.logLevel)),
      ],
      providers: [...integrityProviders(config), ...accessLogProviders(config)],
      exports: [IntegrityService, IntegrityBreaches, CheckpointKeeper, AccessLog, ProcessesModule, DeadlinesModule],
    };
  }
}
