import { TestApp, startTestApp } from './support/test-app';

/**
 * The per-user read limit (issue #13 item 2): a token bucket per user over every authenticated
 * read. A burst of 3 and one token per 1,000 s, so the test never waits for a refill.
 */
describe('per-user read limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ READ_RATE_PER_SECOND: '0.001', READ_BURST: '3' });
  });
  afterAll(() => t.close());
  const auth = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });
  const clue = {
    regionId: 'panjin/dawa',
    source: 'Reconsideration',
    sourceRef: '盘复〔2026〕31号',
    receivedAt: '2026-03-02T09:00:00+08:00',
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: 'The bureau did not perform a reconsideration decision within its time limit.',
  };

  it('answers 429 RATE_LIMITED with Retry-After once a user has spent the burst, on every kind of read; others and writes go on', async () => {
    const office = await auth('office');
    const created = await t.http().post('/api/v1/clues').set(office).send(clue).expect(201);
    const path = `/api/v1/clues/${created.body.id}`;
    for (let i = 0; i < 3; i += 1) await t.http().get(path).set(office).expect(200);

    const limited = await t.http().get(path).set(office).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    for (const read of [`${path}/history`, '/api/v1/ledgers/clues', '/api/v1/statistics']) {
      expect((await t.http().get(read).set(office)).status).toBe(429);
    }

    await t
      .http()
      .get(path)
      .set(await auth('office-head'))
      .expect(200);
    await t
      .http()
      .post('/api/v1/clues')
      .set(office)
      .send({ ...clue, sourceRef: '盘复〔2026〕32号' })
      .expect(201);
  });

  it('does not record refused reads in the access log', async () => {
    const res = await t
      .http()
      .get('/api/v1/audit/access-log?userId=user-office')
      .set(await auth('auditor'))
      .expect(200);
    const reads = (res.body.entries as { action: string }[]).filter(
      (entry) => entry.action === 'details' || entry.action === 'history',
    );
    expect(reads).toHaveLength(3);
  });
});
