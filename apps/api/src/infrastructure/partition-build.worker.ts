// A worker thread of EmbeddedPartitionWorkers: builds one share of a partitioned build of the case
// projections, on connections of its own to the embedded event store and read-model store.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchContext, ParkedOnThread, PartitionShare } from '@xj/application';
import type { SqliteEventStore } from '@xj/sqlite-event-store';
import type { SqliteReadModelStore } from '@xj/sqlite-read-models';

export interface PartitionBuildTask {
  readonly eventsFile: string;
  readonly readModelsFile: string;
  /** `@xj/*` alias → the directory it resolved to in the parent (no alias resolver runs in a worker). */
  readonly aliases: Readonly<Record<string, string>>;
  readonly share: PartitionShare;
}

export type PartitionBuildMessage =
  | { readonly progress: number }
  | { readonly parked: ParkedOnThread }
  | { readonly result: number[] | null }
  | { readonly error: string };

/** Resolves `@xj/*` where the parent did, as scripts/run.js does for dist/, before anything that imports one is loaded. */
const installAliases = (aliases: Readonly<Record<string, string>>): void => {
  const paths = Object.fromEntries(Object.entries(aliases).flatMap(([alias, dir]) => [[alias, [dir]], [`${alias}/*`, [`${dir}/*`]]]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in the worker, before the libraries
  (require('tsconfig-paths') as typeof import('tsconfig-paths')).register({ baseUrl: '/', paths });
};

const run = async (task: PartitionBuildTask, post: (message: PartitionBuildMessage) => void, stopped: () => boolean): Promise<number[] | undefined> => {
  installAliases(task.aliases);
  const load = createRequire(__filename);
  const app = load('@xj/application') as typeof import('@xj/application');
  const { SqliteEventStore: EventStoreClass } = load('@xj/sqlite-event-store') as { SqliteEventStore: typeof SqliteEventStore };
  const { SqliteReadModelStore: ReadModelStoreClass } = load('@xj/sqlite-read-models') as { SqliteReadModelStore: typeof SqliteReadModelStore };
  const events = new EventStoreClass({ filename: task.eventsFile });
  const store = new ReadModelStoreClass({ filename: task.readModelsFile });
  try {
    const contexts: BatchContext[] = task.share.projections.map(({ name, version }) => {
      const projection = app.CASE_PROJECTIONS.find((candidate) => candidate.name === name);
      if (projection === undefined) throw new Error(`No case projection named ${name}.`);
      return {
        store,
        projection,
        version,
        cache: new app.DocumentCache(0),
        retry: task.share.retry,
        clock: app.systemClock,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        onParked: (entry) => post({ parked: { projection: name, entry } }),
      };
    });
    return await app.buildPartitioned(events, task.share.partitions, contexts, BigInt(task.share.through), {
      partitionsPerCommit: task.share.partitionsPerCommit,
      running: () => !stopped(),
      onProgress: (count) => post({ progress: count }),
    });
  } finally {
    await store.close();
    await events.close();
  }
};

if (parentPort) {
  const port = parentPort;
  let stop = false;
  port.on('message', (message: unknown) => {
    if (message === 'stop') stop = true;
  });
  const post = (message: PartitionBuildMessage): void => port.postMessage(message);
  run(workerData as PartitionBuildTask, post, () => stop).then(
    (result) => post({ result: result ?? null }),
    (error: unknown) => post({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
}
