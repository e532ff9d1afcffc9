import { rmSync } from 'node:fs';
import { TestApp, startTestApp } from './support/test-app';
import { CLUES, clueBody, clueUnderAnalysis, journeyClient, sentReferral, subject } from './support/journey-helpers';

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
    const created = await t.http().post(CLUES).set('Authorization', `Bearer ${await t.token('dawa-office')}`).send(clueBody()).expect(201);
    const res = await t
      .http()
      .get(`/api/v1/ledgers/clues?minPosition=${created.body.position}`)
      .set('Authorization', `Bearer ${await t.token('dawa-office')}`)
      .expect(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.items.map((i: { clueId: string }) => i.clueId)).toContain(created.body.id);
  });

  it('given a referral sent to the Dawa commission, then it is in that commission\'s inbox and in no other commission\'s', async () => {
    const api = journeyClient(t);
    const clueId = await clueUnderAnalysis(api);
    const referralId = await sentReferral(api, clueId, [subject('s-1', { cadreRank: 'TownshipSectionOrBelow' })], 'dawa.ccdi');
    const position = (await t.http().get(`/api/v1/referrals/${referralId}`).set('Authorization', `Bearer ${await t.token('office')}`).expect(200)).body.position;
    const inbox = async (user: string) =>
      (await t.http().get(`/api/v1/inbox?minPosition=${position}`).set('Authorization', `Bearer ${await t.token(user)}`).expect(200)).body;
    const dawa = await inbox('dawa-ccdi-head');
    expect(dawa.stale).toBe(false);
    expect(dawa.items.map((i: { referralId: string }) => i.referralId)).toContain(referralId);
    const panshan = await inbox('panshan-ccdi-head');
    expect(panshan.items.map((i: { referralId: string }) => i.referralId)).not.toContain(referralId);
  });

  it('refuses case data to administrators and unknown query fields to everyone', async () => {
    await t.http().get('/api/v1/ledgers/clues').set('Authorization', `Bearer ${await t.token('admin')}`).expect(403);
    const res = await t.http().get('/api/v1/ledgers/clues?$where=1').set('Authorization', `Bearer ${await t.token('office')}`).expect(400);
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
    const created = await t.http().post(CLUES).set('Authorization', `Bearer ${await t.token('office')}`).send(clueBody()).expect(201);
    await t.http().get(`/api/v1/ledgers/clues?minPosition=${created.body.position}`).set('Authorization', `Bearer ${await t.token('office')}`).expect(200);
    await t.app.close();
    const again = await startTestApp({}, dir, credentials);
    // The restarted app does not own the directory it was given: this test hands it over to afterAll.
    t = { ...again, close: async () => (await again.close(), rmSync(dir, { recursive: true, force: true })) };
    const res = await again.http().get('/api/v1/ledgers/clues?limit=100').set('Authorization', `Bearer ${await again.token('office')}`).expect(200);
    expect(res.body.items.map((i: { clueId: string }) => i.clueId)).toContain(created.body.id);
  });
});
