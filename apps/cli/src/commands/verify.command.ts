import { Command, CommandRunner, Option } from 'nest-commander';
import { CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

interface VerifyOptions {
  readonly stream?: string;
}

/** `verify [--stream <id>]`: the hash chains of one stream or of the whole store. */
@Command({ name: 'verify', description: 'Verify the hash chains of the whole store, or of one stream with --stream; the report names the first broken event (exit code 1)' })
export class VerifyCommand extends CommandRunner {
  constructor(
    private readonly runtime: CliRuntime,
    private readonly io: CliIo,
  ) {
    super();
  }

  async run(_args: string[], options: VerifyOptions = {}): Promise<void> {
    const progress = this.io.progress(options.stream ? `verify ${options.stream}` : 'verify');
    try {
      const report = await this.runtime.integrity().verifyChains(options.stream, (done) => progress.update(done));
      if (!report) {
        this.io.failed();
        this.io.json({ ok: false, checkedEvents: 0, firstProblem: { kind: 'not_found', streamId: options.stream, detail: 'the store has no such stream' } });
        return;
      }
      if (!report.ok) this.io.failed();
      this.io.json(report);
    } finally {
      progress.stop();
    }
  }

  @Option({ flags: '-s, --stream <streamId>', description: 'Only this stream, e.g. clue-c-2026-0001' })
  parseStream(value: string): string {
    return value;
  }
}
