import { EventLog, foldProjection } from '@xj/testing';
import { ACTORS, COUNTIES, CaseWorld, buildPanjin, headOf } from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { ReadModelAccessDenied } from './read-access';
import { FakeFreshness, InMemoryReadModelStore } from './read-model-fakes.fixtures-spec';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { StatisticsQueries } from './statistics.queries';

const build = async () => {
  const log = new EventLog();
  buildPanjin(new CaseWorld(log));
  const store = new InMemoryReadModelStore();
  for (const projection of [clueLedgerProjection, commissionInboxProjection, rectificationLedgerProjection]) {
    store.load(projection.name, await foldProjection(projection, log.events));
  }
  const freshness = new FakeFreshness();
  return { store, freshness, queries: new StatisticsQueries(store, freshness) };
};

describe('StatisticsQueries on a Panjin-shaped history (DOMAIN.md §8)', () => {
  let queries: StatisticsQueries;
  let freshness: FakeFreshness;
  beforeAll(async () => {
    ({ queries, freshness } = await build());
  });

  it('reads back Panjin exactly: 23 persons, 9 县处级 + 14 乡科级及以下, 1 to the procuratorate, 4 typical cases, Panshan without referrals', async () => {
    const stats = await queries.compute(ACTORS.auditor, { counties: COUNTIES });
    expect(stats.persons.total).toBe(23);
    expect(stats.persons.byRank).toEqual({ CountyDivision: 9, TownshipSectionOrBelow: 14 });
    expect(stats.transfersToJudicialOrgans).toBe(1);
    expect(stats.typicalCasesPublished).toBe(4);
    expect(stats.countiesWithoutReferrals).toEqual(['panjin/panshan']);
    expect(stats.stale).toBe(false);
  });

  it('counts a person once however many outcomes, persons per outcome, and NoAction only outside the accountable', async () => {
    const stats = await queries.compute(ACTORS.auditor, { counties: COUNTIES });
    expect(stats.persons.byOutcome).toEqual({
      'GovSanction.Demerit': 4,
      'PartySanction.Warning': 1,
      'OrganisationalHandling.Removal': 1,
      'GovSanction.Warning': 1,
      TransferToProcuratorate: 1,
      Admonishment: 4,
      'OrganisationalHandling.Reassignment': 3,
      'GovSanction.MajorDemerit': 2,
      CriticismEducation: 7,
      NoAction: 1,
    });
    expect(stats.persons.byLayer).toMatchObject({ GovSanction: 7, Criminal: 1, Minor: 11, NoAction: 1 });
  });

  it('counts referrals once per transfer (a forwarded part is not a new one), by situation, and clues by source', async () => {
    const stats = await queries.compute(ACTORS.auditor, { counties: COUNTIES });
    expect(stats.referrals).toEqual({ total: 4, bySituation: { ImproperPerformance: 4 }, withoutSituation: 0 });
    expect(stats.clues.total).toBe(10);
    expect(stats.clues.bySource).toMatchObject({ Reconsideration: 3, Complaint: 3, LitigationLossOrReversal: 2, CaseFileReview: 1, SpecialSupervision: 1, Audit: 0 });
  });

  it('rectification close rate (closed or long-term / all) and look-back failure rate', async () => {
    const stats = await queries.compute(ACTORS.auditor, { counties: COUNTIES });
    expect(stats.rectification).toEqual({ total: 5, closed: 2, longTerm: 1, closeRate: 0.6 });
    expect(stats.lookBacks).toEqual({ completed: 2, failed: 1, failureRate: 0.5 });
  });

  it('per-agency reconsideration and litigation counts year on year', async () => {
    const stats = await queries.compute(ACTORS.auditor, { counties: COUNTIES });
    expect(stats.agencyYearOnYear).toEqual([
      { agencyOrgId: 'dawa.emergency', agencyName: '大洼区应急管理局', years: [{ year: '2026', reconsideration: 0, litigation: 1 }] },
      {
        agencyOrgId: 'shuangtaizi.traffic-police',
        agencyName: '双台子区交警大队',
        years: [
          { year: '2025', reconsideration: 2, litigation: 1 },
          { year: '2026', reconsideration: 1, litigation: 0 },
        ],
      },
    ]);
  });

  it('breaks the figures down by county (a look-alike region is its own bucket)', async () => {
    const stats = await queries.compute(ACTORS.auditor, { counties: COUNTIES });
    expect(stats.byCounty).toEqual([
      { regionId: 'panjin', clues: 1, referrals: 0, persons: 0, typicalCases: 0, rectificationItems: 0 },
      { regionId: 'panjin/dawa', clues: 2, referrals: 2, persons: 12, typicalCases: 2, rectificationItems: 2 },
      { regionId: 'panjin/dawax', clues: 1, referrals: 0, persons: 0, typicalCases: 0, rectificationItems: 0 },
      { regionId: 'panjin/panshan', clues: 1, referrals: 0, persons: 0, typicalCases: 0, rectificationItems: 0 },
      { regionId: 'panjin/shuangtaizi', clues: 4, referrals: 1, persons: 4, typicalCases: 1, rectificationItems: 3 },
      { regionId: 'panjin/xinglongtai', clues: 1, referrals: 1, persons: 7, typicalCases: 1, rectificationItems: 0 },
    ]);
  });

  it('restricts every figure to the period, each fact on its own business date', async () => {
    const year2025 = await queries.compute(ACTORS.auditor, { counties: COUNTIES, from: '2025-01-01', to: '2025-12-31' });
    expect([year2025.clues.total, year2025.referrals.total, year2025.persons.total, year2025.typicalCasesPublished]).toEqual([3, 0, 0, 0]);
    expect(year2025.countiesWithoutReferrals).toEqual([...COUNTIES].sort());
    // Up to 16 March: R1's outcomes (14 March) and typical case (16 March), R2's outcomes (16 March); not R2a, R3, R4 (18–19 March).
    const early = await queries.compute(ACTORS.auditor, { counties: COUNTIES, from: '2026-03-01', to: '2026-03-16' });
    expect(early.persons).toMatchObject({ total: 7, byRank: { CountyDivision: 5, TownshipSectionOrBelow: 2 } });
    expect(early.typicalCasesPublished).toBe(1);
    expect(early.lookBacks).toEqual({ completed: 0, failed: 0, failureRate: null });
    const all2026 = await queries.compute(ACTORS.auditor, { counties: COUNTIES, from: '2026-01-01', to: '2026-12-31' });
    expect([all2026.persons.total, all2026.clues.total, all2026.referrals.total]).toEqual([23, 7, 4]);
  });

  it('filters by county, and scopes a county office to its county', async () => {
    const dawa = await queries.compute(ACTORS.auditor, { counties: COUNTIES, county: 'panjin/dawa' });
    expect(dawa.persons).toMatchObject({ total: 12, byRank: { CountyDivision: 4, TownshipSectionOrBelow: 8 } });
    expect(dawa.clues.total).toBe(2);
    expect(dawa.countiesWithoutReferrals).toEqual([]);
    const byDawaOffice = await queries.compute(ACTORS.dawaOfficeHead, { counties: COUNTIES });
    expect({ ...byDawaOffice, county: undefined }).toEqual({ ...dawa, county: undefined });
    const panshan = await queries.compute(ACTORS.panshanOfficeHead, { counties: COUNTIES });
    expect([panshan.persons.total, panshan.clues.total, panshan.countiesWithoutReferrals]).toEqual([0, 1, ['panjin/panshan']]);
  });

  it('gives the routine statistics to the commission of the region, but not to agencies or administrators', async () => {
    const byCommission = await queries.compute(ACTORS.cityCcdiHead, { counties: COUNTIES });
    expect(byCommission.persons.total).toBe(23);
    await expect(queries.compute(ACTORS.dawaAgencyHead, { counties: COUNTIES })).rejects.toBeInstanceOf(ReadModelAccessDenied);
    await expect(queries.compute(ACTORS.admin, { counties: COUNTIES })).rejects.toBeInstanceOf(ReadModelAccessDenied);
    const countyCommission = await queries.compute(headOf('DisciplineCommission', 'xinglongtai.ccdi', 'panjin/xinglongtai'), { counties: COUNTIES });
    expect(countyCommission.persons.total).toBe(7);
  });

  it('waits for minPosition and reports staleness', async () => {
    freshness.reached = false;
    const stale = await queries.compute(ACTORS.auditor, { counties: COUNTIES, minPosition: 99n });
    freshness.reached = true;
    expect(stale.stale).toBe(true);
    expect(freshness.calls).toContainEqual({ position: 99n, timeoutMs: 2000 });
  });
});
