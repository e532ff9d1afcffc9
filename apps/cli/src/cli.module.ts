import { DynamicModule, Module } from '@nestjs/common';
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
  ...ACCOUNT_COMMANDS,
  ImportLedgerCommand,
];

/** The operator CLI's composition root: the same services as the API, from the same configuration (@xj/composition). */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, io: CliIo): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: CliRuntime, useFactory: () => new CliRuntime(config) },
        { provide: CliIo, useValue: io },
        ...CLI_COMMANDS,
      ],
    };
  }
}
