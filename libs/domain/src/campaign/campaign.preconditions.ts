import { Actor, Role } from '../shared/actor';
import { requireHead, requireOrg, requireRegion, requireRole } from '../shared/authorize';
import { DomainError, invalidTransition, notFound } from '../shared/domain-error';
import { Precondition, availableFrom } from '../shared/precondition';
import { firstError } from '../shared/validate';
import { CampaignCommand } from './campaign.events';
import { CampaignState, CampaignStatus } from './campaign.state';

/**
 * 法治督察 is the rule-of-law office's work (DOMAIN.md §1.2 `RuleOfLawInspection`, seed 003: "原则上每年1次"):
 * its head plans and closes a campaign (集体研究, 报批); its staff record the findings, the feedback
 * and the circular. Auditors read it; nobody else changes it.
 */
export const CAMPAIGN_ROLES: readonly Role[] = ['RuleOfLawOffice'];

/** The commands a user sends on an existing campaign (PlanCampaign opens one). */
export type CampaignActionType = Exclude<CampaignCommand['type'], 'PlanCampaign'>;

export const campaignNotFound = (): DomainError => notFound('CAMPAIGN.NOT_FOUND', 'no campaign with this id');

const wrongState = (state: CampaignState, action: string, allowed: readonly CampaignStatus[]): DomainError =>
  invalidTransition('CAMPAIGN.WRONG_STATE', `cannot ${action} a campaign that is ${state.status}`, {
    action,
    status: state.status,
    allowed,
  });

/** Role → position → existence → the owning office → status, the order every case kind uses. */
const onCampaign =
  (action: string, statuses: readonly CampaignStatus[], head = false): Precondition<CampaignState> =>
  (state, actor) =>
    firstError(requireRole(actor, CAMPAIGN_ROLES, action), head ? requireHead(actor, action) : undefined) ??
    (state.status === 'None' || state.ownerOrgId === undefined ? campaignNotFound() : undefined) ??
    requireOrg(actor, state.ownerOrgId ?? '', action) ??
    (statuses.includes(state.status) ? undefined : wrongState(state, action, statuses));

const ON_SITE: readonly CampaignStatus[] = ['InProgress', 'Feedback'];

export const CAMPAIGN_PRECONDITIONS: Readonly<Record<CampaignActionType, Precondition<CampaignState>>> = {
  StartCampaign: onCampaign('start the campaign', ['Planned']),
  // Findings keep coming while feedback is written (蓬江: 督察 and 反馈 overlap per department).
  RecordCampaignFinding: onCampaign('record a finding', ON_SITE),
  IssueCampaignFeedback: onCampaign('issue the feedback opinion', ON_SITE),
  IssueCampaignCircular: onCampaign('issue the circular', ['Feedback']),
  CloseCampaign: onCampaign('close the campaign', ['Reported'], true),
};

const PLAN = 'plan a campaign';

/** 督察方案 — the office head of a region covering the campaign's. */
export const planCampaignPrecondition: Precondition<{ readonly regionId: string }> = (target, actor) =>
  firstError(requireRole(actor, CAMPAIGN_ROLES, PLAN), requireHead(actor, PLAN)) ??
  requireRegion(actor, target.regionId, PLAN);

/** The commands `actor` may send on the campaign now; none before it exists. */
export const availableCampaignCommands = (state: CampaignState, actor: Actor): CampaignActionType[] =>
  state.status === 'None' ? [] : availableFrom(CAMPAIGN_PRECONDITIONS, state, actor);
