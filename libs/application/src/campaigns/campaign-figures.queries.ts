import { Inject, Injectable } from '@nestjs/common';
import { awaitFreshness, publicFields } from '../projections/query-support';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from '../projections/read-model-freshness';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { CAMPAIGNS, CAMPAIGN_FIGURES, CampaignFiguresDocument } from './campaign-figures.projection';

/** A campaign's figures, and whether the read model had reached `minPosition` in time. */
export interface CampaignFigures {
  readonly figures: CampaignFiguresDocument | null;
  readonly stale: boolean;
}

/**
 * GET /api/v1/campaigns/{id}/figures. Whether the caller may see the campaign is the case's own
 * check (the route loads it first, so a hidden campaign answers 404 like a missing one).
 */
@Injectable()
export class CampaignFiguresQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {}

  async get(campaignId: string, minPosition?: bigint): Promise<CampaignFigures> {
    const stale = await awaitFreshness(this.freshness, minPosition);
    const doc = await this.store.get(CAMPAIGN_FIGURES, CAMPAIGNS, campaignId);
    return { figures: doc === undefined ? null : publicFields<CampaignFiguresDocument>(doc), stale };
  }
}
