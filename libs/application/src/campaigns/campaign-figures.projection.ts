import { CAMPAIGN_CATEGORY, CLUE_CATEGORY, CampaignEvent, ClueEvent } from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { DocKey, ProjectedEvent } from '../read-models/projection';
import { IndexedProjection, domainEvent, key, list, patch, stampFresh, text } from '../projections/projection-support';

export const CAMPAIGN_FIGURES = 'campaign-figures';
/** One document per campaign: its figures. */
export const CAMPAIGNS = 'campaigns';
/** One document per clue a finding opened: which campaign it counts for, and whether it is closed now. */
export const CAMPAIGN_CLUES = 'campaign-clues';

/** The source reference the campaign-finding workflow gives a finding's clue (`campaign:<id>`). */
const CAMPAIGN_REF = `${CAMPAIGN_CATEGORY}:`;

/** A campaign's figures (issue 17: units inspected, findings, clues, referrals, rectified). */
export interface CampaignFiguresDocument {
  readonly campaignId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly title: string;
  readonly status: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly teams: number;
  readonly topics: number;
  readonly units: number;
  /** Supervised units with a finding recorded or a feedback opinion issued. */
  readonly unitsInspected: readonly string[];
  readonly findings: number;
  readonly feedbackOpinions: number;
  readonly commonProblems: number;
  /** Clues registered from its findings (the workflow's; a finding whose clue was refused counts nowhere). */
  readonly clues: number;
  /** Referrals sent to a commission or appointing authority from those clues. */
  readonly referrals: number;
  /** Those clues closed out (销号) now; a reopened clue no longer counts. */
  readonly rectified: number;
}

const num = (doc: JsonObject | undefined, field: string): number => {
  const value = doc?.[field];
  return typeof value === 'number' ? value : 0;
};

const campaignOfRef = (sourceRef: unknown): string | undefined =>
  typeof sourceRef === 'string' && sourceRef.startsWith(CAMPAIGN_REF)
    ? sourceRef.slice(CAMPAIGN_REF.length)
    : undefined;

const applyCampaign = (doc: JsonObject | undefined, e: CampaignEvent): JsonObject | undefined => {
  const inspected = (unitOrgId: string) => [...new Set([...list<string>(doc, 'unitsInspected'), unitOrgId])];
  switch (e.type) {
    case 'CampaignPlanned': {
      const d = e.data;
      return patch(doc, {
        campaignId: d.campaignId,
        regionId: d.regionId,
        ownerOrgId: d.ownerOrgId,
        title: d.title,
        status: 'Planned',
        periodFrom: d.periodFrom,
        periodTo: d.periodTo,
        teams: d.teams.length,
        topics: d.topics.length,
        units: d.units.length,
        unitsInspected: list<string>(doc, 'unitsInspected') as string[],
        findings: num(doc, 'findings'),
        feedbackOpinions: num(doc, 'feedbackOpinions'),
        commonProblems: num(doc, 'commonProblems'),
        clues: num(doc, 'clues'),
        referrals: num(doc, 'referrals'),
        rectified: num(doc, 'rectified'),
      });
    }
    case 'CampaignStarted':
      return patch(doc, { status: 'InProgress' });
    case 'CampaignFindingRecorded':
      return patch(doc, { findings: num(doc, 'findings') + 1, unitsInspected: inspected(e.data.unitOrgId) });
    case 'CampaignFeedbackIssued':
      return patch(doc, {
        status: 'Feedback',
        feedbackOpinions: num(doc, 'feedbackOpinions') + 1,
        unitsInspected: inspected(e.data.unitOrgId),
      });
    case 'CampaignCircularIssued':
      return patch(doc, { status: 'Reported', commonProblems: e.data.commonProblems.length });
    case 'CampaignClosed':
      return patch(doc, { status: 'Closed' });
    default:
      // Event types of a later build are left to it.
      return doc;
  }
};

/** A linked clue's event, on its campaign's figures and on its own index entry. */
const applyClue = (doc: JsonObject | undefined, e: ClueEvent, target: DocKey, campaignId: string) => {
  const onIndex = target.collection === CAMPAIGN_CLUES;
  switch (e.type) {
    case 'ClueRegistered':
      return onIndex ? patch(doc, { campaignId, closed: false }) : patch(doc, { clues: num(doc, 'clues') + 1 });
    case 'ClueReferralSent':
      return onIndex ? doc : patch(doc, { referrals: num(doc, 'referrals') + 1 });
    case 'ClueClosed':
      return onIndex ? patch(doc, { closed: true }) : patch(doc, { rectified: num(doc, 'rectified') + 1 });
    case 'ClueReopened':
      return onIndex ? patch(doc, { closed: false }) : patch(doc, { rectified: num(doc, 'rectified') - 1 });
    default:
      return doc;
  }
};

const CLUE_TYPES: readonly string[] = ['ClueRegistered', 'ClueReferralSent', 'ClueClosed', 'ClueReopened'];

/**
 * 法治督察 campaign figures (issue 17), from the campaign's own stream and from the clues its
 * findings opened (linked by their source reference, `campaign:<id>`): one document per campaign,
 * and an index clue → campaign. Reads across streams (a clue's later events find their campaign
 * through the index), so it is built by the feed in global order, not by the per-case partitioned
 * rebuild of the case read models.
 */
export const campaignFiguresProjection: IndexedProjection = {
  name: CAMPAIGN_FIGURES,
  version: 1,
  collections: [CAMPAIGNS, CAMPAIGN_CLUES],
  categories: [CAMPAIGN_CATEGORY, CLUE_CATEGORY],
  typesOf: { [CLUE_CATEGORY]: CLUE_TYPES },
  indexes: { [CAMPAIGNS]: [{ regionId: 1 }], [CAMPAIGN_CLUES]: [] },
  keys: async (event: ProjectedEvent, read) => {
    if (event.category === CAMPAIGN_CATEGORY) return [key(CAMPAIGNS, event.aggregateId)];
    if (event.category !== CLUE_CATEGORY || !CLUE_TYPES.includes(event.type)) return [];
    const campaignId =
      event.type === 'ClueRegistered'
        ? campaignOfRef(event.data.sourceRef)
        : text(await read(key(CAMPAIGN_CLUES, event.aggregateId)), 'campaignId');
    return campaignId === undefined ? [] : [key(CAMPAIGN_CLUES, event.aggregateId), key(CAMPAIGNS, campaignId)];
  },
  apply: async (doc, event, target, read) => {
    if (event.category === CAMPAIGN_CATEGORY) {
      return stampFresh(doc, applyCampaign(doc, domainEvent<CampaignEvent>(event)), target, event);
    }
    const campaignId =
      event.type === 'ClueRegistered'
        ? campaignOfRef(event.data.sourceRef)
        : text(await read(key(CAMPAIGN_CLUES, event.aggregateId)), 'campaignId');
    if (campaignId === undefined) return doc;
    return stampFresh(doc, applyClue(doc, domainEvent<ClueEvent>(event), target, campaignId), target, event);
  },
};
