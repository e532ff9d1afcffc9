import { Presets, SingleBar } from 'cli-progress';

/** A failure to report on stderr with an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/** BigInt (revisions, positions) as decimal strings, like the API. */
const jsonReplacer = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Where commands write: results as JSON on stdout (pipe-friendly), progress bars and messages
 * on stderr, and the exit code the process ends with (1: verification found a problem).
 */
export class CliIo {
  exitCode = 0;

  constructor(
    private readonly stdout: (text: string) => void = (text) => void process.stdout.write(text),
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  ) {}

  json(value: unknown): void {
    this.stdout(JSON.stringify(value, jsonReplacer, 2) + '\n');
  }

  message(text: string): void {
    this.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Marks the run as failed (exit code 1) without aborting it: the report still goes to stdout. */
  failed(): void {
    this.exitCode = Math.max(this.exitCode, 1);
  }

  /** A progress bar on stderr; silent when stderr is not a terminal. The total may be unknown. */
  progress(label: string, total?: number, unit = 'events'): Progress {
    const known = total !== undefined;
    const bar = new SingleBar(
      {
        stream: this.stderr as NodeJS.WritableStream & { isTTY: boolean },
        format: known
          ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted}`
          : `${label} {value} ${unit} | {duration_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    bar.start(total ?? 0, 0);
    return {
      update: (done, newTotal) => {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
}
