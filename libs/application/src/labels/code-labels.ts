import {
  ACCOUNTABILITY_MEASURES,
  ACCOUNTABILITY_STATUSES,
  ACCOUNTABILITY_TYPES,
  CAMPAIGN_STATUSES,
  CADRE_RANKS,
  CASE_KINDS,
  CLUE_CATEGORIES,
  CLUE_SOURCES,
  CLUE_STATUSES,
  DEADLINE_RULES,
  DECIDING_BODY_KINDS,
  DISMISSAL_REASONS,
  DISPOSAL_METHODS,
  ESCALATION_TYPES,
  EVALUATION_METHODS,
  EVALUATION_RESULTS,
  OUTCOME_LAYERS,
  POSITIONS,
  RECTIFICATION_MODES,
  RECTIFICATION_STATUSES,
  REFERRAL_STATUSES,
  ROLES,
  SECRECY_LEVELS,
  SUBJECT_KINDS,
  SUPERVISION_INSTRUMENT_KINDS,
  TALK_OR_INQUIRY_FORMS,
  TARGET_KINDS,
  WRONGFUL_CASE_GROUNDS,
} from '@xj/domain';
import { ACCESS_ACTIONS, AccessOutcome } from '../audit/access-log.types';
import { ANNUAL_FIGURE, ANNUAL_FIGURE_DEFINITION, ANNUAL_SECTION } from './annual-report-labels';

/** A code's display text in the two languages the product speaks. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** One label per member of a code list: a missing member is a compile error. */
export type LabelTable<C extends string> = { readonly [K in C]: Label };

type Of<A extends readonly string[]> = A[number];

const CASE_KIND: LabelTable<Of<typeof CASE_KINDS>> = {
  clue: { zh: '问题线索', en: 'Clue' },
  referral: { zh: '移送', en: 'Referral' },
  rectification: { zh: '整改事项', en: 'Rectification item' },
  accountability: { zh: '追责问责案件', en: 'Accountability case' },
  campaign: { zh: '法治督察', en: 'Rule-of-law inspection campaign' },
};

/** DOMAIN.md §4.1 — the clue's steps by their Chinese names. */
const CLUE_STATUS: LabelTable<Of<typeof CLUE_STATUSES>> = {
  None: { zh: '未登记', en: 'Not registered' },
  Registered: { zh: '线索登记', en: 'Registered' },
  Analysis: { zh: '线索分析', en: 'Under analysis' },
  Verification: { zh: '问题核实', en: 'Under verification' },
  Supervision: { zh: '问题监督', en: 'Under supervision' },
  Rectification: { zh: '问题整改', en: 'Being rectified' },
  Feedback: { zh: '落实反馈', en: 'Reported back' },
  Evaluation: { zh: '评估', en: 'Under evaluation' },
  Closed: { zh: '已销号', en: 'Closed out' },
  Archived: { zh: '已归档', en: 'Archived' },
  Dismissed: { zh: '予以了结', en: 'Dismissed' },
};

/** DOMAIN.md §4.2. */
const REFERRAL_STATUS: LabelTable<Of<typeof REFERRAL_STATUSES>> = {
  None: { zh: '未拟制', en: 'Not drafted' },
  Draft: { zh: '拟移送', en: 'Draft' },
  Approved: { zh: '已审批', en: 'Approved' },
  Sent: { zh: '已移送', en: 'Sent' },
  Received: { zh: '已登记', en: 'Received' },
  Forwarded: { zh: '已转送', en: 'Forwarded' },
  Returned: { zh: '已退回', en: 'Returned' },
  Accepted: { zh: '已受理', en: 'Accepted' },
  PartiallyAccepted: { zh: '部分受理', en: 'Partially accepted' },
  Disposing: { zh: '处置中', en: 'Being disposed of' },
  CaseFiled: { zh: '已立案', en: 'Case filed' },
  Decided: { zh: '已作出处理', en: 'Decided' },
  Concluded: { zh: '予以了结', en: 'Concluded' },
  ResultFedBack: { zh: '已反馈', en: 'Result fed back' },
  Closed: { zh: '已办结', en: 'Closed' },
};

/** DOMAIN.md §4.3: 反馈—整改—评估—销号 plus 回头看. */
const RECTIFICATION_STATUS: LabelTable<Of<typeof RECTIFICATION_STATUSES>> = {
  None: { zh: '未下达', en: 'Not assigned' },
  Assigned: { zh: '已下达', en: 'Assigned' },
  InProgress: { zh: '整改中', en: 'In progress' },
  Reported: { zh: '已反馈', en: 'Reported' },
  Evaluated: { zh: '已评估', en: 'Evaluated' },
  Closed: { zh: '已销号', en: 'Closed out' },
  LookBackPending: { zh: '待回头看', en: 'Look-back pending' },
  LookBackPassed: { zh: '回头看通过', en: 'Look-back passed' },
  Reopened: { zh: '重新整改', en: 'Reopened' },
};

/** Issue 17: the 法治督察 campaign, from 督察方案 to 办结. */
const CAMPAIGN_STATUS: LabelTable<Of<typeof CAMPAIGN_STATUSES>> = {
  None: { zh: '未制定', en: 'Not planned' },
  Planned: { zh: '已制定方案', en: 'Planned' },
  InProgress: { zh: '督察中', en: 'Inspecting' },
  Feedback: { zh: '反馈中', en: 'Feeding back' },
  Reported: { zh: '已通报', en: 'Circulated' },
  Closed: { zh: '已办结', en: 'Closed' },
};

const CLUE_SOURCE: LabelTable<Of<typeof CLUE_SOURCES>> = {
  RuleOfLawInspection: { zh: '法治督察', en: 'Rule-of-law inspection' },
  Reconsideration: { zh: '行政复议', en: 'Administrative reconsideration' },
  EnforcementSupervision: { zh: '行政执法监督', en: 'Enforcement supervision' },
  CaseFileReview: { zh: '案卷评查', en: 'Case-file review' },
  SpecialSupervision: { zh: '专项监督', en: 'Special supervision' },
  Complaint: { zh: '投诉举报', en: 'Complaint or report' },
  CaseFollowUp: { zh: '案件回访', en: 'Case follow-up' },
  StatisticalAnalysis: { zh: '执法统计分析', en: 'Enforcement statistics' },
  LitigationLossOrReversal: { zh: '行政诉讼败诉或复议纠错', en: 'Litigation loss or reconsideration reversal' },
  JudicialSuggestion: { zh: '司法建议', en: 'Judicial suggestion' },
  ProcuratorialSuggestion: { zh: '检察建议', en: 'Procuratorial suggestion' },
  InspectionTour: { zh: '巡察移交', en: 'Party inspection tour' },
  Audit: { zh: '审计移送', en: 'Audit' },
};

const SUPERVISION_INSTRUMENT: LabelTable<Of<typeof SUPERVISION_INSTRUMENT_KINDS>> = {
  SupervisionOpinion: { zh: '行政执法监督意见书', en: 'Supervision opinion' },
  SupervisionDecision: { zh: '行政执法监督决定书', en: 'Supervision decision' },
  SupervisionSuggestion: { zh: '行政执法监督建议书', en: 'Supervision suggestion' },
  InspectionFeedbackOpinion: { zh: '督察反馈意见书', en: 'Inspection feedback opinion' },
  ReconsiderationOpinion: { zh: '行政复议意见书', en: 'Reconsideration opinion' },
  CaseReviewFeedbackLetter: { zh: '案卷评查问题反馈函', en: 'Case-review feedback letter' },
};

const CLUE_CATEGORY: LabelTable<Of<typeof CLUE_CATEGORIES>> = {
  Inaction: { zh: '不作为', en: 'Inaction' },
  ArbitraryAction: { zh: '乱作为', en: 'Arbitrary action' },
  AbuseOfPower: { zh: '滥用职权', en: 'Abuse of power' },
  Other: { zh: '其他', en: 'Other' },
};

const DISMISSAL_REASON: LabelTable<Of<typeof DISMISSAL_REASONS>> = {
  Untrue: { zh: '反映不实', en: 'Untrue' },
  NotVerifiable: { zh: '无法查证', en: 'Not verifiable' },
  OutOfScope: { zh: '不属于受理范围', en: 'Out of scope' },
  NoProblemFound: { zh: '核实后未发现问题', en: 'No problem found' },
};

const RECTIFICATION_MODE: LabelTable<Of<typeof RECTIFICATION_MODES>> = {
  Immediate: { zh: '立行立改', en: 'Immediate' },
  Deadline: { zh: '限期整改', en: 'By a deadline' },
  LongTerm: { zh: '长期坚持', en: 'Long-term' },
};

const EVALUATION_METHOD: LabelTable<Of<typeof EVALUATION_METHODS>> = {
  OnSite: { zh: '实地核查', en: 'On site' },
  Document: { zh: '书面审查', en: 'On the documents' },
};

const EVALUATION_RESULT: LabelTable<Of<typeof EVALUATION_RESULTS>> = {
  Pass: { zh: '通过', en: 'Passed' },
  Fail: { zh: '未通过', en: 'Failed' },
};

const DISPOSAL_METHOD: LabelTable<Of<typeof DISPOSAL_METHODS>> = {
  TalkOrInquiryLetter: { zh: '谈话函询', en: 'Talk or written inquiry' },
  PreliminaryVerification: { zh: '初步核实', en: 'Preliminary verification' },
  ShelvedPending: { zh: '暂存待查', en: 'Shelved pending evidence' },
  Concluded: { zh: '予以了结', en: 'Concluded' },
};

const TALK_OR_INQUIRY_FORM: LabelTable<Of<typeof TALK_OR_INQUIRY_FORMS>> = {
  Talk: { zh: '谈话', en: 'Talk' },
  WrittenReply: { zh: '书面回复', en: 'Written reply' },
};

const SECRECY_LEVEL: LabelTable<Of<typeof SECRECY_LEVELS>> = {
  Internal: { zh: '内部', en: 'Internal' },
  Confidential: { zh: '秘密', en: 'Confidential' },
  Secret: { zh: '机密', en: 'Secret' },
};

const TARGET_KIND: LabelTable<Of<typeof TARGET_KINDS>> = {
  DisciplineCommission: { zh: '纪委监委', en: 'Discipline commission' },
  AppointingAuthority: { zh: '任免机关', en: 'Appointing authority' },
};

/** DOMAIN.md §7 "Decided by": who decided an outcome (issue 17 §5). */
const DECIDING_BODY: LabelTable<Of<typeof DECIDING_BODY_KINDS>> = {
  DisciplineCommission: { zh: '纪检监察机关', en: 'Discipline commission' },
  OrganisationDept: { zh: '组织部门', en: 'Organisation department' },
  PartyOrganisation: { zh: '党组织', en: 'Party organisation' },
  AppointingAuthority: { zh: '任免机关', en: 'Appointing authority' },
  JusticeBureau: { zh: '司法行政机关', en: 'Justice bureau' },
  Agency: { zh: '行政机关（本单位）', en: 'The agency itself' },
};

const OUTCOME_LAYER: LabelTable<Of<typeof OUTCOME_LAYERS>> = {
  Minor: { zh: '第一种形态', en: 'Minor handling' },
  OrganisationalHandling: { zh: '组织处理', en: 'Organisational handling' },
  GovSanction: { zh: '政务处分', en: 'State sanction' },
  PartySanction: { zh: '党纪处分', en: 'Party sanction' },
  Accountability: { zh: '问责', en: 'Accountability' },
  SupervisionRecommendation: { zh: '监察建议', en: 'Supervision recommendation' },
  Criminal: { zh: '移送司法机关', en: 'Criminal referral' },
  EnforcementFault: { zh: '执法过错责任追究', en: 'Enforcement-fault measures' },
  NoAction: { zh: '予以了结', en: 'No action' },
};

const ROLE: LabelTable<Of<typeof ROLES>> = {
  RuleOfLawOffice: { zh: '法治建设办', en: 'Rule-of-law office' },
  JusticeBureau: { zh: '司法局', en: 'Justice bureau' },
  EnforcementAgency: { zh: '行政执法机关', en: 'Enforcement agency' },
  DisciplineCommission: { zh: '纪委监委', en: 'Discipline commission' },
  AppointingAuthority: { zh: '任免机关', en: 'Appointing authority' },
  PartyLeadership: { zh: '党委主要领导', en: 'Party leadership' },
  Auditor: { zh: '审计查阅', en: 'Auditor' },
  Administrator: { zh: '系统管理员', en: 'System administrator' },
  SecurityAdministrator: { zh: '安全管理员', en: 'Security administrator' },
  AuditAdministrator: { zh: '安全审计员', en: 'Audit administrator' },
};

const POSITION: LabelTable<Of<typeof POSITIONS>> = {
  Head: { zh: '负责人', en: 'Head' },
  Staff: { zh: '工作人员', en: 'Staff' },
};

const CADRE_RANK: LabelTable<Of<typeof CADRE_RANKS>> = {
  DepartmentBureau: { zh: '厅局级', en: 'Department/bureau level' },
  CountyDivision: { zh: '县处级', en: 'County/division level' },
  TownshipSectionOrBelow: { zh: '乡科级及以下', en: 'Township/section level or below' },
};

/** Issue 17 item 8: a subject is a person or a unit (an agency or one of its departments). */
const SUBJECT_KIND: LabelTable<Of<typeof SUBJECT_KINDS>> = {
  Person: { zh: '个人', en: 'Person' },
  Unit: { zh: '单位', en: 'Unit' },
};

const ESCALATION_TYPE: LabelTable<Of<typeof ESCALATION_TYPES>> = {
  Interview: { zh: '约谈', en: 'Interview' },
  ListedSupervision: { zh: '挂牌督办', en: 'Listed supervision' },
  Circular: { zh: '通报批评', en: 'Circulated criticism' },
  InquiryLetter: { zh: '函询', en: 'Written inquiry' },
  LeaderInstruction: { zh: '批示', en: "Leader's instruction" },
  OrderPerformance: { zh: '责令限期履行', en: 'Order to perform by a deadline' },
};

/** DOMAIN.md §4.5. */
const DEADLINE_RULE: LabelTable<Of<typeof DEADLINE_RULES>> = {
  ClueVerification: { zh: '线索核实期限', en: 'Clue verification' },
  TransferAfterConditionsMet: { zh: '移送期限', en: 'Transfer after the conditions are met' },
  CommissionAcceptance: { zh: '受理期限', en: 'Commission acceptance' },
  DisposalProposal: { zh: '处置意见期限', en: 'Disposal proposal' },
  TalkOrInquiryStart: { zh: '谈话函询启动期限', en: 'Start of the talk or inquiry' },
  TalkOrInquiryConclusion: { zh: '谈话函询办结期限', en: 'Conclusion of the talk or inquiry' },
  PreliminaryVerification: { zh: '初步核实期限', en: 'Preliminary verification' },
  ResultFeedback: { zh: '结果反馈期限', en: 'Result feedback' },
  SupervisionOpinionCorrection: { zh: '监督意见纠正期限', en: 'Correction after a supervision opinion' },
  SupervisionDecisionExecution: { zh: '监督决定执行期限', en: 'Execution of a supervision decision' },
  ReconsiderationOpinionCorrection: { zh: '复议意见纠正期限', en: 'Correction after a reconsideration opinion' },
  InspectionFeedbackRectification: { zh: '督察反馈整改期限', en: 'Rectification after inspection feedback' },
  CaseReviewFeedbackRectification: { zh: '案卷评查整改期限', en: 'Rectification after a case review' },
  RectificationPlan: { zh: '整改方案提交期限', en: 'Rectification plan' },
  OrganisationalHandling: { zh: '组织处理期限', en: 'Organisational handling' },
  LookBack: { zh: '回头看期限', en: 'Look-back' },
};

/** 行政执法过错责任追究 / 行政错案问责 (issue 17): 立项 → 调查 → 决定 → 执行 → 归档. */
const ACCOUNTABILITY_STATUS: LabelTable<Of<typeof ACCOUNTABILITY_STATUSES>> = {
  None: { zh: '未立项', en: 'Not opened' },
  Opened: { zh: '已立项', en: 'Opened' },
  Investigating: { zh: '调查中', en: 'Under investigation' },
  Decided: { zh: '已作出决定', en: 'Decided' },
  Executed: { zh: '已执行', en: 'Executed' },
  Withdrawn: { zh: '撤销立项（不予追究）', en: 'Withdrawn (no accountability)' },
  Archived: { zh: '已归档', en: 'Archived' },
};

const ACCOUNTABILITY_TYPE: LabelTable<Of<typeof ACCOUNTABILITY_TYPES>> = {
  EnforcementFault: { zh: '行政执法过错责任追究', en: 'Enforcement-fault liability' },
  WrongfulCase: { zh: '行政错案问责', en: 'Wrong-administrative-case accountability' },
};

/** [S2] 毕节市行政错案问责追责办法 (2023 scope). */
const WRONGFUL_CASE_GROUND: LabelTable<Of<typeof WRONGFUL_CASE_GROUNDS>> = {
  CourtRuledLoss: { zh: '行政诉讼败诉', en: 'Loss ruled by a court' },
  ProcuratorateSupervision: { zh: '检察监督纠错', en: 'Loss under procuratorate supervision' },
  ReconsiderationCorrected: { zh: '行政复议纠错', en: 'Corrected by reconsideration' },
};

/** The measures carry their own labels (accountability.measures.ts). */
const ACCOUNTABILITY_MEASURE: Readonly<Record<string, Label>> = Object.fromEntries(
  ACCOUNTABILITY_MEASURES.map((m) => [m.code, { zh: m.zh, en: m.en }]),
);

/** What a read in the access log (查阅记录) was, for the auditor's console. */
const ACCESS_ACTION: LabelTable<Of<typeof ACCESS_ACTIONS>> = {
  details: { zh: '查阅案件', en: 'Case details' },
  history: { zh: '查阅办理过程', en: 'Case history' },
  'as-of': { zh: '查阅历史状态', en: 'State as of a moment' },
  explanation: { zh: '查阅移送说明', en: 'Referral explanation' },
  'access-log': { zh: '查阅访问日志', en: 'Access log' },
  command: { zh: '办理被拒（无权查看）', en: 'Command refused (not visible)' },
  export: { zh: '导出台账', en: 'Ledger export' },
  attachment: { zh: '查阅或下载证据材料', en: 'Evidence list or download' },
  document: { zh: '下载文书', en: 'Official document download' },
  package: { zh: '导出移送材料包', en: 'Transfer package export' },
};

const ACCESS_OUTCOME: LabelTable<AccessOutcome> = {
  allowed: { zh: '允许', en: 'Allowed' },
  denied: { zh: '拒绝', en: 'Denied' },
};

/**
 * The operations on one account (`POST /api/v1/accounts/{username}/<operation>`), as the
 * workbench's 用户管理 titles its buttons; an operation not here shows the API's summary.
 */
const ACCOUNT_OPERATION: LabelTable<'disable' | 'enable' | 'reset-password' | 'reset-second-factor'> = {
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' },
  'reset-password': { zh: '重置口令', en: 'Reset the password' },
  'reset-second-factor': { zh: '重置双因素认证', en: 'Reset the second factor' },
};

/** The code lists of the domain with their labels, by namespace. */
export const CODE_LABELS = {
  caseKind: CASE_KIND,
  clueStatus: CLUE_STATUS,
  referralStatus: REFERRAL_STATUS,
  rectificationStatus: RECTIFICATION_STATUS,
  campaignStatus: CAMPAIGN_STATUS,
  clueSource: CLUE_SOURCE,
  supervisionInstrument: SUPERVISION_INSTRUMENT,
  clueCategory: CLUE_CATEGORY,
  dismissalReason: DISMISSAL_REASON,
  rectificationMode: RECTIFICATION_MODE,
  evaluationMethod: EVALUATION_METHOD,
  evaluationResult: EVALUATION_RESULT,
  disposalMethod: DISPOSAL_METHOD,
  talkOrInquiryForm: TALK_OR_INQUIRY_FORM,
  secrecyLevel: SECRECY_LEVEL,
  targetKind: TARGET_KIND,
  decidingBody: DECIDING_BODY,
  outcomeLayer: OUTCOME_LAYER,
  role: ROLE,
  position: POSITION,
  cadreRank: CADRE_RANK,
  subjectKind: SUBJECT_KIND,
  escalationType: ESCALATION_TYPE,
  deadlineRule: DEADLINE_RULE,
  accessAction: ACCESS_ACTION,
  accessOutcome: ACCESS_OUTCOME,
  accountOperation: ACCOUNT_OPERATION,
  accountabilityStatus: ACCOUNTABILITY_STATUS,
  accountabilityType: ACCOUNTABILITY_TYPE,
  wrongfulCaseGround: WRONGFUL_CASE_GROUND,
  accountabilityMeasure: ACCOUNTABILITY_MEASURE,
  annualSection: ANNUAL_SECTION,
  annualFigure: ANNUAL_FIGURE,
  annualFigureDefinition: ANNUAL_FIGURE_DEFINITION,
} as const;
