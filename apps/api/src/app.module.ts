import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import {
  ATTEMPT_COUNTER_STORE,
  AttemptCounterStore,
  CASE_AGGREGATES,
  CaseAggregates,
  CLOCK,
  CASE_VISIBILITY,
  Clock,
  CommandExecutor,
  DocumentTemplates,
  EVENT_STORE,
  EventStore,
  ExecuteCaseCommandHandler,
  IdempotencyService,
  LedgerImporter,
  LoadCaseQueryHandler,
  NotificationQueries,
  OrgEscalations,
  LookBackRounds,
  JointMeetings,
  createCaseAggregates,
} from '@xj/application';
import {
  AppConfig,
  CalendarWiring,
  CompositionModule,
  AccountAdministration,
  SecondFactorAdministration,
  SecretSealer,
  OrganisationDirectory,
  UserStore,
  USERS_FILENAME,
  dataFile,
  describeContextOf,
  createLedgerImporter,
} from '@xj/composition';
import { AUDIT_CONTROLLERS, auditProviders } from './audit/audit.providers';
import { IntegrityBreachesController } from './integrity/integrity-breaches.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { IntegrityGuard } from './integrity/integrity.guard';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { EscalationsController } from './escalations/escalations.controller';
import { CampaignsController } from './cases/campaigns.controller';
import { LookBackRoundsController } from './look-back-rounds/look-back-rounds.controller';
import { JointMeetingsController } from './joint-meetings/joint-meetings.controller';
import { AuthGuard } from './auth/auth.guard';
import { BrowserSessions } from './auth/browser-sessions';
import { LoginService } from './auth/login.service';
import { SessionController } from './auth/session.controller';
import { LoginLimitsModule } from './auth/login-limits.module';
import { issuesTokens, TokenService, tokenVerifierConfigOf } from './auth/token-service';
import { AccountAccess, UnrecordedAccountsRecorder } from './auth/account-access';
import { PasswordController } from './auth/password.controller';
import { SecondFactorController } from './auth/second-factor.controller';
import { AccountsController } from './accounts/accounts.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { labelCatalogueProvider } from './catalogue/label-catalogue.provider';
import { LookupsController } from './catalogue/lookups.controller';
import { CaseCommands } from './cases/case-commands';
import { CaseReader } from './cases/case-reader';
import { CASE_VISIBILITY_RULES } from './cases/case-visibility';
import { CaseDeadlinesController } from './cases/case-deadlines.controller';
import { CluesController } from './cases/clues.controller';
import { RectificationItemsController } from './cases/rectification-items.controller';
import { AccountabilityCasesController } from './cases/accountability-cases.controller';
import { RectificationPlanProcess } from './cases/rectification-plan.process';
import { ReferralsController } from './cases/referrals.controller';
import { CaseAccessController } from './cases/case-access.controller';
import { CaseActionsController } from './cases/actions/case-actions.controller';
import { AttachmentsController } from './cases/attachments/attachments.controller';
import { CaseEvidenceService } from './cases/attachments/case-evidence.service';
import { CaseDocumentsService } from './cases/documents/case-documents.service';
import { DocumentsController } from './cases/documents/documents.controller';
import { TransferPackagesController } from './cases/transfer-packages/transfer-packages.controller';
import { TransferPackagesService } from './cases/transfer-packages/transfer-packages.service';
import { CaseActionsService } from './cases/actions/case-actions.service';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { OpenApiDocument } from './http/openapi-document';
import { READ_BUCKETS, ReadRateLimitInterceptor } from './limits/read-rate-limit.interceptor';
import { TokenBuckets } from './limits/token-buckets';
import { NotificationsController } from './notifications/notifications.controller';
import { READ_MODEL_CONTROLLERS, READ_MODEL_QUERY_PROVIDERS } from './read-models/read-models.providers';
import { DeadlineListsController } from './read-models/deadline-lists.controller';
import { LedgerImportsController } from './imports/ledger-imports.controller';
import { LedgerImportService } from './imports/ledger-import.service';
import { deadlineListProviders } from './read-models/deadline-lists.providers';

/**
 * The API's composition root: the shared wiring of @xj/composition (configuration, stores and read
 * models chosen by it, projections, process managers, integrity, access log, logging), then the
 * HTTP application — controllers, guards, the problem filter, interceptors, auth and login limits.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: { eventStore?: EventStore; clock?: Clock } = {}): DynamicModule {
    // The deciders read the calendar through the calendar service: a holiday year set at run time
    // reaches the next command without a restart.
    const calendar = new CalendarWiring(config);
    const domainConfig = calendar.domainConfig;
    return {
      module: AppModule,
      imports: [
        CompositionModule.forRoot(config, {
          eventStore: overrides.eventStore,
          clock: overrides.clock,
          domainConfig,
          calendar,
        }),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        LoginLimitsModule.forRoot(config),
      ],
      controllers: [
        AuthController,
        SessionController,
        PasswordController,
        SecondFactorController,
        AccountsController,
        OrganisationsController,
        HealthController,
        CalendarController,
        CluesController,
        ReferralsController,
        CaseAccessController,
        RectificationItemsController,
        AccountabilityCasesController,
        CampaignsController,
        LookBackRoundsController,
        JointMeetingsController,
        CaseDeadlinesController,
        EscalationsController,
        CaseActionsController,
        AttachmentsController,
        DocumentsController,
        TransferPackagesController,
        ...AUDIT_CONTROLLERS,
        IntegrityController,
        IntegrityBreachesController,
        ...READ_MODEL_CONTROLLERS,
        NotificationsController,
        CatalogueController,
        LookupsController,
        DeadlineListsController,
        LedgerImportsController,
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
        {
          provide: LedgerImporter,
          useFactory: (
            executor: CommandExecutor,
            store: EventStore,
            aggregates: CaseAggregates,
            directory: OrganisationDirectory,
          ) => createLedgerImporter(executor, store, aggregates, directory, domainConfig),
          inject: [CommandExecutor, EVENT_STORE, CASE_AGGREGATES, OrganisationDirectory],
        },
        LedgerImportService,
        {
          provide: OrgEscalations,
          useFactory: (store: EventStore, directory: OrganisationDirectory) =>
            new OrgEscalations(store, domainConfig, describeContextOf(directory)),
          inject: [EVENT_STORE, OrganisationDirectory],
        },
        { provide: TokenService, useValue: new TokenService(tokenVerifierConfigOf(config)) },
        { provide: UserStore, useValue: new UserStore(dataFile(config, USERS_FILENAME)) },
        {
          provide: AccountAccess,
          useFactory: (users: UserStore, clock: Clock, secondFactor: SecondFactorAdministration) =>
            new AccountAccess(
              users,
              clock,
              { demo: config.auth.demo, policy: config.auth.passwordPolicy },
              secondFactor,
            ),
          inject: [UserStore, CLOCK, SecondFactorAdministration],
        },
        {
          provide: SecondFactorAdministration,
          useFactory: (users: UserStore, store: EventStore, clock: Clock) =>
            new SecondFactorAdministration(
              users,
              store,
              clock,
              SecretSealer.fromSettings(config.auth.secondFactor),
              config.auth.secondFactor,
            ),
          inject: [UserStore, EVENT_STORE, CLOCK],
        },
        {
          provide: AccountAdministration,
          useFactory: (users: UserStore, store: EventStore, clock: Clock, directory: OrganisationDirectory) =>
            new AccountAdministration(users, store, clock, directory, config.auth.passwordPolicy),
          inject: [UserStore, EVENT_STORE, CLOCK, OrganisationDirectory],
        },
        {
          provide: UnrecordedAccountsRecorder,
          useFactory: (accounts: AccountAdministration) =>
            new UnrecordedAccountsRecorder(accounts, issuesTokens(config) && config.runProjections),
          inject: [AccountAdministration],
        },
        LoginService,
        {
          provide: BrowserSessions,
          useFactory: (tokens: TokenService, store: AttemptCounterStore | null, clock: Clock) =>
            new BrowserSessions(tokens, store, clock, config.auth.session),
          inject: [TokenService, ATTEMPT_COUNTER_STORE, CLOCK],
        },
        ExecuteCaseCommandHandler,
        LoadCaseQueryHandler,
        CaseCommands,
        CaseReader,
        CaseEvidenceService,
        CaseDocumentsService,
        TransferPackagesService,
        { provide: DocumentTemplates, useValue: new DocumentTemplates(config.dataDir) },
        CaseActionsService,
        OpenApiDocument,
        RectificationPlanProcess,
        ...auditProviders(domainConfig),
        labelCatalogueProvider(domainConfig),
        ...deadlineListProviders(domainConfig),
        ...READ_MODEL_QUERY_PROVIDERS,
        // Issue 17: 回头看 rounds and 联席会议 write to their own streams and read their progress models.
        LookBackRounds,
        JointMeetings,
        NotificationQueries,
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
