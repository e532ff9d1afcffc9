import { ORGANISATIONS_STREAM } from '@xj/composition';
import { EVENT_STORE, EventStore } from '@xj/application';
import { startTestApp, TestApp } from './support/test-app';
import {
  CLUES,
  REFERRALS,
  clueBody,
  expectProblem,
  journeyClient,
  referralBody,
  subject,
} from './support/journey-helpers';

const STRONG = 'Quiet-river-2026';
const ORGS = '/api/v1/organisations';

interface Entry {
  readonly type: string;
  readonly description: { readonly zh: string; readonly en: string };
}

/**
 * Issue 18, organisations as data: the system administrator adds a county with its units, a clerk
 * of the new county office registers a clue, renames keep the names of the acts done before them,
 * and a closed organisation takes no new case.
 */
describe('organisations maintained as data (组织机构管理)', () => {
  let t: TestApp;
  let clerk = '';
  const api = () => journeyClient(t);
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const add = async (body: Record<string, unknown>) => api().post('admin', ORGS, body);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds the stream from the demo city at the first start, recorded by system:organisations', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(ORGANISATIONS_STREAM);
    expect(events[0]?.type).toBe('RegionAdded');
    expect(events.filter((e) => e.type === 'OrganisationAdded').length).toBeGreaterThan(40);
    expect(new Set(events.map((e) => e.metadata.actor.userId))).toEqual(new Set(['system:organisations']));
    const list = await api().get('admin', ORGS);
    expect(list.status).toBe(200);
    expect(list.body.items.find((o: { id: string }) => o.id === 'dawa.emergency')).toMatchObject({
      nameZh: '大洼区应急管理局',
      closed: false,
    });
  });

  it('adds a county with its party committee, office and agency; the look-ups and labels know them at once', async () => {
    expectProblem(
      await add({
        id: 'xinqu.emergency',
        nameZh: '新区应急管理局',
        nameEn: 'Xinqu Emergency Bureau',
        role: 'EnforcementAgency',
        regionId: 'panjin/xinqu',
        parentId: 'panjin',
      }),
      422,
      'ORGANISATION.REGION_NEEDS_PARTY_UNIT',
    );
    const county = await add({
      id: 'xinqu',
      nameZh: '新区',
      nameEn: 'Xinqu District',
      role: 'PartyLeadership',
      regionId: 'panjin/xinqu',
      parentId: 'panjin',
    });
    expect(county.status).toBe(201);
    expect(county.body).toMatchObject({ id: 'xinqu', closed: false, names: [{ zh: '新区', en: 'Xinqu District' }] });
    for (const unit of [
      {
        id: 'xinqu.rol-office',
        nameZh: '新区委法治建设办',
        nameEn: 'Xinqu Rule-of-Law Office',
        role: 'RuleOfLawOffice',
      },
      { id: 'xinqu.ccdi', nameZh: '新区纪委监委', nameEn: 'Xinqu Commission', role: 'DisciplineCommission' },
      { id: 'xinqu.emergency', nameZh: '新区应急管理局', nameEn: 'Xinqu Emergency Bureau', role: 'EnforcementAgency' },
    ])
      expect((await add({ ...unit, regionId: 'panjin/xinqu', parentId: 'xinqu' })).status).toBe(201);
    expectProblem(
      await add({
        id: 'xinqu.ccdi',
        nameZh: '重复',
        nameEn: 'Again',
        role: 'DisciplineCommission',
        regionId: 'panjin/xinqu',
      }),
      409,
      'ORGANISATION.ID_TAKEN',
    );

    const regions = await api().get('office', '/api/v1/lookups/regions');
    expect(regions.body.regions).toContainEqual(expect.objectContaining({ id: 'panjin/xinqu', zh: '新区' }));
    const catalogue = await api().get('office', '/api/v1/catalogue');
    expect(catalogue.status).toBe(200);
    expect(JSON.stringify(catalogue.body)).toContain('新区应急管理局');
  });

  it('lets a clerk account of the new county office register a clue against the new agency', async () => {
    const created = await api().post('admin', '/api/v1/accounts', {
      username: 'xinqu.clerk',
      displayName: '新区法治办 李某',
      role: 'RuleOfLawOffice',
      orgId: 'xinqu.rol-office',
      position: 'Staff',
    });
    expect(created.status).toBe(201);
    const first = await t
      .http()
      .post('/api/v1/auth/token')
      .send({ username: 'xinqu.clerk', password: created.body.oneTimePassword })
      .expect(200);
    await as(first.body.accessToken)
      .post('/api/v1/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: STRONG })
      .expect(204);
    clerk = (await t.http().post('/api/v1/auth/token').send({ username: 'xinqu.clerk', password: STRONG }).expect(200))
      .body.accessToken;
  });

  it('keeps the names of the acts done before a rename in the history and the ledger line; later acts carry the new name', async () => {
    const registered = await as(clerk).post(
      CLUES,
      clueBody({ regionId: 'panjin/xinqu', agency: { orgId: 'xinqu.emergency', name: '新区应急管理局' } }),
    );
    expect(registered.status).toBe(201);
    const clueId = registered.body.id as string;

    const patch = (id: string, body: object) =>
      t.http().patch(`${ORGS}/${id}`).set('Authorization', `Bearer ${clerk}`).send(body);
    expectProblem(await patch('xinqu.emergency', { nameZh: '新区应急局' }), 403, 'AUTH.ROLE_NOT_ALLOWED');
    const adminToken = await t.token('admin');
    const adminPatch = (id: string, body: object) =>
      t.http().patch(`${ORGS}/${id}`).set('Authorization', `Bearer ${adminToken}`).send(body);
    const renamed = await adminPatch('xinqu.emergency', { nameZh: '新区应急局', nameEn: 'Xinqu Emergency Agency' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.names.map((n: { zh: string }) => n.zh)).toEqual(['新区应急管理局', '新区应急局']);
    expect((await adminPatch('xinqu.rol-office', { nameZh: '新区法治办' })).status).toBe(200);

    await as(clerk).post(`${CLUES}/${clueId}/analysis`, { analystUserId: 'user-x' }).expect(200);

    const history = await as(clerk).get(`${CLUES}/${clueId}/history`).expect(200);
    const [registration, analysis] = history.body.entries as Entry[];
    expect(registration?.description.zh).toContain('新区委法治建设办 登记线索');
    expect(registration?.description.zh).toContain('被监督单位：新区应急管理局');
    expect(analysis?.type).toBe('ClueAnalysisStarted');
    expect(analysis?.description.zh).toContain('新区法治办 开始线索分析');

    // The ledger's 被监督单位 is the name the clue was registered under (recorded on its event).
    const ledger = await as(clerk).get(`/api/v1/ledgers/clues?minPosition=${registered.body.position}`).expect(200);
    expect(ledger.body.items.find((i: { clueId: string }) => i.clueId === clueId)?.agencyName).toBe('新区应急管理局');
    // The look-ups name it as it is called now.
    const lookups = await as(clerk).get('/api/v1/lookups/organisations?role=EnforcementAgency').expect(200);
    expect(lookups.body.organisations.find((o: { id: string }) => o.id === 'xinqu.emergency')?.nameZh).toBe(
      '新区应急局',
    );
  });

  it('closes an organisation: no new clue against it, no referral addressed to it, with ORGANISATION.CLOSED', async () => {
    expectProblem(await api().post('office', `${ORGS}/xinqu.ccdi/closure`, {}), 403, 'AUTH.ROLE_NOT_ALLOWED');
    const closed = await api().post('admin', `${ORGS}/xinqu.emergency/closure`, { reason: '机构改革' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id: 'xinqu.emergency', closed: true });
    expectProblem(await api().post('admin', `${ORGS}/xinqu.emergency/closure`, {}), 409, 'ORGANISATION.CLOSED');
    expectProblem(await api().post('admin', `${ORGS}/nowhere/closure`, {}), 404, 'ORGANISATION.NOT_FOUND');
    expectProblem(
      await as(clerk).post(
        CLUES,
        clueBody({ regionId: 'panjin/xinqu', agency: { orgId: 'xinqu.emergency', name: '新区应急局' } }),
      ),
      409,
      'ORGANISATION.CLOSED',
    );

    expect((await api().post('admin', `${ORGS}/dawa.ccdi/closure`, {})).status).toBe(200);
    const clue = await api().post('office', CLUES, clueBody());
    expect(clue.status).toBe(201);
    const clueId = clue.body.id as string;
    await api().post('office', `${CLUES}/${clueId}/analysis`, { analystUserId: 'user-office' });
    const drafted = await api().post(
      'office',
      REFERRALS,
      referralBody(clueId, [subject('s1', { cadreRank: 'TownshipSectionOrBelow' })]),
    );
    expect(drafted.status).toBe(201);
    const id = drafted.body.id as string;
    expect((await api().post('office-head', `${REFERRALS}/${id}/approval`, { opinion: '同意移送' })).status).toBe(200);
    expectProblem(
      await api().post('office', `${REFERRALS}/${id}/sending`, {
        target: { orgId: 'dawa.ccdi', kind: 'DisciplineCommission' },
      }),
      409,
      'ORGANISATION.CLOSED',
    );
    const offered = await api().get('office', '/api/v1/lookups/organisations?role=DisciplineCommission');
    expect(offered.body.organisations.map((o: { id: string }) => o.id)).not.toContain('dawa.ccdi');
  });
});
