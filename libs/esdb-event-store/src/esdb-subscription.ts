import { AllStreamSubscription, START } from '@eventstore/db-client';
import { RecordedEvent, SubscribeOptions, Subscription } from '@xj/application';
import { categoryOf } from '@xj/application/event-store-kit';
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

  private async run(): Promise<void> {
    const categories = this.options.filter?.categories?.length ? new Set(this.options.filter.categories) : undefined;
    let checkpoint = this.options.fromPosition;
    try {
      for await (const resolved of this.source) {
        if (this.stopped) break;
        const event: RecordedEvent | undefined = toRecordedEvent(resolved);
        // The server filter already selects categories; checking again costs nothing and keeps
        // the port's guarantee independent of the filter's exact semantics. The position check
        // makes the checkpoint exclusive whatever the server does with the start position.
        if (event === undefined || (checkpoint !== undefined && event.position <= checkpoint)) continue;
        if (categories && !categories.has(categoryOf(event.streamId))) continue;
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
