import { DeadlineAlarmEvent, ProposedEscalation } from '@xj/domain';
import { DescriberTable, orgOf } from './event-description';

const PROPOSAL_ZH: Readonly<Record<ProposedEscalation, string>> = {
  InquiryLetter: '函询',
  Interview: '约谈',
  ListedSupervision: '挂牌督办',
};
const PROPOSAL_EN: Readonly<Record<ProposedEscalation, string>> = {
  InquiryLetter: 'an inquiry letter',
  Interview: 'an interview',
  ListedSupervision: 'listed supervision',
};

/** The 督办 ladder's events, the same on the three aggregates (DOMAIN.md principle 8). */
export const DEADLINE_ALARM_DESCRIBERS: DescriberTable<DeadlineAlarmEvent> = {
  DeadlineApproaching: (d, ctx) => ({
    zh: `提醒：${orgOf(ctx, d.responsibleOrgId).zh} 的期限（${d.rule}）${d.dueOn} 届满，还有 ${d.workingDaysLeft} 个工作日`,
    en: `Reminder: ${orgOf(ctx, d.responsibleOrgId).en}'s deadline (${d.rule}) falls due on ${d.dueOn}, ${d.workingDaysLeft} working day(s) left`,
  }),
  DeadlineMissed: (d, ctx) => ({
    zh: `逾期：${orgOf(ctx, d.responsibleOrgId).zh} 的期限（${d.rule}）已于 ${d.dueOn} 届满`,
    en: `Overdue: ${orgOf(ctx, d.responsibleOrgId).en} missed the deadline (${d.rule}) of ${d.dueOn}`,
  }),
  DeadlineUrged: (d, ctx) => ({
    zh: `催办：${orgOf(ctx, d.responsibleOrgId).zh}（${d.rule}，逾期 ${d.workingDaysOverdue} 个工作日）`,
    en: `Urged ${orgOf(ctx, d.responsibleOrgId).en} (${d.rule}, ${d.workingDaysOverdue} working days overdue)`,
  }),
  EscalationRungProposed: (d, ctx) => ({
    zh: `拟对 ${orgOf(ctx, d.responsibleOrgId).zh} ${PROPOSAL_ZH[d.escalationType]}（${d.rule}，逾期 ${d.workingDaysOverdue} 个工作日），待负责人确认`,
    en: `Proposed ${PROPOSAL_EN[d.escalationType]} for ${orgOf(ctx, d.responsibleOrgId).en} (${d.rule}, ${d.workingDaysOverdue} working days overdue), awaiting the head`,
  }),
  EscalationRungConfirmed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 负责人确认${PROPOSAL_ZH[d.escalationType]}（${d.rule}）`,
    en: `${orgOf(ctx, d.by.orgId).en}'s head confirmed ${PROPOSAL_EN[d.escalationType]} (${d.rule})`,
  }),
  EscalationRungWaived: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 负责人决定不予${PROPOSAL_ZH[d.escalationType]}（${d.rule}）`,
    en: `${orgOf(ctx, d.by.orgId).en}'s head waived ${PROPOSAL_EN[d.escalationType]} (${d.rule})`,
  }),
  DeadlineCircularIssued: (d, ctx) => ({
    zh: `通报：${orgOf(ctx, d.responsibleOrgId).zh}（${d.rule}，逾期 ${d.workingDaysOverdue} 个工作日）`,
    en: `Circulated: ${orgOf(ctx, d.responsibleOrgId).en} (${d.rule}, ${d.workingDaysOverdue} working days overdue)`,
  }),
};
