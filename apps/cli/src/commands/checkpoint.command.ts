import { readFile } from 'node:fs/promises';
import { KeeperOutcome } from '@xj/application';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

/** Why nothing was signed, for the operator. */
const notSigned = (outcome: Exclude<KeeperOutcome, { kind: 'signed' }>): string => {
  switch (outcome.kind) {
    case 'suspended':
      return `an integrity breach is unacknowledged (${outcome.breaches.map((b) => b.breachId).join(', ')}): an administrator acknowledges it first`;
    case 'breach':
      return `the store does not verify against the newest checkpoint: ${outcome.report.firstProblem?.detail ?? 'unknown problem'}`;
    case 'refused':
      return outcome.error.problem.detail;
    case 'unchanged':
      return 'nothing new since the newest checkpoint';
    default: {
      const never: never = outcome;
      return never;
    }
  }
};

/** `checkpoint sign`: verifies against the newest checkpoint, signs the heads, saves and prints the exported checkpoint. */
@SubCommand({
  name: 'sign',
  description:
    'Verify the store against the newest checkpoint, then sign a checkpoint of all stream heads; saved in DATA_DIR/checkpoints and printed as exported JSON',
})
export class CheckpointSignCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(): Promise<void> {
    const progress = this.io.progress('sign');
    try {
      const outcome = await this.runtime
        .keeper()
        .run('on_demand', { record: false, skipUnchanged: false, onProgress: (done) => progress.update(done) });
      progress.stop();
      if (outcome.kind !== 'signed') throw new CliError(`Nothing signed: ${notSigned(outcome)}`, 1);
      const { id, signed } = outcome;
      this.io.message(
        `checkpoint ${id}: ${signed.checkpoint.eventCount} events in ${signed.checkpoint.streamCount} streams up to position ${signed.checkpoint.globalPosition}, key ${signed.checkpoint.keyId}`,
      );
      this.io.json(signed);
    } finally {
      progress.stop();
    }
  }
}

/** `checkpoint verify <file>`: the store against an exported checkpoint. */
@SubCommand({
  name: 'verify',
  arguments: '<file>',
  description:
    'Verify the store against an exported checkpoint (JSON file) signed by the trusted key: CHECKPOINT_PUBLIC_KEY_FILE, else the signing key in DATA_DIR (or CHECKPOINT_SIGNING_KEY_FILE)',
})
export class CheckpointVerifyCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file as string, 'utf8'));
    } catch (error) {
      throw new CliError(`Cannot read a JSON checkpoint from ${file}: ${(error as Error).message}`);
    }
    const progress = this.io.progress('verify against checkpoint');
    try {
      const report = await this.runtime.integrity().verifyCheckpoint(document, (done) => progress.update(done));
      if (!report.ok) this.io.failed();
      this.io.json(report);
    } finally {
      progress.stop();
    }
  }
}

@Command({
  name: 'checkpoint',
  description: 'Signed checkpoints: sign | verify <file>',
  subCommands: [CheckpointSignCommand, CheckpointVerifyCommand],
})
export class CheckpointCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "checkpoint sign" or "checkpoint verify <file>".');
  }
}
