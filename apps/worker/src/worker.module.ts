import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../api/src/config/app-config';
import { AccessLogArchiveHost, accessLogConfigProvider } from '../../api/src/audit/access-log.hosts';
import { pinoOptions } from '../../api/src/http/logging';
import { ProcessesModule } from '../../api/src/infrastructure/processes.module';
import { ReadModelsModule } from '../../api/src/infrastructure/read-models.module';
import { StoreModule } from '../../api/src/infrastructure/store.module';
import { integrityProviders } from '../../api/src/integrity/integrity.providers';

/**
 * The production worker: no HTTP. It runs the durable background work fed by event-store
 * subscriptions with saved checkpoints — the projections into the read models, the process
 * managers (a rectification plan's items), the periodic signed checkpoints and the archiving of
 * access-log segments past retention — while the stateless API replicas run with RUN_PROJECTIONS=false.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    const workerConfig: AppConfig = { ...config, runProjections: true };
    return {
      module: WorkerModule,
      imports: [StoreModule.forRoot(workerConfig), ReadModelsModule.forRoot(workerConfig), ProcessesModule.forRoot(), LoggerModule.forRoot(pinoOptions(config.logLevel))],
      providers: [...integrityProviders(workerConfig), { provide: 'APP_CONFIG', useValue: workerConfig }, accessLogConfigProvider, AccessLogArchiveHost],
    };
  }
}
