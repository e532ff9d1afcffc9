import { DeadlineChangeEvent, DeadlineRule } from '@xj/domain';
import { DescriberTable, orgOf } from './event-description';

/** 期限 names for the history lines (DOMAIN.md §4.5). */
export const DEADLINE_RULE_LABELS: Readonly<Record<DeadlineRule, { readonly zh: string; readonly en: string }>> = {
  ClueVerification: { zh: '初核期限', en: 'verification period' },
  TransferAfterConditionsMet: { zh: '移送期限', en: 'transfer period' },
  CommissionAcceptance: { zh: '受理期限', en: 'acceptance period' },
  DisposalProposal: { zh: '处置建议期限', en: 'disposal proposal period' },
  TalkOrInquiryStart: { zh: '谈话函询启动期限', en: 'period to start the talk or inquiry' },
  TalkOrInquiryConclusion: { zh: '谈话函询办结期限', en: 'period to conclude the talk or inquiry' },
  PreliminaryVerification: { zh: '初步核实期限', en: 'preliminary verification period' },
  ResultFeedback: { zh: '结果反馈期限', en: 'result feedback period' },
  SupervisionOpinionCorrection: { zh: '监督意见纠正期限', en: 'correction period of the supervision opinion' },
  SupervisionDecisionExecution: { zh: '监督决定执行期限', en: 'execution period of the supervision decision' },
  ReconsiderationOpinionCorrection: {
    zh: '复议意见纠正期限',
    en: 'correction period of the reconsideration opinion',
  },
  InspectionFeedbackRectification: { zh: '整改时限', en: 'rectification period' },
  CaseReviewFeedbackRectification: { zh: '案卷评查整改时限', en: 'rectification period of the case review' },
  RectificationPlan: { zh: '整改方案提交期限', en: 'period to submit the rectification plan' },
  OrganisationalHandling: { zh: '组织处理期限', en: 'period of the organisational handling' },
  LookBack: { zh: '回头看期限', en: 'look-back date' },
};

const label = (rule: DeadlineRule) => DEADLINE_RULE_LABELS[rule] ?? { zh: rule, en: rule };

/**
 * 延期申请 and 中止/恢复 lines, the same on every case stream. Reasons stay out of the line (they are
 * free text and may name persons); the payload carries them for those who may read it.
 */
export const DEADLINE_CHANGE_DESCRIBERS: DescriberTable<DeadlineChangeEvent> = {
  DeadlineExtensionRequested: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 申请延长${label(d.rule).zh}：${d.dueOn} 延至 ${d.proposedDueOn}（申请 ${d.requestId}）`,
    en: `${orgOf(ctx, d.by.orgId).en} requested an extension of the ${label(d.rule).en} from ${d.dueOn} to ${d.proposedDueOn} (request ${d.requestId})`,
  }),
  DeadlineExtensionApproved: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 批准延期申请 ${d.requestId}：${label(d.rule).zh}由 ${d.previousDueOn} 延至 ${d.deadline.dueOn}`,
    en: `${orgOf(ctx, d.by.orgId).en} approved extension request ${d.requestId}: the ${label(d.rule).en} moves from ${d.previousDueOn} to ${d.deadline.dueOn}`,
  }),
  DeadlineExtensionRefused: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 不予批准延期申请 ${d.requestId}（${label(d.rule).zh}）`,
    en: `${orgOf(ctx, d.by.orgId).en} refused extension request ${d.requestId} (${label(d.rule).en})`,
  }),
  DeadlinePaused: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 中止${label(d.rule).zh}（原定 ${d.previousDueOn}，剩余 ${d.remainingWorkingDays} 个工作日）`,
    en: `${orgOf(ctx, d.by.orgId).en} paused the ${label(d.rule).en} (due ${d.previousDueOn}, ${d.remainingWorkingDays} working days left)`,
  }),
  DeadlineResumed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 恢复${label(d.rule).zh}，期限至 ${d.deadline.dueOn}`,
    en: `${orgOf(ctx, d.by.orgId).en} resumed the ${label(d.rule).en}, now due ${d.deadline.dueOn}`,
  }),
};
