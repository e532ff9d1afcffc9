import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { CAMPAIGN_LOG_V1 } from '../campaigns/campaign-log.fixtures-spec';
import { campaignFiguresProjection } from '../campaigns/campaign-figures.projection';
import { ACTORS, COUNTIES, CaseWorld, buildPanjin } from '../projections/case-world.fixtures-spec';
import { clueLedgerProjection } from '../projections/clue-ledger.projection';
import { commissionInboxProjection } from '../projections/commission-inbox.projection';
import { ReadModelAccessDenied } from '../projections/read-access';
import { rectificationLedgerProjection } from '../projections/rectification-ledger.projection';
import { StatisticsQueries } from '../projections/statistics.queries';
import { ANNUAL_FIGURES, ANNUAL_FIGURE_KEYS } from './annual-report.figures';
import { AnnualReport, AnnualReportQueries } from './annual-report.queries';

const DIRECTORY = {
  counties: COUNTIES,
  organisationRegions: {
    'panjin.rol-office': 'panjin',
    'dawa.rol-office': 'panjin/dawa',
    'panshan.rol-office': 'panjin/panshan',
  },
};

/** CAMPAIGN_LOG_V1 (the city's 2026 campaign) under another id, region and start date. */
const campaignLike = (campaignId: string, regionId: string, periodFrom: string) =>
  CAMPAIGN_LOG_V1.map((e) =>
    e.type === 'CampaignPlanned' ? { ...e, data: { ...e.data, campaignId, regionId, periodFrom } } : e,
  );

/**
 * The Panjin-shaped history of the statistics spec (DOMAIN.md §8: its figures are hand-computed
 * there, 2026 with three clues of 2025 before it) and three campaigns: the city's (2026, one finding
 * whose clue was registered), Xinglongtai's (2026) and Dawa's (November 2025).
 */
const build = async () => {
  const log = new EventLog();
  buildPanjin(new CaseWorld(log));
  const store = new InMemoryReadModelStore();
  for (const projection of [clueLedgerProjection, commissionInboxProjection, rectificationLedgerProjection]) {
    store.load(projection.name, await foldProjection(projection, log.events));
  }
  const campaigns = new EventLog();
  campaigns.append('campaign-k-2026', CAMPAIGN_LOG_V1);
  campaigns.append('clue-c-k-1', [{ type: 'ClueRegistered', data: { clueId: 'c-k-1', sourceRef: 'campaign:k-2026' } }]);
  campaigns.append('campaign-k-xlt', campaignLike('k-xlt', 'panjin/xinglongtai', '2026-05-01'));
  campaigns.append('campaign-k-dawa', campaignLike('k-dawa', 'panjin/dawa', '2025-11-03'));
  store.load(campaignFiguresProjection.name, await foldProjection(campaignFiguresProjection, campaigns.events));
  const statistics = new StatisticsQueries(store, new FakeFreshness());
  return { statistics, report: new AnnualReportQueries(statistics, store) };
};

/** The value of a figure (and of one code of a breakdown) in the report. */
const valueOf = (report: AnnualReport, figure: string, code?: string) =>
  report.sections.flatMap((s) => s.rows).find((r) => r.figure === figure && r.code === code);

describe('AnnualReportQueries: the 年度报告 / 述法 figures of a business year (issue 17)', () => {
  let queries: AnnualReportQueries;
  let statistics: StatisticsQueries;
  beforeAll(async () => {
    ({ report: queries, statistics } = await build());
  });

  it('quotes the Panjin figures of 2026 (DOMAIN.md §8) with 2025 beside the main ones', async () => {
    const report = await queries.compute(ACTORS.auditor, { ...DIRECTORY, year: 2026 });
    expect(report.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    // statistics.queries.spec.ts: 23 persons (9 县处级, 14 乡科级及以下), 7 clues in 2026 and 3 in 2025, 4 referrals.
    expect(valueOf(report, 'persons.total')).toEqual({ figure: 'persons.total', value: 23, previousYear: 0 });
    expect(valueOf(report, 'persons.byRank', 'CountyDivision')?.value).toBe(9);
    expect(valueOf(report, 'persons.byRank', 'TownshipSectionOrBelow')?.value).toBe(14);
    expect(valueOf(report, 'persons.transfersToJudicialOrgans')).toMatchObject({ value: 1, previousYear: 0 });
    expect(valueOf(report, 'clues.total')).toMatchObject({ value: 7, previousYear: 3 });
    expect(valueOf(report, 'referrals.total')).toMatchObject({ value: 4, previousYear: 0 });
    expect(valueOf(report, 'referrals.bySituation', 'ImproperPerformance')?.value).toBe(4);
    expect(valueOf(report, 'typicalCases.total')).toMatchObject({ value: 4, previousYear: 0 });
    // The same definition as the statistics: the counties whose own office sent no referral.
    expect(report.countiesWithoutReferrals).toEqual([...COUNTIES].sort());
    expect(valueOf(report, 'referrals.countiesWithoutReferrals')?.value).toBe(4);
    // A breakdown row carries no 同比 (its codes differ from year to year).
    expect(valueOf(report, 'clues.bySource', 'Reconsideration')).not.toHaveProperty('previousYear');
  });

  it('reads every figure of the year from the statistics of 1 January–31 December, never a second count', async () => {
    const report = await queries.compute(ACTORS.auditor, { ...DIRECTORY, year: 2026 });
    const stats = await statistics.compute(ACTORS.auditor, { ...DIRECTORY, from: '2026-01-01', to: '2026-12-31' });
    expect(valueOf(report, 'rectification.total')?.value).toBe(stats.rectification.total);
    expect(valueOf(report, 'rectification.closeRate')?.value).toBe(stats.rectification.closeRate);
    expect(valueOf(report, 'lookBacks.completed')?.value).toBe(stats.lookBacks.completed);
    expect(valueOf(report, 'lookBacks.failureRate')?.value).toBe(stats.lookBacks.failureRate);
    expect(valueOf(report, 'referrals.accepted')?.value).toBe(stats.referrals.accepted);
    expect(valueOf(report, 'accountability.commissionUnits')?.value).toBe(stats.units.total);
    // Every figure has its rows, in its own section.
    for (const figure of ANNUAL_FIGURE_KEYS) {
      const section = report.sections.find((s) => s.section === ANNUAL_FIGURES[figure].section);
      expect(section?.rows.some((r) => r.figure === figure)).toBe(true);
    }
  });

  it('counts a campaign in the year its period begins, for the region that ran it (seed 001 蓬江)', async () => {
    const y2026 = await queries.compute(ACTORS.auditor, { ...DIRECTORY, year: 2026 });
    expect(y2026.campaigns.map((c) => c.campaignId)).toEqual(['k-2026', 'k-xlt']);
    expect(valueOf(y2026, 'campaigns.total')).toMatchObject({ value: 2, previousYear: 1 });
    expect(valueOf(y2026, 'campaigns.unitsInspected')).toMatchObject({ value: 2, previousYear: 1 });
    expect(valueOf(y2026, 'campaigns.findings')?.value).toBe(2);
    // Only the city campaign's finding has its clue registered in this log.
    expect(valueOf(y2026, 'campaigns.clues')).toMatchObject({ value: 1, previousYear: 0 });
    const xinglongtai = await queries.compute(ACTORS.auditor, {
      ...DIRECTORY,
      year: 2026,
      region: 'panjin/xinglongtai',
    });
    expect(xinglongtai.campaigns.map((c) => c.campaignId)).toEqual(['k-xlt']);
  });

  it("counts for a county office only its county's cases and campaigns, the region it asked for", async () => {
    const dawa = await queries.compute(ACTORS.dawaOfficeHead, { ...DIRECTORY, year: 2026 });
    const asked = await queries.compute(ACTORS.auditor, { ...DIRECTORY, year: 2026, region: 'panjin/dawa' });
    expect(dawa.sections).toEqual(asked.sections);
    expect(asked.region).toBe('panjin/dawa');
    expect(valueOf(dawa, 'persons.total')?.value).toBe(12);
    expect(valueOf(dawa, 'campaigns.total')).toMatchObject({ value: 0, previousYear: 1 });
  });

  it('is refused to the roles the statistics refuse (one access rule: read-access.ts statisticsFilters)', async () => {
    await expect(queries.compute(ACTORS.dawaAgencyHead, { ...DIRECTORY, year: 2026 })).rejects.toBeInstanceOf(
      ReadModelAccessDenied,
    );
    await expect(queries.compute(ACTORS.admin, { ...DIRECTORY, year: 2026 })).rejects.toBeInstanceOf(
      ReadModelAccessDenied,
    );
  });
});
