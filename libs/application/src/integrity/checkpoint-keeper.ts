import { VerifyProgress } from '../event-store/chain-verifier';
import { StoreVerificationReport } from './blind-spots';
import { SignedCheckpoint } from './checkpoint';
import { CheckpointSigning } from './checkpoint-scheduler';
import { CheckpointRefusedError } from './create-checkpoint';
import { BreachPhase, IntegrityBreach } from './integrity-breach.events';
import { IntegrityBreaches } from './integrity-breaches';
import { IntegrityService } from './integrity.service';

/**
 * What one run came to:
 * - `signed`: the store verified (or failed only in a way an administrator acknowledged) and a
 *   new checkpoint was signed;
 * - `unchanged`: it verified and nothing was appended since the newest checkpoint: no new one;
 * - `suspended`: a breach is open, so nothing was verified or signed until it is acknowledged;
 * - `breach`: the store does not verify — the breach found (recorded when the run records);
 * - `refused`: the finding was acknowledged, but the chains themselves are broken, and a
 *   checkpoint is never signed over a broken chain (signWalkedStore).
 */
export type KeeperOutcome =
  | {
      readonly kind: 'signed';
      readonly id: string;
      readonly signed: SignedCheckpoint;
      readonly report: StoreVerificationReport;
    }
  | { readonly kind: 'unchanged'; readonly report: StoreVerificationReport }
  | { readonly kind: 'suspended'; readonly breaches: readonly IntegrityBreach[] }
  | { readonly kind: 'breach'; readonly report: StoreVerificationReport; readonly breach?: IntegrityBreach }
  | { readonly kind: 'refused'; readonly report: StoreVerificationReport; readonly error: CheckpointRefusedError };

export interface KeeperRunOptions {
  /** Record a failed verification as a breach (the running product does; the CLI only reports). */
  readonly record: boolean;
  /** No new checkpoint when nothing was appended since the newest (start-up, shutdown, interval). */
  readonly skipUnchanged: boolean;
  readonly onProgress?: VerifyProgress;
}

/** The start-up verification, as readiness reports it. */
export type StartupVerificationState = 'pending' | 'verifying' | 'passed' | 'breach' | 'failed';

export interface KeeperHooks {
  readonly onOutcome?: (phase: BreachPhase, outcome: KeeperOutcome) => void;
  readonly onError?: (phase: BreachPhase, error: unknown) => void;
}

/**
 * Keeps the chain of signed checkpoints unbroken (#13 items 3 and 8): a checkpoint is signed only
 * over a store that verifies against the newest one — at start-up, on the interval, at shutdown,
 * on demand — so that tampering between two checkpoints (a deleted case, a reordering across
 * streams, a consistent rewrite) is found by the next run instead of being sealed by it. A
 * failed verification is recorded as a breach (writes suspended until an administrator
 * acknowledges); an acknowledged finding no longer blocks signing. Each run is one walk of the
 * store (check-and-sign.ts): what it signs is exactly what it verified. Runs are serialised.
 */
export class CheckpointKeeper implements CheckpointSigning {
  private queue: Promise<unknown> = Promise.resolve();
  private startup: { state: StartupVerificationState; at?: string } = { state: 'pending' };

  constructor(
    private readonly integrity: IntegrityService,
    private readonly breaches: IntegrityBreaches,
    private readonly hooks: KeeperHooks = {},
  ) {}

  /** One run, after any run in progress. Rejects only when it could not run (store unavailable, key unusable). */
  run(phase: BreachPhase, options: KeeperRunOptions): Promise<KeeperOutcome> {
    const next = this.queue.then(() => this.verifyAndSign(phase, options));
    this.queue = next.catch(() => undefined);
    return next.then(
      (outcome) => {
        this.hooks.onOutcome?.(phase, outcome);
        return outcome;
      },
      (error: unknown) => {
        this.hooks.onError?.(phase, error);
        throw error;
      },
    );
  }

  /** The start-up run: verify against the newest checkpoint, record a breach or sign. Never rejects. */
  async startUp(): Promise<void> {
    this.startup = { state: 'verifying' };
    try {
      const outcome = await this.run('start', { record: true, skipUnchanged: true });
      const failed = outcome.kind === 'breach' || outcome.kind === 'suspended';
      this.startup = { state: failed ? 'breach' : 'passed', at: new Date().toISOString() };
    } catch {
      this.startup = { state: 'failed', at: new Date().toISOString() };
    }
  }

  startupVerification(): { readonly state: StartupVerificationState; readonly at?: string } {
    return this.startup;
  }

  /** For CheckpointScheduler: the interval run; the hooks report what it came to. */
  async signCheckpoint(): Promise<{ readonly id: string; readonly signed: SignedCheckpoint } | undefined> {
    const outcome = await this.run('interval', { record: true, skipUnchanged: true });
    return outcome.kind === 'signed' ? { id: outcome.id, signed: outcome.signed } : undefined;
  }

  /** Resolves when no run is queued or in progress. */
  async idle(): Promise<void> {
    for (let queue = this.queue; ; queue = this.queue) {
      await queue;
      if (queue === this.queue) return;
    }
  }

  private async verifyAndSign(phase: BreachPhase, options: KeeperRunOptions): Promise<KeeperOutcome> {
    await this.breaches.refresh();
    const open = this.breaches.open();
    if (open.length > 0) return { kind: 'suspended', breaches: open };
    const newest = (await this.integrity.latestCheckpoint()) ?? null;
    // One walk verifies the store and gathers the checkpoint of exactly what it verified.
    const checked = await this.integrity.checkForSigning(newest, options.onProgress);
    const { report } = checked;
    if (!report.ok) {
      const known = this.breaches.known(report);
      if (!known?.acknowledgement)
        return { kind: 'breach', report, breach: options.record ? await this.breaches.record(phase, report) : known };
    } else if (options.skipUnchanged && checked.unchanged) {
      // No event after the newest checkpoint's position: nothing to sign that it does not cover.
      return { kind: 'unchanged', report };
    }
    try {
      const { id, signed } = await checked.sign();
      return { kind: 'signed', id, signed, report };
    } catch (error) {
      if (error instanceof CheckpointRefusedError) return { kind: 'refused', report, error };
      throw error;
    }
  }
}
