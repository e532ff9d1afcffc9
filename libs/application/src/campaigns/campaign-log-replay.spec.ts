import { CampaignEvent, campaignFindingWorkflow, createCampaignDecider, fold } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { CAMPAIGN_LOG_V1 } from './campaign-log.fixtures-spec';
import { campaignFiguresProjection } from './campaign-figures.projection';

/** Issue 17 "Done means": a spec replays a log written by the current code (events stay readable). */
describe('a campaign log written by the code of issue 17', () => {
  const events = CAMPAIGN_LOG_V1 as unknown as CampaignEvent[];

  it('folds into the closed campaign it was', () => {
    expect(fold(createCampaignDecider(), events)).toMatchObject({
      status: 'Closed',
      plannedOn: '2026-03-01',
      closedOn: '2026-04-30',
      findings: [{ findingId: 'f-1', clueId: 'c-k-1', occurredOn: '2026-03-04' }],
      feedback: [{ unitOrgId: 'dawa.emergency', issuedOn: '2026-03-20' }],
      circular: { documentNo: '盘法督通〔2026〕1号', issuedOn: '2026-04-10' },
    });
  });

  it('drives the finding workflow to the same clue registration', () => {
    const stream = events.map((e, i) => ({ category: 'campaign', streamId: 'k-2026', eventId: `e${i}`, ...e }));
    let state = campaignFindingWorkflow.initialState();
    const sent = [];
    for (const event of stream) {
      sent.push(...campaignFindingWorkflow.decide(event, state));
      state = campaignFindingWorkflow.evolve(state, event);
    }
    expect(sent.map((c) => [c.kind, c.id, c.command.type])).toEqual([['clue', 'c-k-1', 'RegisterClue']]);
  });

  it('projects the same figures', async () => {
    const log = new EventLog();
    log.append('campaign-k-2026', CAMPAIGN_LOG_V1);
    const docs = await foldProjection(campaignFiguresProjection, log.events);
    expect(docs.get('campaigns/k-2026')).toMatchObject({
      status: 'Closed',
      units: 1,
      unitsInspected: ['dawa.emergency'],
      findings: 1,
      feedbackOpinions: 1,
      commonProblems: 1,
    });
  });
});
