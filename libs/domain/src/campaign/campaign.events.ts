import { CommandBase, DomainEvent, EventDataBase } from '../shared/messages';
import { LocalDate } from '../shared/time';

/** 法治督察 campaigns (issue 17, DOMAIN.md §8 蓬江 seed 001, 毕节): one stream per plan, `campaign-<campaignId>`. */
export const CAMPAIGN_CATEGORY = 'campaign';

/** 督察组 — an inspection team: its name, its lead (组长) and members. */
export interface InspectionTeam {
  readonly name: string;
  readonly lead: string;
  readonly members: readonly string[];
}

/** 被督察单位 — a supervised unit as the organisation directory names it. */
export interface SupervisedUnit {
  readonly orgId: string;
  readonly name: string;
  readonly regionId: string;
}

/** 督察方案 — the office plans a campaign: period, teams, topics, supervised units. */
export interface PlanCampaign extends CommandBase<'PlanCampaign'> {
  readonly campaignId: string;
  /** The campaign's region; the planning office's region must cover it. */
  readonly regionId: string;
  readonly title: string;
  readonly periodFrom: LocalDate;
  readonly periodTo: LocalDate;
  readonly teams: readonly InspectionTeam[];
  /** 督察专题 (蓬江: 7 topics). */
  readonly topics: readonly string[];
  /** Resolved from the directory by the API; an orgId it does not know is refused there. */
  readonly units: readonly SupervisedUnit[];
  readonly occurredOn?: LocalDate;
}

/** 进驻督察 — the teams start inspecting. */
export interface StartCampaign extends CommandBase<'StartCampaign'> {
  readonly campaignId: string;
  readonly occurredOn?: LocalDate;
}

/** 发现问题 — a finding at one unit; it opens a clue (`clueId`) linked to the campaign. */
export interface RecordCampaignFinding extends CommandBase<'RecordCampaignFinding'> {
  readonly campaignId: string;
  readonly findingId: string;
  readonly unitOrgId: string;
  /** One of the campaign's topics, when the finding belongs to one. */
  readonly topic?: string;
  readonly summary: string;
  /** The id of the clue the finding opens (registered by the campaign-finding workflow). */
  readonly clueId: string;
  readonly occurredOn?: LocalDate;
}

/** 督察反馈意见 — the written feedback to one unit (蓬江 issued 8, one per department). */
export interface IssueCampaignFeedback extends CommandBase<'IssueCampaignFeedback'> {
  readonly campaignId: string;
  readonly unitOrgId: string;
  readonly documentNo: string;
  readonly opinion: string;
  /** 发文日期 */
  readonly occurredOn?: LocalDate;
}

/** 督察通报 — the region-wide circular of common problems that ends the inspection. */
export interface IssueCampaignCircular extends CommandBase<'IssueCampaignCircular'> {
  readonly campaignId: string;
  readonly documentNo: string;
  /** 共性问题 (蓬江: 7 categories circulated). */
  readonly commonProblems: readonly string[];
  readonly occurredOn?: LocalDate;
}

/** 办结 — the office head closes the campaign once circulated. */
export interface CloseCampaign extends CommandBase<'CloseCampaign'> {
  readonly campaignId: string;
  readonly occurredOn?: LocalDate;
}

export type CampaignCommand =
  PlanCampaign | StartCampaign | RecordCampaignFinding | IssueCampaignFeedback | IssueCampaignCircular | CloseCampaign;

/** Every act's business date (issue 17 item 7): the day it happened, never after today nor before the plan. */
interface DatedData extends EventDataBase {
  readonly occurredOn: LocalDate;
}

export interface CampaignPlannedData extends DatedData {
  readonly campaignId: string;
  readonly regionId: string;
  readonly ownerOrgId: string;
  readonly title: string;
  readonly periodFrom: LocalDate;
  readonly periodTo: LocalDate;
  readonly teams: readonly InspectionTeam[];
  readonly topics: readonly string[];
  readonly units: readonly SupervisedUnit[];
}
export type CampaignPlanned = DomainEvent<'CampaignPlanned', CampaignPlannedData>;
export type CampaignStarted = DomainEvent<'CampaignStarted', DatedData>;

export interface CampaignFindingRecordedData extends DatedData {
  readonly findingId: string;
  readonly unitOrgId: string;
  readonly topic?: string;
  readonly summary: string;
  readonly clueId: string;
}
export type CampaignFindingRecorded = DomainEvent<'CampaignFindingRecorded', CampaignFindingRecordedData>;

export interface CampaignFeedbackIssuedData extends DatedData {
  readonly unitOrgId: string;
  readonly documentNo: string;
  readonly opinion: string;
}
export type CampaignFeedbackIssued = DomainEvent<'CampaignFeedbackIssued', CampaignFeedbackIssuedData>;

export interface CampaignCircularIssuedData extends DatedData {
  readonly documentNo: string;
  readonly commonProblems: readonly string[];
}
export type CampaignCircularIssued = DomainEvent<'CampaignCircularIssued', CampaignCircularIssuedData>;
export type CampaignClosed = DomainEvent<'CampaignClosed', DatedData>;

export type CampaignEvent =
  | CampaignPlanned
  | CampaignStarted
  | CampaignFindingRecorded
  | CampaignFeedbackIssued
  | CampaignCircularIssued
  | CampaignClosed;

export const CAMPAIGN_EVENT_TYPES: readonly CampaignEvent['type'][] = [
  'CampaignPlanned',
  'CampaignStarted',
  'CampaignFindingRecorded',
  'CampaignFeedbackIssued',
  'CampaignCircularIssued',
  'CampaignClosed',
];
