import { regionCovers } from '../shared/actor';
import { businessDateOf } from '../shared/business-date';
import { Decider, Decision, assertNever } from '../shared/decider';
import { DomainError, conflict, isDomainError, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { LocalDate } from '../shared/time';
import { firstError, requireDate, requireInstant, requireNonEmpty, requireText } from '../shared/validate';
import {
  CampaignCommand,
  CampaignEvent,
  IssueCampaignCircular,
  IssueCampaignFeedback,
  PlanCampaign,
  RecordCampaignFinding,
} from './campaign.events';
import { CAMPAIGN_PRECONDITIONS, planCampaignPrecondition } from './campaign.preconditions';
import { CampaignState, evolveCampaign, initialCampaignState } from './campaign.state';

const ID = 100;
const NAME = 200;
const TEXT = 4_000;

const requireTexts = (values: unknown, field: string, max = NAME): DomainError | undefined =>
  Array.isArray(values)
    ? firstError(...values.map((v, i) => requireText(v, `${field}[${i}]`, max)))
    : validation('VALIDATION.LIST_REQUIRED', `${field} must be a list`, { field });

const requireUnique = (values: readonly string[], code: string, field: string): DomainError | undefined => {
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  return twice === undefined
    ? undefined
    : validation(code, `${field}: ${twice} is listed twice`, { field, value: twice });
};

const dated = (command: CampaignCommand, state: CampaignState): LocalDate | DomainError =>
  businessDateOf(command.occurredOn, command.at, state.plannedOn);

const decidePlan = (command: PlanCampaign, state: CampaignState): Decision<CampaignEvent> => {
  const error =
    requireInstant(command.at, 'at') ??
    requireText(command.regionId, 'regionId', ID) ??
    planCampaignPrecondition({ regionId: command.regionId }, command.actor) ??
    firstError(
      requireText(command.campaignId, 'campaignId', ID),
      requireText(command.title, 'title', NAME),
      requireDate(command.periodFrom, 'periodFrom'),
      requireDate(command.periodTo, 'periodTo'),
      requireNonEmpty(command.teams, 'teams'),
      requireNonEmpty(command.topics, 'topics'),
      requireNonEmpty(command.units, 'units'),
    ) ??
    firstError(
      ...command.teams.map((t, i) =>
        firstError(
          requireText(t.name, `teams[${i}].name`, NAME),
          requireText(t.lead, `teams[${i}].lead`, NAME),
          requireTexts(t.members, `teams[${i}].members`),
        ),
      ),
      requireTexts(command.topics, 'topics'),
      requireUnique(
        command.teams.map((t) => t.name),
        'CAMPAIGN.DUPLICATE_TEAM',
        'teams',
      ),
      requireUnique(command.topics, 'CAMPAIGN.DUPLICATE_TOPIC', 'topics'),
      requireUnique(
        command.units.map((u) => u.orgId),
        'CAMPAIGN.DUPLICATE_UNIT',
        'units',
      ),
    );
  if (error) return error;
  if (command.periodTo < command.periodFrom) {
    return validation('CAMPAIGN.PERIOD_REVERSED', 'periodTo lies before periodFrom', {
      periodFrom: command.periodFrom,
      periodTo: command.periodTo,
    });
  }
  const outside = command.units.find((u) => !regionCovers(command.regionId, u.regionId));
  if (outside) {
    return validation('CAMPAIGN.UNIT_OUTSIDE_REGION', `${outside.orgId} lies outside the campaign's region`, {
      unitOrgId: outside.orgId,
    });
  }
  const occurredOn = dated(command, state);
  if (isDomainError(occurredOn)) return occurredOn;
  if (state.status !== 'None') return conflict('CAMPAIGN.DUPLICATE_ID', 'this campaign id is already used');
  return [
    {
      type: 'CampaignPlanned',
      data: {
        ...eventBase(command),
        occurredOn,
        campaignId: command.campaignId,
        regionId: command.regionId,
        ownerOrgId: command.actor.orgId,
        title: command.title,
        periodFrom: command.periodFrom,
        periodTo: command.periodTo,
        teams: command.teams.map((t) => ({ name: t.name, lead: t.lead, members: t.members })),
        topics: command.topics,
        units: command.units.map((u) => ({ orgId: u.orgId, name: u.name, regionId: u.regionId })),
      },
    },
  ];
};

const unitNotInPlan = (state: CampaignState, unitOrgId: unknown): DomainError | undefined =>
  state.units.some((u) => u.orgId === unitOrgId)
    ? undefined
    : validation('CAMPAIGN.UNIT_NOT_IN_PLAN', 'the unit is not one the campaign supervises', { unitOrgId });

const decideFinding = (command: RecordCampaignFinding, state: CampaignState): Decision<CampaignEvent> => {
  const error = firstError(
    requireText(command.findingId, 'findingId', ID),
    requireText(command.clueId, 'clueId', ID),
    requireText(command.summary, 'summary', TEXT),
    unitNotInPlan(state, command.unitOrgId),
    command.topic !== undefined && !state.topics.includes(command.topic)
      ? validation('CAMPAIGN.TOPIC_NOT_IN_PLAN', 'the topic is not one of the campaign', { topic: command.topic })
      : undefined,
  );
  if (error) return error;
  const occurredOn = dated(command, state);
  if (isDomainError(occurredOn)) return occurredOn;
  if (state.findings.some((f) => f.findingId === command.findingId))
    return conflict('CAMPAIGN.DUPLICATE_FINDING', 'this finding id is already recorded');
  if (state.findings.some((f) => f.clueId === command.clueId))
    return conflict('CAMPAIGN.DUPLICATE_CLUE', 'another finding already opened this clue');
  return [
    {
      type: 'CampaignFindingRecorded',
      data: {
        ...eventBase(command),
        occurredOn,
        findingId: command.findingId,
        unitOrgId: command.unitOrgId,
        ...(command.topic !== undefined ? { topic: command.topic } : {}),
        summary: command.summary,
        clueId: command.clueId,
      },
    },
  ];
};

const decideFeedback = (command: IssueCampaignFeedback, state: CampaignState): Decision<CampaignEvent> => {
  const error = firstError(
    unitNotInPlan(state, command.unitOrgId),
    requireText(command.documentNo, 'documentNo', ID),
    requireText(command.opinion, 'opinion', TEXT),
  );
  if (error) return error;
  const occurredOn = dated(command, state);
  if (isDomainError(occurredOn)) return occurredOn;
  if (state.feedback.some((f) => f.unitOrgId === command.unitOrgId))
    return conflict('CAMPAIGN.FEEDBACK_ALREADY_ISSUED', 'the unit already has its feedback opinion', {
      unitOrgId: command.unitOrgId,
    });
  return [
    {
      type: 'CampaignFeedbackIssued',
      data: {
        ...eventBase(command),
        occurredOn,
        unitOrgId: command.unitOrgId,
        documentNo: command.documentNo,
        opinion: command.opinion,
      },
    },
  ];
};

const decideCircular = (command: IssueCampaignCircular, state: CampaignState): Decision<CampaignEvent> => {
  const error =
    firstError(
      requireText(command.documentNo, 'documentNo', ID),
      requireNonEmpty(command.commonProblems, 'commonProblems'),
    ) ?? requireTexts(command.commonProblems, 'commonProblems', TEXT);
  if (error) return error;
  // The circular sums up the feedback of every supervised unit (蓬江: 8 departments, 8 opinions).
  const missing = state.units.filter((u) => !state.feedback.some((f) => f.unitOrgId === u.orgId)).map((u) => u.orgId);
  if (missing.length > 0)
    return conflict('CAMPAIGN.FEEDBACK_MISSING', 'every supervised unit needs its feedback opinion first', {
      units: missing,
    });
  const occurredOn = dated(command, state);
  if (isDomainError(occurredOn)) return occurredOn;
  return [
    {
      type: 'CampaignCircularIssued',
      data: {
        ...eventBase(command),
        occurredOn,
        documentNo: command.documentNo,
        commonProblems: command.commonProblems,
      },
    },
  ];
};

const decideDated = <T extends 'CampaignStarted' | 'CampaignClosed'>(
  type: T,
  command: CampaignCommand,
  state: CampaignState,
): Decision<CampaignEvent> => {
  const occurredOn = dated(command, state);
  if (isDomainError(occurredOn)) return occurredOn;
  return [{ type, data: { ...eventBase(command), occurredOn } }];
};

export const decideCampaign = (command: CampaignCommand, state: CampaignState): Decision<CampaignEvent> => {
  if (command.type === 'PlanCampaign') return decidePlan(command, state);
  const denied = requireInstant(command.at, 'at') ?? CAMPAIGN_PRECONDITIONS[command.type](state, command.actor);
  if (denied) return denied;
  switch (command.type) {
    case 'StartCampaign':
      return decideDated('CampaignStarted', command, state);
    case 'RecordCampaignFinding':
      return decideFinding(command, state);
    case 'IssueCampaignFeedback':
      return decideFeedback(command, state);
    case 'IssueCampaignCircular':
      return decideCircular(command, state);
    case 'CloseCampaign':
      return decideDated('CampaignClosed', command, state);
    default:
      return assertNever(command);
  }
};

export const createCampaignDecider = (): Decider<CampaignCommand, CampaignState, CampaignEvent> => ({
  decide: decideCampaign,
  evolve: evolveCampaign,
  initialState: initialCampaignState,
});
