import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CommandRejectedError, ImportProgress, PackageKind, TransferPackageRefusedError } from '@xj/application';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

interface ExportOptions {
  readonly out?: string;
  readonly feedback?: boolean;
}

/** A refusal: the report on stdout, exit code 2 (nothing was stored). */
const refused = (io: CliIo, error: unknown): never => {
  if (error instanceof TransferPackageRefusedError) {
    io.json({ ok: false, code: error.code, problems: error.problems });
    throw new CliError(`Package refused: ${error.message}`, 2);
  }
  if (error instanceof CommandRejectedError) {
    io.json({
      ok: false,
      code: error.domainError.code,
      problems: [{ code: error.domainError.code, message: error.message }],
    });
    throw new CliError(`Refused: ${error.message}`, 2);
  }
  throw error;
};

/** `package export <referralId> --out <file> [--feedback]` */
@SubCommand({
  name: 'export',
  arguments: '<referralId>',
  description:
    "Write the referral's signed transfer package (移送材料包) to --out, as the owning office sends it (--feedback: as the holder sends its handling back); recorded in the access log",
})
export class PackageExportCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([referralId]: string[], options: ExportOptions = {}): Promise<void> {
    if (!options.out) throw new CliError('Name the file to write with --out <file>.');
    const kind: PackageKind = options.feedback ? 'feedback' : 'referral';
    const progress = this.io.progress(`package export ${referralId}`, 2);
    try {
      const packages = await this.runtime.transferPackages();
      const exported = await packages.exportForOperator(referralId as string, kind).catch((e: unknown) => {
        if ((e as Error).name === 'CaseNotVisibleError') throw new CliError(`No referral ${referralId}.`, 1);
        return refused(this.io, e);
      });
      progress.update(1);
      await writeFile(options.out, exported.file);
      await this.runtime.recordRead('referral', referralId as string, 'package', exported.packageHash);
      progress.update(2);
      progress.stop();
      this.io.json({
        ok: true,
        file: options.out,
        kind: exported.kind,
        packageHash: exported.packageHash,
        bytes: exported.file.length,
      });
    } finally {
      progress.stop();
    }
  }

  @Option({ flags: '-o, --out <file>', description: 'Where to write the package' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--feedback', description: 'Send the holder’s handling back to the office (a feedback package)' })
  parseFeedback(): boolean {
    return true;
  }
}

/** `package import <file>` */
@SubCommand({
  name: 'import',
  arguments: '<file>',
  description:
    'Verify a transfer package (trusted sender key in TRANSFER_TRUSTED_KEYS_DIR, signature, every chain, every attachment) and store what it brings; a refusal prints its report and exits 2; the same package twice stores nothing',
})
export class PackageImportCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file as string);
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const progress = this.io.progress('package import', 1);
    const onProgress: ImportProgress = (_step, done, total) => progress.update(done, total);
    try {
      const packages = await this.runtime.transferPackages();
      const imported = await packages
        .importForOperator(bytes, this.runtime.operator(), onProgress)
        .catch((e: unknown) => refused(this.io, e));
      progress.stop();
      if (!imported.imported) this.io.message(`package ${imported.packageHash} was imported before: nothing new`);
      this.io.json({ ok: true, ...imported });
    } finally {
      progress.stop();
    }
  }
}

/** `package key`: what the other side puts in its TRANSFER_TRUSTED_KEYS_DIR/<orgId>/. */
@SubCommand({
  name: 'key',
  description:
    "Print this instance's package signing key (the checkpoint signing key): key id, algorithm and the public key (SPKI PEM) the other side trusts",
})
export class PackageKeyCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(): Promise<void> {
    const signer = (await this.runtime.transferPackages()).signingKey();
    this.io.json({ keyId: signer.keyId, algorithm: signer.algorithm, publicKeyPem: signer.publicKeyPem });
  }
}

@Command({
  name: 'package',
  description:
    'Transfer packages (移送材料包) between separated networks: export <referralId> --out <file> | import <file> | key',
  subCommands: [PackageExportCommand, PackageImportCommand, PackageKeyCommand],
})
export class PackageCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "package export <referralId> --out <file>", "package import <file>" or "package key".');
  }
}
