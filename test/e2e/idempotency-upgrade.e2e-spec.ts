import {
  EVENT_STORE,
  EventStore,
  IdempotencyService,
  canonicalJson,
  deterministicUuid,
  sha256Hex,
} from '@xj/application';
import { CLUES, clueBody, expectProblem } from './support/journey-helpers';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Old data directories keep working (issue #14): before it, a key's answer was stored as the
 * HTTP response itself (`IdempotentResponseRecorded`); such a success is still the key's answer.
 */
describe('Idempotency-Key: a success recorded by a version before #14', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('given a registration answered and recorded by an older version, when it is retried, then its 201 is replayed and nothing is written; another body under the key answers 422', async () => {
    const office = { Authorization: `Bearer ${await t.token('office')}` };
    const body = clueBody({ sourceRef: '盘复〔2026〕U1号' });
    const first = await t.http().post(CLUES).set(office).send(body).expect(201);
    const response = {
      status: 201,
      body: first.body as object,
      headers: {
        etag: String(first.headers.etag),
        'x-global-position': String(first.headers['x-global-position']),
        location: String(first.headers.location),
      },
    };
    // The record exactly as idempotency.ts wrote it before #14, for the key the first attempt would have had.
    const actor = { userId: 'user-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' };
    const commandId = t.app.get(IdempotencyService).commandIdFor({ actor, key: 'upgrade-0001' });
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append(
      `idempotency-${sha256Hex(`user-office\u0000upgrade-0001`).slice(0, 48)}`,
      [
        {
          eventId: deterministicUuid(`${commandId}:response`),
          type: 'IdempotentResponseRecorded',
          data: { fingerprint: sha256Hex(`POST ${CLUES} ${canonicalJson(body)}`), response: response as never },
          metadata: { schemaVersion: 1, actor, commandId, correlationId: 'before-14', causationId: commandId },
        },
      ],
      'no_stream',
    );
    const registered = (await store.readAll()).filter((e) => e.type === 'ClueRegistered').length;

    const retry = await t.http().post(CLUES).set(office).set('Idempotency-Key', 'upgrade-0001').send(body);
    expect({
      status: retry.status,
      body: retry.body as unknown,
      etag: retry.headers.etag,
      location: retry.headers.location,
      replayed: retry.headers['idempotent-replayed'],
    }).toEqual({
      status: 201,
      body: first.body,
      etag: first.headers.etag,
      location: first.headers.location,
      replayed: 'true',
    });
    expectProblem(
      await t
        .http()
        .post(CLUES)
        .set(office)
        .set('Idempotency-Key', 'upgrade-0001')
        .send(clueBody({ sourceRef: '盘复〔2026〕U2号' })),
      422,
      'IDEMPOTENCY.KEY_REUSED',
    );
    expect((await store.readAll()).filter((e) => e.type === 'ClueRegistered')).toHaveLength(registered);
  });
});
