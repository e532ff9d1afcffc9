import { ACCOUNTABILITY_TYPES, CADRE_RANKS, WRONGFUL_CASE_GROUNDS } from '@xj/domain';
import { AccountabilityLedgerDocument } from './accountability-ledger.projection';
import { countyOf } from './projection-support';

/** One business year of accountability outside the commission. */
export interface AccountabilityYearFigures {
  readonly year: string;
  readonly cases: number;
  readonly persons: number;
  readonly units: number;
}

/**
 * 行政执法过错责任追究 and 行政错案问责 (issue 17), decided by the justice bureau or the agency
 * itself: counted apart from the commission's outcomes (`persons`, `units` of the statistics), never
 * added to them. A case counts on its 立项 date (openedOn), the persons and units it holds to account
 * on its decision date; a person or unit counts once per case (Bijie counts "matters" and "people" of
 * the matters: 473 matters, 399 people, 44 units since 2020), so one held in two cases counts twice.
 */
export interface AccountabilityFigures {
  readonly cases: number;
  readonly byType: Record<string, number>;
  /** 行政错案问责 only: court-ruled loss, procuratorate supervision, corrected by reconsideration. */
  readonly byGround: Record<string, number>;
  /** Cases withdrawn (不予追究) among those opened in the period. */
  readonly withdrawn: number;
  readonly persons: number;
  readonly personsByType: Record<string, number>;
  readonly personsByRank: Record<string, number>;
  readonly personsByMeasure: Record<string, number>;
  readonly units: number;
  readonly unitsByType: Record<string, number>;
  readonly unitsByMeasure: Record<string, number>;
  /** By business year (each fact on its own date), within the period. */
  readonly byYear: readonly AccountabilityYearFigures[];
  /** Per county of the case (the city's own cases under the city), every county the caller sees listed. */
  readonly byCounty: readonly AccountabilityCountyFigures[];
}

/** Per county: cases opened, persons and units held accountable in the period. */
export interface AccountabilityCountyFigures {
  readonly regionId: string;
  readonly cases: number;
  readonly persons: number;
  readonly units: number;
}

const zeros = (codes: readonly string[]): Record<string, number> => Object.fromEntries(codes.map((c) => [c, 0]));
const increment = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

export const accountabilityFigures = (
  docs: readonly AccountabilityLedgerDocument[],
  inPeriod: (date: string | undefined) => boolean,
  counties: readonly string[],
): AccountabilityFigures => {
  const byCounty = new Map<string, { cases: number; persons: number; units: number }>();
  const county = (regionId: string) => {
    const figures = byCounty.get(regionId) ?? { cases: 0, persons: 0, units: 0 };
    byCounty.set(regionId, figures);
    return figures;
  };
  counties.forEach((c) => county(countyOf(c)));
  const byType = zeros(ACCOUNTABILITY_TYPES);
  const byGround = zeros(WRONGFUL_CASE_GROUNDS);
  const personsByType = zeros(ACCOUNTABILITY_TYPES);
  const unitsByType = zeros(ACCOUNTABILITY_TYPES);
  const personsByRank = zeros(CADRE_RANKS);
  const personsByMeasure: Record<string, number> = {};
  const unitsByMeasure: Record<string, number> = {};
  const years = new Map<string, { cases: number; persons: number; units: number }>();
  const year = (date: string) => {
    const y = date.slice(0, 4);
    const figures = years.get(y) ?? { cases: 0, persons: 0, units: 0 };
    years.set(y, figures);
    return figures;
  };
  let cases = 0;
  let withdrawn = 0;
  let persons = 0;
  let units = 0;
  for (const doc of docs) {
    if (inPeriod(doc.openedOn)) {
      cases += 1;
      increment(byType, doc.accountabilityType);
      if (doc.ground !== undefined) increment(byGround, doc.ground);
      if (doc.withdrawnOn !== undefined) withdrawn += 1;
      year(doc.openedOn).cases += 1;
      county(countyOf(doc.regionId)).cases += 1;
    }
    if (doc.decisionDate === undefined || !inPeriod(doc.decisionDate)) continue;
    const decided = doc.decisionDate;
    for (const person of doc.persons) {
      persons += 1;
      increment(personsByType, doc.accountabilityType);
      increment(personsByRank, person.cadreRank);
      person.measureCodes.forEach((m) => increment(personsByMeasure, m));
    }
    for (const unit of doc.units) {
      units += 1;
      increment(unitsByType, doc.accountabilityType);
      unit.measureCodes.forEach((m) => increment(unitsByMeasure, m));
    }
    year(decided).persons += doc.persons.length;
    year(decided).units += doc.units.length;
    county(countyOf(doc.regionId)).persons += doc.persons.length;
    county(countyOf(doc.regionId)).units += doc.units.length;
  }
  return {
    cases,
    byType,
    byGround,
    withdrawn,
    persons,
    personsByType,
    personsByRank,
    personsByMeasure,
    units,
    unitsByType,
    unitsByMeasure,
    byYear: [...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([y, f]) => ({ year: y, ...f })),
    byCounty: [...byCounty.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([regionId, f]) => ({ regionId, ...f })),
  };
};
