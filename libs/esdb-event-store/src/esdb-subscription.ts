import { AllStreamSubscription, START } from '@eventstore/db-client';
import { RecordedEvent, SubscribeOptions, Subscription } from '@xj/application';
import { filterMatcher } from '@xj/application/event-store-kit';
import { EsdbClientLike } from './esdb-client';
import { mapEsdbError } from './esdb-errors';
import { subscriptionFilter, toEsdbPosition, toRecordedEvent } from './esdb-event-mapping';

/**
 * A catch-up subscription to `$all`, filtered on the server. Iterating the subscription with
 * `for await` gives back-pressure: the next event is taken only after the handler returns.
 */
export class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  private readonly source: AllStreamSubscription;
  private stopped = false;

  constructor(
    client: EsdbClientLike,
    private readonly options: SubscribeOptions,
  ) {
    const from = options.fromPosition;
    this.source = client.subscribeToAll({
      fromPosition: from === undefined ? START : toEsdbPosition(from),
      filter: subscriptionFilter(options.filter?.categories),
    });
    this.done = this.run();
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.source.unsubscribe().catch(() => undefined);
    await this.done.catch(() => undefined);
  }

  private async passed(onCheckpoint: (position: bigint) => Promise<void>, position: bigint): Promise<void> {
    try {
      await onCheckpoint(position);
    } catch (error) {
      throw new HandlerFailed(error);
    }
  }

  private async run(): Promise<void> {
    const { onCheckpoint } = this.options;
    const matches = filterMatcher(this.options.filter);
    let checkpoint = this.options.fromPosition;
    try {
      for await (const resolved of this.source) {
        if (this.stopped) break;
        const event: RecordedEvent | undefined = toRecordedEvent(resolved);
        // The position check makes the checkpoint exclusive whatever the server does with the start
        // position. The server filter selects categories only (an $all filter is on stream names or
        // on types, not both): the types a filter names for a category are checked here, and checking
        // the categories again keeps the port's guarantee independent of the server filter's semantics.
        // A type left out here reports its position (a real one: a subscriber may resume after it).
        // The server's own checkpointReached is not relayed: the client calls it ahead of events still
        // buffered for this loop, and whether its position is the last record searched or the next
        // is not documented.
        if (event === undefined || (checkpoint !== undefined && event.position <= checkpoint)) continue;
        if (matches && !matches(event.streamId, event.type)) {
          checkpoint = event.position;
          if (onCheckpoint) await this.passed(onCheckpoint, event.position);
          continue;
        }
        try {
          await this.options.handler(event);
        } catch (error) {
          throw new HandlerFailed(error);
        }
        checkpoint = event.position;
      }
    } catch (error) {
      // The handler's own error goes to the caller untouched; only the store's is mapped.
      if (error instanceof HandlerFailed) throw error.cause;
      if (this.stopped) return;
      throw mapEsdbError(error);
    } finally {
      // Also after a failure: do not leave the server-side subscription open.
      await this.source.unsubscribe().catch(() => undefined);
    }
  }
}

class HandlerFailed {
  constructor(readonly cause: unknown) {}
}
