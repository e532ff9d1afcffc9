import { OUTCOME_CATALOGUE } from '@xj/domain';

/** The languages the API answers in: zh-CN for the workbench (the default), English for API clients that ask. */
export type Lang = 'zh' | 'en';

/** The label namespaces the actions and the wrong-state messages use. */
export type LabelNamespace =
  | 'clueStatus'
  | 'referralStatus'
  | 'rectificationStatus'
  | 'command'
  | 'field'
  /** Any enumerated code of a request body: sources, methods, results, kinds, outcomes… */
  | 'code';

type Pair = readonly [zh: string, en: string];

/*
 * A seam, not the catalogue: the consolidated label catalogue (issue 16, h-uilabels) replaces
 * these tables; whatever it becomes, `labelOf` keeps this signature. Unknown codes come back
 * unchanged, so a missing label shows the code rather than nothing.
 */
const CLUE_STATUS: Record<string, Pair> = {
  None: ['不存在', 'not registered'],
  Registered: ['已登记', 'registered'],
  Analysis: ['线索分析', 'under analysis'],
  Verification: ['问题核实', 'under verification'],
  Supervision: ['问题监督', 'under supervision'],
  Rectification: ['问题整改', 'being rectified'],
  Feedback: ['落实反馈', 'feedback submitted'],
  Evaluation: ['评估', 'under evaluation'],
  Closed: ['已销号', 'closed out'],
  Archived: ['已归档', 'archived'],
  Dismissed: ['予以了结', 'dismissed'],
};

const REFERRAL_STATUS: Record<string, Pair> = {
  None: ['不存在', 'not drafted'],
  Draft: ['拟移送', 'draft'],
  Approved: ['已审批', 'approved'],
  Sent: ['已移送', 'sent'],
  Received: ['已登记', 'received'],
  Forwarded: ['已转送', 'forwarded'],
  Returned: ['已退回', 'returned'],
  Accepted: ['已受理', 'accepted'],
  PartiallyAccepted: ['部分受理', 'partially accepted'],
  Disposing: ['处置中', 'being disposed of'],
  CaseFiled: ['已立案', 'case filed'],
  Concluded: ['予以了结', 'concluded'],
  Decided: ['已作出处理', 'outcomes decided'],
  OrganisationalHandlingCarriedOut: ['组织处理已办理完毕', 'organisational handling carried out'],
  ResultFedBack: ['已反馈结果', 'result fed back'],
  Closed: ['已办结', 'closed'],
};

const RECTIFICATION_STATUS: Record<string, Pair> = {
  None: ['不存在', 'not assigned'],
  Assigned: ['已下达', 'assigned'],
  InProgress: ['整改中', 'in progress'],
  Reported: ['已反馈', 'reported'],
  Evaluated: ['已评估', 'evaluated'],
  Reopened: ['重新整改', 'reopened'],
  Closed: ['已销号', 'closed out'],
  LookBackPending: ['待回头看', 'look-back pending'],
  LookBackPassed: ['回头看通过', 'look-back passed'],
};

const COMMAND: Record<string, Pair> = {
  StartAnalysis: ['线索分析', 'Start the analysis'],
  DismissClue: ['予以了结', 'Dismiss the clue'],
  StartVerification: ['问题核实', 'Start the verification'],
  IssueSupervisionInstrument: ['制发监督文书', 'Issue the supervision instrument'],
  SubmitRectificationPlan: ['提交整改方案', 'Submit the rectification plan'],
  SubmitRectificationFeedback: ['落实反馈', 'Submit the rectification feedback'],
  StartEvaluation: ['开始评估', 'Start the evaluation'],
  EvaluateClue: ['评估（销号 / 重新整改）', 'Evaluate (close out / reopen)'],
  CompleteClueLookBack: ['回头看', 'Complete the look-back'],
  ProposeReferral: ['移送建议', 'Propose a referral'],
  RaiseEscalation: ['督办', 'Escalate'],
  DraftReferral: ['拟移送', 'Draft a referral'],
  AssignRectificationItem: ['下达整改事项', 'Assign a rectification item'],
  ApproveReferral: ['审批', 'Approve'],
  SendReferral: ['移送', 'Send'],
  RerouteReferral: ['改送任免机关', 'Re-route to the appointing authority'],
  ReceiveReferral: ['登记', 'Register receipt'],
  ForwardReferral: ['转送', 'Forward'],
  ReturnReferral: ['退回', 'Return'],
  AcceptReferral: ['受理', 'Accept'],
  PartiallyAcceptReferral: ['部分受理', 'Partially accept'],
  DecideDisposal: ['决定处置方式', 'Decide the disposal'],
  ResumeShelved: ['恢复初核', 'Resume the shelved referral'],
  RecordTalkOrInquiryHeld: ['谈话或收到回复', 'Record the talk or the reply'],
  CompleteTalkOrInquiry: ['谈话函询结果', 'Complete the talk or inquiry'],
  FileCase: ['立案', 'File a case'],
  ConcludeVerification: ['初核了结', 'Conclude the verification'],
  RecordOutcomes: ['录入处理结果', 'Record the outcomes'],
  RecordOrganisationalHandlingDone: ['组织处理办理完毕', 'Record the organisational handling done'],
  FeedBackResult: ['结果反馈', 'Feed back the result'],
  PublishTypicalCase: ['典型案例通报', 'Publish a typical case'],
  CloseReferral: ['办结', 'Close'],
  StartRectification: ['开始整改', 'Start the rectification'],
  ReportRectification: ['整改反馈', 'Report the rectification'],
  EvaluateRectification: ['评估', 'Evaluate'],
  CloseItem: ['销号', 'Close out'],
  ReopenItem: ['重新整改', 'Reopen'],
  ScheduleLookBack: ['安排回头看', 'Schedule the look-back'],
  CompleteLookBack: ['回头看', 'Complete the look-back'],
  RequestDeadlineExtension: ['申请延期', 'Request an extension'],
  ApproveDeadlineExtension: ['批准延期', 'Approve the extension'],
  RefuseDeadlineExtension: ['不予延期', 'Refuse the extension'],
  PauseDeadline: ['中止期限', 'Pause the deadline'],
  ResumeDeadline: ['恢复期限', 'Resume the deadline'],
  ConfirmEscalationRung: ['确认督办', 'Confirm the proposed escalation'],
  WaiveEscalationRung: ['不予督办', 'Waive the proposed escalation'],
  SendCarbonCopy: ['抄送', 'Send a copy'],
  NameCaseHandlers: ['指定承办人员（知悉范围）', 'Name the handlers'],
};

const FIELD: Record<string, Pair> = {
  acceptedSubjectIds: ['受理的被反映人', 'Subjects accepted'],
  agency: ['被监督单位', 'Agency'],
  agencyOrgId: ['整改责任单位', 'Responsible agency'],
  analystUserId: ['分析人', 'Analyst'],
  anonymised: ['是否匿名', 'Anonymised'],
  attachments: ['附件', 'Attachments'],
  cadreRank: ['干部层级', 'Cadre rank'],
  caseNo: ['立案编号', 'Case number'],
  category: ['问题类别', 'Category'],
  childReferralId: ['转送部分的移送编号', 'Id of the forwarded part'],
  clueId: ['线索编号', 'Clue'],
  clueSummary: ['线索摘要', 'Clue summary'],
  copyTo: ['抄送单位', 'Copy to'],
  conditionsMetOn: ['符合移送条件之日', 'Transfer conditions met on'],
  contact: ['联系人及电话', 'Contact'],
  decisionDate: ['决定日期', 'Decision date'],
  documentNo: ['文号', 'Document number'],
  documentRef: ['文件存放位置', 'Document reference'],
  dueDate: ['整改期限', 'Due date'],
  escalationId: ['督办编号', 'Escalation id'],
  escalationType: ['督办方式', 'Escalation type'],
  evidence: ['证据材料', 'Evidence'],
  evidenceCodes: ['已具备的证据', 'Evidence held'],
  explanation: ['说明', 'Explanation'],
  facts: ['主要事实', 'Facts'],
  failureReasons: ['未通过原因', 'Reasons for failing'],
  forwardTo: ['转送至', 'Forward to'],
  instrument: ['监督文书', 'Supervision instrument'],
  isPartyMember: ['是否党员', 'Party member'],
  isPublicOfficial: ['是否公职人员', 'Public official'],
  issue: ['问题', 'Issue'],
  itemId: ['整改事项编号', 'Item id'],
  items: ['整改事项', 'Items'],
  justification: ['裁量移送理由', 'Justification'],
  kind: ['类别', 'Kind'],
  legalBasis: ['法律依据', 'Legal basis'],
  longTermTarget: ['长期整改目标', 'Long-term target'],
  lookBackOn: ['回头看日期', 'Look-back date'],
  measures: ['整改措施', 'Measures'],
  method: ['方式', 'Method'],
  minorOutcomes: ['处理结果（谈话提醒等）', 'Minor outcomes'],
  mode: ['整改方式', 'Mode'],
  name: ['姓名', 'Name'],
  newDueDate: ['新的整改期限', 'New due date'],
  newEvidence: ['新的证据材料', 'New evidence'],
  note: ['说明', 'Note'],
  notes: ['评估意见', 'Notes'],
  opinion: ['审批意见', 'Opinion'],
  orgId: ['单位', 'Organisation'],
  outcome: ['处理结果', 'Outcome'],
  outcomes: ['处理结果', 'Outcomes'],
  owner: ['牵头领导', 'Owner'],
  performBy: ['限期履行日期', 'Perform by'],
  post: ['职务', 'Post'],
  problemsSurfaced: ['是否发现问题', 'Problems surfaced'],
  reason: ['理由', 'Reason'],
  reasons: ['理由', 'Reasons'],
  receivedAt: ['收到时间', 'Received at'],
  record: ['谈话函询记录', 'Record'],
  referralId: ['移送编号', 'Referral id'],
  regionId: ['地区', 'Region'],
  registrationNo: ['登记号', 'Registration number'],
  report: ['报告', 'Report'],
  responsiblePerson: ['责任人', 'Responsible person'],
  responsibleUnits: ['责任单位', 'Responsible units'],
  result: ['结果', 'Result'],
  secrecyLevel: ['密级', 'Secrecy level'],
  situationCodes: ['符合的移送情形', 'Situations matched'],
  source: ['线索来源', 'Source'],
  sourceRef: ['来源文号', 'Source reference'],
  statutoryGroundCodes: ['法定移送事由', 'Statutory grounds'],
  subjectId: ['被反映人', 'Subject'],
  subjects: ['被反映人', 'Subjects'],
  summary: ['摘要', 'Summary'],
  target: ['接收单位', 'Receiving organisation'],
  targetOrgId: ['督办对象单位', 'Organisation escalated to'],
  team: ['核实组成员', 'Verification team'],
  text: ['通报内容', 'Text'],
  title: ['标题', 'Title'],
  transferLetter: ['移送函', 'Cover letter'],
  transferorOpinion: ['移送单位意见', "Transferor's opinion"],
  unit: ['单位', 'Unit'],
  userIds: ['承办人员', 'Handlers'],
  verificationPlan: ['核实方案', 'Verification plan'],
  verificationReport: ['核实报告', 'Verification report'],
};

const CODE: Record<string, Pair> = {
  // 线索来源
  RuleOfLawInspection: ['法治督察', 'Rule-of-law inspection'],
  Reconsideration: ['行政复议', 'Reconsideration'],
  EnforcementSupervision: ['行政执法监督', 'Enforcement supervision'],
  CaseFileReview: ['案卷评查', 'Case file review'],
  SpecialSupervision: ['专项监督', 'Special supervision'],
  Complaint: ['投诉举报', 'Complaint'],
  CaseFollowUp: ['案件回访', 'Case follow-up'],
  StatisticalAnalysis: ['执法统计分析', 'Statistical analysis'],
  LitigationLossOrReversal: ['行政诉讼败诉或复议纠错', 'Litigation loss or reversal'],
  JudicialSuggestion: ['司法建议', 'Judicial suggestion'],
  ProcuratorialSuggestion: ['检察建议', 'Procuratorial suggestion'],
  InspectionTour: ['巡察移交', 'Inspection tour'],
  Audit: ['审计移送', 'Audit'],
  // 监督文书
  SupervisionOpinion: ['行政执法监督意见书', 'Supervision opinion'],
  SupervisionDecision: ['行政执法监督决定书', 'Supervision decision'],
  SupervisionSuggestion: ['行政执法监督建议书', 'Supervision suggestion'],
  InspectionFeedbackOpinion: ['督察反馈意见书', 'Inspection feedback opinion'],
  ReconsiderationOpinion: ['行政复议意见书', 'Reconsideration opinion'],
  CaseReviewFeedbackLetter: ['案卷评查问题反馈函', 'Case review feedback letter'],
  // 了结理由、问题类别
  Untrue: ['反映不实', 'Untrue'],
  NotVerifiable: ['无法查证', 'Not verifiable'],
  OutOfScope: ['不属于受理范围', 'Out of scope'],
  NoProblemFound: ['核实后未发现问题', 'No problem found'],
  Inaction: ['不作为', 'Inaction'],
  ArbitraryAction: ['乱作为', 'Arbitrary action'],
  AbuseOfPower: ['滥用职权', 'Abuse of power'],
  Other: ['其他', 'Other'],
  // 整改方式、评估
  Immediate: ['立行立改', 'Immediate'],
  Deadline: ['限期整改', 'By a deadline'],
  LongTerm: ['长期坚持', 'Long-term'],
  Pass: ['通过', 'Pass'],
  Fail: ['未通过', 'Fail'],
  OnSite: ['实地核查', 'On site'],
  Document: ['书面审查', 'On the documents'],
  // 接收单位、处置方式
  DisciplineCommission: ['纪委监委', 'Discipline commission'],
  AppointingAuthority: ['任免机关', 'Appointing authority'],
  TalkOrInquiryLetter: ['谈话函询', 'Talk or inquiry letter'],
  PreliminaryVerification: ['初步核实', 'Preliminary verification'],
  ShelvedPending: ['暂存待查', 'Shelved pending evidence'],
  Concluded: ['予以了结', 'Concluded'],
  // 督办
  Interview: ['约谈', 'Interview'],
  ListedSupervision: ['挂牌督办', 'Listed supervision'],
  Circular: ['通报批评', 'Circular'],
  InquiryLetter: ['函询', 'Inquiry letter'],
  LeaderInstruction: ['领导批示', 'Leader instruction'],
  OrderPerformance: ['责令限期履行', 'Order to perform'],
  // 密级、干部层级
  Internal: ['内部', 'Internal'],
  Confidential: ['秘密', 'Confidential'],
  Secret: ['机密', 'Secret'],
  CountyDivision: ['县处级', 'County/division level'],
  TownshipSectionOrBelow: ['乡科级及以下', 'Township/section level or below'],
  // The outcome catalogue carries its own labels (the rulebook's codes are offered with theirs by the actions).
  ...Object.fromEntries(OUTCOME_CATALOGUE.map((o) => [o.code, [o.labelZh, o.labelEn] as const])),
};

const TABLES: Readonly<Record<LabelNamespace, Readonly<Record<string, Pair>>>> = {
  clueStatus: CLUE_STATUS,
  referralStatus: REFERRAL_STATUS,
  rectificationStatus: RECTIFICATION_STATUS,
  command: COMMAND,
  field: FIELD,
  code: CODE,
};

/** The label of a code in a namespace, in `lang`; the code itself when none is known. */
export const labelOf = (namespace: LabelNamespace, code: string, lang: Lang): string => {
  const pair = Object.hasOwn(TABLES[namespace], code) ? TABLES[namespace][code] : undefined;
  return pair ? pair[lang === 'zh' ? 0 : 1] : code;
};

/** Whether the namespace has a label for the code (for tests over the code lists). */
export const hasLabel = (namespace: LabelNamespace, code: string): boolean => Object.hasOwn(TABLES[namespace], code);

/**
 * The answer's language from Accept-Language: English when the caller prefers it over Chinese,
 * Chinese otherwise (the workbench's language, and the default when nothing is asked for).
 */
export const langOf = (acceptLanguage: string | undefined): Lang => {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang: Lang | undefined = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q > 0 && (best === undefined || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
};
