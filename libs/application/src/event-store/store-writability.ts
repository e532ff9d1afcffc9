import { isEventStoreError } from './event-store.errors';
import { EventStore } from './event-store.port';
import { isWriteProbe } from './write-probe';

/** Whether the store accepted the last write seen: a real append, or the adapter's write probe. */
export interface Writability {
  readonly writable: boolean;
  /** `none`: nothing appended yet and the adapter offers no probe (assumed writable). */
  readonly seenBy: 'append' | 'probe' | 'none';
  /** When that write succeeded or failed (ISO-8601). */
  readonly at?: string;
}

export interface StoreWritabilityOptions {
  /**
   * A write seen more recently than this answers without probing again. Default 2,000 ms:
   * readiness may be polled every few milliseconds (bench/replay polls every 10 ms), and each
   * probe is an fsync'd commit.
   */
  readonly freshForMs?: number;
  readonly now?: () => number;
  /** Called when the store turns unwritable or writable again (not on every observation). */
  readonly onChange?: (writability: Writability) => void;
}

interface Observation {
  readonly writable: boolean;
  readonly seenBy: 'append' | 'probe';
  readonly at: number;
}

/**
 * What the store's writes have been doing lately, for readiness (#13 item 3). A full or
 * read-only disk leaves reads working while every append answers 503, so a read is no proof of
 * health. The latest write wins: an append failing with STORE.UNAVAILABLE marks the store not
 * writable until an append or a probe succeeds; when nothing was written for `freshForMs`, the
 * adapter's {@link WriteProbe} writes once. Conflicts and invalid input say nothing about the
 * disk and are not counted.
 */
export class StoreWritability {
  /** The adapter with its appends observed. Use it everywhere the adapter would be used. */
  readonly trackedStore: EventStore;
  private last?: Observation;
  private probing?: Promise<Writability>;
  private readonly freshForMs: number;
  private readonly now: () => number;

  constructor(
    private readonly adapter: EventStore,
    private readonly options: StoreWritabilityOptions = {},
  ) {
    this.freshForMs = options.freshForMs ?? 2000;
    this.now = options.now ?? Date.now;
    this.trackedStore = this.track(adapter);
  }

  /** The current answer: a recent write's outcome, else a fresh probe (one at a time). */
  async check(): Promise<Writability> {
    const last = this.last;
    if (last && this.now() - last.at < this.freshForMs) return viewOf(last);
    if (!isWriteProbe(this.adapter)) return last ? viewOf(last) : { writable: true, seenBy: 'none' };
    this.probing ??= this.probe().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async probe(): Promise<Writability> {
    try {
      await (this.adapter as EventStore & { probeWrite(): Promise<void> }).probeWrite();
      this.observe('probe', true);
    } catch {
      // Whatever the cause (mapped or not), the write did not happen.
      this.observe('probe', false);
    }
    return viewOf(this.last as Observation);
  }

  private observe(seenBy: Observation['seenBy'], writable: boolean): void {
    const changed = this.last === undefined ? !writable : this.last.writable !== writable;
    this.last = { writable, seenBy, at: this.now() };
    if (changed) this.options.onChange?.(viewOf(this.last));
  }

  /**
   * A Proxy rather than a delegating class: every other member — including an adapter's optional
   * capabilities (ChainRowSource, ParallelChainVerifier, PartitionReads, WriteProbe, StreamDeletion), found by
   * looking for their methods — stays the adapter's own.
   */
  private track(adapter: EventStore): EventStore {
    const append: EventStore['append'] = async (...args) => {
      try {
        const result = await adapter.append(...args);
        this.observe('append', true);
        return result;
      } catch (error) {
        if (isEventStoreError(error, 'STORE.UNAVAILABLE')) this.observe('append', false);
        throw error;
      }
    };
    return new Proxy(adapter, {
      get(target, property) {
        if (property === 'append') return append;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

const viewOf = (observation: Observation): Writability => ({
  writable: observation.writable,
  seenBy: observation.seenBy,
  at: new Date(observation.at).toISOString(),
});
