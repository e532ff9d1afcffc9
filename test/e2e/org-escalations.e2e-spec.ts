import { TestApp, startTestApp } from './support/test-app';
import { Account, MatrixFixtures, Reply } from './support/matrix-fixtures';

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

  const interview = {
    escalationType: 'Interview',
    reason: '全年零移送，约谈区法治建设办负责同志',
    targetOrgId: 'dawa.rol-office',
  };

  const withKey = async (account: Account, body: object, key: string) => {
    const res = await t
      .http()
      .post('/api/v1/escalations')
      .set('Authorization', `Bearer ${await t.token(account)}`)
      .set('Idempotency-Key', key)
      .send(body);
    return { status: res.status, code: (res.body as { code?: string }).code, body: res.body as object };
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

  it('answers 201 with the id, the revision and the event', () => {
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      kind: 'escalation',
      id: interviewId,
      status: 'Raised',
      revision: '0',
      events: ['OrganisationEscalationRaised'],
    });
  });

  it('the target reads it with its ladder level (约谈 4), the directory’s role and region, and its history in zh and en', async () => {
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

  it('is 404 to an organisation that is not the target, did not raise it and does not supervise the target', async () => {
    const statuses = [];
    for (const account of ['panshan-office-head', 'dawa-emergency', 'dawa-ccdi-head', 'admin'] as const)
      statuses.push([account, (await fx.send(account, 'GET', `/api/v1/escalations/${interviewId}`)).status]);
    expect(statuses).toEqual([
      ['panshan-office-head', 404],
      ['dawa-emergency', 404],
      ['dawa-ccdi-head', 404],
      ['admin', 404],
    ]);
    expect((await fx.send('office', 'GET', '/api/v1/escalations/does-not-exist')).status).toBe(404);
  });

  it('lists it, newest first, for the target, the raiser and the supervisors; not for a sibling county; 403 for administrators', async () => {
    const later = await fx.send('justice-head', 'POST', '/api/v1/escalations', {
      escalationType: 'InquiryLetter',
      reason: '函询执法案卷问题',
      targetOrgId: 'dawa.emergency',
    });
    expect(later.status).toBe(201);
    const ids = async (account: Account): Promise<string[]> => {
      const reply = await fx.send(account, 'GET', `/api/v1/escalations?minPosition=${String(later.body.position)}`);
      expect([account, reply.status, reply.body.stale]).toEqual([account, 200, false]);
      return (reply.body.items as { escalationId: string }[]).map((i) => i.escalationId);
    };
    // The Dawa office is the 约谈's target and supervises the Dawa agency, the 函询's.
    expect(await ids('dawa-office')).toEqual([String(later.body.id), interviewId]);
    expect(await ids('dawa-emergency')).toEqual([String(later.body.id)]);
    expect(await ids('office')).toEqual([String(later.body.id), interviewId]);
    expect(await ids('secretary')).toEqual([String(later.body.id), interviewId]);
    expect(await ids('panshan-office-head')).toEqual([]);
    expect(await ids('dawa-ccdi-head')).toEqual([]);
    const filtered = await fx.send(
      'office',
      'GET',
      `/api/v1/escalations?escalationType=Interview&minPosition=${position}`,
    );
    expect((filtered.body.items as { escalationId: string }[]).map((i) => i.escalationId)).toEqual([interviewId]);
    expect((await fx.send('admin', 'GET', '/api/v1/escalations')).code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it.each<[string, Account, string, number, string]>([
    ['a sibling county’s agency', 'dawa-office-head', 'panshan.emergency', 403, 'AUTH.OUTSIDE_JURISDICTION'],
    ['the city commission, above the county', 'dawa-office-head', 'panjin.ccdi', 403, 'AUTH.OUTSIDE_JURISDICTION'],
    ['its own organisation', 'office', 'panjin.rol-office', 403, 'ESCALATION.OWN_ORGANISATION'],
    ['the party committee it answers to', 'office', 'panjin', 403, 'ESCALATION.TARGET_NOT_SUPERVISED'],
    ['an organisation nobody knows', 'office', 'nowhere', 422, 'ESCALATION.TARGET_UNKNOWN'],
  ])('refuses an escalation against %s', async (_label, account, targetOrgId, status, code) => {
    const reply = await fx.send(account, 'POST', '/api/v1/escalations', { ...interview, targetOrgId });
    expect([reply.status, reply.code]).toEqual([status, code]);
  });

  it('takes no role or region from the body: the directory decides', async () => {
    const reply = await fx.send('dawa-office-head', 'POST', '/api/v1/escalations', {
      ...interview,
      targetOrgId: 'panjin.ccdi',
      targetRegionId: 'panjin/dawa',
      targetRole: 'EnforcementAgency',
    });
    expect([reply.status, reply.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
  });

  it('an Idempotency-Key retry answers the first success and writes nothing; another body under it is 422', async () => {
    const body = { ...interview, escalationType: 'ListedSupervision' };
    const first = await withKey('office', body, 'orgesc-retry-0001');
    const again = await withKey('office', body, 'orgesc-retry-0001');
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    const other = await withKey('office', { ...body, escalationType: 'Circular' }, 'orgesc-retry-0001');
    expect([other.status, other.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
  });
});
