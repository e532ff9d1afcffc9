import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PartitionShare, PartitionWorkers, ShareListener } from '@xj/application';
import type { PartitionBuildMessage, PartitionBuildTask } from './partition-build.worker';

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
 * collections cost ~10 %). A thread that runs out of it fails, and the runner builds again in its
 * own thread.
 */
const OLD_GENERATION_MB = 128;

/** The libraries a worker loads, and what they import among themselves. */
const ALIASES = ['@xj/domain', '@xj/application', '@xj/sqlite-event-store', '@xj/sqlite-read-models'];

/** Run from TypeScript sources (tests, ts-node), a worker needs the same loader. */
const workerFile = (): { file: string; execArgv: string[] } => {
  const extension = extname(__filename);
  const file = join(__dirname, `partition-build.worker${extension}`);
  return extension === '.ts' ? { file, execArgv: ['-r', require.resolve('ts-node/register/transpile-only')] } : { file, execArgv: [] };
};

/**
 * Partitioned builds of the case projections on worker threads over the embedded stores' files
 * (see PartitionWorkers): each thread opens its own connections, WAL lets them read beside each
 * other, and their commits take turns on the read-model file's write lock.
 */
export class EmbeddedPartitionWorkers implements PartitionWorkers {
  private readonly threads: number;
  private readonly minEvents: bigint;
  private aliases: Record<string, string> | undefined;

  constructor(private readonly options: EmbeddedPartitionWorkersOptions) {
    this.threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
    this.minEvents = BigInt(Math.max(0, Math.floor(options.minEvents ?? 100_000)));
  }

  sharesFor(through: bigint): number {
    return through >= this.minEvents ? this.threads : 1;
  }

  build(share: PartitionShare, signal: AbortSignal, listener: ShareListener): Promise<number[] | undefined> {
    const task: PartitionBuildTask = { eventsFile: this.options.eventsFile, readModelsFile: this.options.readModelsFile, aliases: this.resolvedAliases(), share };
    return new Promise((resolve, reject) => {
      const { file, execArgv } = workerFile();
      const worker = new Worker(file, { workerData: task, execArgv, resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB } });
      let settled = false;
      const stop = (): void => worker.postMessage('stop');
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', stop);
        outcome();
        void worker.terminate();
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop);
      worker.on('message', (message: PartitionBuildMessage) => {
        if ('progress' in message) listener.progress(message.progress);
        else if ('parked' in message) listener.parked(message.parked);
        else if ('result' in message) settle(() => resolve(message.result ?? undefined));
        else settle(() => reject(new Error(`A partitioned build thread failed: ${message.error}`)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`A partitioned build thread exited with code ${code} before answering.`))));
    });
  }

  /** Where the `@xj/*` libraries resolve here (sources, dist/ or a compiled tree): the worker loads the same. */
  private resolvedAliases(): Record<string, string> {
    this.aliases ??= Object.fromEntries(ALIASES.map((alias) => [alias, dirname(require.resolve(alias))]));
    return this.aliases;
  }
}
