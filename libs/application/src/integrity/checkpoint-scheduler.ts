import { SignedCheckpoint } from './checkpoint';

/** What the scheduler needs (CheckpointKeeper): a signed checkpoint, or undefined when none was signed this time. */
export interface CheckpointSigning {
  signCheckpoint(): Promise<{ readonly id: string; readonly signed: SignedCheckpoint } | undefined>;
}

export interface CheckpointSchedulerHooks {
  readonly onSigned?: (id: string, signed: SignedCheckpoint) => void;
  /** A failed run (broken chain, unreadable key, full disk) is reported here; the next run still happens. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Signs a checkpoint every `intervalMinutes` (CHECKPOINT_INTERVAL_MINUTES, default 60). A run
 * still in progress when the next is due makes that one skip rather than pile up. The timer
 * does not keep the process alive.
 */
export class CheckpointScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly signing: CheckpointSigning,
    private readonly intervalMinutes: number,
    private readonly hooks: CheckpointSchedulerHooks = {},
  ) {
    if (!(intervalMinutes > 0)) throw new Error('intervalMinutes must be positive');
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMinutes * 60_000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run now (what the timer calls); resolves when it is done, never rejects. */
  runOnce(): Promise<void> {
    this.running ??= this.sign().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sign(): Promise<void> {
    try {
      const done = await this.signing.signCheckpoint();
      if (done) this.hooks.onSigned?.(done.id, done.signed);
    } catch (error) {
      this.hooks.onError?.(error);
    }
  }
}
