// @xj/composition: the wiring the API, the worker and the CLI share (one composition for every
// entry point). A deliberate entry point: what the apps, the e2e support and the benchmarks use.
export {
  type AppConfig,
  ConfigError,
  type Environment,
  dataFile,
  loadAppConfig,
  parseTrustedProxies,
} from './config/app-config';
export { CONFIG_SCHEMA, type ConfigName, LOG_LEVELS, configVariables } from './config/config.schema';
export type { ConfigGroup, ConfigVariable } from './config/config-variable';
export { configurationModule } from './config/configuration.module';
export {
  caseRebuild,
  createAttemptCounterStore,
  createEventStore,
  createReadModelStore,
  createTimerStore,
} from './adapters/adapter-selection';
export { CompositionModule, type CompositionOptions } from './composition.module';
export { CalendarModule, CalendarWiring } from './calendar/calendar.module';
export { CALENDAR_DIRNAME, loadHolidayYears } from './calendar/holiday-year-files';
export { StoreModule } from './store/store.module';
export { CryptoMigrationError, migrateCryptoSuite } from './store/crypto-migration';
export { ReadModelsModule } from './read-models/read-models.module';
export { ProcessesModule } from './processes/processes.module';
export { DeadlinesModule } from './deadlines/deadlines.module';
export { BLOBS_DIRNAME, EvidenceModule, createBlobStore } from './evidence/evidence.module';
export { createTransferPackages } from './transfer/transfer-packages.providers';
export { BREACH_REFRESH_MS, BreachWatchHost, CheckpointKeeperHost } from './integrity/integrity.providers';
export { AccessLogArchiveHost, AccessLogHost } from './access-log/access-log.providers';
export { pinoOptions } from './logging/logging.options';
export { HOOKS_DEADLINE_MS, type ShutdownOptions, exitGracefully } from './lifecycle/exit-gracefully';
export {
  DEMO_ORGANISATIONS,
  type Organisation,
  OrganisationDirectory,
  describeContextOf,
  loadBootstrapOrganisations,
  loadOrganisationDirectory,
} from './organisations/organisation-directory';
export {
  ORGANISATIONS_DEFINITION,
  ORGANISATIONS_STREAM,
  ORGANISATIONS_SYSTEM_ACTOR,
  OrganisationStream,
} from './organisations/organisation-stream';
export { OrganisationsModule } from './organisations/organisations.module';
export {
  type NewOrganisation,
  OrganisationAdministration,
  type OrganisationChange,
  type OrganisationView,
} from './organisations/organisation-administration';
export {
  type AccountView,
  AccountAdministration,
  type AssignmentChange,
  type NewAccount,
  oneTimePassword,
  viewOf,
} from './accounts/account-administration';
export { SecondFactorAdministration } from './accounts/second-factor-administration';
export {
  matchTotp,
  newTotpSecret,
  otpauthUri,
  type SecondFactorSettings,
  SecretSealer,
  TOTP_PERIOD_SECONDS,
  totpCode,
} from './accounts/second-factor';
export { hashPassword, type UserRecord, UserStore, USERS_FILENAME, verifyPassword } from './accounts/user-store';
export {
  UnreadableWorkbookError,
  type WorkbookFile,
  cellText,
  inspectWorkbookFile,
  readLedgerWorkbook,
} from './ledger-import/ledger-workbook.reader';
export {
  type ClueLedgerLine,
  type RectificationLedgerLine,
  generatedClueLedgerLines,
  sampleClueLedgerLines,
  writeClueLedgerWorkbook,
  writeRectificationLedgerWorkbook,
} from './ledger-import/ledger-workbook.writer';
export { sampleRectificationLedgerLines } from './ledger-import/rectification-ledger.sample';
export { createLedgerImporter } from './ledger-import/ledger-importer.factory';
