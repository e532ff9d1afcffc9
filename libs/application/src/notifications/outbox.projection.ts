import { CLUE_CATEGORY, RECTIFICATION_CATEGORY, REFERRAL_CATEGORY } from '@xj/domain';
import { deterministicUuid } from '../command/deterministic-id';
import { defined, json, key, stampFresh } from '../projections/projection-support';
import { intentsOf, notificationDocument, partiesAfter } from '../projections/notifications.projection';
import { Projection } from '../read-models/projection';

export const OUTBOX = 'notification-outbox';
/** Never bumped: a new version would be built from position 0 beside this one (its deliveries are state, not a view). */
export const OUTBOX_VERSION = 1;
export const DELIVERIES = 'deliveries';
export const OUTBOX_CASES = 'cases';
export const OUTBOX_META = 'meta';
/** When the outbox was first started: only events recorded since are delivered. */
export const OUTBOX_START = 'start';

export type DeliveryState = 'pending' | 'sent' | 'parked';

/** One message for one channel, as stored: the message's fields and the delivery's state. */
export interface DeliveryDocument {
  readonly deliveryId: string;
  readonly notificationId: string;
  readonly channel: string;
  readonly kind: string;
  readonly deadlineRule?: string;
  readonly caseKind: string;
  readonly caseId: string;
  readonly at: string;
  readonly audienceOrgId: string;
  readonly audienceRole?: string;
  readonly audiencePosition?: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  /** ISO instant (UTC, `Z`): due when it is at or before now. */
  readonly nextAttemptAt: string;
  readonly lastError?: string;
  readonly sentAt?: string;
  readonly parkedAt?: string;
}

/** Stable per notification and channel: a receiver may dedupe on it. */
export const deliveryIdOf = (notificationId: string, channel: string): string =>
  deterministicUuid(`delivery:${notificationId}:${channel}`);

const instant = (iso: string): string => new Date(iso).toISOString();

/**
 * 发件箱 — the durable outbox, fed like a projection (the runner's checkpointed subscription, its
 * at-least-once delivery and `_position` guard) by a runner of its own: no read-model rebuild runs
 * it, and a delivery once written is never written again by the feed (its document's position has
 * reached the event), so a re-delivered event, a restart or a rebuild of the read models never sends
 * anything twice. The case parties are kept from position 0; deliveries are made only for events
 * recorded since the start marker (OUTBOX_START, set when the outbox first starts), so enabling it on a store
 * with history sends none of that history. The dispatcher (NotificationOutbox) moves each
 * delivery's state; both write a delivery at the event's position.
 */
export const createOutboxProjection = (channels: readonly string[], since: string): Projection => ({
  name: OUTBOX,
  version: OUTBOX_VERSION,
  // The start marker (OUTBOX_META) is read by NotificationOutbox.markStart and handed in as `since`:
  // a build from position 0 never reads the store for documents it did not write itself.
  collections: [DELIVERIES, OUTBOX_CASES, OUTBOX_META],
  categories: [CLUE_CATEGORY, REFERRAL_CATEGORY, RECTIFICATION_CATEGORY],
  indexes: { [DELIVERIES]: [{ state: 1, nextAttemptAt: 1 }] },
  keys: async (event, read) => {
    const caseKey = key(OUTBOX_CASES, event.streamId);
    if (instant(event.recordedAt) < since || channels.length === 0) return [caseKey];
    const intents = intentsOf(event, await partiesAfter(event, read, OUTBOX_CASES));
    return [
      caseKey,
      ...intents.flatMap((i) => channels.map((channel) => key(DELIVERIES, deliveryIdOf(i.id, channel)))),
    ];
  },
  apply: async (doc, event, target, read) => {
    const parties = await partiesAfter(event, read, OUTBOX_CASES);
    if (parties === undefined) return doc;
    if (target.collection === OUTBOX_CASES) return stampFresh(doc, { parties: json(parties) }, target, event);
    if (doc !== undefined) return doc;
    for (const intent of intentsOf(event, parties)) {
      const channel = channels.find((c) => deliveryIdOf(intent.id, c) === target.id);
      if (channel === undefined) continue;
      const n = notificationDocument(event, parties, intent);
      return stampFresh(
        doc,
        defined({
          deliveryId: target.id,
          notificationId: intent.id,
          channel,
          kind: n.kind,
          deadlineRule: n.deadlineRule,
          caseKind: n.caseKind,
          caseId: n.caseId,
          at: n.at,
          audienceOrgId: n.audienceOrgId,
          audienceRole: n.audienceRole,
          audiencePosition: n.audiencePosition,
          state: 'pending',
          attempts: 0,
          nextAttemptAt: instant(event.recordedAt),
        }),
        target,
        event,
      );
    }
    return undefined;
  },
});
