import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import {
  CASE_AGGREGATES,
  CASE_VISIBILITY,
  Clock,
  CommandExecutor,
  EVENT_STORE,
  EventStore,
  ExecuteCaseCommandHandler,
  IdempotencyService,
  LoadCaseQueryHandler,
  createCaseAggregates,
} from '@xj/application';
import {
  AppConfig,
  CompositionModule,
  OrganisationDirectory,
  dataFile,
  loadOrganisationDirectory,
} from '@xj/composition';
import { createDomainConfig } from '@xj/domain';
import { AUDIT_CONTROLLERS, auditProviders } from './audit/audit.providers';
import { IntegrityBreachesController } from './integrity/integrity-breaches.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { IntegrityGuard } from './integrity/integrity.guard';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { LoginLimitsModule } from './auth/login-limits.module';
import { TokenService, tokenVerifierConfigOf } from './auth/token-service';
import { USERS_FILENAME, UserStore } from './auth/user-store';
import { CaseCommands } from './cases/case-commands';
import { CaseReader } from './cases/case-reader';
import { CASE_VISIBILITY_RULES } from './cases/case-visibility';
import { CluesController } from './cases/clues.controller';
import { RectificationItemsController } from './cases/rectification-items.controller';
import { RectificationPlanProcess } from './cases/rectification-plan.process';
import { ReferralsController } from './cases/referrals.controller';
import { ReferralFollowUps } from './cases/referral-follow-ups';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { READ_BUCKETS, ReadRateLimitInterceptor } from './limits/read-rate-limit.interceptor';
import { TokenBuckets } from './limits/token-buckets';
import { READ_MODEL_CONTROLLERS, READ_MODEL_QUERY_PROVIDERS } from './read-models/read-models.providers';
import { DeadlineListsController } from './read-models/deadline-lists.controller';
import { deadlineListProviders } from './read-models/deadline-lists.providers';

/**
 * The API's composition root: the shared wiring of @xj/composition (configuration, stores and read
 * models chosen by it, projections, process managers, integrity, access log, logging), then the
 * HTTP application — controllers, guards, the problem filter, interceptors, auth and login limits.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: { eventStore?: EventStore; clock?: Clock } = {}): DynamicModule {
    const domainConfig = createDomainConfig();
    return {
      module: AppModule,
      imports: [
        CompositionModule.forRoot(config, { eventStore: overrides.eventStore, clock: overrides.clock, domainConfig }),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        LoginLimitsModule.forRoot(config),
      ],
      controllers: [
        AuthController,
        HealthController,
        CluesController,
        ReferralsController,
        RectificationItemsController,
        ...AUDIT_CONTROLLERS,
        IntegrityController,
        IntegrityBreachesController,
        ...READ_MODEL_CONTROLLERS,
        DeadlineListsController,
      ],
      providers: [
        { provide: CASE_AGGREGATES, useValue: createCaseAggregates(domainConfig) },
        { provide: CASE_VISIBILITY, useValue: CASE_VISIBILITY_RULES },
        {
          provide: CommandExecutor,
          useFactory: (store: EventStore) => new CommandExecutor(store),
          inject: [EVENT_STORE],
        },
        {
          provide: IdempotencyService,
          useFactory: (store: EventStore) => new IdempotencyService(store),
          inject: [EVENT_STORE],
        },
        { provide: OrganisationDirectory, useValue: loadOrganisationDirectory(config) },
        { provide: TokenService, useValue: new TokenService(tokenVerifierConfigOf(config)) },
        { provide: UserStore, useValue: new UserStore(dataFile(config, USERS_FILENAME)) },
        ExecuteCaseCommandHandler,
        LoadCaseQueryHandler,
        CaseCommands,
        CaseReader,
        RectificationPlanProcess,
        ReferralFollowUps,
        ...auditProviders(domainConfig),
        ...deadlineListProviders(domainConfig),
        ...READ_MODEL_QUERY_PROVIDERS,
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard (global guards run in this order): it needs the actor.
        { provide: APP_GUARD, useClass: IntegrityGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: READ_BUCKETS, useValue: new TokenBuckets(config.readLimit.perSecond, config.readLimit.burst) },
        { provide: APP_INTERCEPTOR, useClass: ReadRateLimitInterceptor },
      ],
    };
  }
}
