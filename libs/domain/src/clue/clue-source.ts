import { DeadlineRule } from '../calendar/deadline-policy';

/** Where a clue came from (线索来源, DOMAIN.md §1.2). The three jobs of the office and their sub-sources. */
export const CLUE_SOURCES = [
  /** 法治督察 — rule-of-law inspection (comprehensive or special, on-site or written). */
  'RuleOfLawInspection',
  /** 行政复议 — found while handling a reconsideration case. */
  'Reconsideration',
  /** 行政执法监督 — enforcement supervision in general. */
  'EnforcementSupervision',
  /** 案卷评查 — review of enforcement case files. */
  'CaseFileReview',
  /** 专项监督 — a targeted supervision campaign (e.g. 涉企乱罚款). */
  'SpecialSupervision',
  /** 投诉举报 — complaint or report, including via 12345. */
  'Complaint',
  /** 案件回访 — follow-up visit to the parties of closed enforcement cases. */
  'CaseFollowUp',
  /** 执法统计分析 + 专项说明 — statistics plus the unit's formal explanation (Bijie, seed 000). */
  'StatisticalAnalysis',
  /** 行政诉讼败诉 / 复议纠错 — a court loss or reconsideration reversal ("一案一整改", seed 000). */
  'LitigationLossOrReversal',
  /** 司法建议 — a court's judicial suggestion. */
  'JudicialSuggestion',
  /** 检察建议 — a procuratorate's suggestion. */
  'ProcuratorialSuggestion',
  /** 巡察移交 — handed over by a party inspection tour. */
  'InspectionTour',
  /** 审计移送 — handed over by the audit bureau. */
  'Audit',
] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

/** The formal supervision output issued at C6 (问题监督, DOMAIN.md §1.2, §4.1). */
export const SUPERVISION_INSTRUMENT_KINDS = [
  /** 行政执法监督意见书 — the act is illegal or improper; the agency self-corrects. */
  'SupervisionOpinion',
  /** 行政执法监督决定书 — binding decision when self-correction fails. */
  'SupervisionDecision',
  /** 行政执法督察建议书 / 监督建议书 — a softer suggestion letter. */
  'SupervisionSuggestion',
  /** 督察反馈意见书 — written feedback after a rule-of-law inspection. */
  'InspectionFeedbackOpinion',
  /** 行政复议意见书 — reconsideration opinion to a lower agency. */
  'ReconsiderationOpinion',
  /** 案卷评查问题反馈函 — letter listing the problems found in case files. */
  'CaseReviewFeedbackLetter',
] as const;
export type SupervisionInstrumentKind = (typeof SUPERVISION_INSTRUMENT_KINDS)[number];

/**
 * The deadline each instrument starts (DOMAIN.md §4.5). A suggestion letter has no statutory
 * period of its own; it borrows the opinion's 30 days (山东省行政执法监督条例 art. 28) [I].
 */
export const INSTRUMENT_DEADLINE_RULES: Readonly<Record<SupervisionInstrumentKind, DeadlineRule>> = {
  SupervisionOpinion: 'SupervisionOpinionCorrection', // 山东 art. 28: self-correct within 30 days
  SupervisionDecision: 'SupervisionDecisionExecution', // 山东 art. 29: report execution within 30 days
  SupervisionSuggestion: 'SupervisionOpinionCorrection',
  InspectionFeedbackOpinion: 'InspectionFeedbackRectification',
  ReconsiderationOpinion: 'ReconsiderationOpinionCorrection', // 行政复议法 art. 76: 60 days
  CaseReviewFeedbackLetter: 'CaseReviewFeedbackRectification',
};

/**
 * How binding an instrument is, for the 意见书 → 决定书 escalation (issue 17 §6): a follow-up
 * instrument may repeat the level or go up, never down. 山东省行政执法监督条例 art. 29: the 决定书
 * (责令履行 / 改正 / 撤销 / 确认违法) follows when the agency does not correct after the 意见书 (art. 28).
 * Letters and feedback opinions are the softest, opinions next, the decision binds [I].
 */
export const INSTRUMENT_LEVEL: Readonly<Record<SupervisionInstrumentKind, number>> = {
  SupervisionSuggestion: 1,
  CaseReviewFeedbackLetter: 1,
  InspectionFeedbackOpinion: 1,
  SupervisionOpinion: 2,
  ReconsiderationOpinion: 2,
  SupervisionDecision: 3,
};

/** The kinds a follow-up to `current` may have: the same level or a more binding one. */
export const followUpInstrumentKinds = (current: SupervisionInstrumentKind): SupervisionInstrumentKind[] =>
  SUPERVISION_INSTRUMENT_KINDS.filter((kind) => INSTRUMENT_LEVEL[kind] >= INSTRUMENT_LEVEL[current]);
