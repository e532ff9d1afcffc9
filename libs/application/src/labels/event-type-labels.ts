import {
  AccountabilityEvent,
  CampaignEvent,
  ClueEvent,
  EvidenceAttached,
  RectificationEvent,
  ReferralEvent,
} from '@xj/domain';
import { LabelTable } from './code-labels';

type EventType =
  | ClueEvent['type']
  | ReferralEvent['type']
  | RectificationEvent['type']
  | AccountabilityEvent['type']
  | EvidenceAttached['type']
  | CampaignEvent['type'];

/**
 * The stored event types by name, for timelines and audit views (the one-line descriptions of
 * each event are the describers' job, libs/application/src/audit). Typed over the three event
 * unions, so a new event type without a label does not compile.
 */
export const EVENT_TYPE_LABELS: LabelTable<EventType> = {
  ClueRegistered: { zh: '线索登记', en: 'Clue registered' },
  ClueHistoryImported: { zh: '历史补录', en: 'Imported from a legacy ledger' },
  RectificationHistoryImported: { zh: '整改历史补录', en: 'Rectification item imported from a legacy ledger' },
  EvidenceAttached: { zh: '上传证据材料', en: 'Evidence attached' },
  ClueAnalysisStarted: { zh: '开始线索分析', en: 'Analysis started' },
  ClueDismissed: { zh: '予以了结', en: 'Clue dismissed' },
  VerificationStarted: { zh: '启动问题核实', en: 'Verification started' },
  FollowUpInstrumentIssued: { zh: '再次发出监督文书', en: 'Follow-up instrument issued' },
  SupervisionInstrumentIssued: { zh: '发出监督文书', en: 'Supervision instrument issued' },
  RectificationPlanSubmitted: { zh: '提交整改方案', en: 'Rectification plan submitted' },
  RectificationFeedbackSubmitted: { zh: '提交整改落实反馈', en: 'Rectification feedback submitted' },
  ClueEvaluationStarted: { zh: '开始整改评估', en: 'Evaluation started' },
  ClueEvaluated: { zh: '整改评估', en: 'Rectification evaluated' },
  ClueClosed: { zh: '线索销号', en: 'Clue closed out' },
  ClueReopened: { zh: '要求重新整改', en: 'Rectification reopened' },
  ClueLookBackCompleted: { zh: '回头看完成', en: 'Look-back completed' },
  ReferralProposed: { zh: '提议移送', en: 'Referral proposed' },
  ClueReferralSent: { zh: '移送已发出', en: 'Referral sent (clue)' },
  AccountabilityCaseLinked: { zh: '关联追责问责案件', en: 'Accountability case linked (clue)' },
  EscalationRaised: { zh: '督办', en: 'Escalation raised' },
  CarbonCopySent: { zh: '抄送', en: 'Copy sent' },
  CaseHandlersNamed: { zh: '指定承办人员（知悉范围）', en: 'Handlers named' },
  ReferralDrafted: { zh: '拟制移送材料', en: 'Referral drafted' },
  ReferralApproved: { zh: '审批同意移送', en: 'Referral approved' },
  ReferralSent: { zh: '移送', en: 'Referral sent' },
  ReferralReceived: { zh: '登记收件', en: 'Referral received' },
  ReferralForwarded: { zh: '转送', en: 'Referral forwarded' },
  ReferralReturned: { zh: '退回', en: 'Referral returned' },
  ReferralRerouted: { zh: '改送', en: 'Referral re-routed' },
  ReferralAccepted: { zh: '受理', en: 'Referral accepted' },
  ReferralPartiallyAccepted: { zh: '部分受理', en: 'Referral partially accepted' },
  ForwardedReferralOpened: { zh: '转送移送立项', en: 'Forwarded referral opened' },
  ReferralPartiallyReturned: { zh: '部分退回', en: 'Referral partially returned' },
  ReturnedReferralOpened: { zh: '退回部分立项', en: 'Returned part opened' },
  DisposalDecided: { zh: '决定处置方式', en: 'Disposal decided' },
  ShelvedReferralResumed: { zh: '恢复初步核实', en: 'Shelved referral resumed' },
  TalkOrInquiryHeld: { zh: '谈话或函询回复', en: 'Talk held or reply received' },
  TalkOrInquiryCompleted: { zh: '完成谈话函询', en: 'Talk or inquiry completed' },
  CaseFiled: { zh: '立案', en: 'Case filed' },
  VerificationConcluded: { zh: '初核了结', en: 'Verification concluded' },
  OutcomesRecorded: { zh: '作出处理', en: 'Outcomes recorded' },
  OutcomesAdded: { zh: '录入处理结果', en: 'Outcomes added' },
  OutcomesCompleted: { zh: '处理结果已齐备', en: 'Outcomes declared complete' },
  OrganisationalHandlingCarriedOut: { zh: '组织处理办理完毕', en: 'Organisational handling carried out' },
  ResultFedBack: { zh: '反馈处理结果', en: 'Result fed back' },
  TypicalCasePublished: { zh: '通报典型案例', en: 'Typical case published' },
  ClueTypicalCasePublished: { zh: '通报典型案例（法治建设办）', en: 'Typical case published by the office' },
  ReferralClosed: { zh: '办结', en: 'Referral closed' },
  RectificationItemAssigned: { zh: '下达整改事项', en: 'Rectification item assigned' },
  RectificationStarted: { zh: '开始整改', en: 'Rectification started' },
  RectificationReported: { zh: '反馈整改情况', en: 'Rectification reported' },
  RectificationEvaluated: { zh: '整改评估', en: 'Rectification evaluated' },
  ItemClosed: { zh: '整改事项销号', en: 'Item closed out' },
  LookBackScheduled: { zh: '安排回头看', en: 'Look-back scheduled' },
  LookBackCompleted: { zh: '回头看完成', en: 'Look-back completed' },
  RectificationReopened: { zh: '重新整改', en: 'Rectification reopened' },
  // 延期申请 and 中止/恢复, on any case (issue 15 §2).
  DeadlineExtensionRequested: { zh: '申请延期', en: 'Extension requested' },
  DeadlineExtensionApproved: { zh: '批准延期', en: 'Extension approved' },
  DeadlineExtensionRefused: { zh: '不予延期', en: 'Extension refused' },
  DeadlinePaused: { zh: '期限中止', en: 'Deadline paused' },
  DeadlineResumed: { zh: '期限恢复', en: 'Deadline resumed' },
  // The 督办 ladder (issue 15 §2).
  DeadlineApproaching: { zh: '期限临近提醒', en: 'Deadline approaching' },
  DeadlineMissed: { zh: '逾期', en: 'Deadline missed' },
  DeadlineUrged: { zh: '催办', en: 'Deadline urged' },
  EscalationRungProposed: { zh: '提请督办', en: 'Escalation rung proposed' },
  EscalationRungConfirmed: { zh: '确认督办', en: 'Escalation rung confirmed' },
  EscalationRungWaived: { zh: '不予督办', en: 'Escalation rung waived' },
  DeadlineCircularIssued: { zh: '逾期通报', en: 'Overdue circular issued' },
  // A year's holiday table arrived (issue 15 §4).
  DeadlineRecomputed: { zh: '期限重新计算', en: 'Deadline recomputed' },
  // 行政执法过错责任追究 / 行政错案问责 (issue 17).
  AccountabilityCaseOpened: { zh: '追责问责立项', en: 'Accountability case opened' },
  AccountabilityInvestigationStarted: { zh: '开始调查', en: 'Investigation started' },
  AccountabilityDecided: { zh: '作出追责决定', en: 'Accountability decided' },
  AccountabilityExecuted: { zh: '追责决定执行完毕', en: 'Accountability executed' },
  AccountabilityArchived: { zh: '追责问责案件归档', en: 'Accountability case archived' },
  AccountabilityWithdrawn: { zh: '撤销立项（不予追究）', en: 'Accountability case withdrawn' },
  // 法治督察 campaigns (issue 17).
  CampaignPlanned: { zh: '制定督察方案', en: 'Campaign planned' },
  CampaignStarted: { zh: '督察组进驻', en: 'Inspection started' },
  CampaignFindingRecorded: { zh: '记录督察发现', en: 'Finding recorded' },
  CampaignFeedbackIssued: { zh: '印发督察反馈意见', en: 'Feedback opinion issued' },
  CampaignCircularIssued: { zh: '印发督察通报', en: 'Inspection circular issued' },
  CampaignClosed: { zh: '督察办结', en: 'Campaign closed' },
};
