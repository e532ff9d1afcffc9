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
 * judicial organs, 4 typical cases, and Panshan among the counties with zero referrals — and, by
 * business date (issue 17 item 7), in the year they belong to: 2024, though loaded today.
 */
describe('statistics after the demo dataset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    await runDemo({ baseUrl: `http://127.0.0.1:${port}`, credentials: t.credentials });
  }, 240_000);
  afterAll(() => t.close());

  const statistics = async (period = '') => {
    const head = await headPosition(t.app.get<EventStore>(EVENT_STORE));
    return t
      .http()
      .get(`/api/v1/statistics?minPosition=${head}${period}`)
      .set('Authorization', `Bearer ${await t.token('auditor')}`)
      .expect(200);
  };

  it('reads back the Panjin figures exactly', async () => {
    const res = await statistics();
    expect(res.body.stale).toBe(false);
    expect(res.body.persons.total).toBe(23);
    expect(res.body.persons.byRank).toMatchObject({ CountyDivision: 9, TownshipSectionOrBelow: 14 });
    expect(res.body.transfersToJudicialOrgans).toBe(1);
    expect(res.body.typicalCasesPublished).toBe(4);
    expect(res.body.countiesWithoutReferrals).toContain('panjin/panshan');
    expect(res.body.countiesWithoutReferrals).not.toContain('panjin/dawa');
  });

  it('reads them back for the business year 2024, where the acts happened (a referral sent in 2023 counts there)', async () => {
    const y2024 = (await statistics('&from=2024-01-01&to=2024-12-31')).body;
    expect(y2024.persons.total).toBe(23);
    expect(y2024.persons.byRank).toMatchObject({ CountyDivision: 9, TownshipSectionOrBelow: 14 });
    expect(y2024.transfersToJudicialOrgans).toBe(1);
    expect(y2024.typicalCasesPublished).toBe(4);
    // tc2, tc3, tc4, the returned one and the one in disposal; tc1 was sent in October 2023.
    expect(y2024.referrals.total).toBe(5);
    expect(y2024.countiesWithoutReferrals).toContain('panjin/panshan');
    const y2023 = (await statistics('&from=2023-01-01&to=2023-12-31')).body;
    expect([y2023.referrals.total, y2023.persons.total, y2023.typicalCasesPublished]).toEqual([1, 0, 0]);
  });

  // The Bijie-shaped dataset (scripts/demo/bijie-accountability.ts, 1 : 10 of DOMAIN.md §8 Bijie):
  // 行政执法过错责任追究 330 cases / 258 people since 2022 → 33 / 26; 行政错案问责 473 matters / 399
  // people / 44 units since 2020 → 47 / 40 / 4. Counted apart from the commission's (issue 17).
  it('reads back the Bijie-shaped accountability outside the commission exactly, apart from the commission figures', async () => {
    const all = (await statistics()).body;
    expect(all.accountability).toMatchObject({
      cases: 80,
      byType: { EnforcementFault: 33, WrongfulCase: 47 },
      withdrawn: 10,
      persons: 66,
      personsByType: { EnforcementFault: 26, WrongfulCase: 40 },
      units: 4,
      unitsByType: { EnforcementFault: 0, WrongfulCase: 4 },
    });
    expect(all.persons.total).toBe(23);
    const since2022 = (await statistics('&from=2022-01-01')).body.accountability;
    expect(since2022.byType.EnforcementFault).toBe(33);
    expect(since2022.personsByType.EnforcementFault).toBe(26);
    const since2020 = (await statistics('&from=2020-01-01')).body.accountability;
    expect([
      since2020.byType.WrongfulCase,
      since2020.personsByType.WrongfulCase,
      since2020.unitsByType.WrongfulCase,
    ]).toEqual([47, 40, 4]);
    // Each fact on its business year: the wrong-case matters rotate over 2020–2025, eight in 2020.
    const y2020 = (await statistics('&from=2020-01-01&to=2020-12-31')).body.accountability;
    expect(y2020.byType).toEqual({ EnforcementFault: 0, WrongfulCase: 8 });
  });
});
