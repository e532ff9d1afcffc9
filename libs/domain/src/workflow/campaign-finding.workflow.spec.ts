import { workflowSpec } from '@xj/testing';
import { createClueDecider } from '../clue/clue.decider';
import { createDomainConfig } from '../domain-config';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { WorkflowEvent } from './workflow';
import { CAMPAIGN_FINDING_ACTOR_ID, campaignFindingWorkflow, findingClueKey } from './campaign-finding.workflow';

/* Issue 17: a 督察 finding opens a clue through the existing clue registration, linked to the campaign. */
const spec = workflowSpec(campaignFindingWorkflow);
const by = { userId: 'u-clerk', role: 'RuleOfLawOffice', orgId: 'pengjiang.rol-office' };
const unit = { orgId: 'pengjiang.market', name: '蓬江区市场监管局', regionId: 'jiangmen/pengjiang' };

const campaignEvent = (type: string, data: object): WorkflowEvent => ({
  category: 'campaign',
  streamId: 'pj-2025',
  eventId: `pj-2025-${type}`,
  type,
  data,
});
const planned = campaignEvent('CampaignPlanned', {
  at: '2025-03-01T09:00:00+08:00',
  by,
  occurredOn: '2025-03-01',
  campaignId: 'pj-2025',
  regionId: 'jiangmen/pengjiang',
  ownerOrgId: 'pengjiang.rol-office',
  units: [unit],
});
const finding = (over: object = {}) =>
  campaignEvent('CampaignFindingRecorded', {
    at: '2025-03-10T10:00:00+08:00',
    by,
    occurredOn: '2025-03-05',
    findingId: 'f-1',
    unitOrgId: unit.orgId,
    summary: '对企业重复处罚',
    clueId: 'c-pj-1',
    ...over,
  });

describe('campaign-finding workflow (issue 17: findings become clues linked to the campaign)', () => {
  it('registers the clue as the campaign office, the unit as the agency, the campaign as the source reference, received on the finding day', () => {
    const [sent] = spec.given([planned]).when(finding()).thenCommands();
    expect(sent).toEqual({
      kind: 'clue',
      id: 'c-pj-1',
      key: findingClueKey('pj-2025', 'f-1'),
      command: {
        type: 'RegisterClue',
        actor: {
          userId: CAMPAIGN_FINDING_ACTOR_ID,
          role: 'RuleOfLawOffice',
          position: 'Staff',
          orgId: 'pengjiang.rol-office',
          regionId: 'jiangmen/pengjiang',
        },
        at: '2025-03-10T10:00:00+08:00',
        clueId: 'c-pj-1',
        regionId: 'jiangmen/pengjiang',
        source: 'RuleOfLawInspection',
        sourceRef: 'campaign:pj-2025',
        receivedAt: '2025-03-05T00:00:00+08:00',
        agency: { orgId: unit.orgId, name: unit.name },
        summary: '对企业重复处罚',
      },
    });
  });

  it('the clue decider accepts the command (the clue exists, linked, in Registered)', () => {
    const [sent] = spec.given([planned]).when(finding()).thenCommands();
    const decider = createClueDecider(createDomainConfig());
    const events = decider.decide(sent?.command as Parameters<typeof decider.decide>[0], decider.initialState());
    if (isDomainError(events)) throw new Error(events.code);
    expect(fold(decider, events)).toMatchObject({ status: 'Registered', sourceRef: 'campaign:pj-2025' });
  });

  it('sends nothing for a campaign it never saw planned, nor for any other event', () => {
    spec.given([]).when(finding()).then([]);
    spec.given([planned]).when(planned).then([]);
  });
});
