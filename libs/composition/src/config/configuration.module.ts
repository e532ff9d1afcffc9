import { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';

/**
 * @nestjs/config holding the configuration the entry point parsed at start (loadAppConfig): global,
 * with no .env file and no process.env behind it. Classes the container builds inject it as
 * `ConfigService<AppConfig, true>` (typed paths: `get('accessLog.flushMs', { infer: true })`);
 * modules receive the same object in `forRoot(config)`, where it chooses adapters and providers
 * before the container exists.
 *
 * The schema does not run as ConfigModule's `validate` hook: that hook sees only process.env (and
 * a .env file), writes its result back into process.env, and runs after the adapters would have
 * to be chosen — while tests, benchmarks and the CLI's spec compose from an environment record.
 */
export const configurationModule = (config: AppConfig): Promise<DynamicModule> =>
  ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validatePredefined: false,
    skipProcessEnv: true,
    load: [() => config],
  });
