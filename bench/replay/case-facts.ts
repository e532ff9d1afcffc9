/**
 * The facts a generated case carries: its source, the situations claimed with the evidence in
 * the file (checked by the real rulebook), the persons named, the outcomes decided for them.
 * Weights are rough guesses at Panjin's mix (DOMAIN.md §8), not statistics.
 */
import {
  ClueSource,
  OUTCOME_CATALOGUE,
  OutcomeDefinition,
  RULEBOOK_V1,
  Subject,
  SupervisionInstrumentKind,
  TransferPackage,
  outcomeApplies,
} from '@xj/domain';
import { Org, Random, subjectFor } from './world';

export const SOURCE_WEIGHTS: readonly (readonly [ClueSource, number])[] = [
  ['Reconsideration', 20],
  ['EnforcementSupervision', 14],
  ['Complaint', 15],
  ['CaseFileReview', 12],
  ['LitigationLossOrReversal', 8],
  ['RuleOfLawInspection', 8],
  ['SpecialSupervision', 8],
  ['CaseFollowUp', 3],
  ['StatisticalAnalysis', 3],
  ['JudicialSuggestion', 2],
  ['ProcuratorialSuggestion', 2],
  ['InspectionTour', 3],
  ['Audit', 2],
];

const SITUATION_WEIGHTS: readonly (readonly [string, number])[] = [
  ['ImproperPerformance', 40],
  ['FailToCorrectIllegalAct', 20],
  ['RefuseOrObstructEvidence', 10],
  ['InterferenceInCase', 10],
  ['ObstructMarketEntityRights', 8],
  ['AssistOrLeakCaseInfo', 6],
  ['Other', 6],
];

export const INSTRUMENT_WEIGHTS: readonly (readonly [SupervisionInstrumentKind, number])[] = [
  ['SupervisionOpinion', 40],
  ['SupervisionDecision', 10],
  ['SupervisionSuggestion', 15],
  ['InspectionFeedbackOpinion', 12],
  ['ReconsiderationOpinion', 13],
  ['CaseReviewFeedbackLetter', 10],
];

export interface Claim {
  readonly situationCodes: readonly string[];
  readonly evidenceCodes: readonly string[];
  readonly statutoryGroundCodes?: readonly string[];
  readonly justification?: string;
  readonly legalBasis?: readonly string[];
}

/** One or two situations; required evidence is usually, not always, in the file. */
export const claimFor = (random: Random): Claim => {
  const first = random.weighted(SITUATION_WEIGHTS);
  const codes = random.chance(0.15) ? [...new Set([first, random.weighted(SITUATION_WEIGHTS)])] : [first];
  const evidence = codes.flatMap((code) =>
    (RULEBOOK_V1.rules.find((r) => r.code === code)?.evidence ?? [])
      .filter((item) => random.chance(item.required ? 0.85 : 0.4))
      .map((item) => item.code),
  );
  const other = codes.includes('Other');
  return {
    situationCodes: codes,
    evidenceCodes: evidence,
    ...(random.chance(0.03)
      ? { statutoryGroundCodes: [random.pick(['CorruptionOrBribery', 'DerelictionOfDuty'])] }
      : {}),
    ...(other
      ? { justification: '执法过程中存在其他应当移送的违法情形', legalBasis: ['行政复议法 (2023) art. 85'] }
      : {}),
  };
};

/** A discretionary transfer (行政复议法 art. 85) carries its own justification and legal basis. */
export const discretionary = (claim: Claim): Claim => ({
  ...claim,
  justification: claim.justification ?? '虽未完全符合情形要件，但违法情节较重，建议移送',
  legalBasis: claim.legalBasis?.length ? claim.legalBasis : ['行政复议法 (2023) art. 85'],
});

/** 1–4 persons of the agency; about a quarter of county/division rank. */
export const subjectsFor = (random: Random, clueId: string, agency: Org): Subject[] => {
  const count = random.weighted([
    [1, 45],
    [2, 30],
    [3, 15],
    [4, 10],
  ] as const);
  return Array.from({ length: count }, (_, i) =>
    subjectFor(random, `${clueId}-p${i + 1}`, agency.name, random.chance(0.25)),
  );
};

export const packageFor = (
  random: Random,
  clue: { summary: string; source: string; sourceRef: string },
  claim: Claim,
  subjects: readonly Subject[],
): TransferPackage => ({
  transferLetter: `关于移送${clue.sourceRef}有关问题线索的函`,
  clueSummary: clue.summary,
  source: clue.source,
  sourceRef: clue.sourceRef,
  situationCodes: claim.situationCodes,
  ...(claim.statutoryGroundCodes ? { statutoryGroundCodes: claim.statutoryGroundCodes } : {}),
  evidenceCodes: claim.evidenceCodes,
  subjects,
  facts: `经核查，${subjects[0]?.unit ?? '该单位'}在执法中存在${claim.situationCodes.length}类问题，相关人员负有责任。`,
  evidence: Array.from({ length: random.int(1, 3) }, (_, i) => ({
    title: ['调查笔录', '执法案卷', '复议决定书'][i] ?? '证据',
    documentRef: `doc-${clue.sourceRef}-${i}`,
  })),
  verificationReport: '核查报告：问题属实',
  legalBasis: claim.legalBasis?.length ? claim.legalBasis : ['公职人员政务处分法 art. 39(2)'],
  transferorOpinion: '建议依规依纪依法处理',
  contact: `0427-${random.int(2000000, 2999999)}`,
  secrecyLevel: random.weighted([
    ['Internal', 30],
    ['Confidential', 60],
    ['Secret', 10],
  ] as const),
  ...(claim.justification !== undefined ? { justification: claim.justification } : {}),
});

const byLayer = (layer: string): OutcomeDefinition[] => OUTCOME_CATALOGUE.filter((o) => o.layer === layer);
const MINOR = byLayer('Minor');
const LAYER_WEIGHTS: readonly (readonly [string, number])[] = [
  ['GovSanction', 35],
  ['PartySanction', 20],
  ['Minor', 20],
  ['OrganisationalHandling', 8],
  ['Accountability', 6],
  ['EnforcementFault', 5],
  ['NoAction', 4],
  ['Criminal', 1],
  ['SupervisionRecommendation', 1],
];

/** One or two applicable outcomes per person (a party member may get both a party and a state sanction). */
export const outcomesFor = (
  random: Random,
  subjects: readonly Subject[],
  layers: readonly (readonly [string, number])[] = LAYER_WEIGHTS,
): { subjectId: string; outcome: string }[] =>
  subjects.flatMap((subject) => {
    const picked = new Set<string>();
    const count = random.chance(0.2) ? 2 : 1;
    for (let attempt = 0; picked.size < count && attempt < 6; attempt++) {
      const options = byLayer(random.weighted(layers)).filter((o) => outcomeApplies(o, subject));
      if (options.length > 0) picked.add(random.pick(options).code);
    }
    if (picked.size === 0) picked.add(random.pick(MINOR).code);
    return [...picked].map((outcome) => ({ subjectId: subject.subjectId, outcome }));
  });

export const minorOutcomesFor = (
  random: Random,
  subjects: readonly Subject[],
): { subjectId: string; outcome: string }[] =>
  subjects.filter(() => random.chance(0.6)).map((s) => ({ subjectId: s.subjectId, outcome: random.pick(MINOR).code }));

export const ORG_HANDLING_LAYERS: readonly (readonly [string, number])[] = [
  ['OrganisationalHandling', 70],
  ['Accountability', 30],
];
