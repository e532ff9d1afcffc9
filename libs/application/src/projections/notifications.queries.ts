import { Inject, Injectable } from '@nestjs/common';
import { Actor, CaseKind, PartSight, hiddenPartsFor } from '@xj/domain';
import { READ_MODEL_STORE, ReadModelStore, Filter } from '../read-models/read-model-store.port';
import { CaseDocumentFields } from './case-document-fields';
import { NOTIFICATIONS, NOTIFICATION_ITEMS, NotificationDocument } from './notifications.projection';
import { Page, PageRequest, and, pageOf, publicFields } from './query-support';
import { casesFilter } from './read-access';

/** Read marks live apart from the projection (a store name of their own), so a rebuild keeps them. */
export const NOTIFICATION_READS = 'notification-reads';
export const NOTIFICATION_READS_VERSION = 1;
export const READ_MARKS = 'marks';

/** Where a notification keeps the visibility facts of its case, per kind (read-access.ts generates the filter). */
const NOTIFICATION_FIELDS: { readonly [K in CaseKind]: CaseDocumentFields<K, NotificationDocument> } = {
  clue: { kind: 'clue', regionId: 'regionId', status: 'status', organisations: { agency: 'agencyOrgId' } },
  referral: {
    kind: 'referral',
    regionId: 'regionId',
    status: 'status',
    organisations: { target: 'targetOrgId', holder: 'holderOrgId', forwardedTo: 'forwardedTo' },
  },
  rectification: {
    kind: 'rectification',
    regionId: 'regionId',
    status: 'status',
    organisations: { agency: 'agencyOrgId' },
  },
  // No notification is made of an accountability case yet (notifications.projection.ts reads no
  // `accountability` stream); were one made, its deciding organisation would stand where an agency does.
  accountability: {
    kind: 'accountability',
    regionId: 'regionId',
    status: 'status',
    organisations: { decidingOrg: 'agencyOrgId' },
  },
  campaign: { kind: 'campaign', regionId: 'regionId', status: 'status', organisations: {} },
};

/** What a reader gets of a notification: what happened, to which case (its number), when; never the case's content. */
export interface NotificationItem {
  readonly notificationId: string;
  readonly kind: string;
  readonly deadlineRule?: string;
  readonly caseKind: CaseKind;
  readonly caseId: string;
  readonly at: string;
  readonly read: boolean;
}

export interface NotificationQuery extends PageRequest {
  readonly unread?: boolean;
}

/** The event types a field-restricted view shows of a kind of case; undefined: the reader's view shows every one. */
const shownKinds = (actor: Actor, kind: CaseKind): readonly string[] | undefined => {
  const hidden = hiddenPartsFor(actor, kind);
  if (hidden === undefined) return undefined;
  return Object.entries(hidden.events as Readonly<Record<string, PartSight>>)
    .filter(([, sight]) => sight !== 'hidden')
    .map(([type]) => type);
};

/**
 * The notifications the reader may read: addressed to its organisation (and its role and
 * position where the audience names them), about a case the domain's visibility table lets it see
 * (per the case's facts when the notification was made), of an event its view of the case shows.
 */
export const notificationAccessFilter = (actor: Actor): Filter | undefined => {
  const perKind = (Object.keys(NOTIFICATION_FIELDS) as CaseKind[]).flatMap((kind) => {
    const cases = casesFilter(actor, NOTIFICATION_FIELDS[kind]);
    if (cases === undefined) return [];
    const kinds = shownKinds(actor, kind);
    return [and({ caseKind: kind }, cases, kinds === undefined ? undefined : { kind: { $in: [...kinds] } })];
  });
  if (perKind.length === 0) return undefined;
  return and(
    { audienceOrgId: actor.orgId },
    { $or: [{ audienceRole: actor.role }, { audienceRole: { $exists: false } }] },
    { $or: [{ audiencePosition: actor.position }, { audiencePosition: { $exists: false } }] },
    perKind.length === 1 ? perKind[0] : { $or: perKind },
  );
};

const markId = (userId: string, notificationId: string): string => `${userId}:${notificationId}`;

/** 通知 — the caller's notifications, newest first, and its read marks. */
@Injectable()
export class NotificationQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async list(actor: Actor, query: NotificationQuery): Promise<Page<NotificationItem> & { readonly unread: number }> {
    const { limit, skip } = pageOf(query);
    const access = notificationAccessFilter(actor);
    if (access === undefined) return { items: [], total: 0, limit, skip, stale: false, unread: 0 };
    const read = await this.readIds(actor);
    const unreadFilter = read.length > 0 ? { notificationId: { $nin: read } } : undefined;
    const filter = and(access, query.unread === true ? unreadFilter : undefined);
    const sort = { at: -1, notificationId: 1 } as const;
    const [{ items, total }, unread] = await Promise.all([
      this.store.find(NOTIFICATIONS, NOTIFICATION_ITEMS, { filter, sort, skip, limit }),
      this.store.find(NOTIFICATIONS, NOTIFICATION_ITEMS, { filter: and(access, unreadFilter), limit: 1 }),
    ]);
    const readSet = new Set(read);
    return {
      items: items.map((d) => {
        const doc = publicFields<NotificationDocument>(d);
        return {
          notificationId: doc.notificationId,
          kind: doc.kind,
          ...(doc.deadlineRule === undefined ? {} : { deadlineRule: doc.deadlineRule }),
          caseKind: doc.caseKind,
          caseId: doc.caseId,
          at: doc.at,
          read: readSet.has(doc.notificationId),
        };
      }),
      total,
      limit,
      skip,
      stale: false,
      unread: unread.total,
    };
  }

  /**
   * Marks the caller's notifications among `ids` read (again: harmless); answers the ids it marked.
   * An id the caller may not read is left out, exactly like one that does not exist.
   */
  async markRead(actor: Actor, ids: readonly string[], at: string): Promise<readonly string[]> {
    const access = notificationAccessFilter(actor);
    if (access === undefined || ids.length === 0) return [];
    const { items } = await this.store.find(NOTIFICATIONS, NOTIFICATION_ITEMS, {
      filter: and(access, { notificationId: { $in: [...new Set(ids)] } }),
    });
    const found = items.map((d) => publicFields<NotificationDocument>(d).notificationId);
    if (found.length === 0) return [];
    await this.store.commit(
      NOTIFICATION_READS,
      NOTIFICATION_READS_VERSION,
      found.map((notificationId) => {
        const id = markId(actor.userId, notificationId);
        return {
          collection: READ_MARKS,
          id,
          doc: { _id: id, _position: '0', userId: actor.userId, notificationId, readAt: at },
        };
      }),
      undefined,
    );
    return found;
  }

  private async readIds(actor: Actor): Promise<string[]> {
    const { items } = await this.store.find(
      NOTIFICATION_READS,
      READ_MARKS,
      { filter: { userId: actor.userId } },
      NOTIFICATION_READS_VERSION,
    );
    return items.map((d) => String(d.notificationId));
  }
}
