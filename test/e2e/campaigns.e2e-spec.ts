import { TestApp, startTestApp } from './support/test-app';
import { MatrixFixtures, Reply, bodies } from './support/matrix-fixtures';

/**
 * 法治督察 as a campaign over HTTP (issue 17; DOMAIN.md §8 蓬江 seed 001): the Dawa office head plans
 * a campaign over two Dawa agencies; its staff start it, record a finding that opens a clue linked
 * to the campaign (the campaign-finding workflow, through the ordinary clue registration), issue a
 * 督察反馈意见 to each unit and the 督察通报; the head closes it. The figures read back from the
 * campaign-figures read model; the workbench is offered each command by GET …/actions.
 */
describe('法治督察 campaigns (POST/GET /api/v1/campaigns)', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let id: string;
  let clueId: string;
  const base = () => `/api/v1/campaigns/${id}`;
  const UNITS = ['dawa.emergency', 'dawa.housing'];

  const ok = (reply: Reply, status = 200): Reply => {
    if (reply.status !== status) throw new Error(`${reply.status} ${reply.code ?? ''} ${JSON.stringify(reply.body)}`);
    return reply;
  };
  const actionsOf = async (): Promise<string[]> =>
    (
      ok(await fx.send('dawa-office', 'GET', `/api/v1/cases/campaign/${id}/actions`)).body.actions as {
        command: string;
      }[]
    ).map((a) => a.command);

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    const planned = ok(
      await fx.send('dawa-office-head', 'POST', '/api/v1/campaigns', { ...bodies.campaign(), unitOrgIds: UNITS }),
      201,
    );
    id = String(planned.body.id);
  }, 120_000);

  afterAll(() => t?.close());

  it('plans: 201 with the id; the campaign reads back with its units named by the directory', async () => {
    const reply = ok(await fx.send('dawa-office', 'GET', base()));
    expect(reply.body.state).toMatchObject({
      status: 'Planned',
      ownerOrgId: 'dawa.rol-office',
      regionId: 'panjin/dawa',
      units: [
        { orgId: 'dawa.emergency', name: '大洼区应急管理局', regionId: 'panjin/dawa' },
        { orgId: 'dawa.housing', name: '大洼区住房和城乡建设局', regionId: 'panjin/dawa' },
      ],
    });
    expect(await actionsOf()).toEqual(['StartCampaign']);
  });

  it('refuses an organisation that is not an enforcement agency (422) and a plan by staff (403)', async () => {
    const notAgency = await fx.send('dawa-office-head', 'POST', '/api/v1/campaigns', {
      ...bodies.campaign(),
      unitOrgIds: ['dawa.ccdi'],
    });
    expect([notAgency.status, notAgency.code]).toEqual([422, 'ORGANISATION.NOT_AN_AGENCY']);
    const staff = await fx.send('dawa-office', 'POST', '/api/v1/campaigns', bodies.campaign());
    expect([staff.status, staff.code]).toEqual([403, 'AUTH.HEAD_REQUIRED']);
  });

  it('a finding opens a clue linked to the campaign; the clue’s page and history show the link', async () => {
    ok(await fx.send('dawa-office', 'POST', `${base()}/start`, {}));
    expect(await actionsOf()).toEqual(['RecordCampaignFinding', 'IssueCampaignFeedback']);
    const recorded = ok(await fx.send('dawa-office', 'POST', `${base()}/findings`, bodies.finding()));
    const created = recorded.body.createdCases as { kind: string; id: string }[];
    expect(created).toHaveLength(1);
    expect(created[0]?.kind).toBe('clue');
    clueId = created[0]?.id ?? '';
    await fx.settled('dawa-office', `/api/v1/clues/${clueId}`);
    const clue = ok(await fx.send('dawa-office', 'GET', `/api/v1/clues/${clueId}`));
    expect(clue.body.state).toMatchObject({
      status: 'Registered',
      source: 'RuleOfLawInspection',
      sourceRef: `campaign:${id}`,
      agency: { orgId: 'dawa.emergency' },
    });
    const history = ok(await fx.send('dawa-office', 'GET', `/api/v1/clues/${clueId}/history`));
    const [first] = history.body.entries as { type: string; actor: { userId: string } }[];
    expect(first).toMatchObject({ type: 'ClueRegistered', actor: { userId: 'process:campaign-finding' } });
    const campaignHistory = ok(await fx.send('dawa-office', 'GET', `${base()}/history`));
    expect((campaignHistory.body.entries as { type: string }[]).map((e) => e.type)).toEqual([
      'CampaignPlanned',
      'CampaignStarted',
      'CampaignFindingRecorded',
    ]);
  });

  it('the circular waits for every unit’s feedback (409), then the head closes the campaign', async () => {
    ok(await fx.send('dawa-office', 'POST', `${base()}/feedback`, bodies.campaignFeedback()));
    const early = await fx.send('dawa-office', 'POST', `${base()}/circular`, bodies.campaignCircular());
    expect([early.status, early.code]).toEqual([409, 'CAMPAIGN.FEEDBACK_MISSING']);
    const twice = await fx.send('dawa-office', 'POST', `${base()}/feedback`, bodies.campaignFeedback());
    expect([twice.status, twice.code]).toEqual([409, 'CAMPAIGN.FEEDBACK_ALREADY_ISSUED']);
    ok(
      await fx.send('dawa-office', 'POST', `${base()}/feedback`, {
        ...bodies.campaignFeedback(),
        unitOrgId: 'dawa.housing',
        documentNo: '大法督反〔2026〕2号',
      }),
    );
    ok(await fx.send('dawa-office', 'POST', `${base()}/circular`, bodies.campaignCircular()));
    expect(await actionsOf()).toEqual([]);
    const closed = ok(await fx.send('dawa-office-head', 'POST', `${base()}/close`, {}));
    expect(closed.body.status).toBe('Closed');
  });

  it('reads its figures from the read model, and hides the campaign from the agencies (404)', async () => {
    const last = ok(await fx.send('dawa-office', 'GET', base())).body.position as string;
    const reply = ok(await fx.send('dawa-office', 'GET', `${base()}/figures?minPosition=${last}`));
    expect(reply.body).toMatchObject({
      stale: false,
      figures: {
        status: 'Closed',
        units: 2,
        unitsInspected: ['dawa.emergency', 'dawa.housing'],
        findings: 1,
        feedbackOpinions: 2,
        commonProblems: 1,
        clues: 1,
        referrals: 0,
        rectified: 0,
      },
    });
    expect((await fx.send('dawa-emergency-head', 'GET', base())).status).toBe(404);
    expect((await fx.send('dawa-emergency-head', 'GET', `${base()}/figures`)).status).toBe(404);
  });
});
