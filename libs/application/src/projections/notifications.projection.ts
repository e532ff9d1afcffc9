import {
  Audience,
  CLUE_CATEGORY,
  CaseKind,
  CaseParties,
  NotificationIntent,
  RECTIFICATION_CATEGORY,
  REFERRAL_CATEGORY,
  audienceKey,
  evolveCaseParties,
  notificationsFor,
} from '@xj/domain';
import { deterministicUuid } from '../command/deterministic-id';
import { JsonObject } from '../event-store/event-store.types';
import { DocKey, DocReader, ProjectedEvent, ReadModelDocument } from '../read-models/projection';
import { IndexedProjection, defined, json, key, stampFresh } from './projection-support';

export const NOTIFICATIONS = 'notifications';
/** The notifications, one document per (event, audience). */
export const NOTIFICATION_ITEMS = 'items';
/** The parties of each case (CaseParties), one document per case stream: who the next event tells. */
export const NOTIFICATION_CASES = 'cases';

export const CASE_KIND_OF_CATEGORY: Readonly<Record<string, CaseKind>> = {
  [CLUE_CATEGORY]: 'clue',
  [REFERRAL_CATEGORY]: 'referral',
  [RECTIFICATION_CATEGORY]: 'rectification',
};

/**
 * One notification, as stored. It carries what it is about (the kind of event, the deadline rule,
 * the case's kind and number) and never what the case says; the audience it is addressed to; and
 * the case's visibility facts as they were when it was made, which the read side's filter (generated
 * from the domain's visibility table) checks against the reader.
 */
export interface NotificationDocument {
  readonly notificationId: string;
  /** The event type: DeadlineMissed, ReferralSent, RectificationItemAssigned… */
  readonly kind: string;
  readonly deadlineRule?: string;
  readonly caseKind: CaseKind;
  readonly caseId: string;
  readonly at: string;
  readonly audienceOrgId: string;
  readonly audienceRole?: string;
  readonly audiencePosition?: string;
  readonly regionId: string;
  readonly status: string;
  readonly agencyOrgId?: string;
  readonly targetOrgId?: string;
  readonly holderOrgId?: string;
  readonly forwardedTo: readonly string[];
}

/** The stable id of the notification an event makes for an audience: the same on every rebuild and in the outbox. */
export const notificationIdOf = (event: Pick<ProjectedEvent, 'streamId' | 'revision'>, audience: Audience): string =>
  deterministicUuid(`notification:${event.streamId}@${event.revision}:${audienceKey(audience)}`);

const partiesOf = (doc: ReadModelDocument | undefined): CaseParties | undefined =>
  doc === undefined ? undefined : (doc as unknown as { readonly parties: CaseParties }).parties;

/**
 * The case's parties after `event`, read from a keeper's `cases` collection: the stored document
 * already reflects the event when its position has reached it (a later key of the same event, or a
 * re-delivery), and is evolved by it otherwise.
 */
export const partiesAfter = async (
  event: ProjectedEvent,
  read: DocReader,
  collection: string,
): Promise<CaseParties | undefined> => {
  const kind = CASE_KIND_OF_CATEGORY[event.category];
  if (kind === undefined) return undefined;
  const doc = await read(key(collection, event.streamId));
  if (doc !== undefined && BigInt(doc._position) >= event.position) return partiesOf(doc);
  return evolveCaseParties(partiesOf(doc), kind, event.aggregateId, { type: event.type, data: event.data });
};

/** The notifications `event` makes, with their ids. */
export const intentsOf = (
  event: ProjectedEvent,
  parties: CaseParties | undefined,
): readonly (NotificationIntent & { readonly id: string })[] =>
  parties === undefined
    ? []
    : notificationsFor({ type: event.type, data: event.data }, parties).map((intent) => ({
        ...intent,
        id: notificationIdOf(event, intent.audience),
      }));

export const notificationDocument = (
  event: ProjectedEvent,
  parties: CaseParties,
  intent: NotificationIntent & { readonly id: string },
): JsonObject =>
  defined({
    notificationId: intent.id,
    kind: intent.kind,
    deadlineRule: intent.deadlineRule,
    caseKind: parties.kind,
    caseId: parties.caseId,
    at: typeof event.data.at === 'string' ? event.data.at : event.recordedAt,
    audienceOrgId: intent.audience.orgId,
    audienceRole: intent.audience.role,
    audiencePosition: intent.audience.position,
    regionId: parties.regionId,
    status: parties.status,
    agencyOrgId: parties.agencyOrgId,
    targetOrgId: parties.target?.orgId,
    holderOrgId: parties.holder?.orgId,
    forwardedTo: json(parties.forwardedTo),
  });

/**
 * What `keys` worked out for an event, for its `apply` calls: the case's parties after it and its
 * notifications by id. A unit of work asks for an event's keys and then applies it to each of them
 * with the same event object and the documents `keys` read (an event that throws leaves the unit as
 * it was), so the parties and intents — an evolve, the rules and a hash per notification — are
 * worked out once per event instead of once per key (the largest cost of this projection in a
 * rebuild). Held weakly: gone with the event.
 */
const worked = new WeakMap<
  ProjectedEvent,
  {
    readonly parties: CaseParties | undefined;
    readonly intents: ReadonlyMap<string, NotificationIntent & { readonly id: string }>;
  }
>();

/**
 * 通知 — each user's notifications (issue 15 §3): one document per case event and audience the
 * domain's NOTIFICATION_RULES name, resolved against the reader at read time (NotificationQueries).
 * Read marks are kept apart (notification-reads), so a rebuild of this projection loses none.
 */
export const notificationsProjection: IndexedProjection = {
  name: NOTIFICATIONS,
  version: 1,
  collections: [NOTIFICATION_ITEMS, NOTIFICATION_CASES],
  categories: [CLUE_CATEGORY, REFERRAL_CATEGORY, RECTIFICATION_CATEGORY],
  indexes: {
    [NOTIFICATION_ITEMS]: [{ audienceOrgId: 1, at: -1 }],
  },
  keys: async (event, read): Promise<readonly DocKey[]> => {
    const parties = await partiesAfter(event, read, NOTIFICATION_CASES);
    const intents = intentsOf(event, parties);
    worked.set(event, { parties, intents: new Map(intents.map((intent) => [intent.id, intent])) });
    return [key(NOTIFICATION_CASES, event.streamId), ...intents.map((i) => key(NOTIFICATION_ITEMS, i.id))];
  },
  apply: async (doc, event, target, read) => {
    const known = worked.get(event);
    const parties = known ? known.parties : await partiesAfter(event, read, NOTIFICATION_CASES);
    if (parties === undefined) return doc;
    if (target.collection === NOTIFICATION_CASES) {
      return stampFresh(doc, { parties: json(parties) }, target, event);
    }
    // A notification is made once and never changes (a re-delivered event finds it made).
    if (doc !== undefined) return doc;
    const intent = known ? known.intents.get(target.id) : intentsOf(event, parties).find((i) => i.id === target.id);
    return intent === undefined
      ? undefined
      : stampFresh(doc, notificationDocument(event, parties, intent), target, event);
  },
};
