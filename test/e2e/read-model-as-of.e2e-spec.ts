import { TestApp, startTestApp } from './support/test-app';
import { CLUES, clueBody } from './support/journey-helpers';

/** Issue 6: a read model as it stood on a past date, rebuilt into a throw-away copy. */
describe('read model as of a past instant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const as = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });

  it('given two clues registered either side of an instant, the clue ledger as of that instant holds only the first, and the live ledger is untouched', async () => {
    const first = await t
      .http()
      .post(CLUES)
      .set(await as('office'))
      .send(clueBody())
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await t
      .http()
      .post(CLUES)
      .set(await as('office'))
      .send(clueBody())
      .expect(201);

    const past = await t
      .http()
      .get(`/api/v1/audit/read-models/clue-ledger/as-of?at=${encodeURIComponent(between)}`)
      .set(await as('auditor'))
      .expect(200);
    const ids = past.body.items.map((i: { clueId: string }) => i.clueId);
    expect(ids).toContain(first.body.id);
    expect(ids).not.toContain(second.body.id);

    const live = await t
      .http()
      .get(`/api/v1/ledgers/clues?limit=100&minPosition=${second.body.position}`)
      .set(await as('auditor'))
      .expect(200);
    expect(live.body.items.map((i: { clueId: string }) => i.clueId)).toEqual(
      expect.arrayContaining([first.body.id, second.body.id]),
    );
  });

  it('is for auditors only, and knows only the case read models', async () => {
    const at = encodeURIComponent(new Date().toISOString());
    await t
      .http()
      .get(`/api/v1/audit/read-models/clue-ledger/as-of?at=${at}`)
      .set(await as('office-head'))
      .expect(403);
    await t
      .http()
      .get(`/api/v1/audit/read-models/no-such-view/as-of?at=${at}`)
      .set(await as('auditor'))
      .expect(404);
    await t
      .http()
      .get('/api/v1/audit/read-models/clue-ledger/as-of?at=yesterday')
      .set(await as('auditor'))
      .expect(400);
  });
});
