import { CAMPAIGN_CATEGORY, SupervisedUnit } from '../campaign/campaign.events';
import type { Actor } from '../shared/actor';
import { localDateOf } from '../shared/time';
import { Workflow, WorkflowCommand, caseEventOf } from './workflow';

/** The system actor that registers a finding's clue on behalf of the campaign's office. */
export const CAMPAIGN_FINDING_ACTOR_ID = 'process:campaign-finding';

/** What a finding's clue needs of the campaign (all set when it was planned and never changed). */
export interface CampaignFindingState {
  readonly ownerOrgId?: string;
  readonly regionId?: string;
  readonly units?: readonly SupervisedUnit[];
}

/** The key of the command that registers the clue of `findingId` (one clue per finding, ever). */
export const findingClueKey = (campaignId: string, findingId: string): string =>
  `campaign-finding:${campaignId}:${findingId}`;

/**
 * Issue 17 (法治督察 as a campaign): a finding at a unit becomes a clue through the ordinary clue
 * registration (DOMAIN.md §1.2 source `RuleOfLawInspection`), on behalf of the campaign's office,
 * with the campaign as its source reference — the link the clue's page, its history and the
 * campaign figures read. The unit is the supervised agency; the finding's business date is the day
 * the clue was received.
 */
export const campaignFindingWorkflow: Workflow<CampaignFindingState> = {
  name: 'campaign-finding',
  version: 1,
  categories: [CAMPAIGN_CATEGORY],
  eventTypes: ['CampaignPlanned', 'CampaignFindingRecorded'],
  instanceOf: (event) => (event.category === CAMPAIGN_CATEGORY ? event.streamId : undefined),
  initialState: () => ({}),
  evolve(state, input) {
    const event = caseEventOf('campaign', input);
    if (event?.type !== 'CampaignPlanned') return state;
    const { ownerOrgId, regionId, units } = event.data;
    return { ownerOrgId, regionId, units };
  },
  decide(input, state) {
    const event = caseEventOf('campaign', input);
    if (event?.type !== 'CampaignFindingRecorded') return [];
    const { ownerOrgId, regionId, units } = state;
    const unit = units?.find((u) => u.orgId === event.data.unitOrgId);
    // A finding on a campaign never planned, or at a unit it does not name, was never accepted.
    if (!ownerOrgId || !regionId || !unit) return [];
    const office: Actor = {
      userId: CAMPAIGN_FINDING_ACTOR_ID,
      role: 'RuleOfLawOffice',
      position: 'Staff',
      orgId: ownerOrgId,
      regionId,
    };
    const { at, occurredOn } = event.data;
    const command: WorkflowCommand = {
      kind: 'clue',
      id: event.data.clueId,
      key: findingClueKey(input.streamId, event.data.findingId),
      command: {
        type: 'RegisterClue',
        actor: office,
        at,
        clueId: event.data.clueId,
        regionId: unit.regionId,
        source: 'RuleOfLawInspection',
        sourceRef: `${CAMPAIGN_CATEGORY}:${input.streamId}`,
        // Found on an earlier day than entered: the clue was received on the day of the finding.
        receivedAt: occurredOn === localDateOf(at) ? at : `${occurredOn}T00:00:00+08:00`,
        agency: { orgId: unit.orgId, name: unit.name },
        summary: event.data.summary,
      },
    };
    return [command];
  },
};
