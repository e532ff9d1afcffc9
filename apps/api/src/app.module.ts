import { readFileSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import {
  CASE_AGGREGATES,
  CASE_VISIBILITY,
  CommandExecutor,
  EVENT_STORE,
  EventStore,
  ExecuteCaseCommandHandler,
  IdempotencyService,
  LoadCaseQueryHandler,
  createCaseAggregates,
} from '@xj/application';
import { createDomainConfig } from '@xj/domain';
import { AUDIT_CONTROLLERS, auditProviders } from './audit/audit.providers';
import { INTEGRITY_CONTROLLERS, integrityProviders } from './integrity/integrity.providers';
import { IntegrityGuard } from './integrity/integrity.guard';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { LoginLimitsModule } from './auth/login-limits.module';
import { DEMO_ORGANISATIONS, Organisation, OrganisationDirectory } from './auth/organisation-directory';
import { TokenService } from './auth/token-service';
import { UserStore } from './auth/user-store';
import { CaseCommands } from './cases/case-commands';
import { CaseReader } from './cases/case-reader';
import { CASE_VISIBILITY_RULES } from './cases/case-visibility';
import { CluesController } from './cases/clues.controller';
import { RectificationItemsController } from './cases/rectification-items.controller';
import { RectificationPlanProcess } from './cases/rectification-plan.process';
import { ReferralsController } from './cases/referrals.controller';
import { ReferralFollowUps } from './cases/referral-follow-ups';
import { AppConfig, dataFile } from './config/app-config';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { READ_BUCKETS, ReadRateLimitInterceptor } from './limits/read-rate-limit.interceptor';
import { TokenBuckets } from './limits/token-buckets';
import { StoreModule } from './infrastructure/store.module';
import { ReadModelsModule } from './infrastructure/read-models.module';
import { ProcessesModule } from './infrastructure/processes.module';
import { READ_MODEL_CONTROLLERS, READ_MODEL_QUERY_PROVIDERS } from './read-models/read-models.providers';
import { pinoOptions } from './http/logging';

/** The API's composition root: adapters chosen by configuration, everything else wired once. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: { eventStore?: EventStore } = {}): DynamicModule {
    const domainConfig = createDomainConfig();
    const organisations: readonly Organisation[] = config.orgDirectoryFile
      ? (JSON.parse(readFileSync(config.orgDirectoryFile, 'utf8')) as Organisation[])
      : DEMO_ORGANISATIONS;
    const { issuer, audience, maxTokenLifetimeSeconds: maxLifetimeSeconds } = config.auth;
    const tokenConfig = config.auth.jwksUrl
      ? { kind: 'jwks' as const, jwksUrl: config.auth.jwksUrl, issuer, audience, maxLifetimeSeconds }
      : config.auth.publicKeyPem
        ? { kind: 'publicKey' as const, publicKeyPem: config.auth.publicKeyPem, issuer, audience, maxLifetimeSeconds }
        : { kind: 'embedded' as const, keyFile: dataFile(config, 'jwt-ed25519.pem'), issuer, audience, ttlSeconds: config.auth.tokenTtlSeconds, maxLifetimeSeconds };
    return {
      module: AppModule,
      imports: [
        StoreModule.forRoot(config, overrides.eventStore),
        ReadModelsModule.forRoot(config),
        ProcessesModule.forRoot(domainConfig),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        LoginLimitsModule.forRoot(config),
        LoggerModule.forRoot(pinoOptions(config.logLevel)),
      ],
      controllers: [AuthController, HealthController, CluesController, ReferralsController, RectificationItemsController, ...AUDIT_CONTROLLERS, ...INTEGRITY_CONTROLLERS, ...READ_MODEL_CONTROLLERS],
      providers: [
        { provide: 'APP_CONFIG', useValue: config },
        { provide: CASE_AGGREGATES, useValue: createCaseAggregates(domainConfig) },
        { provide: CASE_VISIBILITY, useValue: CASE_VISIBILITY_RULES },
        { provide: CommandExecutor, useFactory: (store: EventStore) => new CommandExecutor(store), inject: [EVENT_STORE] },
        { provide: IdempotencyService, useFactory: (store: EventStore) => new IdempotencyService(store), inject: [EVENT_STORE] },
        { provide: OrganisationDirectory, useValue: new OrganisationDirectory(organisations) },
        { provide: TokenService, useValue: new TokenService(tokenConfig) },
        { provide: UserStore, useValue: new UserStore(dataFile(config, 'users.json')) },
        ExecuteCaseCommandHandler,
        LoadCaseQueryHandler,
        CaseCommands,
        CaseReader,
        RectificationPlanProcess,
        ReferralFollowUps,
        ...auditProviders(domainConfig),
        ...READ_MODEL_QUERY_PROVIDERS,
        ...integrityProviders(config),
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
