import { CLUE_SOURCES } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { ACTORS, COUNTIES, CaseWorld, buildPanjin, clueToSupervision, day, headOf } from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { ReadModelAccessDenied } from './read-access';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { Statistics, StatisticsQueries } from './statistics.queries';

/** The organisation directory of the deployment, as the API passes it: counties, and the offices' regions. */
const DIRECTORY = {
  counties: COUNTIES,
  organisationRegions: {
    'panjin.rol-office': 'panjin',
    'dawa.rol-office': 'panjin/dawa',
    'panshan.rol-office': 'panjin/panshan',
  },
};

const build = async (more: (w: CaseWorld) => void = () => undefined) => {
  const log = new EventLog();
  const world = new CaseWorld(log);
  buildPanjin(world);
  more(world);
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

  it('reads back Panjin exactly: 23 persons, 9 县处级 + 14 乡科级及以下, 1 to the procuratorate, 4 typical cases, Panshan without referrals sent', async () => {
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(stats.persons.total).toBe(23);
    expect(stats.persons.byRank).toEqual({ DepartmentBureau: 0, CountyDivision: 9, TownshipSectionOrBelow: 14 });
    expect(stats.transfersToJudicialOrgans).toBe(1);
    expect(stats.typicalCasesPublished).toBe(4);
    // Issue 17 item 7: a county without referrals is one whose own office sent none. Every referral
    // of this history was sent by the city office, so every county is listed (Panshan included).
    expect(stats.countiesWithoutReferrals).toEqual([...COUNTIES].sort());
    expect(stats.stale).toBe(false);
  });

  it('counts a person once however many outcomes, persons per outcome, and NoAction only outside the accountable', async () => {
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
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
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(stats.referrals).toEqual({
      total: 4,
      accepted: 4,
      bySituation: { ImproperPerformance: 4 },
      withoutSituation: 0,
    });
    expect(stats.clues.total).toBe(10);
    expect(stats.clues.bySource).toMatchObject({
      Reconsideration: 3,
      Complaint: 3,
      LitigationLossOrReversal: 2,
      CaseFileReview: 1,
      SpecialSupervision: 1,
      Audit: 0,
    });
  });

  it('rectification close rate (closed or long-term / all) and look-back failure rate', async () => {
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(stats.rectification).toEqual({ total: 5, closed: 2, longTerm: 1, closeRate: 0.6, imported: 0 });
    expect(stats.lookBacks).toEqual({ completed: 2, failed: 1, failureRate: 0.5 });
  });

  it('per-agency reconsideration and litigation counts year on year', async () => {
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(stats.agencyYearOnYear).toEqual([
      {
        agencyOrgId: 'dawa.emergency',
        agencyName: '大洼区应急管理局',
        years: [{ year: '2026', reconsideration: 0, litigation: 1 }],
      },
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
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(stats.byCounty).toEqual([
      {
        regionId: 'panjin',
        clues: 1,
        referrals: 0,
        referralsSent: 0,
        persons: 0,
        typicalCases: 0,
        rectificationItems: 0,
      },
      {
        regionId: 'panjin/dawa',
        clues: 2,
        referrals: 2,
        referralsSent: 0,
        persons: 12,
        typicalCases: 2,
        rectificationItems: 2,
      },
      {
        regionId: 'panjin/dawax',
        clues: 1,
        referrals: 0,
        referralsSent: 0,
        persons: 0,
        typicalCases: 0,
        rectificationItems: 0,
      },
      {
        regionId: 'panjin/panshan',
        clues: 1,
        referrals: 0,
        referralsSent: 0,
        persons: 0,
        typicalCases: 0,
        rectificationItems: 0,
      },
      {
        regionId: 'panjin/shuangtaizi',
        clues: 4,
        referrals: 1,
        referralsSent: 0,
        persons: 4,
        typicalCases: 1,
        rectificationItems: 3,
      },
      {
        regionId: 'panjin/xinglongtai',
        clues: 1,
        referrals: 1,
        referralsSent: 0,
        persons: 7,
        typicalCases: 1,
        rectificationItems: 0,
      },
    ]);
  });

  it('restricts every figure to the period, each fact on its own business date', async () => {
    const year2025 = await queries.compute(ACTORS.auditor, {
      ...DIRECTORY,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect([
      year2025.clues.total,
      year2025.referrals.total,
      year2025.persons.total,
      year2025.typicalCasesPublished,
    ]).toEqual([3, 0, 0, 0]);
    expect(year2025.countiesWithoutReferrals).toEqual([...COUNTIES].sort());
    // Up to 16 March: R1's outcomes (14 March) and typical case (16 March), R2's outcomes (16 March); not R2a, R3, R4 (18–19 March).
    const early = await queries.compute(ACTORS.auditor, { ...DIRECTORY, from: '2026-03-01', to: '2026-03-16' });
    expect(early.persons).toMatchObject({ total: 7, byRank: { CountyDivision: 5, TownshipSectionOrBelow: 2 } });
    expect(early.typicalCasesPublished).toBe(1);
    expect(early.lookBacks).toEqual({ completed: 0, failed: 0, failureRate: null });
    const all2026 = await queries.compute(ACTORS.auditor, { ...DIRECTORY, from: '2026-01-01', to: '2026-12-31' });
    expect([all2026.persons.total, all2026.clues.total, all2026.referrals.total]).toEqual([23, 7, 4]);
  });

  it('filters by county, and scopes a county office to its county', async () => {
    const dawa = await queries.compute(ACTORS.auditor, { ...DIRECTORY, county: 'panjin/dawa' });
    expect(dawa.persons).toMatchObject({ total: 12, byRank: { CountyDivision: 4, TownshipSectionOrBelow: 8 } });
    expect(dawa.clues.total).toBe(2);
    // Dawa's cases were referred, but by the city office, not Dawa's own (issue 17 item 7).
    expect(dawa.countiesWithoutReferrals).toEqual(['panjin/dawa']);
    const byDawaOffice = await queries.compute(ACTORS.dawaOfficeHead, DIRECTORY);
    expect({ ...byDawaOffice, county: undefined }).toEqual({ ...dawa, county: undefined });
    const panshan = await queries.compute(ACTORS.panshanOfficeHead, DIRECTORY);
    expect([panshan.persons.total, panshan.clues.total, panshan.countiesWithoutReferrals]).toEqual([
      0,
      1,
      ['panjin/panshan'],
    ]);
  });

  it('gives the routine statistics to commissions and the appointing authority, but not to agencies or administrators', async () => {
    expect((await queries.compute(ACTORS.cityCcdiHead, DIRECTORY)).persons.total).toBeGreaterThan(0);
    expect((await queries.compute(ACTORS.orgDeptHead, DIRECTORY)).persons.total).toBeGreaterThan(0);
    await expect(queries.compute(ACTORS.dawaAgencyHead, DIRECTORY)).rejects.toBeInstanceOf(ReadModelAccessDenied);
    await expect(queries.compute(ACTORS.admin, DIRECTORY)).rejects.toBeInstanceOf(ReadModelAccessDenied);
  });

  it('waits for minPosition and reports staleness', async () => {
    freshness.reached = false;
    const stale = await queries.compute(ACTORS.auditor, { ...DIRECTORY, minPosition: 99n });
    freshness.reached = true;
    expect(stale.stale).toBe(true);
    expect(freshness.calls).toContainEqual({ position: 99n, timeoutMs: 2000 });
  });
});

/**
 * #13 item 7: every figure counts only the cases the caller could open (libs/domain/src/access/case-visibility.rules.ts),
 * names included. Panjin plus k11: a Dawa reconsideration clue under analysis, never referred, whose
 * agency appears nowhere else. Referrals: R1 and R2 went to the city commission, which split R2a off to
 * the Xinglongtai commission; R3 went to the city commission, was returned and re-routed to the
 * appointing authority; R4 went to the Dawa commission.
 */
describe('StatisticsQueries count only what the caller could open as a case', () => {
  const FIRE = { orgId: 'dawa.fire', name: '大洼区消防救援大队' };
  const NO_CLUES = { total: 0, bySource: Object.fromEntries(CLUE_SOURCES.map((source) => [source, 0])), imported: 0 };
  const NO_RECTIFICATION = {
    rectification: { total: 0, closed: 0, longTerm: 0, closeRate: null, imported: 0 },
    lookBacks: { completed: 0, failed: 0, failureRate: null },
  };
  const XLT_CCDI = headOf('DisciplineCommission', 'xinglongtai.ccdi', 'panjin/xinglongtai');
  let queries: StatisticsQueries;
  beforeAll(async () => {
    ({ queries } = await build((w) => {
      clueToSupervision(
        w,
        { clueId: 'k11', regionId: 'panjin/dawa', agency: FIRE, source: 'Reconsideration', receivedDay: 30 },
        30,
        'Registered',
      );
      w.clue({
        type: 'StartAnalysis',
        actor: ACTORS.dawaOfficeHead,
        at: day(31),
        clueId: 'k11',
        analystUserId: 'u-analyst',
      });
    }));
  });
  const stats = (actor: Parameters<StatisticsQueries['compute']>[0]) => queries.compute(actor, DIRECTORY);
  /** Every agency name the figures carry. */
  const agencyNames = (s: Statistics) => s.agencyYearOnYear.map((a) => a.agencyName);

  it('gives a county commission nothing of a clue under analysis never referred to it: only the referral sent to it', async () => {
    const dawa = await stats(ACTORS.dawaCcdiHead);
    expect(dawa.clues).toEqual(NO_CLUES);
    expect(agencyNames(dawa)).toEqual([]);
    expect(JSON.stringify(dawa)).not.toContain(FIRE.name);
    expect(dawa).toMatchObject(NO_RECTIFICATION);
    // R4 only: 7 乡科级 held accountable, one more with NoAction; its 2 县处级 went to the city (R4a, Decision 5).
    expect(dawa.referrals).toEqual({
      total: 1,
      accepted: 1,
      bySituation: { ImproperPerformance: 1 },
      withoutSituation: 0,
    });
    expect(dawa.persons).toEqual({
      total: 7,
      byRank: { DepartmentBureau: 0, CountyDivision: 0, TownshipSectionOrBelow: 7 },
      byOutcome: { CriticismEducation: 7, NoAction: 1 },
      byLayer: { Minor: 7, NoAction: 1 },
    });
    expect(dawa.byCounty).toEqual([
      {
        regionId: 'panjin/dawa',
        clues: 0,
        referrals: 1,
        referralsSent: 0,
        persons: 7,
        typicalCases: 1,
        rectificationItems: 0,
      },
    ]);
  });

  it("gives the city commission its own referrals: not the part it split off, not the one re-routed away, not the county's", async () => {
    const city = await stats(ACTORS.cityCcdiHead);
    expect(city.clues).toEqual(NO_CLUES);
    expect(agencyNames(city)).toEqual([]);
    expect(city).toMatchObject(NO_RECTIFICATION);
    // Only 县处级 persons (DOMAIN.md Decision 5): R1's 2 (one to the procuratorate; its 2 乡科级 went to
    // Shuangtaizi, R1a), R2's 3 (R2a's 4 乡科级 belong to Xinglongtai) and the 2 of Dawa's R4 forwarded to it (R4a).
    expect([
      city.referrals.total,
      city.persons.total,
      city.typicalCasesPublished,
      city.transfersToJudicialOrgans,
    ]).toEqual([2, 7, 2, 1]);
    expect(city.persons.byRank).toEqual({ DepartmentBureau: 0, CountyDivision: 7, TownshipSectionOrBelow: 0 });
    expect(city.persons.byOutcome.Admonishment).toBeUndefined();
    expect(city.byCounty.filter((c) => c.referrals + c.persons + c.clues > 0).map((c) => c.regionId)).toEqual([
      'panjin/dawa',
      'panjin/shuangtaizi',
      'panjin/xinglongtai',
    ]);
    const xinglongtai = await stats(XLT_CCDI);
    // The forwarded part is not a new referral, but its persons are this commission's.
    expect([xinglongtai.referrals.total, xinglongtai.persons.total, xinglongtai.persons.byOutcome]).toEqual([
      0,
      4,
      { Admonishment: 4 },
    ]);
    expect(xinglongtai.clues.total).toBe(0);
  });

  // Seed 004 (issue 17 item 8): the 组织部 also opens the 行政不作为 clues of its region, so it counts those.
  it('gives the appointing authority the referral re-routed to it and the inaction clues of its region, never a clue under analysis', async () => {
    const orgDept = await stats(ACTORS.orgDeptHead);
    const office = await stats(ACTORS.cityOfficeHead);
    expect(orgDept.clues.total).toBeGreaterThan(0);
    expect(orgDept.clues.total).toBeLessThan(office.clues.total);
    expect(orgDept.clues).not.toEqual(NO_CLUES);
    expect(JSON.stringify(orgDept)).not.toContain(FIRE.name);
    expect(orgDept).toMatchObject(NO_RECTIFICATION);
    expect([orgDept.referrals.total, orgDept.persons.total, orgDept.typicalCasesPublished]).toEqual([1, 3, 1]);
    expect(orgDept.persons.byOutcome).toEqual({ 'OrganisationalHandling.Reassignment': 3 });
  });

  it('gives the city office everything, as the auditor, the clue under analysis and its agency included', async () => {
    const office = await stats(ACTORS.cityOfficeHead);
    expect(office).toEqual(await stats(ACTORS.auditor));
    expect([office.clues.total, office.persons.total, office.referrals.total, office.rectification.total]).toEqual([
      11, 23, 4, 5,
    ]);
    expect(agencyNames(office)).toContain(FIRE.name);
  });

  it('gives a county office its county only', async () => {
    const dawa = await stats(ACTORS.dawaOfficeHead);
    expect([dawa.clues.total, dawa.persons.total, dawa.referrals.total, dawa.rectification.total]).toEqual([
      3, 12, 2, 2,
    ]);
    expect(agencyNames(dawa).sort()).toEqual(['大洼区应急管理局', FIRE.name].sort());
    expect(dawa.byCounty.map((c) => c.regionId)).toEqual(['panjin/dawa']);
    const panshan = await stats(ACTORS.panshanOfficeHead);
    expect([panshan.clues.total, panshan.persons.total, panshan.referrals.total]).toEqual([1, 0, 0]);
    expect(JSON.stringify(panshan)).not.toContain(FIRE.name);
  });
});
