import { BatchContext } from '../batch';
import { buildPartitioned } from './partitioned-build';
import { PartitionReads, isPartitionReads } from './partition-reads.port';
import { PartitionWorkers, ShareListener } from './partition-workers.port';
import { PartitionedProjections } from './partitioning';
import { RebuildSession, RebuildStrategy, RebuildTarget } from './rebuild-strategy';

export interface PartitionedRebuildOptions {
  /** Threads that take shares of a build (the embedded stores offer them). Default: none, the build runs in the runner's thread. */
  readonly workers?: PartitionWorkers;
  /** Partitions whose documents go into one commit. Default 500: with the case ledgers, about 10,000 events and 2,500 documents per commit. */
  readonly partitionsPerCommit?: number;
}

/**
 * Builds the versions of projections that keep to a partitioning (see Partitioning) from position 0
 * partition by partition, where the event store can read partitions (PartitionReads; the embedded
 * store), all of them together, reading each partition once (see buildPartitioned). Through the
 * last position at the start: the feed follows on from there. What it does not take (other
 * projections, an event store without those reads, an empty log) it leaves to the feed, which
 * builds in global order (IN_ORDER_REBUILD).
 *
 * A build starts by dropping what a build cut short left (documents, no checkpoint). The
 * checkpoints are saved once every partition is written, so a build stopped or failed half-way
 * saves none and is done again.
 */
export class PartitionedRebuild implements RebuildStrategy {
  private readonly names: ReadonlySet<string>;
  private readonly partitionsPerCommit: number;
  /** A share failed on a thread: this strategy's later builds run in the runner's thread. */
  private threadsFailed = false;

  constructor(
    private readonly declared: PartitionedProjections,
    private readonly options: PartitionedRebuildOptions = {},
  ) {
    this.names = new Set(declared.projections.map((projection) => projection.name));
    this.partitionsPerCommit = options.partitionsPerCommit ?? 500;
    if (!(this.partitionsPerCommit >= 1)) throw new Error('partitionsPerCommit must be at least 1.');
  }

  async rebuild(targets: readonly RebuildTarget[], session: RebuildSession): Promise<void> {
    const source = session.events;
    const mine = targets.filter((target) => this.names.has(target.projection.name));
    if (mine.length === 0 || !isPartitionReads(source)) return;
    const through = await source.lastPosition();
    // An empty log: the feed builds from the first event on.
    if (through === undefined) return;
    // What a build cut short wrote (it saved no checkpoint) goes first.
    for (const target of mine) await session.discard(target);
    const names = mine.map((target) => target.projection.name);
    let built = 0;
    session.progress({ names, through, events: built });
    const progress = (events: number): void => session.progress({ names, through, events: (built += events) });
    const partitions = await this.declared.partitioning.partitions(source, through);
    const parked = await this.build(source, partitions, mine, through, session, progress);
    if (parked === undefined) return;
    for (const [n, target] of mine.entries()) await session.built(target, through, parked[n] as number);
  }

  /**
   * In the runner's thread, or split into shares on the workers when they take it (a large log).
   * Share n has every n-th partition, in order: partitions come in the partitioning's order (the
   * case ledgers': clue id, which follows registration), and a log's early cases have run their
   * course while its recent ones have barely begun, so equal slices of that order would not be
   * equal work (57 % against 43 % of the events on the replay benchmark's log, where every other
   * case gives 50.06 % against 49.94 %). A share that fails stops the others, and the build fails
   * (the runner tries again, then in its own thread). Returns the events parked per target, or
   * undefined once stopped.
   */
  private async build(
    source: PartitionReads,
    partitions: readonly (readonly string[])[],
    targets: readonly RebuildTarget[],
    through: bigint,
    session: RebuildSession,
    progress: (events: number) => void,
  ): Promise<number[] | undefined> {
    const { partitionsPerCommit } = this;
    const workers = this.threadsFailed ? undefined : this.options.workers;
    const shares = Math.min(workers?.sharesFor(through) ?? 1, partitions.length);
    if (workers === undefined || shares < 2) {
      return buildPartitioned(source, partitions, targets, through, {
        partitionsPerCommit,
        running: () => !session.signal.aborted,
        onProgress: progress,
      });
    }
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    if (session.signal.aborted) stop();
    session.signal.addEventListener('abort', stop);
    const projections = targets.map(({ projection, version }) => ({ name: projection.name, version }));
    const listener: ShareListener = {
      parked: ({ projection, entry }) =>
        targets.find((target) => target.projection.name === projection)?.onParked?.(entry),
      progress,
    };
    const retry = (targets[0] as BatchContext).retry;
    try {
      const settled = await Promise.allSettled(
        Array.from({ length: shares }, (_, n) => {
          const share = partitions.filter((_, index) => index % shares === n);
          return workers
            .build(
              { projections, partitions: share, through: through.toString(), partitionsPerCommit, retry },
              controller.signal,
              listener,
            )
            .catch((error: unknown) => {
              controller.abort();
              throw error;
            });
        }),
      );
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) {
        // A thread that crashed (out of memory, say) may crash again: the next attempt runs here.
        this.threadsFailed = true;
        throw failed.reason;
      }
      const results = settled.map((result) => (result as PromiseFulfilledResult<number[] | undefined>).value);
      if (results.includes(undefined)) return undefined;
      return projections.map((_, n) => (results as number[][]).reduce((sum, parked) => sum + (parked[n] ?? 0), 0));
    } finally {
      session.signal.removeEventListener('abort', stop);
    }
  }
}
