import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PartitionShare, PartitionWorkers, ShareListener } from '@xj/application';
import { EVENTS_DB_FILENAME } from '@xj/sqlite-event-store';
import { READ_MODELS_DB_FILENAME } from '@xj/sqlite-read-models';
import { runWorker } from '@xj/worker-threads';
import type { PartitionBuildEvent, PartitionBuildTask } from './partition-build.worker';

export interface EmbeddedPartitionWorkersOptions {
  readonly eventsFile: string;
  readonly readModelsFile: string;
  /** Threads per build. Default: the machine's available parallelism, at most 4. Below 2: never. */
  readonly threads?: number;
  /** A log through a lower position is built in the runner's own thread (a thread takes ~0.3 s to start). Default 100,000. */
  readonly minEvents?: number;
}

/**
 * A build thread holds little (its share's partition list, one commit's documents, one case's
 * events: some 40 MB at a million events), but V8 lets an old generation grow far past what is live
 * before it collects: on the replay benchmark's log, two threads raised the process's RSS from
 * ~196 MB to a peak of 471 MB. Capped at 128 MB, the peak was 381 MB at the same speed (at 64 MB,
 * collections cost ~10 %). A thread that runs out of it fails, and the build runs again in the
 * runner's own thread.
 */
const OLD_GENERATION_MB = 128;

/**
 * Partitioned builds of the case projections (CASE_PARTITIONED) on worker threads over the
 * embedded stores' files (see PartitionWorkers): each thread opens its own connections, WAL lets
 * them read beside each other, and their commits take turns on the read-model file's write lock.
 */
export class EmbeddedPartitionWorkers implements PartitionWorkers {
  private readonly threads: number;
  private readonly minEvents: bigint;

  constructor(private readonly options: EmbeddedPartitionWorkersOptions) {
    this.threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
    this.minEvents = BigInt(Math.max(0, Math.floor(options.minEvents ?? 100_000)));
  }

  /** Over the stores' files in a data directory, as the embedded adapters name them. */
  static inDataDir(dataDir: string): EmbeddedPartitionWorkers {
    return new EmbeddedPartitionWorkers({
      eventsFile: join(dataDir, EVENTS_DB_FILENAME),
      readModelsFile: join(dataDir, READ_MODELS_DB_FILENAME),
    });
  }

  sharesFor(through: bigint): number {
    return through >= this.minEvents ? this.threads : 1;
  }

  async build(share: PartitionShare, signal: AbortSignal, listener: ShareListener): Promise<number[] | undefined> {
    const task: PartitionBuildTask = {
      eventsFile: this.options.eventsFile,
      readModelsFile: this.options.readModelsFile,
      share,
    };
    const parked = await runWorker<number[] | null, PartitionBuildEvent>(
      require.resolve('./partition-build.worker'),
      task,
      {
        name: 'A partitioned build thread',
        signal,
        onEvent: (event) => ('progress' in event ? listener.progress(event.progress) : listener.parked(event.parked)),
        resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB },
      },
    );
    return parked ?? undefined;
  }
}
