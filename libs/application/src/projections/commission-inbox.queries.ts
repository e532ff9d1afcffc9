import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor, DeadlineLight, LocalDate } from '@xj/domain';
import {
  DEADLINE_LIGHT_CONFIG,
  LightConfig,
  lightBoundsOf,
  lightConfigOr,
  lightFilter,
  lightOf,
} from '../deadlines/deadline-lights';

import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { COMMISSION_INBOX, INBOX, InboxDocument } from './commission-inbox.projection';
import {
  Page,
  PageRequest,
  and,
  awaitFreshness,
  overdueFilter,
  pageOf,
  pastDue,
  publicFields,
  sortOf,
} from './query-support';
import { accessFilter, regionFilter } from './read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';

export interface InboxQuery extends PageRequest {
  readonly today: LocalDate;
  readonly status?: readonly string[];
  readonly county?: string;
  readonly situation?: string;
  /** Overdue on the deadline running now (acceptance, disposal or result feedback). */
  readonly overdue?: boolean;
  /** 红黄绿灯 of the deadline running now (sort by dueOn for red → yellow → green). */
  readonly light?: DeadlineLight;
  readonly fedBack?: boolean;
  readonly closed?: boolean;
}

/** Overdue flags computed at query time from the recorded due dates. */
export interface InboxOverdue {
  /** The running deadline (`dueOn`) is past: what the `overdue` filter selects. */
  readonly any: boolean;
  /** Not accepted, forwarded or returned within 5 working days of receipt. */
  readonly acceptance: boolean;
  readonly disposal: boolean;
  /** No result fed back within 10 working days of handling. */
  readonly resultFeedback: boolean;
  /** 组织处理 not carried out within a month of the decision (问责条例 art. 9); it runs beside the line. */
  readonly organisationalHandling: boolean;
}

export type InboxItem = InboxDocument & {
  readonly overdue: InboxOverdue;
  /** 红黄绿灯 of the deadline running now (null: none running). */
  readonly light: DeadlineLight | null;
};

export const INBOX_SORTS = ['firstSentAt', 'receivedAt', 'dueOn', 'updatedAt', 'status'] as const;

export const inboxOverdue = (doc: InboxDocument, today: LocalDate): InboxOverdue => ({
  any: pastDue(doc.dueOn, today),
  acceptance: doc.acceptanceDoneAt === undefined && pastDue(doc.acceptanceDueOn, today),
  disposal: pastDue(doc.disposalDueOn, today),
  resultFeedback: !doc.fedBack && pastDue(doc.resultFeedbackDueOn, today),
  organisationalHandling: pastDue(doc.organisationalHandlingDueOn, today),
});

/** 纪委监委 inbox: referrals addressed or forwarded to the caller's commission (or, for supervisors, their region's). */
@Injectable()
export class CommissionInboxQueries {
  private readonly lights: LightConfig;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
    @Optional() @Inject(DEADLINE_LIGHT_CONFIG) lights?: LightConfig,
  ) {
    this.lights = lightConfigOr(lights);
  }

  async list(actor: Actor, query: InboxQuery): Promise<Page<InboxItem>> {
    const access = accessFilter(actor, 'inbox');
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const bounds = lightBoundsOf(query.today, this.lights);
    const filter = and(
      { inInbox: true },
      access,
      query.county !== undefined ? regionFilter(query.county) : undefined,
      query.status !== undefined && query.status.length > 0 ? { status: { $in: [...query.status] } } : undefined,
      query.situation !== undefined ? { 'package.situationCodes': query.situation } : undefined,
      overdueFilter('dueOn', query.overdue, query.today),
      lightFilter('dueOn', query.light, bounds),
      query.fedBack !== undefined ? { fedBack: query.fedBack } : undefined,
      query.closed !== undefined ? { closed: query.closed } : undefined,
    );
    const { limit, skip } = pageOf(query);
    const sort = sortOf(query.sort, INBOX_SORTS, '-firstSentAt');
    const { items, total } = await this.store.find(COMMISSION_INBOX, INBOX, { filter, sort, skip, limit });
    return {
      items: items.map((d) => {
        const doc = publicFields<InboxDocument>(d);
        return { ...doc, overdue: inboxOverdue(doc, query.today), light: lightOf(doc.dueOn, bounds) };
      }),
      total,
      limit,
      skip,
      stale,
    };
  }
}
