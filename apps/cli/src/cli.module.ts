import { DynamicModule, Module } from '@nestjs/common';
import { ensureRecordedCryptoSuite } from '@xj/application';
import { AppConfig } from '@xj/composition';
import { CliIo } from './cli-io';
import { CliRuntime } from './cli-runtime';
import {
  AccessLogArchiveCommand,
  AccessLogCommand,
  AccessLogVerifyArchivesCommand,
} from './commands/access-log.command';
import { CheckpointCommand, CheckpointSignCommand, CheckpointVerifyCommand } from './commands/checkpoint.command';
import { AsOfCommand, ExplainCommand, ExportCommand, HistoryCommand } from './commands/case.commands';
import { ACCOUNT_COMMANDS } from './commands/account.commands';
import { CryptoCommand, CryptoMigrateCommand } from './commands/crypto.command';
import {
  PackageCommand,
  PackageExportCommand,
  PackageImportCommand,
  PackageKeyCommand,
} from './commands/package.commands';
import { ORGANISATION_COMMANDS } from './commands/organisation.commands';
import { AuditCommand, AuditVerifyBundleCommand } from './commands/audit.command';
import { ImportLedgerCommand } from './commands/import-ledger.command';
import { RebuildCommand } from './commands/rebuild.command';
import { VerifyCommand } from './commands/verify.command';

export const CLI_COMMANDS = [
  VerifyCommand,
  CheckpointCommand,
  CheckpointSignCommand,
  CheckpointVerifyCommand,
  HistoryCommand,
  AsOfCommand,
  ExplainCommand,
  ExportCommand,
  RebuildCommand,
  AccessLogCommand,
  AccessLogArchiveCommand,
  AccessLogVerifyArchivesCommand,
  AuditCommand,
  AuditVerifyBundleCommand,
  ...ACCOUNT_COMMANDS,
  CryptoCommand,
  CryptoMigrateCommand,
  PackageCommand,
  PackageExportCommand,
  PackageImportCommand,
  PackageKeyCommand,
  ...ORGANISATION_COMMANDS,
  ImportLedgerCommand,
];

/** The operator CLI's composition root: the same services as the API, from the same configuration (@xj/composition). */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, io: CliIo): DynamicModule {
    return {
      module: CliModule,
      providers: [
        {
          provide: CliRuntime,
          useFactory: async () => {
            const runtime = new CliRuntime(config);
            // As the API: on EventStoreDB the store's recorded suite is checked (or recorded) before any command.
            if (config.esdbUrl) await ensureRecordedCryptoSuite(runtime.eventStore(), 'on EventStoreDB');
            return runtime;
          },
        },
        { provide: CliIo, useValue: io },
        ...CLI_COMMANDS,
      ],
    };
  }
}
