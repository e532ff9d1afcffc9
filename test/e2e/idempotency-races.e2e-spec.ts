import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import {
  EVENT_STORE,
  EventStore,
  EventStoreError,
  IdempotencyService,
  IdempotentRequest,
  StoredResponse,
  deterministicUuid,
  sha256Hex,
} from '@xj/application';
import { CLUES, clueBody, expectProblem } from './support/journey-helpers';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Issue #13 item 1: the same Idempotency-Key and body always answer the original success — while
 * identical requests race, after a restart, and after a crash between the append and the stored
 * answer — and nothing is written twice. A conflict is never a key's answer.
 */

const ATTEMPTS = 8;
const ROUNDS = 15;

const storeOf = (t: TestApp): EventStore => t.app.get<EventStore>(EVENT_STORE);

/** The parts of an answer a retry must repeat exactly. */
const answerOf = (res: Response) => ({
  status: res.status,
  body: res.body as unknown,
  etag: res.headers.etag as unknown,
  position: res.headers['x-global-position'] as unknown,
  location: res.headers.location as unknown,
});

const storedAnswerOf = (stored: StoredResponse) => ({
  status: stored.status,
  body: stored.body as unknown,
  etag: stored.headers['etag'],
  position: stored.headers['x-global-position'],
  location: stored.headers['location'],
});

const countEvents = async (t: TestApp, type: string): Promise<number> =>
  (await storeOf(t).readAll()).filter((e) => e.type === type).length;

describe('Idempotency-Key: identical requests in flight at once', () => {
  let t: TestApp;
  let office: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    // Listening, so that concurrent supertest requests share one server instead of each binding it.
    await t.app.listen(0, '127.0.0.1');
    office = { Authorization: `Bearer ${await t.token('office')}` };
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, key: string) =>
    t.http().post(path).set(office).set('Idempotency-Key', key).send(body);
  const race = (path: string, body: object, key: string) =>
    Promise.all(Array.from({ length: ATTEMPTS }, () => post(path, body, key)));

  it(`given ${ATTEMPTS} identical registrations under one key, round after round, then every answer is the same 201 and each round creates one clue`, async () => {
    const before = await countEvents(t, 'ClueRegistered');
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await race(CLUES, clueBody({ sourceRef: `盘复〔2026〕${round}号` }), `race-register-${round}`);
      const first = answerOf(answers[0] as Response);
      expect(first).toMatchObject({
        status: 201,
        body: { kind: 'clue', status: 'Registered', revision: '0', events: ['ClueRegistered'] },
      });
      for (const answer of answers) expect(answerOf(answer)).toEqual(first);
      expect(await storeOf(t).readStream(`clue-${(first.body as { id: string }).id}`)).toHaveLength(1);
    }
    expect((await countEvents(t, 'ClueRegistered')) - before).toBe(ROUNDS);
  });

  it(`given a clue, when ${ATTEMPTS} identical transitions race under one key, round after round, then every answer is the same 200 and the clue moves once`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const created = await post(
        CLUES,
        clueBody({ sourceRef: `盘复〔2026〕T${round}号` }),
        `race-transition-clue-${round}`,
      );
      const id = (created.body as { id: string }).id;
      const answers = await race(
        `${CLUES}/${id}/analysis`,
        { analystUserId: 'user-office' },
        `race-transition-${round}`,
      );
      const first = answerOf(answers[0] as Response);
      expect(first).toMatchObject({
        status: 200,
        body: { status: 'Analysis', revision: '1', events: ['ClueAnalysisStarted'] },
        etag: '"1"',
      });
      for (const answer of answers) expect(answerOf(answer)).toEqual(first);
      expect(await storeOf(t).readStream(`clue-${id}`)).toHaveLength(2);
    }
  });

  it('given a key that answered, when it comes with another body, then 422 IDEMPOTENCY.KEY_REUSED and nothing is written', async () => {
    const answers = await race(CLUES, clueBody({ sourceRef: '盘复〔2026〕R1号' }), 'race-reuse-0001');
    const before = await countEvents(t, 'ClueRegistered');
    const other = await post(CLUES, clueBody({ sourceRef: '盘复〔2026〕R2号' }), 'race-reuse-0001');
    expectProblem(other, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(answers.map((a) => a.status)).toEqual(Array(ATTEMPTS).fill(201));
    expect(await countEvents(t, 'ClueRegistered')).toBe(before);
  });
});

describe('Idempotency-Key: the API documentation (issue #13 item 10)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('tells clients they must send an Idempotency-Key on every command, and why', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      info: { description: string };
      paths: Record<string, { post?: { parameters?: { name: string; description?: string }[] } }>;
    };
    expect(doc.info.description).toMatch(/MUST send an `Idempotency-Key` on every command.*503/s);
    const header = doc.paths['/api/v1/clues/{id}/analysis']?.post?.parameters?.find(
      (p) => p.name === 'Idempotency-Key',
    );
    expect(header?.description).toMatch(/^Clients MUST send one.*503/s);
  });
});

describe('Idempotency-Key: a crash between the append and the stored answer', () => {
  let dir: string;
  let t: TestApp;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xj-e2e-idem-'));
    t = await startTestApp({}, dir);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const auth = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });
  const post = async (path: string, body: object, key: string, user = 'office') =>
    t
      .http()
      .post(path)
      .set(await auth(user))
      .set('Idempotency-Key', key)
      .send(body);
  const restart = async (): Promise<void> => {
    const credentials = t.credentials;
    await t.close();
    t = await startTestApp({}, dir, credentials);
  };

  /**
   * The next keyed command commits its events, then its answer is never stored — the disk fails
   * (the client gets 503) as it would if the process died there. Returns what the client would
   * have been answered, and the request the record was for.
   */
  const failTheRecordStep = () => {
    const lost: { answer?: StoredResponse; request?: IdempotentRequest } = {};
    jest.spyOn(t.app.get(IdempotencyService), 'record').mockImplementation(async (request, answer) => {
      Object.assign(lost, { answer, request });
      throw new EventStoreError('STORE.UNAVAILABLE', 'disk failed');
    });
    return lost;
  };

  it('given a registration whose answer was lost, when it is retried after a restart, then the original 201 with Location; another body under the key answers 422; one clue', async () => {
    const lost = failTheRecordStep();
    const body = clueBody({ sourceRef: '盘复〔2026〕C1号' });
    expectProblem(await post(CLUES, body, 'crash-register-0001'), 503, 'STORE.UNAVAILABLE');
    const original = storedAnswerOf(lost.answer as StoredResponse);
    expect(original).toMatchObject({ status: 201, body: { revision: '0', events: ['ClueRegistered'] } });
    await restart();

    expectProblem(
      await post(CLUES, clueBody({ sourceRef: '盘复〔2026〕C2号' }), 'crash-register-0001'),
      422,
      'IDEMPOTENCY.KEY_REUSED',
    );
    const retry = await post(CLUES, body, 'crash-register-0001');
    expect(answerOf(retry)).toEqual(original);
    await restart();
    const again = await post(CLUES, body, 'crash-register-0001');
    expect(answerOf(again)).toEqual(original);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countEvents(t, 'ClueRegistered')).toBe(1);
  });

  it('given a transition whose answer was lost and a later change of the case, when it is retried after a restart, then its own original answer (revision and position of its event, not the head)', async () => {
    const created = await post(CLUES, clueBody(), 'crash-transition-clue');
    const id = (created.body as { id: string }).id;
    const lost = failTheRecordStep();
    expectProblem(
      await post(`${CLUES}/${id}/analysis`, { analystUserId: 'user-office' }, 'crash-transition-0001'),
      503,
      'STORE.UNAVAILABLE',
    );
    const original = storedAnswerOf(lost.answer as StoredResponse);
    await restart();
    const escalation = { escalationType: 'Interview', reason: '逾期未纠正', targetOrgId: 'dawa.emergency' };
    expect((await post(`${CLUES}/${id}/escalations`, escalation, 'crash-transition-escalate')).status).toBe(200);

    expectProblem(
      await post(`${CLUES}/${id}/analysis`, { analystUserId: 'user-office-head' }, 'crash-transition-0001'),
      422,
      'IDEMPOTENCY.KEY_REUSED',
    );
    const retry = await post(`${CLUES}/${id}/analysis`, { analystUserId: 'user-office' }, 'crash-transition-0001');
    expect(answerOf(retry)).toEqual(original);
    expect(original).toMatchObject({ status: 200, etag: '"1"', body: { status: 'Analysis', revision: '1' } });
    expect(await storeOf(t).readStream(`clue-${id}`)).toHaveLength(3);
  });

  it("given a 409 conflict stored as the key's answer by an older version, when the request is retried, then the original success, never the 409", async () => {
    const lost = failTheRecordStep();
    const body = clueBody({ sourceRef: '盘复〔2026〕C3号' });
    await post(CLUES, body, 'old-conflict-0001');
    const request = lost.request as IdempotentRequest;
    // The record exactly as versions before this fix stored it (idempotency.ts at f7746b3).
    const commandId = t.app.get(IdempotencyService).commandIdFor(request);
    const conflict = {
      type: 'https://xingji-link.example/problems/event-id-conflict',
      title: 'The case changed concurrently; try again.',
      status: 409,
      code: 'EVENT.ID_CONFLICT',
      instance: CLUES,
    };
    await storeOf(t).append(
      `idempotency-${sha256Hex(`${request.actor.userId}\u0000${request.key}`).slice(0, 48)}`,
      [
        {
          eventId: deterministicUuid(`${commandId}:response`),
          type: 'IdempotentResponseRecorded',
          data: {
            fingerprint: sha256Hex(request.fingerprint),
            response: { status: 409, body: conflict, headers: { 'content-type': 'application/problem+json' } },
          },
          metadata: {
            schemaVersion: 1,
            actor: request.actor,
            commandId,
            correlationId: request.correlationId,
            causationId: commandId,
          },
        },
      ],
      'no_stream',
    );
    await restart();
    const retry = await post(CLUES, body, 'old-conflict-0001');
    expect(answerOf(retry)).toEqual(storedAnswerOf(lost.answer as StoredResponse));
    await restart();
    expect(answerOf(await post(CLUES, body, 'old-conflict-0001'))).toEqual(answerOf(retry));
    expect(await countEvents(t, 'ClueRegistered')).toBe(1);
  });
});
