import { Clock } from '../event-store/clock.port';
import { ProjectedEvent } from './projection';
import { ParkedEvent } from './read-model-store.port';
import { ProjectionTarget, UnitOfWork } from './unit-of-work';

export interface RetryPolicy {
  /** Tries per event before it is parked. */
  readonly attempts: number;
  /** Wait before the second try; doubles for each further try. */
  readonly baseDelayMs: number;
}

export interface BatchContext extends ProjectionTarget {
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Told about each event parked (for logs); the store has the record. */
  readonly onParked?: (entry: ParkedEvent) => void;
}

/** A parked event records where it is and why it failed, never the event's data. */
export const describeFailure = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Thrown: ${typeof error}`;
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
};

export const parkedEntry = (event: ProjectedEvent, error: unknown, attempts: number, clock: Clock): ParkedEvent => ({
  position: event.position.toString(),
  streamId: event.streamId,
  type: event.type,
  error: describeFailure(error),
  attempts,
  parkedAt: clock.now().toISOString(),
});

/** Applies one event with retries; returns the last error if every attempt failed. */
export const applyWithRetry = async (
  context: BatchContext,
  unit: UnitOfWork,
  event: ProjectedEvent,
): Promise<unknown> => {
  let lastError: unknown;
  for (let attempt = 1; attempt <= context.retry.attempts; attempt++) {
    try {
      await unit.apply(event, 'skip-reflected');
      return undefined;
    } catch (error) {
      lastError = error ?? new Error('Projection threw nothing');
      if (attempt < context.retry.attempts) await context.sleep(context.retry.baseDelayMs * 2 ** (attempt - 1));
    }
  }
  return lastError;
};

/** Records an event that failed every attempt, and tells the runner's listener. */
export const parkEvent = async (context: BatchContext, event: ProjectedEvent, error: unknown): Promise<void> => {
  const entry = parkedEntry(event, error, context.retry.attempts, context.clock);
  await context.store.park(context.projection.name, context.version, entry);
  context.onParked?.(entry);
};

/**
 * One batch of one projection version: apply `events` in order in a unit of work (parking those
 * that keep failing), then ONE commit of the documents and the checkpoint `through` (the last
 * position this batch accounts for, including events of other categories). Returns how many
 * events were parked.
 */
export const runBatch = async (
  context: BatchContext,
  events: readonly ProjectedEvent[],
  through: bigint,
): Promise<number> => {
  const unit = new UnitOfWork(context);
  let parked = 0;
  for (const event of events) {
    const error = await applyWithRetry(context, unit, event);
    if (error === undefined) continue;
    await parkEvent(context, event, error);
    parked += 1;
  }
  try {
    await context.store.commit(context.projection.name, context.version, unit.writes(), through);
  } catch (error) {
    context.cache.clear();
    throw error;
  }
  unit.committed();
  return parked;
};
