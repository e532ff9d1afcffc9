import { Command, CommandRunner, Option } from 'nest-commander';
import { withEvidenceCheck } from '@xj/application';
import { CliIo } from '../cli-io';
import { CliRuntime } from '../cli-runtime';

interface VerifyOptions {
  readonly stream?: string;
}

/** `verify [--stream <id>]`: the whole store against the newest signed checkpoint, or the hash chain of one stream. */
@Command({
  name: 'verify',
  description:
    'Verify the whole store against the newest checkpoint in DATA_DIR/checkpoints (chains only when there is none) and every evidence file against its hash, or the hash chain of one stream with --stream; the report names the first problem (exit code 1) and lists its blind spots',
})
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
      const onProgress = (done: number): void => progress.update(done);
      const report =
        options.stream === undefined
          ? await withEvidenceCheck(
              await this.runtime.integrity().verifyStore(undefined, onProgress),
              this.runtime.eventStore(),
              await this.runtime.blobStore(),
            )
          : await this.runtime.integrity().verifyChains(options.stream, onProgress);
      if (!report) {
        this.io.failed();
        this.io.json({
          ok: false,
          checkedEvents: 0,
          firstProblem: { kind: 'not_found', streamId: options.stream, detail: 'the store has no such stream' },
        });
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
