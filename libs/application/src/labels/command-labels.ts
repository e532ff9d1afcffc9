import {
  AccountabilityActionType,
  CampaignActionType,
  ClueActionType,
  RectificationActionType,
  ReferralActionType,
} from '@xj/domain';
import { LabelTable } from './code-labels';

/** Every command a user sends on a case, and the two that open another case from a clue. */
type UserCommand =
  | ClueActionType
  | ReferralActionType
  | RectificationActionType
  | AccountabilityActionType
  | 'OpenAccountabilityCase'
  | 'DraftReferral'
  | 'AssignRectificationItem'
  | 'AttachEvidence'
  | CampaignActionType
  | 'PlanCampaign';

/**
 * The commands by the name of the action a clerk performs (the buttons and titles of the
 * workbench's action forms). Typed over the domain's action unions, so a new command without a
 * label does not compile.
 */
export const COMMAND_LABELS: LabelTable<UserCommand> = {
  StartAnalysis: { zh: '线索分析', en: 'Start the analysis' },
  DismissClue: { zh: '予以了结', en: 'Dismiss the clue' },
  StartVerification: { zh: '问题核实', en: 'Start the verification' },
  IssueSupervisionInstrument: { zh: '制发监督文书', en: 'Issue the supervision instrument' },
  IssueFollowUpInstrument: { zh: '再次制发监督文书', en: 'Issue a follow-up instrument' },
  SubmitRectificationPlan: { zh: '提交整改方案', en: 'Submit the rectification plan' },
  SubmitRectificationFeedback: { zh: '落实反馈', en: 'Submit the rectification feedback' },
  StartEvaluation: { zh: '开始评估', en: 'Start the evaluation' },
  EvaluateClue: { zh: '评估（销号 / 重新整改）', en: 'Evaluate (close out / reopen)' },
  CompleteClueLookBack: { zh: '回头看', en: 'Complete the look-back' },
  ProposeReferral: { zh: '移送建议', en: 'Propose a referral' },
  RaiseEscalation: { zh: '督办', en: 'Escalate' },
  DraftReferral: { zh: '拟移送', en: 'Draft a referral' },
  AssignRectificationItem: { zh: '下达整改事项', en: 'Assign a rectification item' },
  AttachEvidence: { zh: '上传证据材料', en: 'Attach evidence' },
  ApproveReferral: { zh: '审批', en: 'Approve' },
  SendReferral: { zh: '移送', en: 'Send' },
  RerouteReferral: { zh: '改送任免机关', en: 'Re-route to the appointing authority' },
  ReceiveReferral: { zh: '登记', en: 'Register receipt' },
  ForwardReferral: { zh: '转送', en: 'Forward' },
  ReturnReferral: { zh: '退回', en: 'Return' },
  AcceptReferral: { zh: '受理', en: 'Accept' },
  PartiallyAcceptReferral: { zh: '部分受理', en: 'Partially accept' },
  PartiallyReturnReferral: { zh: '部分退回', en: 'Partially return' },
  DecideDisposal: { zh: '决定处置方式', en: 'Decide the disposal' },
  ResumeShelved: { zh: '恢复初核', en: 'Resume the shelved referral' },
  RecordTalkOrInquiryHeld: { zh: '谈话或收到回复', en: 'Record the talk or the reply' },
  CompleteTalkOrInquiry: { zh: '谈话函询结果', en: 'Complete the talk or inquiry' },
  FileCase: { zh: '立案', en: 'File a case' },
  ConcludeVerification: { zh: '初核了结', en: 'Conclude the verification' },
  RecordOutcomes: { zh: '录入处理结果', en: 'Record the outcomes' },
  SendCarbonCopy: { zh: '抄送', en: 'Send a copy' },
  NameCaseHandlers: { zh: '指定承办人员（知悉范围）', en: 'Name the handlers' },
  CompleteOutcomes: { zh: '确认处理结果已齐备', en: 'Declare the outcomes complete' },
  RecordOrganisationalHandlingDone: { zh: '组织处理办理完毕', en: 'Record the organisational handling done' },
  FeedBackResult: { zh: '结果反馈', en: 'Feed back the result' },
  PublishTypicalCase: { zh: '典型案例通报', en: 'Publish a typical case' },
  CloseReferral: { zh: '办结', en: 'Close' },
  StartRectification: { zh: '开始整改', en: 'Start the rectification' },
  ReportRectification: { zh: '整改反馈', en: 'Report the rectification' },
  EvaluateRectification: { zh: '评估', en: 'Evaluate' },
  CloseItem: { zh: '销号', en: 'Close out' },
  ReopenItem: { zh: '重新整改', en: 'Reopen' },
  ScheduleLookBack: { zh: '安排回头看', en: 'Schedule the look-back' },
  CompleteLookBack: { zh: '回头看', en: 'Complete the look-back' },
  RequestDeadlineExtension: { zh: '申请延期', en: 'Request an extension' },
  ApproveDeadlineExtension: { zh: '批准延期', en: 'Approve the extension' },
  RefuseDeadlineExtension: { zh: '不予延期', en: 'Refuse the extension' },
  PauseDeadline: { zh: '中止期限', en: 'Pause the deadline' },
  ResumeDeadline: { zh: '恢复期限', en: 'Resume the deadline' },
  ConfirmEscalationRung: { zh: '确认督办', en: 'Confirm the proposed escalation' },
  WaiveEscalationRung: { zh: '不予督办', en: 'Waive the proposed escalation' },
  // 行政执法过错责任追究 / 行政错案问责 (issue 17).
  OpenAccountabilityCase: { zh: '追责问责立项', en: 'Open an accountability case' },
  StartAccountabilityInvestigation: { zh: '开始调查', en: 'Start the investigation' },
  DecideAccountability: { zh: '作出追责决定', en: 'Decide the accountability' },
  RecordAccountabilityExecuted: { zh: '执行完毕', en: 'Record the execution' },
  ArchiveAccountability: { zh: '归档', en: 'Archive' },
  WithdrawAccountability: { zh: '撤销立项（不予追究）', en: 'Withdraw (no accountability)' },
  // 法治督察 campaigns (issue 17).
  PlanCampaign: { zh: '制定督察方案', en: 'Plan a campaign' },
  StartCampaign: { zh: '督察组进驻', en: 'Start the inspection' },
  RecordCampaignFinding: { zh: '记录督察发现（形成线索）', en: 'Record a finding (opens a clue)' },
  IssueCampaignFeedback: { zh: '印发督察反馈意见', en: 'Issue the feedback opinion' },
  IssueCampaignCircular: { zh: '印发督察通报', en: 'Issue the inspection circular' },
  CloseCampaign: { zh: '督察办结', en: 'Close the campaign' },
};
