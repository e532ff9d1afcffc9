import { TestApp, startTestApp } from './support/test-app';
import { MatrixFixtures, Reply } from './support/matrix-fixtures';

/**
 * Escalations against an organisation over HTTP (issue 15 §2): Panjin's city office summons (约谈)
 * the Dawa rule-of-law office, which transfers nothing. The target's role and region come from the
 * directory; the target, the raiser and the target's supervisors see it; others get 404.
 */
describe('escalations against an organisation (POST/GET /api/v1/escalations)', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let raised: Reply;
  let interviewId: string;
  let position: string;

  const raise = (account: Parameters<MatrixFixtures['send']>[0], body: object, key?: string) =>
    key === undefined
      ? fx.send(account, 'POST', '/api/v1/escalations', body)
      : t
          .token(account)
          .then((token) =>
            t
              .http()
              .post('/api/v1/escalations')
              .set('Authorization', `Bearer ${token}`)
              .set('Idempotency-Key', key)
              .send(body),
          )
          .then((res) => ({ status: res.status, code: res.body?.code, body: res.body, headers: res.headers }));

  const interview = {
    escalationType: 'Interview',
    reason: '全年零移送，约谈区法治建设办负责同志',
    targetOrgId: 'dawa.rol-office',
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    raised = await fx.send('office-head', 'POST', '/api/v1/escalations', interview);
    interviewId = String(raised.body.id);
    position = String(raised.body.position);
  }, 60_000);

  afterAll(() => t?.close());

  it('answers 201 with Location, the revision and the position', () => {
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      kind: 'escalation',
      id: interviewId,
      status: 'Raised',
      revision: '0',
      events: ['OrganisationEscalationRaised'],
    });
  });

  it('the target reads it with its ladder level (约谈 4), history in zh and en, and the directory’s role and region', async () => {
    const reply = await fx.send('dawa-office', 'GET', `/api/v1/escalations/${interviewId}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      escalationId: interviewId,
      escalationType: 'Interview',
      ladderLevel: 4,
      targetOrgId: 'dawa.rol-office',
      targetRole: 'RuleOfLawOffice',
      targetRegionId: 'panjin/dawa',
      raisedByOrgId: 'panjin.rol-office',
    });
    const [line] = reply.body.history as { description: { zh: string; en: string } }[];
    expect(line?.description.zh).toContain('大洼区委法治建设办 约谈');
    expect(line?.description.en).toContain('against Dawa District Rule-of-Law Office');
  });

  it('is 404 to an organisation that neither is the target, raised it, nor supervises the target', async () => {
    for (const account of ['panshan-office-head', 'dawa-emergency', 'dawa-ccdi-head', 'admin'] as const)
      expect([account, (await fx.send(account, 'GET', `/api/v1/escalations/${interviewId}`)).status]).toEqual([
        account,
        404,
      ]);
    expect((await fx.send('office', 'GET', '/api/v1/escalations/does-not-exist')).status).toBe(404);
  });

  it('lists it, newest first, for the target, the raiser and the city supervisors; not for a sibling county', async () => {
    await fx.send('justice-head', 'POST', '/api/v1/escalations', {
      escalationType: 'InquiryLetter',
      reason: '函询执法案卷问题',
      targetOrgId: 'dawa.emergency',
    });
    const ids = async (account: Parameters<MatrixFixtures['send']>[0]): Promise<string[]> => {
      const reply = await fx.send(account, 'GET', `/api/v1/escalations?minPosition=${position}&limit=100`);
      expect(reply.status).toBe(200);
      return (reply.body.items as { escalationId: string }[]).map((i) => i.escalationId);
    };
    expect(await ids('dawa-office')).toEqual([interviewId]);
    expect(await ids('office')).toContain(interviewId);
    expect(await ids('secretary')).toContain(interviewId);
    expect(await ids('panshan-office-head')).toEqual([]);
    // The justice bureau's 函询 of the Dawa agency came later: first for the city office.
    const city = (await fx.send('office', 'GET', `/api/v1/escalations?limit=100`)).body.items as {
      escalationType: string;
      raisedAt: string;
    }[];
    const times = city.map((i) => i.raisedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await fx.send('admin', 'GET', '/api/v1/escalations')).status).toBe(403);
  });

  it.each<[string, object, number, string]>([
    ['a sibling county’s office', { ...interview, targetOrgId: 'panshan.emergency' }, 403, 'AUTH.OUTSIDE_JURISDICTION'],
    ['its own organisation', { ...interview, targetOrgId: 'panjin.rol-office' }, 403, 'ESCALATION.OWN_ORGANISATION'],
    [
      'the party committee it answers to',
      { ...interview, targetOrgId: 'panjin' },
      403,
      'ESCALATION.TARGET_NOT_SUPERVISED',
    ],
    ['an organisation nobody knows', { ...interview, targetOrgId: 'nowhere' }, 422, 'ESCALATION.TARGET_UNKNOWN'],
  ])('refuses the Dawa office escalating against %s', async (_label, body, status, code) => {
    const account = code === 'AUTH.OUTSIDE_JURISDICTION' ? 'dawa-office-head' : 'office';
    const reply = await fx.send(account, 'POST', '/api/v1/escalations', body);
    expect([reply.status, reply.code]).toEqual([status, code]);
  });

  it('ignores a role or region in the body: the directory decides', async () => {
    const reply = await fx.send('dawa-office-head', 'POST', '/api/v1/escalations', {
      ...interview,
      targetOrgId: 'panjin.ccdi',
      targetRegionId: 'panjin/dawa',
    });
    expect(reply.status).toBe(400);
    const plain = await fx.send('dawa-office-head', 'POST', '/api/v1/escalations', {
      ...interview,
      targetOrgId: 'panjin.ccdi',
    });
    expect([plain.status, plain.code]).toEqual([403, 'AUTH.OUTSIDE_JURISDICTION']);
  });

  it('an Idempotency-Key retry answers the first success and writes nothing', async () => {
    const first = await raise('office', { ...interview, escalationType: 'ListedSupervision' }, 'orgesc-retry-0001');
    const again = await raise('office', { ...interview, escalationType: 'ListedSupervision' }, 'orgesc-retry-0001');
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: first.body });
    const other = await raise('office', { ...interview, escalationType: 'Circular' }, 'orgesc-retry-0001');
    expect([other.status, other.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
  });
});
