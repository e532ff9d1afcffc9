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
    expect(res.body.title).toBe('未找到该案件或记录，或您无权查看');
    const invalid = await t
      .http()
      .post('/api/v1/clues')
      .set(await auth('dawa-office'))
      .set('Accept-Language', 'zh-CN')
      .send({ regionId: 'panjin/dawa' })
      .expect(400);
    expect(invalid.body).toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
      title: '填写的内容有误，请检查标出的字段',
    });
    expect(invalid.body.errors.length).toBeGreaterThan(0);
  });

  describe('field errors of a 400: the path, a stable code per broken rule, a message in the language asked for', () => {
    /** A registration with a summary too long, no source, a subject's rank left out and an unknown field. */
    const badClue = {
      regionId: 'panjin/dawa',
      sourceRef: '盘复〔2026〕31号',
      receivedAt: '2026-12-01T09:30:00+08:00',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: '罚'.repeat(4001),
      subjects: [
        {
          subjectId: 's-1',
          name: '张某',
          unit: '大洼区应急管理局',
          post: '副局长',
          isPartyMember: true,
          isPublicOfficial: true,
        },
      ],
      colour: 'red',
    };
    const register = async (language?: string) => {
      const req = t
        .http()
        .post('/api/v1/clues')
        .set(await auth('dawa-office'));
      return (language ? req.set('Accept-Language', language) : req).send(badClue).expect(400);
    };
    const byField = (errors: { field: string; codes: string[]; messages: string[] }[]) =>
      Object.fromEntries(errors.map((e) => [e.field, e]));

    it("words them in Chinese with the fields' titles for zh-CN", async () => {
      const res = await register('zh-CN,zh;q=0.9');
      expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
      const errors = byField(res.body.errors);
      expect(errors.summary).toEqual({ field: 'summary', codes: ['maxLength'], messages: ['「摘要」最多 4000 个字'] });
      expect(errors.source).toEqual({ field: 'source', codes: ['isNotEmpty'], messages: ['「线索来源」不能为空'] });
      expect(errors['subjects.0.cadreRank']).toEqual({
        field: 'subjects.0.cadreRank',
        codes: ['isNotEmpty'],
        messages: ['「干部层级」不能为空'],
      });
      expect(errors.colour).toEqual({
        field: 'colour',
        codes: ['whitelistValidation'],
        messages: ['「colour」不是可以提交的内容'],
      });
      expect(JSON.stringify(res.body)).not.toContain('罚罚');
    });

    it('keeps the same fields and codes in English for API clients (the default, or Accept-Language: en)', async () => {
      const zh = await register('zh-CN');
      for (const language of ['en', undefined]) {
        const res = await register(language);
        expect(res.body.title).toBe('The request did not pass validation.');
        const errors = byField(res.body.errors);
        expect(errors.summary).toEqual({
          field: 'summary',
          codes: ['maxLength'],
          messages: ['summary must be at most 4000 characters long'],
        });
        expect(errors['subjects.0.cadreRank']?.messages).toEqual(['subjects.0.cadreRank must not be empty']);
        const codes = (body: typeof res.body) =>
          body.errors.map((e: { field: string; codes: string[] }) => [e.field, e.codes]);
        expect(codes(res.body)).toEqual(codes(zh.body));
      }
    });

    it('names an empty text and a malformed date by their own codes', async () => {
      const res = await t
        .http()
        .post('/api/v1/clues')
        .set(await auth('dawa-office'))
        .set('Accept-Language', 'zh-CN')
        .send({ ...badClue, colour: undefined, summary: '', receivedAt: '1 December 2026', source: 'Reconsideration' })
        .expect(400);
      const errors = byField(res.body.errors);
      expect(errors.summary).toEqual({ field: 'summary', codes: ['isNotEmpty'], messages: ['「摘要」不能为空'] });
      expect(errors.receivedAt?.codes).toEqual(['isDateTime']);
      expect(errors.receivedAt?.messages).toEqual(['「收到时间」须为带时区的日期和时间']);
    });

    it('gives every field of every request body a Chinese title for the messages to name it by', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      const labels = (
        await t
          .http()
          .get('/api/v1/catalogue')
          .set(await auth('dawa-office'))
          .expect(200)
      ).body.labels.field;
      const names = new Set<string>();
      const seen = new Set<object>();
      const walk = (schema: Record<string, unknown> | undefined): void => {
        if (!schema || seen.has(schema)) return;
        seen.add(schema);
        const ref = schema.$ref;
        if (typeof ref === 'string') walk(doc.components.schemas[ref.split('/').pop() as string]);
        for (const part of (schema.allOf as Record<string, unknown>[] | undefined) ?? []) walk(part);
        walk(schema.items as Record<string, unknown> | undefined);
        for (const [name, property] of Object.entries((schema.properties as Record<string, object>) ?? {})) {
          names.add(name);
          walk(property as Record<string, unknown>);
        }
      };
      for (const operations of Object.values(doc.paths) as Record<string, { requestBody?: { content?: object } }>[])
        for (const operation of Object.values(operations))
          walk(
            (operation.requestBody?.content as Record<string, { schema?: Record<string, unknown> }>)?.[
              'application/json'
            ]?.schema,
          );
      expect(names.size).toBeGreaterThan(50);
      expect([...names].filter((name) => !/\p{Script=Han}/u.test(labels[name]?.zh ?? ''))).toEqual([]);
    });
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
