import { Rulebook } from './rulebook';

/** What a clue claims and what its file holds, as given to the rulebook. */
export interface SituationClaim {
  /** Situation codes claimed by the analyst (0..n). */
  readonly situationCodes: readonly string[];
  /** Codes of checklist items present in the file (e.g. `IP.DUTY_SOURCE`). */
  readonly evidenceCodes: readonly string[];
  /** Statutory grounds claimed (`CorruptionOrBribery`, `DerelictionOfDuty`). */
  readonly statutoryGroundCodes?: readonly string[];
  /** Free-text justification; required for `Other`. */
  readonly justification?: string;
  /** Legal basis cited by the analyst; required for `Other`. */
  readonly legalBasis?: readonly string[];
}

export interface RuleEvaluation {
  readonly code: string;
  readonly number: number;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly matched: boolean;
  readonly evidencePresent: readonly string[];
  readonly evidenceMissing: readonly string[];
  /** Optional checklist items not in the file: not blocking, but worth collecting. */
  readonly evidenceRecommended: readonly string[];
  readonly legalBasis: readonly string[];
  readonly reasonZh: string;
  readonly reasonEn: string;
}

/** The rulebook's readable verdict, stored on the referral for auditors. */
export interface SituationEvaluation {
  readonly rulebookVersion: string;
  readonly rules: readonly RuleEvaluation[];
  readonly matchedCodes: readonly string[];
  readonly statutoryGrounds: readonly { readonly code: string; readonly legalBasis: readonly string[] }[];
  readonly unknownCodes: readonly string[];
  readonly transferMandatory: boolean;
  readonly summaryZh: string;
  readonly summaryEn: string;
}

/**
 * Evaluates claimed situations against a rulebook. A claimed rule matches when every required
 * checklist item is in the file (and, for `Other`, a justification and a legal basis are given).
 * Transfer is mandatory when a rule matches or a statutory ground is claimed.
 */
export const evaluateSituations = (rulebook: Rulebook, claim: SituationClaim): SituationEvaluation => {
  const present = new Set(claim.evidenceCodes);
  const claimed = [...new Set(claim.situationCodes)];
  const known = new Set(rulebook.rules.map((r) => r.code));
  const unknownCodes = claimed.filter((c) => !known.has(c));
  const rules = rulebook.rules
    .filter((rule) => claimed.includes(rule.code))
    .map((rule): RuleEvaluation => {
      const required = rule.evidence.filter((e) => e.required);
      const evidencePresent = rule.evidence.filter((e) => present.has(e.code)).map((e) => e.code);
      const evidenceMissing = required.filter((e) => !present.has(e.code)).map((e) => e.code);
      const evidenceRecommended = rule.evidence.filter((e) => !e.required && !present.has(e.code)).map((e) => e.code);
      const justified =
        !rule.requiresJustification ||
        ((claim.justification ?? '').trim().length > 0 && (claim.legalBasis ?? []).some((b) => b.trim().length > 0));
      const matched = evidenceMissing.length === 0 && justified;
      const legalBasis = rule.requiresJustification ? [...(claim.legalBasis ?? [])] : [...rule.legalBasis];
      return {
        code: rule.code,
        number: rule.number,
        labelZh: rule.labelZh,
        labelEn: rule.labelEn,
        matched,
        evidencePresent,
        evidenceMissing,
        evidenceRecommended,
        legalBasis,
        ...reasons(matched, evidenceMissing, justified),
      };
    });
  const groundCodes = new Set(claim.statutoryGroundCodes ?? []);
  const statutoryGrounds = rulebook.statutoryGrounds
    .filter((g) => groundCodes.has(g.code))
    .map((g) => ({ code: g.code, legalBasis: g.legalBasis }));
  const unknownGrounds = [...groundCodes].filter((c) => !rulebook.statutoryGrounds.some((g) => g.code === c));
  const matchedCodes = rules.filter((r) => r.matched).map((r) => r.code);
  const transferMandatory = matchedCodes.length > 0 || statutoryGrounds.length > 0;
  return {
    rulebookVersion: rulebook.version,
    rules,
    matchedCodes,
    statutoryGrounds,
    unknownCodes: [...unknownCodes, ...unknownGrounds],
    transferMandatory,
    ...summary(
      matchedCodes,
      statutoryGrounds.map((g) => g.code),
      transferMandatory,
    ),
  };
};

const reasons = (
  matched: boolean,
  missing: readonly string[],
  justified: boolean,
): { reasonZh: string; reasonEn: string } => {
  if (matched)
    return {
      reasonZh: '必备证据齐全，符合该情形',
      reasonEn: 'All required evidence is present; the situation applies',
    };
  const parts: { zh: string[]; en: string[] } = { zh: [], en: [] };
  if (missing.length > 0) {
    parts.zh.push(`缺少必备证据：${missing.join('、')}`);
    parts.en.push(`missing required evidence: ${missing.join(', ')}`);
  }
  if (!justified) {
    parts.zh.push('须说明理由并列明法律依据');
    parts.en.push('a justification and a legal basis are required');
  }
  return { reasonZh: parts.zh.join('；'), reasonEn: parts.en.join('; ') };
};

const summary = (
  matched: readonly string[],
  grounds: readonly string[],
  mandatory: boolean,
): { summaryZh: string; summaryEn: string } => {
  if (!mandatory) {
    return {
      summaryZh: '未认定符合移送情形',
      summaryEn: 'No situation or statutory ground established; transfer not mandatory',
    };
  }
  const all = [...matched, ...grounds].join(', ');
  return { summaryZh: `符合移送条件：${all}，应当移送`, summaryEn: `Transfer is mandatory: ${all}` };
};
