import { assertNever } from '../shared/decider';
import { LocalDate } from '../shared/time';
import type { CampaignEvent, InspectionTeam, SupervisedUnit } from './campaign.events';

/**
 * The campaign's lifecycle (issue 17, 法治督察 as a campaign): 已计划 → 督察中 (teams on site,
 * findings recorded) → 反馈中 (the first 督察反馈意见 is issued; findings may still follow) → 已通报
 * (督察通报, once every unit has its feedback) → 已办结.
 */
export const CAMPAIGN_STATUSES = ['None', 'Planned', 'InProgress', 'Feedback', 'Reported', 'Closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignFinding {
  readonly findingId: string;
  readonly unitOrgId: string;
  readonly topic?: string;
  readonly summary: string;
  readonly clueId: string;
  readonly occurredOn: LocalDate;
}

export interface CampaignFeedback {
  readonly unitOrgId: string;
  readonly documentNo: string;
  readonly opinion: string;
  readonly issuedOn: LocalDate;
}

export interface CampaignState {
  readonly status: CampaignStatus;
  readonly campaignId?: string;
  readonly regionId: string;
  readonly ownerOrgId?: string;
  readonly title?: string;
  readonly periodFrom?: LocalDate;
  readonly periodTo?: LocalDate;
  readonly plannedOn?: LocalDate;
  readonly teams: readonly InspectionTeam[];
  readonly topics: readonly string[];
  readonly units: readonly SupervisedUnit[];
  readonly findings: readonly CampaignFinding[];
  readonly feedback: readonly CampaignFeedback[];
  readonly circular?: {
    readonly documentNo: string;
    readonly commonProblems: readonly string[];
    readonly issuedOn: LocalDate;
  };
  readonly closedOn?: LocalDate;
}

export const initialCampaignState = (): CampaignState => ({
  status: 'None',
  regionId: '',
  teams: [],
  topics: [],
  units: [],
  findings: [],
  feedback: [],
});

/** The status after `event`: evolve and every read model showing a campaign's status take it from here. */
export const campaignStatusAfter = (status: CampaignStatus, event: CampaignEvent): CampaignStatus => {
  switch (event.type) {
    case 'CampaignPlanned':
      return 'Planned';
    case 'CampaignStarted':
      return 'InProgress';
    case 'CampaignFindingRecorded':
      return status;
    case 'CampaignFeedbackIssued':
      return 'Feedback';
    case 'CampaignCircularIssued':
      return 'Reported';
    case 'CampaignClosed':
      return 'Closed';
    default:
      return assertNever(event);
  }
};

export const evolveCampaign = (state: CampaignState, event: CampaignEvent): CampaignState => {
  const status = campaignStatusAfter(state.status, event);
  switch (event.type) {
    case 'CampaignPlanned': {
      const d = event.data;
      return {
        ...state,
        status,
        campaignId: d.campaignId,
        regionId: d.regionId,
        ownerOrgId: d.ownerOrgId,
        title: d.title,
        periodFrom: d.periodFrom,
        periodTo: d.periodTo,
        plannedOn: d.occurredOn,
        teams: d.teams,
        topics: d.topics,
        units: d.units,
      };
    }
    case 'CampaignStarted':
      return { ...state, status };
    case 'CampaignFindingRecorded': {
      const d = event.data;
      return {
        ...state,
        status,
        findings: [
          ...state.findings,
          {
            findingId: d.findingId,
            unitOrgId: d.unitOrgId,
            ...(d.topic !== undefined ? { topic: d.topic } : {}),
            summary: d.summary,
            clueId: d.clueId,
            occurredOn: d.occurredOn,
          },
        ],
      };
    }
    case 'CampaignFeedbackIssued': {
      const d = event.data;
      return {
        ...state,
        status,
        feedback: [
          ...state.feedback,
          { unitOrgId: d.unitOrgId, documentNo: d.documentNo, opinion: d.opinion, issuedOn: d.occurredOn },
        ],
      };
    }
    case 'CampaignCircularIssued': {
      const d = event.data;
      return {
        ...state,
        status,
        circular: { documentNo: d.documentNo, commonProblems: d.commonProblems, issuedOn: d.occurredOn },
      };
    }
    case 'CampaignClosed':
      return { ...state, status, closedOn: event.data.occurredOn };
    default:
      return assertNever(event);
  }
};
