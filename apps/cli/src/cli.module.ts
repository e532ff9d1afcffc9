import { DynamicModule, Module } from '@nestjs/common';
import { CliIo } from './cli-io';
import { CLI_ENV, CliRuntime } from './cli-runtime';
import { AccessLogArchiveCommand, AccessLogCommand, AccessLogVerifyArchivesCommand } from './commands/access-log.command';
import { CheckpointCommand, CheckpointSignCommand, CheckpointVerifyCommand } from './commands/checkpoint.command';
import { AsOfCommand, ExplainCommand, ExportCommand, HistoryCommand } from './commands/case.commands';
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
];

/** The operator CLI's composition root: the same services as the API, configured by the same environment. */
@Module({})
export class CliModule {
  static forRoot(env: NodeJS.ProcessEnv, io: CliIo): DynamicModule {
    return {
      module: CliModule,
      providers: [{ provide: CLI_ENV, useValue: env }, { provide: CliIo, useValue: io }, CliRuntime, ...CLI_COMMANDS],
    };
  }
}
