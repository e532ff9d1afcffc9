import { Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { AccessLog, loadAccessLogConfig } from '@xj/application';
import { AppConfig } from '../config/app-config';

export const ACCESS_LOG_CONFIG = Symbol('ACCESS_LOG_CONFIG');

/** The ACCESS_LOG_* settings, with the API's data directory and store. */
export const accessLogConfigProvider: Provider = {
  provide: ACCESS_LOG_CONFIG,
  useFactory: (config: AppConfig) => loadAccessLogConfig({ ...process.env, DATA_DIR: config.dataDir, ESDB_URL: config.esdbUrl }),
  inject: ['APP_CONFIG'],
};

/** On shutdown, appends the batch still waiting (the HTTP server has stopped taking requests by then). */
@Injectable()
export class AccessLogHost implements OnApplicationShutdown {
  constructor(private readonly log: AccessLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}
