import { DynamicModule, Module } from '@nestjs/common';
import {
  AccessLog,
  CheckpointKeeper,
  Clock,
  EventStore,
  IntegrityBreaches,
  IntegrityService,
  TransferPackages,
} from '@xj/application';
import { DomainConfig } from '@xj/domain';
import { CalendarModule, CalendarWiring } from './calendar/calendar.module';
import { LoggerModule } from 'nestjs-pino';
import { accessLogProviders } from './access-log/access-log.providers';
import { AppConfig } from './config/app-config';
import { configurationModule } from './config/configuration.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvidenceModule } from './evidence/evidence.module';
import { integrityProviders } from './integrity/integrity.providers';
import { pinoOptions } from './logging/logging.options';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ProcessesModule } from './processes/processes.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { StoreModule } from './store/store.module';
import { transferPackagesProviders } from './transfer/transfer-packages.providers';

export interface CompositionOptions {
  /** An event store to use instead of the configured one (tests). */
  readonly eventStore?: EventStore;
  /** The configuration the deciders run with: the workflows must decide as the API does. */
  readonly domainConfig?: DomainConfig;
  /** The process's calendar (the API passes the one its deciders read through); made from config if absent. */
  readonly calendar?: CalendarWiring;
  /** The clock of the commands and the deadline ticker (tests move it; default the system clock). */
  readonly clock?: Clock;
}

/**
 * What every long-running entry point (the API, the worker) runs on, wired once: the typed
 * configuration, the event store and read models chosen by it, the projections and process
 * managers, the calendar (following the calendar stream), the organisation directory (following its stream), the deadline timers, integrity (breach watch; start-up,
 * scheduled and shutdown checkpoints), the access log
 * and its archiving, and the JSON logger. Where `config.runProjections` is false (stateless API
 * replicas) the background work stays off.
 *
 * Not global: its hooks run after the root module's and before the stores (global modules) close,
 * so the shutdown checkpoint and the last access-log batch still reach the event store.
 */
@Module({})
export class CompositionModule {
  static forRoot(config: AppConfig, options: CompositionOptions = {}): DynamicModule {
    const calendar = options.calendar ?? new CalendarWiring(config);
    const domainConfig = options.domainConfig ?? calendar.domainConfig;
    return {
      module: CompositionModule,
      imports: [
        configurationModule(config),
        StoreModule.forRoot(config, options.eventStore, options.clock),
        ReadModelsModule.forRoot(config),
        EvidenceModule.forRoot(config),
        calendar.module(),
        OrganisationsModule.forRoot(config),
        ProcessesModule.forRoot(calendar, domainConfig),
        NotificationsModule.forRoot(config),
        DeadlinesModule.forRoot(config, domainConfig),
        LoggerModule.forRoot(pinoOptions(config.logLevel)),
      ],
      providers: [...integrityProviders(config), ...accessLogProviders(config), ...transferPackagesProviders(config)],
      exports: [
        IntegrityService,
        IntegrityBreaches,
        CheckpointKeeper,
        AccessLog,
        TransferPackages,
        ProcessesModule,
        CalendarModule,
        OrganisationsModule,
        NotificationsModule,
        DeadlinesModule,
      ],
    };
  }
}
