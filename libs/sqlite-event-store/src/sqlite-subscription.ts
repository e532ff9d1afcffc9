import { RecordedEvent, SubscribeOptions, Subscription, SubscriptionFilter } from '@xj/application';
import { filterMatcher } from '@xj/application/event-store-kit';

/** A page of the feed: the events found, and how far the log was searched for them. */
export interface FeedPage {
  readonly events: RecordedEvent[];
  /**
   * The position through which the log has been searched (the last event's, or further when a
   * category filter skipped rows after it); undefined when nothing was searched.
   */
  readonly through: bigint | undefined;
  /** More of the log lies after `through` (the page is full, or the search stopped at its window). */
  readonly more: boolean;
}

/** What the polling loop needs from the store. */
export interface ChangeFeed {
  /**
   * Events strictly after `after`, in global order, at most `maxCount`; with a filter, only the
   * events it lets through (searched in the database, not handed over to be dropped).
   */
  readPage(after: bigint | undefined, maxCount: number, filter?: SubscriptionFilter): FeedPage;
  /** Increases on every append made through this process's store. */
  readonly generation: number;
  /** Resolves on the next in-process append, or after `ms` (another process may have written). */
  waitForChange(ms: number): { readonly promise: Promise<void>; cancel(): void };
}

const PAGE_SIZE = 256;

/**
 * Catch-up then live delivery for the embedded store: read pages after the checkpoint, hand
 * each event to the handler and await it, and when the page comes back short, sleep until an
 * in-process append wakes us or the poll interval passes (to see other processes' writes).
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private pendingWait: { cancel(): void } | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
  ) {
    this.done = this.run();
    // Whoever awaits `done` still sees a failure; this only keeps an unobserved one from
    // becoming an unhandled rejection.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pendingWait?.cancel();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    // Let the constructor return (and the caller keep the handle) before the first delivery.
    await Promise.resolve();
    const { filter, onCheckpoint } = this.options;
    const matches = filterMatcher(filter);
    let checkpoint = this.options.fromPosition;
    while (!this.stopped) {
      const seen = this.feed.generation;
      const page = this.feed.readPage(checkpoint, PAGE_SIZE, matches && filter);
      for (const event of page.events) {
        if (this.stopped) return;
        if (!matches || matches(event.streamId, event.type)) await this.options.handler(event);
        checkpoint = event.position;
      }
      if (page.through !== undefined && (checkpoint === undefined || page.through > checkpoint)) {
        checkpoint = page.through;
        if (this.stopped) return;
        // The filter passed over rows after the last event delivered: say how far the search went.
        await onCheckpoint?.(checkpoint);
      }
      if (page.more) {
        // Catching up, every read and handler may complete without ever leaving the microtask
        // queue: let timers and I/O (HTTP requests, health checks) in between pages.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (this.stopped || this.feed.generation !== seen) continue;
      const wait = this.feed.waitForChange(this.pollIntervalMs);
      this.pendingWait = wait;
      await wait.promise;
      this.pendingWait = undefined;
    }
  }
}
