import { TestApp, startTestApp } from './support/test-app';

const clueBody = (o: Record<string, unknown> = {}) => ({
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-03-02T09:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not perform a reconsideration decision within its time limit.',
  ...o,
});

describe('API basics: health, docs, auth, errors, idempotency, If-Match', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const auth = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });

  it('answers liveness and readiness without a token', async () => {
    await t.http().get('/health/live').expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.eventStore.status).toBe('up');
  });

  it('serves the OpenAPI document with every route family and the problem schema', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/clues',
        '/api/v1/clues/{id}/verification',
        '/api/v1/referrals',
        '/api/v1/rectification-items',
        '/api/v1/auth/token',
      ]),
    );
    expect(res.body.components.schemas.Problem.required).toContain('code');
  });

  it('rejects a missing or forged token with a 401 problem', async () => {
    const res = await t.http().get('/api/v1/clues/c-1').expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    await t.http().get('/api/v1/clues/c-1').set('Authorization', 'Bearer not.a.token').expect(401);
  });

  it('rejects wrong credentials without saying which part was wrong', async () => {
    const res = await t.http().post('/api/v1/auth/token').send({ username: 'office', password: 'wrong' }).expect(401);
    expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const unknown = await t
      .http()
      .post('/api/v1/auth/token')
      .send({ username: 'nobody', password: 'wrong' })
      .expect(401);
    expect(unknown.body.code).toBe('AUTH.INVALID_CREDENTIALS');
  });

  it('registers a clue: 201, Location, ETag and global position; reads it back', async () => {
    const res = await t
      .http()
      .post('/api/v1/clues')
      .set(await auth('office'))
      .send(clueBody())
      .expect(201);
    expect(res.headers.etag).toBe('"0"');
    expect(res.headers.location).toBe(`/api/v1/clues/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'clue', status: 'Registered', revision: '0', events: ['ClueRegistered'] });
    expect(Number(res.headers['x-global-position'])).toBeGreaterThan(0);
    const read = await t
      .http()
      .get(`/api/v1/clues/${res.body.id}`)
      .set(await auth('office'))
      .expect(200);
    expect(read.body.state).toMatchObject({ status: 'Registered', regionId: 'panjin/dawa' });
    expect(read.headers.etag).toBe('"0"');
  });

  it('answers bad input with 4xx problems, never 500, and never echoes values', async () => {
    const headers = await auth('office');
    const unknownField = await t
      .http()
      .post('/api/v1/clues')
      .set(headers)
      .send(clueBody({ extra: 1 }))
      .expect(400);
    expect(unknownField.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(unknownField.body.errors[0].field).toBe('extra');
    const operator = await t
      .http()
      .post('/api/v1/clues')
      .set(headers)
      .send(clueBody({ agency: { $where: '1', orgId: 'x', name: 'y' } }))
      .expect(400);
    expect(operator.body.code).toBe('REQUEST.FORBIDDEN_KEY');
    const malformed = await t
      .http()
      .post('/api/v1/clues')
      .set(headers)
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED');
    const huge = await t
      .http()
      .post('/api/v1/clues')
      .set(headers)
      .send(clueBody({ summary: 'x'.repeat(300_000) }))
      .expect(413);
    expect(huge.body.code).toBe('REQUEST.BODY_TOO_LARGE');
    const tooLong = await t
      .http()
      .post('/api/v1/clues')
      .set(headers)
      .send(clueBody({ summary: 'x'.repeat(5000) }))
      .expect(400);
    expect(JSON.stringify(tooLong.body)).not.toContain('xxxx');
    await t.http().get('/api/v1/clues/..%2F..%2Fetc').set(headers).expect(404);
    const outside = await t
      .http()
      .post('/api/v1/clues')
      .set(await auth('dawa-office'))
      .send(clueBody({ regionId: 'panjin/panshan' }))
      .expect(403);
    expect(outside.body.code).toBe('AUTH.OUTSIDE_JURISDICTION');
    for (const body of [outside.body, tooLong.body]) expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('replays an Idempotency-Key retry without writing, and refuses the key with another body (422)', async () => {
    const headers = { ...(await auth('office')), 'Idempotency-Key': 'register-0001' };
    const first = await t.http().post('/api/v1/clues').set(headers).send(clueBody()).expect(201);
    const again = await t.http().post('/api/v1/clues').set(headers).send(clueBody()).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const read = await t
      .http()
      .get(`/api/v1/clues/${first.body.id}`)
      .set(await auth('office'))
      .expect(200);
    expect(read.body.revision).toBe('0');
    const other = await t
      .http()
      .post('/api/v1/clues')
      .set(headers)
      .send(clueBody({ summary: 'different' }))
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('pins the expected revision with If-Match: a stale one answers 412 and writes nothing', async () => {
    const headers = await auth('office');
    const created = await t.http().post('/api/v1/clues').set(headers).send(clueBody()).expect(201);
    const id = created.body.id as string;
    const stale = await t
      .http()
      .post(`/api/v1/clues/${id}/analysis`)
      .set(headers)
      .set('If-Match', '"7"')
      .send({ analystUserId: 'user-office' })
      .expect(412);
    expect(stale.body.code).toBe('COMMAND.REVISION_MISMATCH');
    const ok = await t
      .http()
      .post(`/api/v1/clues/${id}/analysis`)
      .set(headers)
      .set('If-Match', String(created.headers.etag))
      .send({ analystUserId: 'user-office' })
      .expect(200);
    expect(ok.headers.etag).toBe('"1"');
    await t
      .http()
      .post(`/api/v1/clues/${id}/analysis`)
      .set(headers)
      .set('If-Match', 'garbage')
      .send({ analystUserId: 'u' })
      .expect(400);
  });

  it('hides cases the caller may not see (404, same as a missing case) and lets auditors read but not write', async () => {
    const created = await t
      .http()
      .post('/api/v1/clues')
      .set(await auth('dawa-office'))
      .send(clueBody())
      .expect(201);
    const id = created.body.id as string;
    const hidden = await t
      .http()
      .get(`/api/v1/clues/${id}`)
      .set(await auth('panshan-office-head'))
      .expect(404);
    const missing = await t
      .http()
      .get('/api/v1/clues/does-not-exist')
      .set(await auth('panshan-office-head'))
      .expect(404);
    expect(hidden.body.code).toBe(missing.body.code);
    await t
      .http()
      .get(`/api/v1/clues/${id}`)
      .set(await auth('ccdi'))
      .expect(404);
    await t
      .http()
      .get(`/api/v1/clues/${id}`)
      .set(await auth('office'))
      .expect(200);
    await t
      .http()
      .get(`/api/v1/clues/${id}`)
      .set(await auth('auditor'))
      .expect(200);
    const write = await t
      .http()
      .post(`/api/v1/clues/${id}/analysis`)
      .set(await auth('auditor'))
      .send({ analystUserId: 'u' })
      .expect(403);
    expect(write.body.code).toBe('AUTH.READ_ONLY_ROLE');
  });
});
