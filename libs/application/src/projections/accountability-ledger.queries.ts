import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@xj/domain';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import {
  ACCOUNTABILITY_CASES,
  ACCOUNTABILITY_LEDGER,
  AccountabilityLedgerDocument,
} from './accountability-ledger.projection';
import { Page, PageRequest, and, awaitFreshness, pageOf, publicFields, sortOf } from './query-support';
import { accessFilter, regionFilter } from './read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';

export interface AccountabilityLedgerQuery extends PageRequest {
  readonly county?: string;
  /** The cases arising from one clue: the link shown on the clue's page. */
  readonly clueId?: string;
  readonly accountabilityType?: string;
  readonly status?: string;
  readonly decidingOrgId?: string;
}

export const ACCOUNTABILITY_SORTS = ['openedOn', 'decisionDate', 'updatedAt', 'status', 'accountabilityId'] as const;

/**
 * 追责问责台账 (issue 17): the accountability cases the caller could open — the deciding organisation
 * its own, the supervising offices their region's, the auditor all; the commission none (403).
 */
@Injectable()
export class AccountabilityLedgerQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {}

  async list(actor: Actor, query: AccountabilityLedgerQuery): Promise<Page<AccountabilityLedgerDocument>> {
    const access = accessFilter(actor, 'accountability-ledger');
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const filter = and(
      access,
      query.county !== undefined ? regionFilter(query.county) : undefined,
      query.clueId !== undefined ? { clueId: query.clueId } : undefined,
      query.accountabilityType !== undefined ? { accountabilityType: query.accountabilityType } : undefined,
      query.status !== undefined ? { status: query.status } : undefined,
      query.decidingOrgId !== undefined ? { decidingOrgId: query.decidingOrgId } : undefined,
    );
    const { limit, skip } = pageOf(query);
    const sort = sortOf(query.sort, ACCOUNTABILITY_SORTS, '-openedOn');
    const { items, total } = await this.store.find(ACCOUNTABILITY_LEDGER, ACCOUNTABILITY_CASES, {
      filter,
      sort,
      skip,
      limit,
    });
    return { items: items.map((d) => publicFields<AccountabilityLedgerDocument>(d)), total, limit, skip, stale };
  }
}
