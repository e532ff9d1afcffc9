import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ATTEMPT_COUNTER_STORE, AttemptCounterStore, CLOCK, Clock, LoginLimiter } from '@xj/application';
import { ATTEMPTS_DB_FILENAME, SqliteAttemptCounterStore } from '@xj/sqlite-read-models';
import { AppConfig } from '../config/app-config';

/** DI token of the {@link LoginLimiter}; null where tokens come from an external identity provider (no logins here). */
export const LOGIN_LIMITER = Symbol('LOGIN_LIMITER');

/** Tokens are issued here (the embedded default) unless an external identity provider is configured. */
export const issuesTokens = (config: AppConfig): boolean => !config.auth.jwksUrl && !config.auth.publicKeyPem;

/**
 * The login counters where every API replica sees them: MongoDB when MONGO_URL is set (the
 * production layout), else `$DATA_DIR/login-attempts.sqlite`. The MongoDB adapter is loaded only
 * when configured, as for the read models.
 */
export const createAttemptCounterStore = async (config: AppConfig): Promise<AttemptCounterStore> => {
  if (config.mongoUrl) return (await import('@xj/mongo-read-models')).connectMongoAttemptCounters(config.mongoUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteAttemptCounterStore({ filename: join(config.dataDir, ATTEMPTS_DB_FILENAME) });
};

/** The login limits of POST /auth/token (issue #13 item 6); their store is closed on shutdown. */
@Module({})
export class LoginLimitsModule implements OnApplicationShutdown {
  constructor(@Inject(ATTEMPT_COUNTER_STORE) private readonly store: AttemptCounterStore | null) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoginLimitsModule,
      providers: [
        { provide: ATTEMPT_COUNTER_STORE, useFactory: () => (issuesTokens(config) ? createAttemptCounterStore(config) : null) },
        {
          provide: LOGIN_LIMITER,
          useFactory: (store: AttemptCounterStore | null, clock: Clock) => (store ? new LoginLimiter(store, clock, config.loginLimits) : null),
          inject: [ATTEMPT_COUNTER_STORE, CLOCK],
        },
      ],
      exports: [LOGIN_LIMITER],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store?.close();
  }
}
