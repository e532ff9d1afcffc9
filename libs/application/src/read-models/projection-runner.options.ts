import { Clock, systemClock } from '../event-store/clock.port';
import { RetryPolicy } from './batch';
import { RebuildStrategy } from './rebuild/rebuild-strategy';

export type ProjectionState = 'catching-up' | 'live' | 'degraded' | 'stopped';

export interface ProjectionStatus {
  readonly name: string;
  /** The version the runner builds: the projection's declared version. */
  readonly version: number;
  /** The version queries read; it differs from `version` while a rebuild is under way. */
  readonly activeVersion: number | undefined;
  /** Decimal global position of the last committed batch. */
  readonly checkpoint: string | undefined;
  /** Head position − the position the documents reflect (events for the embedded store, log bytes for EventStoreDB). */
  readonly lag: number;
  readonly parkedCount: number;
  readonly state: ProjectionState;
  /**
   * While the rebuild strategy builds this version from position 0 ahead of the feed (see
   * RebuildStrategy): the position it reads through and how many events it has built so far. There
   * is no checkpoint until it is done.
   */
  readonly build?: { readonly through: string; readonly events: number };
  /** Why the runner is restarting its subscription, if it is. */
  readonly error?: string;
}

export interface ProjectionRunnerOptions {
  /** Events per batch and projection. Default 500. */
  readonly batchSize?: number;
  /**
   * Events per batch and projection while catching up (not yet live: a rebuild, a restart far
   * behind). Larger batches mean fewer, larger commit transactions, in which SQLite writes a page
   * once however many documents on it change. Default: 20 × batchSize, at least 10,000.
   */
  readonly catchUpBatchSize?: number;
  /** How versions without a checkpoint are built from position 0. Default: IN_ORDER_REBUILD (by the feed, in global order). */
  readonly rebuildStrategy?: RebuildStrategy;
  /** A batch that is not full is committed after this long. Default 50 ms. */
  readonly batchDelayMs?: number;
  /** Default: 3 attempts, 50 ms, 100 ms between them. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Documents kept in memory per projection across batches. Default 5,000: a replay's working set
   * is far larger whatever the size, and V8 sizes the heap at a few times what is live, so every
   * cached document costs several times its size in resident memory.
   */
  readonly cacheSize?: number;
  /** Wait before resubscribing after the store failed. Default 1,000 ms. */
  readonly restartDelayMs?: number;
  /** Counted as live when fewer events than this are beyond the last delivered one. Default 100. */
  readonly liveWithin?: number;
  /** The event store's last position, for `lag`; default: the highest position delivered so far. */
  readonly headPosition?: () => Promise<bigint | undefined>;
  readonly clock?: Clock;
  /** For the retry backoff (tests pass an instant one). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told about failures the runner recovers from: the store failing (no projection), an event parked (its projection). */
  readonly onError?: (error: unknown, projection?: string) => void;
}

export type ResolvedRunnerOptions = Required<
  Omit<ProjectionRunnerOptions, 'headPosition' | 'onError' | 'retry' | 'rebuildStrategy'>
> & { readonly retry: RetryPolicy };

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const resolveRunnerOptions = (settings: ProjectionRunnerOptions): ResolvedRunnerOptions => {
  const batchSize = settings.batchSize ?? 500;
  const options = {
    batchSize,
    catchUpBatchSize: settings.catchUpBatchSize ?? Math.max(batchSize * 20, 10_000),
    batchDelayMs: settings.batchDelayMs ?? 50,
    retry: { attempts: settings.retry?.attempts ?? 3, baseDelayMs: settings.retry?.baseDelayMs ?? 50 },
    cacheSize: settings.cacheSize ?? 5_000,
    restartDelayMs: settings.restartDelayMs ?? 1000,
    liveWithin: settings.liveWithin ?? 100,
    clock: settings.clock ?? systemClock,
    sleep: settings.sleep ?? sleepFor,
  };
  if (!(
    options.batchSize >= 1 &&
    options.catchUpBatchSize >= 1 &&
    options.retry.attempts >= 1 &&
    options.liveWithin >= 1
  )) {
    throw new Error('batchSize, catchUpBatchSize, retry.attempts and liveWithin must be at least 1.');
  }
  return options;
};
