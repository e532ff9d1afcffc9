import { TestApp, startTestApp } from './support/test-app';

/** Issue 16: the label catalogue, the forms' look-ups, and error messages in the language asked for. */
describe('catalogue, look-ups and localised problems', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const auth = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });

  it('serves every namespace of labels to a signed-in user, and nothing to anyone else', async () => {
    await t.http().get('/api/v1/catalogue').expect(401);
    const res = await t
      .http()
      .get('/api/v1/catalogue')
      .set(await auth('dawa-office'))
      .expect(200);
    const { labels } = res.body;
    expect(labels.clueStatus.Registered).toEqual({ zh: '线索登记', en: 'Registered' });
    expect(labels.clueSource.Reconsideration.zh).toBe('行政复议');
    expect(labels.outcome['GovSanction.Demerit']).toEqual({ zh: '记过', en: 'Demerit' });
    expect(labels.situation.ImproperPerformance.zh).toMatch(/\p{Script=Han}/u);
    expect(labels.organisation['dawa.ccdi'].zh).toBe('大洼区纪委监委');
    expect(labels.region['panjin/dawa']).toEqual({ zh: '大洼区', en: 'Dawa District' });
    expect(labels.errorCode['CLUE.WRONG_STATE'].zh).toMatch(/\p{Script=Han}/u);
    expect(labels.eventType.ReferralAccepted.zh).toBe('受理');
  });

  it("answers a problem's title in Chinese for zh-CN, in English otherwise, with the same code", async () => {
    const zh = await t.http().get('/api/v1/catalogue').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8').expect(401);
    expect(zh.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', title: '请先登录', status: 401 });
    expect(zh.headers['content-language']).toBe('zh-CN');
    const en = await t.http().get('/api/v1/catalogue').set('Accept-Language', 'en-US').expect(401);
    expect(en.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect(en.body.title).toMatch(/^A valid bearer token/);
    const none = await t.http().get('/api/v1/catalogue').expect(401);
    expect(none.body.title).toBe(en.body.title);
  });

  it('titles a domain refusal in Chinese and keeps its code', async () => {
    const res = await t
      .http()
      .post('/api/v1/clues/c-none/analysis')
      .set(await auth('dawa-office'))
      .set('Accept-Language', 'zh-CN')
      .send({ analystUserId: 'user-dawa-office' })
      .expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.body.title).toBe('未找到该对象');
    const invalid = await t
      .http()
      .post('/api/v1/clues')
      .set(await auth('dawa-office'))
      .set('Accept-Language', 'zh-CN')
      .send({ regionId: 'panjin/dawa' })
      .expect(400);
    expect(invalid.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', title: '填写内容未通过校验' });
    expect(invalid.body.errors.length).toBeGreaterThan(0);
  });

  it('lists the situations and evidence of the rulebook in force and the outcome catalogue', async () => {
    const situations = await t
      .http()
      .get('/api/v1/lookups/situations')
      .set(await auth('dawa-office'))
      .expect(200);
    expect(situations.body.version).toBe('v1');
    expect(situations.body.situations).toHaveLength(7);
    expect(situations.body.situations[0].evidence[0]).toEqual(
      expect.objectContaining({ code: expect.any(String), labelZh: expect.any(String), required: expect.any(Boolean) }),
    );
    const outcomes = await t
      .http()
      .get('/api/v1/lookups/outcomes')
      .set(await auth('dawa-ccdi-head'))
      .expect(200);
    expect(outcomes.body.outcomes.map((o: { code: string }) => o.code)).toContain('PartySanction.Warning');
  });

  it("offers a county clerk its county's, the city's and the province's organisations, never another county's", async () => {
    const res = await t
      .http()
      .get('/api/v1/lookups/organisations?role=DisciplineCommission')
      .set(await auth('dawa-office'))
      .expect(200);
    const ids = res.body.organisations.map((o: { id: string }) => o.id).sort();
    // The provincial commission receives 厅局级 cadres (DOMAIN.md Decision 5; issue 17 item 8).
    expect(ids).toEqual(['dawa.ccdi', 'liaoning.ccdi', 'panjin.ccdi']);
    await t
      .http()
      .get('/api/v1/lookups/organisations?role=Nobody')
      .set(await auth('dawa-office'))
      .expect(400);
    const regions = await t
      .http()
      .get('/api/v1/lookups/regions')
      .set(await auth('dawa-office'))
      .expect(200);
    expect(regions.body.regions).toEqual([{ id: 'panjin/dawa', zh: '大洼区', en: 'Dawa District', level: 'County' }]);
    const city = await t
      .http()
      .get('/api/v1/lookups/regions')
      .set(await auth('office'))
      .expect(200);
    expect(city.body.regions).toHaveLength(5);
  });

  it("lists the caller's colleagues by name and position, without login names or password hashes", async () => {
    const res = await t
      .http()
      .get('/api/v1/lookups/users')
      .set(await auth('dawa-office'))
      .expect(200);
    expect(res.body.orgId).toBe('dawa.rol-office');
    const positions = res.body.users.map((u: { position: string }) => u.position).sort();
    expect(positions).toEqual(['Head', 'Staff']);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/scrypt|passwordHash|username/);
  });
});
