// A worker thread of EmbeddedPartitionWorkers (started with runWorker): builds one share of a
// partitioned build of the case projections, on connections of its own to the embedded event store
// and read-model store.
import {
  BatchContext,
  buildPartitioned,
  CASE_PARTITIONED,
  DocumentCache,
  ParkedOnThread,
  PartitionShare,
  systemClock,
} from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteReadModelStore } from '@xj/sqlite-read-models';
import { serveWorker, WorkerContext } from '@xj/worker-threads';

export interface PartitionBuildTask {
  readonly eventsFile: string;
  readonly readModelsFile: string;
  readonly share: PartitionShare;
}

export type PartitionBuildEvent = { readonly progress: number } | { readonly parked: ParkedOnThread };

/** The events parked per projection, or null once stopped (undefined does not survive the message). */
const build = async (
  task: PartitionBuildTask,
  { post, stopped }: WorkerContext<PartitionBuildEvent>,
): Promise<number[] | null> => {
  const events = new SqliteEventStore({ filename: task.eventsFile });
  const store = new SqliteReadModelStore({ filename: task.readModelsFile });
  try {
    const contexts: BatchContext[] = task.share.projections.map(({ name, version }) => {
      const projection = CASE_PARTITIONED.projections.find((candidate) => candidate.name === name);
      if (projection === undefined) throw new Error(`No case projection named ${name}.`);
      return {
        store,
        projection,
        version,
        cache: new DocumentCache(0),
        retry: task.share.retry,
        clock: systemClock,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        onParked: (entry) => post({ parked: { projection: name, entry } }),
      };
    });
    const parked = await buildPartitioned(events, task.share.partitions, contexts, BigInt(task.share.through), {
      partitionsPerCommit: task.share.partitionsPerCommit,
      running: () => !stopped(),
      onProgress: (count) => post({ progress: count }),
    });
    return parked ?? null;
  } finally {
    await store.close();
    await events.close();
  }
};

serveWorker(build);
