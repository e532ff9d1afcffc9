import { readFileSync } from 'node:fs';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { verifyLogBundle } from '@xj/application';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

/** `audit verify-bundle <file>`: a signed log bundle exported by the audit administrator. */
@SubCommand({
  name: 'verify-bundle',
  arguments: '<file>',
  description:
    'Verify a signed audit log bundle (GET /api/v1/audit/{administration-log|access-log}/export.json): its signature, that it is this instance’s trusted key (CHECKPOINT_PUBLIC_KEY_FILE, else the signing key), and every administration record’s hash and link (exit code 1 on a problem)',
})
export class AuditVerifyBundleCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    let bundle: unknown;
    try {
      bundle = JSON.parse(readFileSync(file as string, 'utf8'));
    } catch {
      throw new CliError(`Cannot read ${file} as JSON.`, 1);
    }
    const report = verifyLogBundle(bundle, this.runtime.integrity().trustedPublicKey());
    if (!report.ok) this.io.failed();
    this.io.json(report);
  }
}

@Command({
  name: 'audit',
  description: 'The audit administrator’s exports: verify-bundle <file>',
  subCommands: [AuditVerifyBundleCommand],
})
export class AuditCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "audit verify-bundle <file>".');
  }
}
