import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ATTEMPT_COUNTER_STORE, AttemptCounterStore, CLOCK, Clock, LoginLimiter } from '@xj/application';
import { AppConfig, createAttemptCounterStore } from '@xj/composition';
import { issuesTokens } from './token-service';

/** DI token of the {@link LoginLimiter}; null where tokens come from an external identity provider (no logins here). */
export const LOGIN_LIMITER = Symbol('LOGIN_LIMITER');

/**
 * The login limits of POST /auth/token (issue #13 item 6), over the counters where every API
 * replica sees them (createAttemptCounterStore); their store is closed on shutdown.
 */
@Module({})
export class LoginLimitsModule implements OnApplicationShutdown {
  constructor(@Inject(ATTEMPT_COUNTER_STORE) private readonly store: AttemptCounterStore | null) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoginLimitsModule,
      providers: [
        {
          provide: ATTEMPT_COUNTER_STORE,
          useFactory: () => (issuesTokens(config) ? createAttemptCounterStore(config) : null),
        },
        {
          provide: LOGIN_LIMITER,
          useFactory: (store: AttemptCounterStore | null, clock: Clock) =>
            store ? new LoginLimiter(store, clock, config.loginLimits) : null,
          inject: [ATTEMPT_COUNTER_STORE, CLOCK],
        },
      ],
      exports: [LOGIN_LIMITER, ATTEMPT_COUNTER_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store?.close();
  }
}
