import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { isCryptoSuite, systemClock } from '@xj/application';
import { CryptoMigrationError, migrateCryptoSuite } from '@xj/composition';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

interface MigrateOptions {
  readonly to?: string;
  readonly out?: string;
}

/**
 * `crypto migrate --to gm|intl --out <new DATA_DIR>` (issue 18): signs the store's final checkpoint
 * (verifying it against the newest one first), copies every event into a new embedded store of the
 * other suite, keeps the final checkpoint there, verifies the new chains and copies the accounts,
 * blobs and archives. Run it with the API and the worker stopped; then start them on the new
 * directory with the new CRYPTO_SUITE (the read models and the timer index are rebuilt).
 */
@SubCommand({
  name: 'migrate',
  description:
    "Re-chain the store into a new data directory under the other crypto suite, keeping the old store's final signed checkpoint (stop the API and the worker first)",
})
export class CryptoMigrateCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_args: string[], options: MigrateOptions = {}): Promise<void> {
    const to = options.to;
    if (!isCryptoSuite(to)) throw new CliError('--to must be intl or gm.');
    if (options.out === undefined || options.out === '') throw new CliError('--out <new data directory> is required.');
    if (this.runtime.config.esdbUrl)
      throw new CliError('The migration writes a new embedded store; on EventStoreDB, export and re-import instead.');
    const signing = this.io.progress('final checkpoint');
    const outcome = await this.runtime
      .keeper()
      .run('on_demand', { record: false, skipUnchanged: false, onProgress: (done) => signing.update(done) })
      .finally(() => signing.stop());
    if (outcome.kind !== 'signed')
      throw new CliError(
        `No final checkpoint was signed (${outcome.kind}): the store must verify before it is migrated (npm run cli -- verify).`,
        1,
      );
    const total = Number(outcome.signed.checkpoint.eventCount);
    const copying = this.io.progress('re-chain', total);
    try {
      const result = await migrateCryptoSuite({
        source: this.runtime.eventStore(),
        sourceDataDir: this.runtime.config.dataDir,
        targetDataDir: options.out,
        to,
        finalCheckpoint: outcome.signed,
        clock: systemClock,
        onProgress: (copied) => copying.update(copied),
      });
      copying.stop();
      if (!result.targetVerified) throw new CliError('The new store does not verify: do not use it.', 1);
      this.io.message(
        `${result.events} events in ${result.streams} streams re-chained from ${result.from} to ${result.to} in ${options.out}; start the API there with CRYPTO_SUITE=${result.to}`,
      );
      this.io.json({ ...result, finalCheckpoint: outcome.id });
    } catch (error) {
      if (error instanceof CryptoMigrationError) throw new CliError(error.message, 2);
      throw error;
    } finally {
      copying.stop();
    }
  }

  @Option({ flags: '--to <suite>', description: "The new store's crypto suite: intl or gm" })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--out <dir>', description: 'The new data directory (missing or empty)' })
  parseOut(value: string): string {
    return value;
  }
}

@Command({
  name: 'crypto',
  description: 'Crypto suite: migrate --to intl|gm --out <dir>',
  subCommands: [CryptoMigrateCommand],
})
export class CryptoCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "crypto migrate --to intl|gm --out <new data directory>".');
  }
}
