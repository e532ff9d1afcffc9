import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CommandExecutor, createCaseAggregates, systemClock } from '@xj/application';
import {
  UnreadableWorkbookError,
  UserStore,
  USERS_FILENAME,
  createLedgerImporter,
  dataFile,
  inspectWorkbookFile,
  readLedgerWorkbook,
} from '@xj/composition';
import { Actor, LEDGER_KINDS, LedgerKind, createDomainConfig, requireLedgerImporter } from '@xj/domain';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

interface ImportLedgerOptions {
  readonly kind?: string;
  readonly as?: string;
  readonly dryRun?: boolean;
}

/** The account `--as` names, as the actor the API would make of its token (organisation and region from the directory). */
const actorOf = async (runtime: CliRuntime, username: string | undefined): Promise<Actor> => {
  if (!username) throw new CliError('--as <user> names the account that imports (an office or justice bureau user).');
  const user = new UserStore(dataFile(runtime.config, USERS_FILENAME)).find(username);
  if (!user || user.disabled === true) throw new CliError(`No enabled account ${username}.`);
  const org = (await runtime.organisations()).directory.get(user.orgId);
  if (!org) throw new CliError(`The organisation ${user.orgId} of ${username} is not in the directory.`);
  return { userId: user.userId, role: user.role, position: user.position, orgId: user.orgId, regionId: org.regionId };
};

/**
 * `import-ledger <file.xlsx> --kind clue|rectification --as <user> [--dry-run]`: 历史补录 of a legacy
 * 线索台账 or 整改台账 (import the clues before the items that name them), as
 * POST /api/v1/imports/ledgers does it (same importer, same access rule), the report as JSON on
 * stdout and a progress bar on stderr. Exit code 2 when a line is refused (or the file cannot be read).
 */
@Command({
  name: 'import-ledger',
  arguments: '<file>',
  description:
    'Import a legacy 线索台账 (--kind clue) or 整改台账 (--kind rectification) workbook (.xlsx) as cases with their original dates (历史补录)',
})
export class ImportLedgerCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  @Option({ flags: '--kind <kind>', description: 'clue or rectification' })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--as <user>', description: 'The importing account (username)' })
  parseAs(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'Report what would be created and every problem; write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  async run([fileArg]: string[], options: ImportLedgerOptions = {}): Promise<void> {
    const kind = options.kind ?? 'clue';
    if (!(LEDGER_KINDS as readonly string[]).includes(kind)) throw new CliError('--kind is clue or rectification.');
    const actor = await actorOf(this.runtime, options.as);
    const refused = requireLedgerImporter(actor);
    if (refused) throw new CliError(`${refused.code}: ${refused.message}`);
    const path = resolve(fileArg ?? '');
    const file = await inspectWorkbookFile(path).catch(() => {
      throw new CliError(`Cannot read ${path}.`);
    });
    if (!file.isXlsx) throw new CliError(`${path} is not an .xlsx workbook (judged by its content).`);
    const store = this.runtime.eventStore();
    const domainConfig = createDomainConfig();
    const importer = createLedgerImporter(
      new CommandExecutor(store),
      store,
      createCaseAggregates(domainConfig),
      // The directory as the organisations stream holds it: an agency added there is importable at once.
      (await this.runtime.organisations()).directory,
      domainConfig,
    );
    const progress = this.io.progress(options.dryRun ? 'checking' : 'importing', undefined, 'lines');
    try {
      const report = await importer.run({
        kind: kind as LedgerKind,
        sheet: await readLedgerWorkbook(path),
        actor,
        at: systemClock.now().toISOString(),
        fileSha256: file.sha256,
        fileName: path.split('/').pop() ?? path,
        dryRun: options.dryRun === true,
        onProgress: (done) => progress.update(done),
      });
      progress.stop();
      this.io.json(report);
      if (report.totals.refused > 0) this.io.exitCode = Math.max(this.io.exitCode, 2);
    } catch (error) {
      progress.stop();
      if (error instanceof UnreadableWorkbookError) throw new CliError(`${path}: ${error.message}.`);
      throw error;
    }
  }
}
