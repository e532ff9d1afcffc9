import { rmSync } from 'node:fs';
import { TestApp, startTestApp } from './support/test-app';
import {
  CLUES,
  REFERRALS,
  clueBody,
  clueUnderAnalysis,
  expectAnswer,
  failToCorrectClaim,
  journeyClient,
  plusDays,
  referralBody,
  sentReferral,
  subject,
  todayInChina,
  waitForSentOnClue,
} from './support/journey-helpers';

/**
 * Read models through HTTP on the embedded default: the projection runner runs in the API process,
 * fed by the event-store subscription; queries can wait for their own writes (minPosition).
 */
describe('Read models through HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('given a clue just registered, when the office reads the ledger with the returned position, then the clue is there and not stale', async () => {
    const created = await t
      .http()
      .post(CLUES)
      .set('Authorization', `Bearer ${await t.token('dawa-office')}`)
      .send(clueBody())
      .expect(201);
    const res = await t
      .http()
      .get(`/api/v1/ledgers/clues?minPosition=${created.body.position}`)
      .set('Authorization', `Bearer ${await t.token('dawa-office')}`)
      .expect(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.items.map((i: { clueId: string }) => i.clueId)).toContain(created.body.id);
  });

  it("given a referral sent to the Dawa commission, then it is in that commission's inbox and in no other commission's", async () => {
    const api = journeyClient(t);
    const clueId = await clueUnderAnalysis(api);
    const referralId = await sentReferral(
      api,
      clueId,
      [subject('s-1', { cadreRank: 'TownshipSectionOrBelow' })],
      'dawa.ccdi',
    );
    const position = (
      await t
        .http()
        .get(`/api/v1/referrals/${referralId}`)
        .set('Authorization', `Bearer ${await t.token('office')}`)
        .expect(200)
    ).body.position;
    const inbox = async (user: string) =>
      (
        await t
          .http()
          .get(`/api/v1/inbox?minPosition=${position}`)
          .set('Authorization', `Bearer ${await t.token(user)}`)
          .expect(200)
      ).body;
    const dawa = await inbox('dawa-ccdi-head');
    expect(dawa.stale).toBe(false);
    expect(dawa.items.map((i: { referralId: string }) => i.referralId)).toContain(referralId);
    const panshan = await inbox('panshan-ccdi-head');
    expect(panshan.items.map((i: { referralId: string }) => i.referralId)).not.toContain(referralId);
  });

  it("given a clue under rectification whose transfer is mandatory, the agency's ledger line carries no trace of the transfer: no transfer deadline in its due date, nothing of the referral once sent; the office's line has both", async () => {
    const api = journeyClient(t);
    const clueId = await clueUnderAnalysis(api);
    const verification = {
      ...failToCorrectClaim(),
      category: 'Inaction',
      verificationPlan: '调取复议卷宗',
      team: ['user-office'],
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/verification`, verification),
      200,
      'Verification',
      2,
    );
    const instrument = {
      verificationReport: '逾期未纠正',
      responsibleUnits: ['大洼区应急管理局'],
      instrument: { kind: 'SupervisionOpinion', documentNo: '盘法督〔2026〕21号' },
    };
    expectAnswer(
      await api.post('office-head', `${CLUES}/${clueId}/supervision-instrument`, instrument),
      200,
      'Supervision',
      3,
    );
    // The agency's only item is due long after the transfer deadline (15 working days).
    const item = {
      issue: '违法罚款未撤销',
      measures: '撤销处罚决定',
      mode: 'Deadline',
      dueDate: plusDays(todayInChina(), 120),
      responsiblePerson: '法制科 李某',
      owner: '局长 张某',
    };
    expectAnswer(
      await api.post('dawa-emergency-head', `${CLUES}/${clueId}/rectification-plan`, { items: [item] }),
      200,
      'Rectification',
      4,
    );
    const line = async (user: string) => {
      const { position, state } = (await api.get('office', `${CLUES}/${clueId}`)).body;
      const page = (await api.get(user, `/api/v1/ledgers/clues?limit=100&minPosition=${position}`)).body;
      expect(page.stale).toBe(false);
      return { state, line: page.items.find((i: { clueId: string }) => i.clueId === clueId) };
    };

    const before = await line('dawa-emergency');
    const transferDue = before.state.transferDeadline.dueOn as string;
    expect((await line('office')).line).toMatchObject({ transferDueOn: transferDue, nextDueOn: transferDue });
    expect(before.line.nextDueOn > transferDue).toBe(true);
    for (const field of ['transferDueOn', 'transferredAt', 'referrals', 'ownerOrgId', 'receivedAt'])
      expect([field, Object.hasOwn(before.line, field)]).toEqual([field, false]);

    // The office proposes and sends a referral, and escalates to the county office.
    const proposed = await api.post('office', `${CLUES}/${clueId}/referral-proposals`, {
      ...failToCorrectClaim(),
      legalBasis: ['行政复议法 (2023) art. 85'],
    });
    expectAnswer(proposed, 200, 'Rectification', 5);
    const referralId = (await api.read('office', `${CLUES}/${clueId}`)).state.referralIds[0] as string;
    expectAnswer(
      await api.post('office', REFERRALS, { ...referralBody(clueId, [subject('s-1')]), referralId }),
      201,
      'Draft',
      0,
    );
    expectAnswer(
      await api.post('office-head', `${REFERRALS}/${referralId}/approval`, { opinion: '同意移送' }),
      200,
      'Approved',
      1,
    );
    expectAnswer(
      await api.post('office', `${REFERRALS}/${referralId}/sending`, {
        target: { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' },
      }),
      200,
      'Sent',
      2,
    );
    await waitForSentOnClue(api, 'office', clueId, referralId);
    const escalation = { escalationType: 'Interview', reason: '督促移送后续', targetOrgId: 'dawa.rol-office' };
    expectAnswer(await api.post('office-head', `${CLUES}/${clueId}/escalations`, escalation), 200, 'Rectification', 7);

    const office = (await line('office')).line;
    expect(typeof office.transferredAt).toBe('string');
    expect(office).toMatchObject({ referrals: [{ referralId, status: 'Sent' }], escalations: 1 });
    expect(office.updatedAt > before.line.updatedAt).toBe(true);
    // The agency's line is exactly what it was before the referral.
    expect((await line('dawa-emergency')).line).toEqual(before.line);
  });

  it('refuses case data to administrators and unknown query fields to everyone', async () => {
    await t
      .http()
      .get('/api/v1/ledgers/clues')
      .set('Authorization', `Bearer ${await t.token('admin')}`)
      .expect(403);
    const res = await t
      .http()
      .get('/api/v1/ledgers/clues?$where=1')
      .set('Authorization', `Bearer ${await t.token('office')}`)
      .expect(400);
    expect(res.body.code).toMatch(/^REQUEST\./);
  });

  it('reports the projections in readiness', async () => {
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.projections).toMatchObject({ status: 'up', degraded: false });
    expect(Object.keys(ready.body.info.projections.projections)).toEqual(
      expect.arrayContaining(['commission-inbox', 'clue-ledger', 'rectification-ledger', 'corrected-cases-ledger']),
    );
  });

  it('resumes from its checkpoint after a restart: the read models are served at once, nothing is lost', async () => {
    const dir = t.dataDir;
    const credentials = t.credentials;
    const created = await t
      .http()
      .post(CLUES)
      .set('Authorization', `Bearer ${await t.token('office')}`)
      .send(clueBody())
      .expect(201);
    await t
      .http()
      .get(`/api/v1/ledgers/clues?minPosition=${created.body.position}`)
      .set('Authorization', `Bearer ${await t.token('office')}`)
      .expect(200);
    await t.app.close();
    const again = await startTestApp({}, dir, credentials);
    // The restarted app does not own the directory it was given: this test hands it over to afterAll.
    t = { ...again, close: async () => (await again.close(), rmSync(dir, { recursive: true, force: true })) };
    const res = await again
      .http()
      .get('/api/v1/ledgers/clues?limit=100')
      .set('Authorization', `Bearer ${await again.token('office')}`)
      .expect(200);
    expect(res.body.items.map((i: { clueId: string }) => i.clueId)).toContain(created.body.id);
  });
});
