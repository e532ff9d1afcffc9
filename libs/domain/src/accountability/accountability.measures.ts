import { SubjectKind } from '../shared/subject';

/**
 * 问责类型 — the two kinds of accountability decided outside the commission (DOMAIN.md §7 last
 * rows, §8 Bijie): 行政执法过错责任追究 (enforcement fault, local 过错责任追究办法; 宁波) and
 * 行政错案问责 ([S2] 毕节市行政错案问责追责办法, 2020, upgraded 2023).
 */
export const ACCOUNTABILITY_TYPES = ['EnforcementFault', 'WrongfulCase'] as const;
export type AccountabilityType = (typeof ACCOUNTABILITY_TYPES)[number];

/**
 * 错案来源 — what makes a case "wrong" under the 2023 Bijie scope ([S2] DOMAIN.md §5 row of the
 * 毕节市行政错案问责追责办法): a loss ruled by a court, a loss under procuratorate supervision, a
 * decision corrected by reconsideration. Only a 行政错案问责 names one.
 */
export const WRONGFUL_CASE_GROUNDS = [
  'CourtRuledLoss',
  'ProcuratorateSupervision',
  'ReconsiderationCorrected',
] as const;
export type WrongfulCaseGround = (typeof WRONGFUL_CASE_GROUNDS)[number];

/** One measure of the catalogue: its code, whom it applies to, its labels and its source. */
export interface AccountabilityMeasure {
  readonly code: string;
  readonly appliesTo: SubjectKind;
  readonly zh: string;
  readonly en: string;
  readonly source: string;
}

const TABLE_7 = 'DOMAIN.md §7 行政执法过错责任追究 row ([S2] local 过错责任追究办法; 宁波)';
const CIVIL_SERVANTS = '公务员法 art. 57 (批评教育、责令检查、诫勉)';
/** Named by the brief of this mechanism (issue 17), not by a seed: a local practice we chose to list. */
const CHOSEN = 'issue 17 (accountability outside the commission): named in the brief, no seed text';

const measure = (code: string, appliesTo: SubjectKind, zh: string, en: string, source: string) =>
  ({ code, appliesTo, zh, en, source }) as const;

/**
 * 追责措施 — the measures the justice bureau or the agency decides, lightest first. Persons and
 * units have their own measures; a measure of the one never applies to the other.
 */
export const ACCOUNTABILITY_MEASURES: readonly AccountabilityMeasure[] = [
  measure('CriticismEducation', 'Person', '批评教育', 'Criticism and education', `${TABLE_7}; ${CIVIL_SERVANTS}`),
  measure('OrderSelfExamination', 'Person', '责令（书面）检查', 'Ordered (written) self-examination', TABLE_7),
  measure('CirculatedCriticism', 'Person', '通报批评', 'Circulated criticism', TABLE_7),
  measure('Admonishment', 'Person', '诫勉', 'Admonishment', CIVIL_SERVANTS),
  measure('PerformancePayDeduction', 'Person', '扣减绩效', 'Performance pay deducted', CHOSEN),
  measure('NoAwards', 'Person', '取消评先评优资格', 'Excluded from awards', TABLE_7),
  measure('OffPostTraining', 'Person', '离岗培训', 'Off-post training', TABLE_7),
  measure('RemovalFromEnforcementPost', 'Person', '调离执法岗位', 'Removal from enforcement post', TABLE_7),
  measure('CertificateSuspension', 'Person', '暂扣执法证件', 'Enforcement certificate suspended', TABLE_7),
  measure('CertificateRevocation', 'Person', '吊销（缴销）执法证件', 'Enforcement certificate revoked', TABLE_7),
  measure('QualificationRevoked', 'Person', '取消执法资格', 'Enforcement qualification revoked', TABLE_7),
  measure('Unit.DeadlineRectification', 'Unit', '限期整改', 'Rectification by a deadline (unit)', TABLE_7),
  measure('Unit.CirculatedCriticism', 'Unit', '通报批评', 'Circulated criticism (unit)', TABLE_7),
  measure('Unit.NoAwards', 'Unit', '取消评优', 'Excluded from awards (unit)', CHOSEN),
];

const BY_CODE: ReadonlyMap<string, AccountabilityMeasure> = new Map(ACCOUNTABILITY_MEASURES.map((m) => [m.code, m]));

export const findAccountabilityMeasure = (code: string): AccountabilityMeasure | undefined => BY_CODE.get(code);
