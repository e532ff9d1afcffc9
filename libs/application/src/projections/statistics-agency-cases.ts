import { ClueLedgerDocument } from './clue-ledger.projection';

export interface AgencyYearFigures {
  readonly agencyOrgId: string;
  readonly agencyName: string;
  /**
   * 行政复议案件 and 行政诉讼 cases per year (Panjin: traffic police 62 → 5): distinct cases, not clues.
   * A case is the clue's source reference (its 案号); several clues of one case count once, in the
   * year the first of them was received.
   */
  readonly years: readonly { readonly year: string; readonly reconsideration: number; readonly litigation: number }[];
}

/**
 * Reconsideration and litigation cases per agency and year: the clues of one case (same agency,
 * source and 案号) count once, in the year the first of them was received.
 */
export const agencyYearOnYear = (clues: readonly ClueLedgerDocument[]): AgencyYearFigures[] => {
  const firstReceived = new Map<string, ClueLedgerDocument>();
  for (const clue of clues) {
    if (clue.source !== 'Reconsideration' && clue.source !== 'LitigationLossOrReversal') continue;
    const caseKey = [clue.agencyOrgId, clue.source, clue.sourceRef.trim()].join('\u0000');
    const seen = firstReceived.get(caseKey);
    if (seen === undefined || clue.receivedOn < seen.receivedOn) firstReceived.set(caseKey, clue);
  }
  const agencies = new Map<
    string,
    { name: string; years: Map<string, { reconsideration: number; litigation: number }> }
  >();
  for (const clue of firstReceived.values()) {
    const agency = agencies.get(clue.agencyOrgId) ?? { name: clue.agencyName, years: new Map() };
    const year = clue.receivedOn.slice(0, 4);
    const figures = agency.years.get(year) ?? { reconsideration: 0, litigation: 0 };
    if (clue.source === 'Reconsideration') figures.reconsideration += 1;
    else figures.litigation += 1;
    agency.years.set(year, figures);
    agencies.set(clue.agencyOrgId, agency);
  }
  return [...agencies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agencyOrgId, { name, years }]) => ({
      agencyOrgId,
      agencyName: name,
      years: [...years.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([year, figures]) => ({ year, ...figures })),
    }));
};
