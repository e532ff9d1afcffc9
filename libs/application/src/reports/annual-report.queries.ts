import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@xj/domain';
import { CAMPAIGNS, CAMPAIGN_FIGURES, CampaignFiguresDocument } from '../campaigns/campaign-figures.projection';
import { CAMPAIGN_FIGURES_FIELDS } from '../projections/case-document-fields';
import { and, fieldsOf, findAll } from '../projections/query-support';
import { casesFilter, regionFilter } from '../projections/read-access';
import { StatisticsQueries, StatisticsQuery } from '../projections/statistics.queries';
import { READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import {
  ANNUAL_FIGURES,
  ANNUAL_FIGURE_KEYS,
  ANNUAL_REPORT_SECTIONS,
  AnnualFacts,
  AnnualFigure,
  AnnualFigureKey,
  AnnualReportSection,
  CampaignTotals,
} from './annual-report.figures';

/** The first business year the report answers for (the mechanism's ledgers start after it). */
export const FIRST_REPORT_YEAR = 2000;

export interface AnnualReportQuery extends Pick<StatisticsQuery, 'counties' | 'organisationRegions' | 'minPosition'> {
  /** The business year (业务年度, China time): 1 January to 31 December. */
  readonly year: number;
  /** A county, or the city as a whole; absent: everything the caller may count. */
  readonly region?: string;
}

/** One line of a section: a figure, or one code of a breakdown figure, with the previous year for 同比. */
export interface AnnualReportRow {
  readonly figure: AnnualFigureKey;
  readonly code?: string;
  /** A breakdown's label namespace for its code (the label catalogue's `clueSource`, `outcome`, …). */
  readonly codes?: string;
  readonly value: number | null;
  /** The same figure for the previous business year; only on the main figures (yearOnYear). */
  readonly previousYear?: number | null;
}

export interface AnnualReportSectionRows {
  readonly section: AnnualReportSection;
  readonly rows: readonly AnnualReportRow[];
}

/** One 法治督察 campaign counted in the year. */
export interface AnnualReportCampaign {
  readonly campaignId: string;
  readonly title: string;
  readonly regionId: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly status: string;
  readonly unitsInspected: number;
  readonly findings: number;
  readonly feedbackOpinions: number;
  readonly clues: number;
  readonly referrals: number;
  readonly rectified: number;
}

/** 年度报告 / 述法报告 figures of one business year and region (issue 17). */
export interface AnnualReport {
  readonly year: number;
  readonly region?: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly sections: readonly AnnualReportSectionRows[];
  /** The counties whose own office sent no referral in the year (the statistics' definition). */
  readonly countiesWithoutReferrals: readonly string[];
  readonly campaigns: readonly AnnualReportCampaign[];
  readonly stale: boolean;
}

const periodOf = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

const campaignLine = (doc: CampaignFiguresDocument): AnnualReportCampaign => ({
  campaignId: doc.campaignId,
  title: doc.title,
  regionId: doc.regionId,
  periodFrom: doc.periodFrom,
  periodTo: doc.periodTo,
  status: doc.status,
  unitsInspected: doc.unitsInspected.length,
  findings: doc.findings,
  feedbackOpinions: doc.feedbackOpinions,
  clues: doc.clues,
  referrals: doc.referrals,
  rectified: doc.rectified,
});

const totalsOf = (campaigns: readonly AnnualReportCampaign[]): CampaignTotals => {
  const sum = (field: keyof CampaignTotals & keyof AnnualReportCampaign) =>
    campaigns.reduce((total, c) => total + c[field], 0);
  return {
    campaigns: campaigns.length,
    unitsInspected: sum('unitsInspected'),
    findings: sum('findings'),
    feedbackOpinions: sum('feedbackOpinions'),
    clues: sum('clues'),
    referrals: sum('referrals'),
    rectified: sum('rectified'),
  };
};

/** The rows of the report from the facts of the year and of the year before. */
export const annualReportSections = (current: AnnualFacts, previous: AnnualFacts): AnnualReportSectionRows[] =>
  ANNUAL_REPORT_SECTIONS.map((section) => ({
    section,
    rows: ANNUAL_FIGURE_KEYS.filter((key) => ANNUAL_FIGURES[key].section === section).flatMap(
      (figure): AnnualReportRow[] => {
        const definition: AnnualFigure = ANNUAL_FIGURES[figure];
        const value = definition.read(current);
        if (value === null || typeof value === 'number') {
          const before = definition.read(previous);
          return [
            {
              figure,
              value,
              ...(definition.yearOnYear && (before === null || typeof before === 'number')
                ? { previousYear: before }
                : {}),
            },
          ];
        }
        const codes = definition.codes;
        return Object.entries(value).map(([code, count]) => ({
          figure,
          code,
          ...(codes !== undefined ? { codes } : {}),
          value: count,
        }));
      },
    ),
  }));

/**
 * The figures a 年度报告 or a 述法报告 quotes, for one business year and region (issue 17).
 *
 * Composed at query time, not a read model of its own: every figure is a figure of the statistics
 * (StatisticsQueries over the ledgers, for 1 January–31 December of the year, China time) or of the
 * campaign-figures read model, so each definition stays in one place and a change to one (the
 * business dates of rectification and look-backs) flows through; and the rebuild builds nothing more.
 * The statistics run twice (the year and the year before, for 同比), a cost in proportion to the
 * documents of two years, paid when a report is asked for.
 *
 * A campaign counts in the year its period begins, for the region that ran it, when the caller may
 * see it (the campaign visibility of the domain, as a filter). Who may read the report at all is the
 * statistics' rule (read-access.ts statisticsFilters): the same readers, the same 403.
 */
@Injectable()
export class AnnualReportQueries {
  constructor(
    private readonly statistics: StatisticsQueries,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
  ) {}

  async compute(actor: Actor, query: AnnualReportQuery): Promise<AnnualReport> {
    const { year, region } = query;
    const base = {
      counties: query.counties,
      organisationRegions: query.organisationRegions,
      ...(region !== undefined ? { county: region } : {}),
    };
    // The year first: it waits for the read models to reach minPosition, so the rest reads them there too.
    const current = await this.statistics.compute(actor, {
      ...base,
      ...periodOf(year),
      minPosition: query.minPosition,
    });
    const [previous, campaigns, earlierCampaigns] = await Promise.all([
      this.statistics.compute(actor, { ...base, ...periodOf(year - 1) }),
      this.campaigns(actor, year, region),
      this.campaigns(actor, year - 1, region),
    ]);
    return {
      year,
      ...(region !== undefined ? { region } : {}),
      period: periodOf(year),
      sections: annualReportSections(
        { statistics: current, campaigns: totalsOf(campaigns) },
        { statistics: previous, campaigns: totalsOf(earlierCampaigns) },
      ),
      countiesWithoutReferrals: current.countiesWithoutReferrals,
      campaigns,
      stale: current.stale,
    };
  }

  private async campaigns(actor: Actor, year: number, region: string | undefined): Promise<AnnualReportCampaign[]> {
    const visible = casesFilter(actor, CAMPAIGN_FIGURES_FIELDS);
    if (visible === undefined) return [];
    const { from, to } = periodOf(year);
    const docs = await findAll(
      this.store,
      CAMPAIGN_FIGURES,
      CAMPAIGNS,
      and(visible, region !== undefined ? regionFilter(region) : undefined, { periodFrom: { $gte: from, $lte: to } }),
    );
    return docs
      .map((d) => campaignLine(fieldsOf<CampaignFiguresDocument>(d)))
      .sort((a, b) => a.periodFrom.localeCompare(b.periodFrom) || a.campaignId.localeCompare(b.campaignId));
  }
}
