import { categoryOf } from '../event-store/append-preparation';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent } from '../event-store/event-store.types';
import { BatchContext, describeFailure, runBatch } from './batch';
import { WrittenIds } from './document-cache';
import { toProjectedEvent } from './projected-event';
import { Projection, ProjectedEvent } from './projection';
import { readsEvent } from './projection-events';
import { ReadModelStore } from './read-model-store.port';
import { UnitOfWork } from './unit-of-work';

/** Creates the indexes a projection declares, where the store has indexes. */
export const ensureProjectionIndexes = async (
  store: ReadModelStore,
  projection: Projection,
  version: number,
): Promise<void> => {
  if (!store.ensureIndexes) return;
  for (const [collection, specs] of Object.entries(projection.indexes ?? {})) {
    await store.ensureIndexes(projection.name, version, collection, specs);
  }
};

export interface BuildLimit {
  /** Only events at or before this position. */
  readonly untilPosition?: bigint;
  /** Only events recorded at or before this instant (ISO-8601). */
  readonly untilRecordedAt?: string;
}

export interface BuildResult {
  readonly version: number;
  /** The last position the build accounts for (undefined: no event in range). */
  readonly checkpoint: bigint | undefined;
  readonly parked: number;
}

const beyond = (event: RecordedEvent, limit: BuildLimit, untilRecordedAt: string | undefined): boolean =>
  (limit.untilPosition !== undefined && event.position > limit.untilPosition) ||
  (untilRecordedAt !== undefined && event.metadata.recordedAt > untilRecordedAt);

/**
 * Builds `context.version` of a projection from position 0 by paging through the whole log
 * (bounded work, unlike the runner's endless subscription), optionally up to a position or an
 * instant. The target version is dropped first: a build always starts from nothing.
 */
export const buildVersion = async (
  events: EventStore,
  context: BatchContext,
  batchSize: number,
  limit: BuildLimit,
): Promise<BuildResult> => {
  const { store, projection, version } = context;
  const untilRecordedAt =
    limit.untilRecordedAt === undefined ? undefined : new Date(limit.untilRecordedAt).toISOString();
  const reads = readsEvent(projection);
  await store.dropVersion(projection.name, version, projection.collections);
  // The target starts empty: what the build has not written does not exist.
  const target: BatchContext = { ...context, written: new WrittenIds() };
  target.cache.clear();
  await ensureProjectionIndexes(store, projection, version);
  let through: bigint | undefined;
  let parked = 0;
  for (;;) {
    const page = await events.readAll({ fromPosition: through, maxCount: batchSize });
    const inRange: ProjectedEvent[] = [];
    const before = through;
    let reachedLimit = false;
    for (const event of page) {
      if (beyond(event, limit, untilRecordedAt)) {
        reachedLimit = true;
        break;
      }
      if (reads(categoryOf(event.streamId), event.type)) inRange.push(toProjectedEvent(event));
      through = event.position;
    }
    if (through !== undefined && through !== before) parked += await runBatch(target, inRange, through);
    if (reachedLimit || page.length < batchSize) break;
  }
  return { version, checkpoint: through, parked };
};

export interface RetryResult {
  readonly retried: number;
  readonly succeeded: number;
  readonly stillParked: number;
}

/**
 * Re-applies a version's parked events in position order and unparks those that now succeed.
 * Later events have been applied to their documents meanwhile, so a retried event is applied on
 * top of them ('reapply'); a projection whose result depends on event order should be rebuilt
 * (bump its version) instead. Must run while no batch of that version is in flight.
 */
export const retryParkedEvents = async (
  events: EventStore,
  context: BatchContext,
  checkpoint: bigint | undefined,
): Promise<RetryResult> => {
  const { store, projection, version } = context;
  const entries = await store.parked(projection.name, version);
  let succeeded = 0;
  // Nothing committed yet: the parked events are still ahead of the checkpoint and will be
  // delivered again, so there is nothing to retry here.
  if (checkpoint === undefined) return { retried: 0, succeeded: 0, stillParked: entries.length };
  for (const entry of entries) {
    const stream = await events.readStream(entry.streamId);
    const recorded = stream.find((event) => event.position.toString() === entry.position);
    if (recorded === undefined) continue;
    const unit = new UnitOfWork(context);
    try {
      await unit.apply(toProjectedEvent(recorded), 'reapply');
    } catch (error) {
      await store.park(projection.name, version, {
        ...entry,
        attempts: entry.attempts + 1,
        error: describeFailure(error),
        parkedAt: context.clock.now().toISOString(),
      });
      continue;
    }
    await store.commit(projection.name, version, unit.writes(), checkpoint);
    unit.committed();
    await store.unpark(projection.name, version, entry.position);
    succeeded += 1;
  }
  return { retried: entries.length, succeeded, stillParked: entries.length - succeeded };
};
