import { Audience, CaseKind, Position, Role } from '@xj/domain';
import { Clock, systemClock } from '../event-store/clock.port';
import { ReadModelDocument } from '../read-models/projection';
import { ReadModelStore } from '../read-models/read-model-store.port';
import { NotificationSender, OutboundMessage } from './outbound-message';
import { DELIVERIES, DeliveryDocument, OUTBOX, OUTBOX_META, OUTBOX_START, OUTBOX_VERSION } from './outbox.projection';

export interface OutboxOptions {
  /** Attempts before a delivery is parked. Default 8. */
  readonly maxAttempts?: number;
  /** The wait after the first failure; doubled after each further one. Default 30 s. */
  readonly retryBaseMs?: number;
  /** The longest wait between two attempts. Default 1 h. */
  readonly retryMaxMs?: number;
  /** How often the outbox looks for due deliveries. Default 1 s. */
  readonly pollMs?: number;
  /** Deliveries sent per look, at most. Default 20. */
  readonly batchSize?: number;
  /** A send that has not answered by then counts as failed. Default 10 s. */
  readonly sendTimeoutMs?: number;
  readonly clock?: Clock;
  /** Told of failures of the outbox itself (the store), never of a receiver's (they are the delivery's). */
  readonly onError?: (error: unknown) => void;
}

/** A parked delivery as an administrator sees it: where it was going, about what, and why it failed. */
export interface ParkedDelivery {
  readonly deliveryId: string;
  readonly channel: string;
  readonly kind: string;
  readonly caseKind: string;
  readonly caseId: string;
  readonly attempts: number;
  readonly lastError?: string;
  readonly parkedAt?: string;
}

/** The wait before attempt `attempts + 1` after `attempts` failures: exponential, capped. */
export const backoffMs = (attempts: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));

const REASON_LIMIT = 200;

/** A receiver's failure as stored: its message, cut short (senders put no message content in it). */
const reasonOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, REASON_LIMIT);

const messageOf = (d: DeliveryDocument): OutboundMessage => {
  const audience: Audience = {
    orgId: d.audienceOrgId,
    ...(d.audienceRole === undefined ? {} : { role: d.audienceRole as Role }),
    ...(d.audiencePosition === undefined ? {} : { position: d.audiencePosition as Position }),
  };
  return {
    deliveryId: d.deliveryId,
    notificationId: d.notificationId,
    kind: d.kind,
    ...(d.deadlineRule === undefined ? {} : { deadlineRule: d.deadlineRule }),
    caseKind: d.caseKind as CaseKind,
    caseId: d.caseId,
    at: d.at,
    audience,
  };
};

/**
 * Sends the outbox's due deliveries (outbox.projection.ts) through their channels: at least once,
 * each with its stable id; a failure is retried after an exponential backoff and parked after
 * `maxAttempts`, for an administrator to see. It runs beside the command path and never blocks it:
 * a command only appends its event; the feed makes the delivery, this loop sends it.
 *
 * Two processes running it may both send a due delivery (at least once): receivers dedupe on the
 * delivery id. Deliveries are read by a query on (state, nextAttemptAt): indexed in MongoDB, a
 * scan of the collection in the embedded store, which is fine for an outbox of a few thousand.
 */
export class NotificationOutbox {
  private readonly senders: ReadonlyMap<string, NotificationSender>;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly sendTimeoutMs: number;
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private running = false;

  constructor(
    private readonly store: ReadModelStore,
    senders: readonly NotificationSender[],
    private readonly options: OutboxOptions = {},
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
    this.retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = Math.max(1, options.batchSize ?? 20);
    this.sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  /** The channels deliveries are made for (the feed's projection is created with them). */
  get channels(): readonly string[] {
    return [...this.senders.keys()];
  }

  /**
   * Sets the start marker once (the first start): events recorded before it are never delivered,
   * so enabling notifications on a store with history does not send that history. Answers the
   * marker's instant, for createOutboxProjection.
   */
  async markStart(): Promise<string> {
    const existing = (await this.store.get(OUTBOX, OUTBOX_META, OUTBOX_START, OUTBOX_VERSION))?.since;
    if (typeof existing === 'string') return existing;
    const since = this.clock.now().toISOString();
    await this.store.commit(
      OUTBOX,
      OUTBOX_VERSION,
      [{ collection: OUTBOX_META, id: OUTBOX_START, doc: { _id: OUTBOX_START, _position: '0', since } }],
      undefined,
    );
    return since;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops looking; a send in flight is finished first. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => 0);
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().catch((error: unknown) => {
        this.options.onError?.(error);
        return 0;
      });
      void this.ticking.then(() => this.schedule());
    }, this.pollMs);
    this.timer.unref();
  }

  /** Sends the deliveries due now (one batch); answers how many were attempted. */
  async tick(): Promise<number> {
    const now = this.clock.now().toISOString();
    const { items } = await this.store.find(
      OUTBOX,
      DELIVERIES,
      { filter: { state: 'pending', nextAttemptAt: { $lte: now } }, sort: { nextAttemptAt: 1 }, limit: this.batchSize },
      OUTBOX_VERSION,
    );
    for (const doc of items) await this.attempt(doc);
    return items.length;
  }

  private async attempt(stored: ReadModelDocument): Promise<void> {
    const doc = stored as unknown as DeliveryDocument & ReadModelDocument;
    const sender = this.senders.get(doc.channel);
    const attempts = doc.attempts + 1;
    let next: Partial<DeliveryDocument>;
    try {
      if (sender === undefined) throw new Error(`channel ${doc.channel} is not configured`);
      await this.withTimeout(sender.send(messageOf(doc)));
      next = { state: 'sent', attempts, sentAt: this.clock.now().toISOString() };
    } catch (error) {
      const reason = reasonOf(error);
      const now = this.clock.now();
      next =
        attempts >= this.maxAttempts || sender === undefined
          ? { state: 'parked', attempts, lastError: reason, parkedAt: now.toISOString() }
          : {
              attempts,
              lastError: reason,
              nextAttemptAt: new Date(
                now.getTime() + backoffMs(attempts, this.retryBaseMs, this.retryMaxMs),
              ).toISOString(),
            };
    }
    // The same `_position` as the feed wrote it with: the store rewrites at an equal position.
    await this.store.commit(
      OUTBOX,
      OUTBOX_VERSION,
      [{ collection: DELIVERIES, id: doc._id, doc: { ...stored, ...next } as ReadModelDocument }],
      undefined,
    );
  }

  private withTimeout(send: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.sendTimeoutMs} ms`)), this.sendTimeoutMs);
    });
    return Promise.race([send, timeout]).finally(() => clearTimeout(timer));
  }

  /** Parked deliveries, newest first (for an administrator: no message content, only what and where). */
  async parked(limit = 100): Promise<readonly ParkedDelivery[]> {
    const { items } = await this.store.find(
      OUTBOX,
      DELIVERIES,
      { filter: { state: 'parked' }, sort: { parkedAt: -1 }, limit },
      OUTBOX_VERSION,
    );
    return items.map((stored) => {
      const d = stored as unknown as DeliveryDocument;
      return {
        deliveryId: d.deliveryId,
        channel: d.channel,
        kind: d.kind,
        caseKind: d.caseKind,
        caseId: d.caseId,
        attempts: d.attempts,
        ...(d.lastError === undefined ? {} : { lastError: d.lastError }),
        ...(d.parkedAt === undefined ? {} : { parkedAt: d.parkedAt }),
      };
    });
  }
}
