import { performance } from 'node:perf_hooks';
import { applyWithRetry, BatchContext, parkEvent } from '../batch';
import { DocumentCache, WrittenIds } from '../document-cache';
import { toProjectedEvent } from '../projected-event';
import { readsEvent } from '../projection-events';
import { UnitOfWork } from '../unit-of-work';
import { PartitionReads } from './partition-reads.port';

export interface PartitionedBuildOptions {
  /** Partitions whose documents go into one commit. */
  readonly partitionsPerCommit: number;
  /** Asked before each commit's partitions: false stops the build where it is. */
  readonly running: () => boolean;
  /** Told after each commit how many events its partitions held. */
  readonly onProgress?: (events: number) => void;
}

/** Lets timers and HTTP requests in (every read and apply may complete synchronously). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Work between two yields at most, in ms: a commit's partitions take a few hundred ms on a large log,
 * which requests to a server building in its own thread should not wait for.
 */
const YIELD_AFTER_MS = 20;

const NO_CACHE = new DocumentCache(0);

/**
 * A unit of work that holds every document its partitions' events can see: built from nothing, it
 * has written each of them itself, so one it does not hold does not exist, and neither the cache
 * nor the store is asked (nothing is ever added to its WrittenIds: it is never `committed()`).
 */
const partitionUnit = (target: BatchContext): UnitOfWork =>
  new UnitOfWork({ ...target, cache: NO_CACHE, written: new WrittenIds() });

/**
 * Builds projection versions that share a partitioning (see Partitioning) from position 0 through
 * `through`, over `partitions` (all of them, or a share: see PartitionWorkers), one partition at a
 * time: its events in global order, applied to documents held in memory (the partition's own,
 * which no other partition's events touch), and each document written once, in one commit with
 * those of the partitions around it. A replay in global order instead keeps every case that is
 * still open in play at once: far more documents than memory holds, so it reads them back from the
 * store and writes most of them many times.
 *
 * An event that keeps failing is parked, as in a batch. Commits carry no checkpoint: the caller
 * saves `through` as every target's checkpoint once this returns, so a build cut short (stopped,
 * crashed) has none, and is dropped and built again from position 0.
 *
 * Returns the number of events parked per target, or undefined when `running` turned false.
 */
export const buildPartitioned = async (
  source: PartitionReads,
  partitions: readonly (readonly string[])[],
  targets: readonly BatchContext[],
  through: bigint,
  options: PartitionedBuildOptions,
): Promise<number[] | undefined> => {
  const reads = targets.map((target) => readsEvent(target.projection));
  const parked = targets.map(() => 0);
  let yielded = performance.now();
  for (let first = 0; first < partitions.length; first += options.partitionsPerCommit) {
    if (!options.running()) return undefined;
    const units = targets.map(partitionUnit);
    let read = 0;
    for (const streams of partitions.slice(first, first + options.partitionsPerCommit)) {
      if (performance.now() - yielded > YIELD_AFTER_MS) {
        await yieldToEventLoop();
        yielded = performance.now();
      }
      const events = await source.readStreamsThrough(streams, through);
      read += events.length;
      for (const recorded of events) {
        const event = toProjectedEvent(recorded);
        for (let t = 0; t < targets.length; t++) {
          if (!(reads[t] as (category: string, type: string) => boolean)(event.category, event.type)) continue;
          const target = targets[t] as BatchContext;
          const error = await applyWithRetry(target, units[t] as UnitOfWork, event);
          if (error === undefined) continue;
          await parkEvent(target, event, error);
          parked[t] = (parked[t] as number) + 1;
        }
      }
    }
    for (let t = 0; t < targets.length; t++) {
      const { store, projection, version } = targets[t] as BatchContext;
      await store.commit(projection.name, version, (units[t] as UnitOfWork).writes(), undefined);
    }
    options.onProgress?.(read);
  }
  return parked;
};
