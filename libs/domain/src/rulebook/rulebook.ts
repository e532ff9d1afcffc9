/**
 * The "seven situations" (七种情形) as versioned data (DOMAIN.md Decision 3, §5). A referral records
 * the rulebook version and the evaluation it was based on, so an auditor can see why a clue was —
 * or was not — transferred.
 */

/** One item of a rule's evidence checklist. Codes are unique within a rulebook. */
export interface EvidenceItem {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  /** A required item must be present for the rule to match; the others strengthen the file. */
  readonly required: boolean;
}

export interface SituationRule {
  /** Stable code, e.g. `ImproperPerformance`. */
  readonly code: string;
  /** Position in the list (1–7). */
  readonly number: number;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly legalBasis: readonly string[];
  readonly evidence: readonly EvidenceItem[];
  /** `Other` needs a free-text justification and a cited legal basis to match. */
  readonly requiresJustification: boolean;
}

/** Grounds on which the law itself mandates transfer, with or without a situation (行政复议法 art. 86, 监察法 art. 37). */
export interface StatutoryGround {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly legalBasis: readonly string[];
}

export interface Rulebook {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly rules: readonly SituationRule[];
  readonly statutoryGrounds: readonly StatutoryGround[];
}
