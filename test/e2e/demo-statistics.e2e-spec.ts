import { AddressInfo } from 'node:net';
import { EVENT_STORE, EventStore } from '@xj/application';
import { runDemo } from '../../scripts/demo';
import { TestApp, startTestApp } from './support/test-app';

/** The last global position in the store: what the read models must reach before we read them. */
const headPosition = async (store: EventStore): Promise<bigint> => {
  let position = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 1000 });
    const last = page[page.length - 1];
    if (!last) return position;
    position = last.position;
  }
};

/**
 * After `npm run demo`, the Panjin figures of DOMAIN.md §8 read back exactly from the statistics
 * read model (issue 5): 23 persons held accountable, 9 县处级 and 14 乡科级及以下, 1 transferred to
 * judicial organs, 4 typical cases, and Panshan among the counties with zero referrals.
 */
describe('statistics after the demo dataset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    await runDemo({ baseUrl: `http://127.0.0.1:${port}`, credentials: t.credentials });
  }, 90_000);
  afterAll(() => t.close());

  it('reads back the Panjin figures exactly', async () => {
    const head = await headPosition(t.app.get<EventStore>(EVENT_STORE));
    const res = await t
      .http()
      .get(`/api/v1/statistics?minPosition=${head}`)
      .set('Authorization', `Bearer ${await t.token('auditor')}`)
      .expect(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.persons.total).toBe(23);
    expect(res.body.persons.byRank).toMatchObject({ CountyDivision: 9, TownshipSectionOrBelow: 14 });
    expect(res.body.transfersToJudicialOrgans).toBe(1);
    expect(res.body.typicalCasesPublished).toBe(4);
    expect(res.body.countiesWithoutReferrals).toContain('panjin/panshan');
    expect(res.body.countiesWithoutReferrals).not.toContain('panjin/dawa');
  });
});
