import { Actor, CampaignEvent, PlanCampaign, createCampaignDecider, isDomainError } from '@xj/domain';
import { EventLog, projectionSpec } from '@xj/testing';
import { CAMPAIGNS, CAMPAIGN_CLUES, campaignFiguresProjection } from './campaign-figures.projection';

/*
 * Issue 17: campaign statistics — units inspected, findings, clues, referrals, rectified — from the
 * linked cases (DOMAIN.md §8 蓬江 seed 001; 毕节 "problems found and rectified").
 */
const decider = createCampaignDecider();
const head: Actor = {
  userId: 'u-head',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'dawa.rol-office',
  regionId: 'panjin/dawa',
};
const AT = '2026-03-02T09:00:00+08:00';
const unit = (n: number) => ({ orgId: `dawa.dept-${n}`, name: `部门${n}`, regionId: 'panjin/dawa' });

/** Runs commands on campaign k-1 through the decider, as the command path would. */
const campaignEvents = (commands: readonly Record<string, unknown>[]): CampaignEvent[] => {
  const events: CampaignEvent[] = [];
  for (const c of commands) {
    const state = events.reduce(decider.evolve, decider.initialState());
    const result = decider.decide({ actor: head, at: AT, campaignId: 'k-1', ...c } as PlanCampaign, state);
    if (isDomainError(result)) throw new Error(result.code);
    events.push(...result);
  }
  return events;
};

const by = { userId: 'process:campaign-finding', role: 'RuleOfLawOffice', orgId: 'dawa.rol-office' };
const registered = (clueId: string, sourceRef: string) => ({
  type: 'ClueRegistered',
  data: { at: AT, by, clueId, regionId: 'panjin/dawa', sourceRef, source: 'RuleOfLawInspection' },
});
const clueEvent = (type: string) => ({ type, data: { at: AT, by } });

const finding = (n: number, clueId: string) => ({
  type: 'RecordCampaignFinding',
  findingId: clueId,
  clueId,
  unitOrgId: unit(n).orgId,
  summary: `发现 ${clueId}`,
});

const logOf = (): EventLog => {
  const log = new EventLog();
  log.append(
    'campaign-k-1',
    campaignEvents([
      {
        type: 'PlanCampaign',
        regionId: 'panjin/dawa',
        title: '大洼区法治督察',
        periodFrom: '2026-03-01',
        periodTo: '2026-05-31',
        teams: [{ name: '一组', lead: '甲', members: ['乙'] }],
        topics: ['涉企乱罚款', '行政许可'],
        units: [unit(1), unit(2), unit(3)],
      },
      { type: 'StartCampaign' },
      finding(1, 'c-1'),
      finding(1, 'c-2'),
      finding(2, 'c-3'),
      { type: 'IssueCampaignFeedback', unitOrgId: unit(3).orgId, documentNo: '反〔2026〕3号', opinion: '无问题' },
    ]),
  );
  // The workflow's clues: c-1 is referred, c-2 closed out, c-3 closed then reopened; c-9 is no campaign's.
  log.append('clue-c-1', [registered('c-1', 'campaign:k-1'), clueEvent('ClueReferralSent')]);
  log.append('clue-c-2', [registered('c-2', 'campaign:k-1'), clueEvent('ClueClosed')]);
  log.append('clue-c-3', [registered('c-3', 'campaign:k-1'), clueEvent('ClueClosed'), clueEvent('ClueReopened')]);
  log.append('clue-c-9', [
    registered('c-9', '盘复〔2026〕1号'),
    clueEvent('ClueReferralSent'),
    clueEvent('ClueClosed'),
  ]);
  return log;
};

describe('campaign figures read model (issue 17)', () => {
  it('counts units inspected, findings, feedback, clues, referrals and rectified clues of the campaign only', async () => {
    await projectionSpec(campaignFiguresProjection)
      .given(logOf().events)
      .then(
        { collection: CAMPAIGNS, id: 'k-1' },
        {
          campaignId: 'k-1',
          regionId: 'panjin/dawa',
          ownerOrgId: 'dawa.rol-office',
          title: '大洼区法治督察',
          status: 'Feedback',
          periodFrom: '2026-03-01',
          periodTo: '2026-05-31',
          teams: 1,
          topics: 2,
          units: 3,
          unitsInspected: ['dawa.dept-1', 'dawa.dept-2', 'dawa.dept-3'],
          findings: 3,
          feedbackOpinions: 1,
          commonProblems: 0,
          clues: 3,
          referrals: 1,
          rectified: 1,
        },
      );
  });

  it('indexes only the campaign’s clues', async () => {
    const index = await projectionSpec(campaignFiguresProjection).given(logOf().events).collection(CAMPAIGN_CLUES);
    expect([...index.keys()].sort()).toEqual(['c-1', 'c-2', 'c-3']);
  });

  it('run twice: a redelivery or a rebuild changes nothing', async () => {
    await projectionSpec(campaignFiguresProjection).given(logOf().events).thenReplayChangesNothing();
  });
});
