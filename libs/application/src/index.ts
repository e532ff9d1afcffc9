/**
 * `@xj/application` — what the apps and the other libraries use of the application layer, listed
 * name by name (no `export *`): a name another library does not import stays internal. Event-store
 * adapters also import `@xj/application/event-store-kit` (event-store-kit.ts).
 */

// Audit: the access log, case history, explanations.
export { AccessLog } from './audit/access-log';
export { AccessLogArchiver } from './audit/access-log-archive';
export {
  ACCESS_LOG_ARCHIVE_DIRNAME,
  DEFAULT_ACCESS_LOG_ARCHIVE_INTERVAL_MINUTES,
  DEFAULT_ACCESS_LOG_FLUSH_MS,
  MIN_ACCESS_LOG_RETENTION_DAYS,
} from './audit/access-log.config';
export type { AccessLogConfig } from './audit/access-log.config';
export { writerIdOf } from './audit/access-log-segments';
export { ACCESS_TARGET_KINDS, AccessLogCursorError, MAX_ACCESS_LOG_PAGE } from './audit/access-log.types';
export type {
  AccessAction,
  AccessLogEntry,
  AccessLogFilter,
  AccessLogPage,
  AccessOutcome,
  AccessExport,
  AccessExportSummary,
  AccessRecord,
  AccessTarget,
  AccessTargetKind,
} from './audit/access-log.types';
export { AUDIT_DOMAIN_CONFIG } from './audit/audit.tokens';
export { CaseHistoryReader, MAX_HISTORY_PAGE, historyEntryOf, historyPage } from './audit/case-history';
export type { AsOfPoint, CaseRecord, HistoryEntry } from './audit/case-history';
export type { DescribeContext, OrgName } from './audit/event-description';
export { namesAsOf } from './audit/event-description';
export { explainReferral } from './audit/referral-explanation';
export type { ReferralExplanation } from './audit/referral-explanation';

// The business calendar as maintained data (the calendar stream).
export {
  CALENDAR_FILES_ACTOR,
  CALENDAR_WARNING_DAYS,
  CalendarService,
  holidayYearFileCommandId,
} from './calendar/calendar.service';
// One catalogue of labels for every code (issue 16): zh-CN and en.
export {
  BUILT_IN_LABELS,
  LABEL_NAMESPACES,
  codeNamespaceOf,
  codeOfLabel,
  createLabelCatalogue,
  labelOf,
  languageOf,
  tablesIn,
} from './labels/label-catalogue';
export type { Lang, LabelCatalogue, LabelNamespace, LabelSources, LabelTables } from './labels/label-catalogue';
export { ERROR_CODE_LABELS } from './labels/error-code-labels';
export type { Label } from './labels/code-labels';

// The case commands and queries for @nestjs/cqrs.
export { CASE_AGGREGATES, createCaseAggregates } from './cases/case-aggregates';
export type { CaseAggregates, CaseCommandOf, CaseKind, CaseStateOf } from './cases/case-aggregates';
export { CASE_VISIBILITY } from './cases/case-visibility';
export type { CaseVisibility } from './cases/case-visibility';
export { ExecuteCaseCommand, ExecuteCaseCommandHandler, caseDefinitionOf } from './cases/execute-case-command';
export { LoadCaseQuery, LoadCaseQueryHandler } from './cases/load-case.query';
export type { LoadedCase } from './cases/load-case.query';

// The one generic command path and idempotency.
export {
  CaseNotVisibleError,
  CommandRejectedError,
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  RevisionMismatchError,
} from './command/command-errors';
export { CommandExecutor } from './command/command-executor';
export type { CommandContext, CommandOutcome } from './command/command-executor';
export type { AggregateDefinition } from './command/aggregate-definition';
export { deterministicUuid, sha256Hex } from './command/deterministic-id';
export { IdempotencyService } from './command/idempotency';
export type { IdempotentAnswer, IdempotentRequest, StoredResponse } from './command/idempotency';

// The event-store port, its errors, the clock; canonical JSON and chain verification.
// (What only event-store adapters need is in @xj/application/event-store-kit.)
export { canonicalJson } from './event-store/canonical-json';
export { verifyStream } from './event-store/chain-pages';
export { verifyAll } from './event-store/chain-segments';
export { ChainWalker, verifyChain } from './event-store/chain-verifier';
export { CLOCK, FixedClock, systemClock } from './event-store/clock.port';
export {
  chainHashOf,
  chainHashOfStore,
  CRYPTO_SUITES,
  CryptoSuiteMismatchError,
  cryptoSuiteOf,
  isCryptoSuite,
} from './event-store/crypto-suite';
export type { ChainHashAlgorithm, CryptoSuite } from './event-store/crypto-suite';
export {
  CRYPTO_SUITE_RECORDED,
  CRYPTO_SUITE_STREAM,
  ensureRecordedCryptoSuite,
  MIGRATION_STREAM,
  migrationPositionOf,
  STORE_MIGRATED,
} from './event-store/crypto-suite-record';
export type { Clock } from './event-store/clock.port';
export { EventStoreError, isEventStoreError, storeUnavailable } from './event-store/event-store.errors';
export { EVENT_STORE } from './event-store/event-store.port';
export type { EventStore } from './event-store/event-store.port';
export type {
  EventActor,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedMetadata,
  StreamHead,
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
} from './event-store/event-store.types';
export { StoreWritability } from './event-store/store-writability';
export { canDeleteStreams } from './event-store/stream-deletion';
export { isWriteProbe } from './event-store/write-probe';

// Integrity: verification, signed checkpoints, breaches, dossiers.
export type { StoreVerificationReport } from './integrity/blind-spots';
export { CaseDossierService } from './integrity/case-dossier';
export { headsDigest, sortedHeads } from './integrity/checkpoint';
export type { Checkpoint, CheckpointHead, SignedCheckpoint } from './integrity/checkpoint';
export { CheckpointKeeper } from './integrity/checkpoint-keeper';
export type { KeeperOutcome } from './integrity/checkpoint-keeper';
export type { CheckpointSummary } from './integrity/checkpoint-repository';
export { CheckpointScheduler } from './integrity/checkpoint-scheduler';
export {
  CheckpointKeyError,
  CheckpointSigner,
  keyIdOf,
  signatureAlgorithmOf,
  verifySignedBytes,
} from './integrity/checkpoint-signing';
export { verifyAgainstCheckpoint } from './integrity/checkpoint-verifier';
export type { CheckpointVerificationOptions } from './integrity/checkpoint-verifier';
export { createCheckpointWithHeads } from './integrity/create-checkpoint';
export type { BreachPhase, IntegrityBreach } from './integrity/integrity-breach.events';
export { BreachAlreadyAcknowledgedError, BreachNotFoundError, IntegrityBreaches } from './integrity/integrity-breaches';
export {
  DEFAULT_CHECKPOINT_INTERVAL_MINUTES,
  DEFAULT_CHECKPOINT_SHUTDOWN_TIMEOUT_SECONDS,
  integrityConfigOf,
} from './integrity/integrity-config';
export type { IntegrityConfig } from './integrity/integrity-config';
export type { IntegrityReport } from './integrity/integrity-report';
export { IntegrityService } from './integrity/integrity.service';
export { OrderDigest, walkStore } from './integrity/store-walk';

// Deadlines that act: the timer index, its indexer and the ticker (issue 15 §2).
export { TIMER_STORE, awaitsDecision } from './deadlines/timer-store.port';
export type { CaseTimers, DeadlineTimer, OpenDeadlineQuery, TimerStore } from './deadlines/timer-store.port';
export { DEADLINE_TIMER_ACTOR, startOfDayCst, timersOfCase } from './deadlines/case-timers';
export { DeadlineTimerIndexer } from './deadlines/deadline-timer-indexer';
export type { CatchUpOptions, DeadlineTimerIndexerOptions } from './deadlines/deadline-timer-indexer';
export { DeadlineTicker, alarmCommandId } from './deadlines/deadline-ticker';
export { DeadlineQueries } from './deadlines/deadline-queries';
export { DEADLINE_LIGHT_CONFIG, lightBoundsOf, lightFilter, lightOf } from './deadlines/deadline-lights';
export type { LightBounds, LightConfig } from './deadlines/deadline-lights';
export type { DeadlineLine, DeadlineList } from './deadlines/deadline-queries';
export type { DeadlineTickerOptions } from './deadlines/deadline-ticker';

// Login limits.
export { ATTEMPT_COUNTER_STORE } from './limits/attempt-counter-store.port';
export type { AttemptCounter, AttemptCounterStore } from './limits/attempt-counter-store.port';
export { LoginLimiter, LoginLimiterUnavailableError } from './limits/login-limiter';
export {
  ACCOUNT_EVENT_SCHEMA_VERSION,
  ACCOUNT_EVENT_TYPES,
  ACCOUNTS_STREAM,
  ACCOUNTS_SYSTEM_ACTOR,
  type AccountAssignment,
  type AccountEvent,
  type AccountEventType,
} from './accounts/account.events';
export {
  characterClassesOf,
  DEFAULT_PASSWORD_POLICY,
  isPasswordExpired,
  MAX_PASSWORD_LENGTH,
  type PasswordPolicy,
  type PasswordViolation,
  passwordViolations,
} from './accounts/password-policy';
export {
  ACCOUNT_ADMINISTRATOR_ROLES,
  ACCOUNT_ERRORS,
  ACCOUNT_READER_ROLES,
  AccountError,
  HOST_OPERATOR_ROLE,
  mayAdministerAccounts,
  mayDoAccountDuty,
  mayReadAccounts,
} from './accounts/account-errors';
export {
  mayAdministerOrganisations,
  mayReadOrganisations,
  ORGANISATION_ADMINISTRATOR_ROLES,
  ORGANISATION_READER_ROLES,
} from './accounts/organisation-administrators';
export {
  ADMINISTRATION_LOG_STREAMS,
  AdministrationLog,
  AdministrationLogCursorError,
  type AdministrationLogEntry,
  type AdministrationLogPage,
  type ExportedLog,
  type ExportFormat as LogExportFormat,
  LOG_EXPORT_EVENT_TYPE,
  LOG_EXPORTS_STREAM,
  MAX_ADMINISTRATION_LOG_PAGE,
} from './audit/administration-log';
export {
  type BundleHead,
  type BundleVerification,
  bundleSigningInput,
  type LogBundle,
  type UnsignedLogBundle,
  verifyLogBundle,
} from './audit/log-bundle';
export type { DocumentSignature } from './integrity/integrity.service';
export {
  ADMINISTRATIVE_DUTIES,
  type AdministrativeDuty,
  dutiesOf,
  isAdministratorRole,
  mayPerform,
  roleFitsOrganisation,
} from './accounts/administrator-duties';
export type { LoginLimits } from './limits/login-limiter';

// Workflows: the processor that runs them (the workflows themselves are the domain's).
export { WORKFLOWS, WORKFLOW_INSTANCES, WorkflowProcessor, workflowStoreName } from './workflows/workflow-processor';
export type { WorkflowFailureContext, WorkflowProcessorOptions } from './workflows/workflow-processor';

// The recount of provisional deadlines when a year's table arrives (issue 15 §4): a runner on the
// calendar feed beside the WorkflowProcessor (a table fans out to every case the index names).
export { DeadlineRecomputeProcess } from './processes/deadline-recompute.process';
export type { RecomputeFailureContext } from './processes/deadline-recompute.process';
export { planRecomputes, recomputeCommandId } from './processes/deadline-recompute.plan';
export { PROVISIONAL_DEADLINES } from './projections/provisional-deadlines.projection';

// Projections and the queries over them.
export { CASE_PARTITIONED, CASE_PARTITIONING } from './projections/case-partitioning';
export { CLUE_LEDGER, CLUE_LEDGER_CLUES, clueLedgerProjection } from './projections/clue-ledger.projection';
export { CLUE_LEDGER_SORTS, ClueLedgerQueries } from './projections/clue-ledger.queries';
export type { ClueLedgerItem } from './projections/clue-ledger.queries';
export { COMMISSION_INBOX, INBOX, commissionInboxProjection } from './projections/commission-inbox.projection';
export { CommissionInboxQueries, INBOX_SORTS } from './projections/commission-inbox.queries';
export type { InboxItem } from './projections/commission-inbox.queries';
export { CORRECTED_CASE_SOURCES, correctedCasesProjection } from './projections/corrected-cases.projection';
export { CORRECTED_CASE_SORTS, CorrectedCasesQueries } from './projections/corrected-cases.queries';
export { csvCell, toCsv } from './projections/csv';
export type { CsvValue } from './projections/csv';
export {
  CLUE_LEDGER_COLUMNS,
  CORRECTED_CASE_COLUMNS,
  RECTIFICATION_LEDGER_COLUMNS,
  ledgerTable,
} from './projections/ledger-columns';
export type { LedgerCellType, LedgerColumn, LedgerTable } from './projections/ledger-columns';
export type { CorrectedCaseItem } from './projections/corrected-cases.queries';
export {
  NOTIFICATIONS,
  NOTIFICATION_ITEMS,
  notificationDocument,
  notificationIdOf,
  notificationsProjection,
} from './projections/notifications.projection';
export type { NotificationDocument } from './projections/notifications.projection';
export { NotificationQueries, notificationAccessFilter } from './projections/notifications.queries';
export type { NotificationItem, NotificationQuery } from './projections/notifications.queries';
export { CASE_PROJECTIONS, READ_MODEL_PROJECTIONS } from './projections/projections';
// 法治督察 campaign figures (issue 17).
export {
  CAMPAIGNS,
  CAMPAIGN_CLUES,
  CAMPAIGN_FIGURES,
  campaignFiguresProjection,
} from './campaigns/campaign-figures.projection';
export type { CampaignFiguresDocument } from './campaigns/campaign-figures.projection';
export { CampaignFiguresQueries } from './campaigns/campaign-figures.queries';
// 联席会议 (issue 17).
export {
  CASE_MEETINGS,
  JOINT_MEETINGS,
  caseMeetingsKey,
  jointMeetingsProjection,
} from './joint-meetings/joint-meetings.projection';
export type { CaseMeetingEntry } from './joint-meetings/joint-meetings.projection';
export { JointMeetings } from './joint-meetings/joint-meetings.service';
export type { JointMeetingView } from './joint-meetings/joint-meetings.service';
// 回头看 rounds over closed items (issue 17).
export {
  LOOK_BACK_ROUNDS,
  ROUNDS,
  ROUND_ITEMS,
  lookBackRoundsProjection,
} from './look-back-rounds/look-back-rounds.projection';
export type { RoundDocument, RoundItemState } from './look-back-rounds/look-back-rounds.projection';
export { LookBackRounds } from './look-back-rounds/look-back-rounds.service';
export type { LookBackRoundView } from './look-back-rounds/look-back-rounds.service';
export type { CampaignFigures } from './campaigns/campaign-figures.queries';
// Escalations against organisations (督办 of a unit, no case).
export { orgEscalationsFilter } from './org-escalations/org-escalation-access';
export { ORG_ESCALATION_DESCRIBERS } from './org-escalations/org-escalation.describers';
export {
  ESCALATIONS,
  ORG_ESCALATIONS,
  orgEscalationsProjection,
  regionsAbove,
} from './org-escalations/org-escalations.projection';
export type { OrgEscalationDocument } from './org-escalations/org-escalations.projection';
export { OrgEscalationQueries } from './org-escalations/org-escalations.queries';
export type { OrgEscalationQuery } from './org-escalations/org-escalations.queries';
export { OrgEscalations, itemOf, ladderLevelOf } from './org-escalations/org-escalations.service';
export type {
  OrgEscalationHistoryEntry,
  OrgEscalationItem,
  OrgEscalationView,
} from './org-escalations/org-escalations.service';
export type { LedgerRows, Page } from './projections/query-support';
export { ReadModelAccessDenied } from './projections/read-access';
export { READ_MODEL_FRESHNESS } from './projections/read-model-freshness';
export type { ReadModelFreshness } from './projections/read-model-freshness';
export { rectificationLedgerProjection } from './projections/rectification-ledger.projection';
export { RECTIFICATION_SORTS, RectificationLedgerQueries } from './projections/rectification-ledger.queries';
export { accountabilityLedgerProjection } from './projections/accountability-ledger.projection';
export type { AccountabilityLedgerDocument } from './projections/accountability-ledger.projection';
export { ACCOUNTABILITY_SORTS, AccountabilityLedgerQueries } from './projections/accountability-ledger.queries';
export type { RectificationLedgerItem } from './projections/rectification-ledger.queries';
export { StatisticsQueries } from './projections/statistics.queries';
export type { Statistics } from './projections/statistics.queries';
export { AnnualReportQueries, FIRST_REPORT_YEAR } from './reports/annual-report.queries';
export type {
  AnnualReport,
  AnnualReportCampaign,
  AnnualReportRow,
  AnnualReportSectionRows,
} from './reports/annual-report.queries';
export { ANNUAL_FIGURES, ANNUAL_REPORT_SECTIONS } from './reports/annual-report.figures';
export type { AnnualFigure, AnnualFigureKey, AnnualReportSection } from './reports/annual-report.figures';

// The read-model store port and the projection runner.
export type { BatchContext } from './read-models/batch';
export { DocumentCache } from './read-models/document-cache';
export { decimalFromEncoded, decodePosition, encodePosition } from './read-models/position-codec';
export type { DocKey, IndexSpec, ProjectedEvent, Projection, ReadModelDocument } from './read-models/projection';
export { ProjectionRunner } from './read-models/projection-runner';
export type { ProjectionStatus } from './read-models/projection-runner.options';
export {
  ReadModelQueryError,
  assertFindOptions,
  assertReadModelNames,
  stableSort,
} from './read-models/read-model-guards';
export { DEFAULT_STREAM_BATCH, READ_MODEL_STORE } from './read-models/read-model-store.port';
export type {
  Filter,
  FindOptions,
  ParkedEvent,
  ReadModelStore,
  StreamOptions,
  Write,
} from './read-models/read-model-store.port';

// Rebuild strategies, and what the threads of a partitioned build run.
export type {
  ParkedOnThread,
  PartitionShare,
  PartitionWorkers,
  ShareListener,
} from './read-models/rebuild/partition-workers.port';
export { buildPartitioned } from './read-models/rebuild/partitioned-build';
export { PartitionedRebuild } from './read-models/rebuild/partitioned.rebuild';
export type { RebuildStrategy } from './read-models/rebuild/rebuild-strategy';

// Notifications: the outbox and its channels.
export { NOTIFICATION_SENDERS, messageJson, messageText } from './notifications/outbound-message';
export type { NotificationSender, OutboundMessage } from './notifications/outbound-message';
export { NotificationOutbox, backoffMs } from './notifications/notification-outbox';
export type { OutboxOptions, ParkedDelivery } from './notifications/notification-outbox';
export {
  DELIVERIES,
  OUTBOX,
  OUTBOX_VERSION,
  createOutboxProjection,
  deliveryIdOf,
} from './notifications/outbox.projection';
export type { DeliveryDocument, DeliveryState } from './notifications/outbox.projection';

// Evidence attachments (issue 19 §1): the blob store port, the embedded adapter, intake and checks.
export { BLOB_STORE, BlobTooLargeError, EvidenceUploadError, SHA256_PATTERN } from './evidence/blob-store.port';
export type {
  BlobHashAlgorithm,
  BlobInfo,
  BlobStore,
  EvidenceUploadProblem,
  StagedBlob,
} from './evidence/blob-store.port';
export { FileBlobStore } from './evidence/file-blob-store';
export { DEFAULT_EVIDENCE_MAX_BYTES, EvidenceIntake } from './evidence/evidence-intake';
export { sniffMediaType } from './evidence/media-type.sniffer';
export { caseEvidence } from './evidence/case-evidence';
export type { AttachedEvidence } from './evidence/case-evidence';
export {
  DOCUMENT_TYPES,
  DOCUMENTS_OF_KIND,
  DocumentNotAvailableError,
  documentDate,
  isDocumentType,
} from './documents/official-document';
export type { DocumentTable, DocumentType, OfficialDocument } from './documents/official-document';
export {
  DOCUMENT_TEMPLATES_DIRNAME,
  DocumentTemplateError,
  DocumentTemplates,
  fillPlaceholders,
} from './documents/document-template';
export type { DocumentTemplate } from './documents/document-template';
export { composeDocument } from './documents/compose-document';
export type { DocumentInput } from './documents/compose-document';
export {
  DEFAULT_ORPHAN_GRACE_MS,
  checkEvidenceBlobs,
  collectOrphanBlobs,
  withEvidenceCheck,
} from './evidence/evidence-blob-check';
export type { EvidenceBlobProblem, EvidenceBlobReport } from './evidence/evidence-blob-check';
export { TarFormatError, readTar, writeTar } from './transfer-package/tar-archive';
export type { TarEntry } from './transfer-package/tar-archive';
export {
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  SIGNATURE_FILE,
  blobFileOf,
  buildPackage,
  eventsFileOf,
  manifestBytes,
  packageHashOf,
} from './transfer-package/transfer-package.format';
export type {
  PackageEvent,
  PackageKind,
  PackageManifest,
  PackageSignature,
  PackageSigner,
} from './transfer-package/transfer-package.format';
export { TransferPackageRefusedError, verifyPackage } from './transfer-package/transfer-package.verify';
export type {
  PackageProblem,
  PackageProblemCode,
  TrustedKeyLookup,
  VerifiedPackage,
} from './transfer-package/transfer-package.verify';
export { trustedKeysIn } from './transfer-package/trusted-keys';
export { TransferPackages } from './transfer-package/transfer-packages';
export {
  TRANSFER_PACKAGE_CATEGORY,
  TRANSFER_PACKAGE_IMPORTED,
  packageRecordStream,
} from './transfer-package/package-import-store';
export type { ExportedPackage, ImportProgress, ImportedPackage } from './transfer-package/transfer-packages';

// 历史补录: legacy ledger workbooks imported as cases (issue 19 §3).
export { CLUE_IMPORT_COLUMNS, CLUE_IMPORT_SHEET } from './ledger-import/clue-ledger-columns';
export { parseLedgerDate } from './ledger-import/ledger-line-reader';
export { LedgerImporter, importedClueIdOf, importedRectificationIdOf } from './ledger-import/ledger-importer';
export {
  RECTIFICATION_DATE_HEADERS,
  RECTIFICATION_IMPORT_COLUMNS,
  RECTIFICATION_IMPORT_SHEET,
} from './ledger-import/rectification-ledger-columns';
export type { LedgerImportRequest, LedgerImporterOptions } from './ledger-import/ledger-importer';
export {
  LEDGER_IMPORT_CATEGORY,
  LEDGER_IMPORT_RECORDED,
  ledgerImportStreamOf,
} from './ledger-import/ledger-import-record';
export type { LedgerImportRecordedData } from './ledger-import/ledger-import-record';
export type {
  ImportProblem,
  ImportReport,
  LedgerRow,
  LedgerSheet,
  RowOutcome,
  RowResult,
} from './ledger-import/ledger-import.types';
