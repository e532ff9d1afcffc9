import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

/** `access-log archive`: archives and removes the segments past ACCESS_LOG_RETENTION_DAYS now (what the background work does periodically). */
@SubCommand({
  name: 'archive',
  description:
    'Archive the access-log segments older than ACCESS_LOG_RETENTION_DAYS (180) to ACCESS_LOG_ARCHIVE_DIR and remove them from the store; prints what was done',
})
export class AccessLogArchiveCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(): Promise<void> {
    const run = await this.runtime.archiver().archiveDue();
    this.io.message(
      `${run.archived.length} segment(s) archived (days before ${run.cutoffDay}), ${run.problems.length} left in place`,
    );
    if (run.problems.length > 0) this.io.failed();
    this.io.json(run);
  }
}

/** `access-log verify-archives [segment]`: the archive files against the manifest in the store. */
@SubCommand({
  name: 'verify-archives',
  arguments: '[segment]',
  description:
    'Verify every archive file (or one segment’s) against the archive manifest: SHA-256, every hash and link, count and head (exit code 1 on a problem)',
})
export class AccessLogVerifyArchivesCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([segment]: string[]): Promise<void> {
    const report = await this.runtime.archiver().verifyArchives(segment);
    if (segment !== undefined && report.checked.length === 0 && report.ok)
      throw new CliError(`The archive manifest has no segment ${segment}.`, 1);
    if (!report.ok) this.io.failed();
    this.io.json(report);
  }
}

@Command({
  name: 'access-log',
  description: 'Access-log retention: archive | verify-archives [segment]',
  subCommands: [AccessLogArchiveCommand, AccessLogVerifyArchivesCommand],
})
export class AccessLogCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "access-log archive" or "access-log verify-archives [segment]".');
  }
}
