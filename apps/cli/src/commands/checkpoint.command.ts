import { readFile } from 'node:fs/promises';
import { CheckpointRefusedError } from '@xj/application';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { CliError, CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

/** `checkpoint sign`: verifies every chain, signs the heads, saves and prints the exported checkpoint. */
@SubCommand({ name: 'sign', description: 'Sign a checkpoint of all stream heads now; saved in DATA_DIR/checkpoints and printed as exported JSON' })
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
      const { id, signed } = await this.runtime.integrity().signCheckpoint((done) => progress.update(done));
      progress.stop();
      this.io.message(`checkpoint ${id}: ${signed.checkpoint.eventCount} events in ${signed.checkpoint.streamCount} streams up to position ${signed.checkpoint.globalPosition}, key ${signed.checkpoint.keyId}`);
      this.io.json(signed);
    } catch (error) {
      if (error instanceof CheckpointRefusedError) throw new CliError(`Nothing signed: ${error.problem.detail}`, 1);
      throw error;
    } finally {
      progress.stop();
    }
  }
}

/** `checkpoint verify <file>`: the store against an exported checkpoint. */
@SubCommand({ name: 'verify', arguments: '<file>', description: 'Verify the store against an exported checkpoint (JSON file); trusts only CHECKPOINT_PUBLIC_KEY_FILE when set' })
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

@Command({ name: 'checkpoint', description: 'Signed checkpoints: sign | verify <file>', subCommands: [CheckpointSignCommand, CheckpointVerifyCommand] })
export class CheckpointCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new CliError('Use "checkpoint sign" or "checkpoint verify <file>".');
  }
}
