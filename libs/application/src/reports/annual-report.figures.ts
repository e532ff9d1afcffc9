import { Statistics } from '../projections/statistics.queries';

/** The sections of a 年度报告 / 述法报告 annex, in the order they are printed. */
export const ANNUAL_REPORT_SECTIONS = [
  'clues',
  'referrals',
  'persons',
  'accountability',
  'rectification',
  'lookBacks',
  'campaigns',
  'typicalCases',
] as const;
export type AnnualReportSection = (typeof ANNUAL_REPORT_SECTIONS)[number];

/** 法治督察 campaigns of the business year, summed (campaign-figures.projection.ts counts each one). */
export interface CampaignTotals {
  readonly campaigns: number;
  readonly unitsInspected: number;
  readonly findings: number;
  readonly feedbackOpinions: number;
  readonly clues: number;
  readonly referrals: number;
  readonly rectified: number;
}

/** What one business year's figures are read from: the statistics of the year and its campaigns. */
export interface AnnualFacts {
  readonly statistics: Statistics;
  readonly campaigns: CampaignTotals;
}

/** A figure: one number, or one number per code of a label namespace (`bySource`). */
export interface AnnualFigure {
  readonly section: AnnualReportSection;
  /** `rate`: a share in [0, 1], null when its base is zero; `count` otherwise. */
  readonly kind: 'count' | 'rate';
  /** For a breakdown: the label namespace of its codes. */
  readonly codes?: 'clueSource' | 'situation' | 'cadreRank' | 'outcome' | 'accountabilityType';
  /** Main figures carry the previous business year beside them (同比). */
  readonly yearOnYear: boolean;
  readonly read: (facts: AnnualFacts) => number | null | Readonly<Record<string, number>>;
}

/**
 * Every figure of the annual report and where it is read from. None is computed here: each one is a
 * figure of the statistics (statistics.queries.ts, statistics-accountability.ts, whose doc comments
 * hold the definitions: who is "held accountable", what a "county without referrals" is, on which
 * business date each fact counts) or of the campaign read model, for the business year. Their
 * Chinese names and definitions are in the label catalogue (annualFigure, annualFigureDefinition).
 */
export const ANNUAL_FIGURES = {
  'clues.total': { section: 'clues', kind: 'count', yearOnYear: true, read: (f) => f.statistics.clues.total },
  'clues.bySource': {
    section: 'clues',
    kind: 'count',
    codes: 'clueSource',
    yearOnYear: false,
    read: (f) => f.statistics.clues.bySource,
  },
  'clues.imported': { section: 'clues', kind: 'count', yearOnYear: false, read: (f) => f.statistics.clues.imported },
  'referrals.total': {
    section: 'referrals',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.referrals.total,
  },
  'referrals.accepted': {
    section: 'referrals',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.referrals.accepted,
  },
  'referrals.bySituation': {
    section: 'referrals',
    kind: 'count',
    codes: 'situation',
    yearOnYear: false,
    read: (f) => f.statistics.referrals.bySituation,
  },
  'referrals.withoutSituation': {
    section: 'referrals',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.statistics.referrals.withoutSituation,
  },
  'referrals.countiesWithoutReferrals': {
    section: 'referrals',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.countiesWithoutReferrals.length,
  },
  'persons.total': { section: 'persons', kind: 'count', yearOnYear: true, read: (f) => f.statistics.persons.total },
  'persons.byRank': {
    section: 'persons',
    kind: 'count',
    codes: 'cadreRank',
    yearOnYear: false,
    read: (f) => f.statistics.persons.byRank,
  },
  'persons.byOutcome': {
    section: 'persons',
    kind: 'count',
    codes: 'outcome',
    yearOnYear: false,
    read: (f) => f.statistics.persons.byOutcome,
  },
  'persons.transfersToJudicialOrgans': {
    section: 'persons',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.transfersToJudicialOrgans,
  },
  'accountability.commissionPersons': {
    section: 'accountability',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.persons.total,
  },
  'accountability.commissionUnits': {
    section: 'accountability',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.units.total,
  },
  'accountability.outsideCases': {
    section: 'accountability',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.accountability.cases,
  },
  'accountability.outsideCasesByType': {
    section: 'accountability',
    kind: 'count',
    codes: 'accountabilityType',
    yearOnYear: false,
    read: (f) => f.statistics.accountability.byType,
  },
  'accountability.outsideWithdrawn': {
    section: 'accountability',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.statistics.accountability.withdrawn,
  },
  'accountability.outsidePersons': {
    section: 'accountability',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.accountability.persons,
  },
  'accountability.outsidePersonsByType': {
    section: 'accountability',
    kind: 'count',
    codes: 'accountabilityType',
    yearOnYear: false,
    read: (f) => f.statistics.accountability.personsByType,
  },
  'accountability.outsideUnits': {
    section: 'accountability',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.accountability.units,
  },
  'accountability.outsideUnitsByType': {
    section: 'accountability',
    kind: 'count',
    codes: 'accountabilityType',
    yearOnYear: false,
    read: (f) => f.statistics.accountability.unitsByType,
  },
  'rectification.total': {
    section: 'rectification',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.rectification.total,
  },
  'rectification.closed': {
    section: 'rectification',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.statistics.rectification.closed,
  },
  'rectification.longTerm': {
    section: 'rectification',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.statistics.rectification.longTerm,
  },
  'rectification.closeRate': {
    section: 'rectification',
    kind: 'rate',
    yearOnYear: true,
    read: (f) => f.statistics.rectification.closeRate,
  },
  'lookBacks.completed': {
    section: 'lookBacks',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.lookBacks.completed,
  },
  'lookBacks.failed': {
    section: 'lookBacks',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.lookBacks.failed,
  },
  'lookBacks.failureRate': {
    section: 'lookBacks',
    kind: 'rate',
    yearOnYear: true,
    read: (f) => f.statistics.lookBacks.failureRate,
  },
  'campaigns.total': { section: 'campaigns', kind: 'count', yearOnYear: true, read: (f) => f.campaigns.campaigns },
  'campaigns.unitsInspected': {
    section: 'campaigns',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.campaigns.unitsInspected,
  },
  'campaigns.findings': { section: 'campaigns', kind: 'count', yearOnYear: true, read: (f) => f.campaigns.findings },
  'campaigns.feedbackOpinions': {
    section: 'campaigns',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.campaigns.feedbackOpinions,
  },
  'campaigns.clues': { section: 'campaigns', kind: 'count', yearOnYear: true, read: (f) => f.campaigns.clues },
  'campaigns.referrals': { section: 'campaigns', kind: 'count', yearOnYear: true, read: (f) => f.campaigns.referrals },
  'campaigns.rectified': { section: 'campaigns', kind: 'count', yearOnYear: true, read: (f) => f.campaigns.rectified },
  'typicalCases.total': {
    section: 'typicalCases',
    kind: 'count',
    yearOnYear: true,
    read: (f) => f.statistics.typicalCasesPublished,
  },
  'typicalCases.byCommission': {
    section: 'typicalCases',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.statistics.typicalCasesByPublisher.commission,
  },
  'typicalCases.byOffice': {
    section: 'typicalCases',
    kind: 'count',
    yearOnYear: false,
    read: (f) => f.statistics.typicalCasesByPublisher.office,
  },
} as const satisfies Readonly<Record<string, AnnualFigure>>;

export type AnnualFigureKey = keyof typeof ANNUAL_FIGURES;
export const ANNUAL_FIGURE_KEYS = Object.keys(ANNUAL_FIGURES) as AnnualFigureKey[];
