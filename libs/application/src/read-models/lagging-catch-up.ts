import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent, Subscription, SubscriptionFilter } from '../event-store/event-store.types';
import { feedFilter } from './projection-events';
import { ProjectionPipeline } from './projection-pipeline';

/** What the runner lends one catch-up of the projections behind the others. */
export interface LaggingCatchUp {
  readonly events: EventStore;
  /** EXCLUSIVE start: the lowest checkpoint of those behind (undefined: position 0). */
  readonly from: bigint | undefined;
  /** The highest checkpoint: where the catch-up ends. */
  readonly ahead: bigint;
  /** What those behind read (feedFilter of their projections). */
  readonly filter: SubscriptionFilter;
  /** A catch-up that makes no progress for this long ends (see catchUpTo). */
  readonly stallMs: number;
  /** Hands an event at or before `ahead` to those behind. */
  deliver(event: RecordedEvent): Promise<void>;
  /** The search went through `position` (at most `ahead`) past events none of them reads. */
  passed(position: bigint): void;
  /** The subscription, while it runs (the runner's stop() stops it). */
  following(subscription: Subscription | undefined): void;
}

/**
 * Follows the filtered subscription until it has gone past `ahead` — an event after it, a
 * checkpoint at or beyond it (SubscribeOptions.onCheckpoint), or the event at it — and then tells
 * `passed(ahead)`: every event of theirs up to it has been delivered. Resolves false when it ended
 * otherwise: stopped, or no event nor checkpoint for `stallMs` (a store that does not report how
 * far a filtered search went, e.g. past the categories EventStoreDB's server filter leaves out).
 * Rejects when the store or a delivery failed.
 */
export const catchUpTo = async (run: LaggingCatchUp): Promise<boolean> => {
  const { ahead } = run;
  let reached = false;
  let progress = 0;
  let busy = false;
  // A subscription delivers nothing before subscribe() has returned (the port's implementations start on a later tick).
  const finish = (): void => {
    reached = true;
    void subscription.stop();
  };
  const subscription: Subscription = run.events.subscribe({
    fromPosition: run.from,
    filter: run.filter,
    onCheckpoint: async (position) => {
      progress += 1;
      run.passed(position < ahead ? position : ahead);
      if (position >= ahead) finish();
    },
    handler: async (event) => {
      progress += 1;
      if (event.position > ahead) return finish();
      busy = true;
      try {
        await run.deliver(event);
      } finally {
        busy = false;
      }
      if (event.position === ahead) finish();
    },
  });
  run.following(subscription);
  let seen = -1;
  const watchdog = setInterval(() => {
    if (!busy && progress === seen) void subscription.stop();
    seen = progress;
  }, run.stallMs);
  try {
    await subscription.done;
  } finally {
    clearInterval(watchdog);
    run.following(undefined);
  }
  if (reached) run.passed(ahead);
  return reached;
};

/** What the runner lends catchUpLagging. */
export interface LaggingHooks {
  readonly events: EventStore;
  readonly stallMs: number;
  deliver(event: RecordedEvent, lagging: readonly ProjectionPipeline[]): Promise<void>;
  passed(position: bigint, lagging: readonly ProjectionPipeline[]): void;
  following(subscription: Subscription | undefined): void;
}

/**
 * The projections whose checkpoint lies behind the highest (after a partitioned build: those it
 * left to the feed, to be built in global order from position 0) are caught up to it first, on
 * their own, by a subscription that asks the store for only what they read (feedFilter): with the
 * others on the same feed it would read, decode and offer every event of the log. Their batches are
 * committed at the end; from there the runner's feed serves them all. When it ends otherwise (see
 * catchUpTo) the feed catches up what is left, reading every event. Nothing to do when none is
 * behind or those behind read every event.
 */
export const catchUpLagging = async (pipelines: readonly ProjectionPipeline[], hooks: LaggingHooks): Promise<void> => {
  const saved = pipelines.map((pipeline) => pipeline.checkpoint).filter((c): c is bigint => c !== undefined);
  if (saved.length === 0) return;
  const ahead = saved.reduce((a, b) => (b > a ? b : a));
  const lagging = pipelines.filter((pipeline) => pipeline.checkpoint === undefined || pipeline.checkpoint < ahead);
  const filter = feedFilter(lagging.map((pipeline) => pipeline.context.projection));
  if (lagging.length === 0 || filter === undefined) return;
  const behind = lagging.map((pipeline) => pipeline.checkpoint);
  await catchUpTo({
    events: hooks.events,
    from: behind.includes(undefined) ? undefined : (behind as bigint[]).reduce((a, b) => (b < a ? b : a)),
    ahead,
    filter,
    stallMs: hooks.stallMs,
    deliver: (event) => hooks.deliver(event, lagging),
    passed: (position) => hooks.passed(position, lagging),
    following: hooks.following,
  });
  await Promise.all(lagging.map((pipeline) => pipeline.flush()));
};
