import { DEADLINE_ALARM_DESCRIBERS } from './deadline-alarm.describers';
import { RectificationEvent, RectificationMode } from '@xj/domain';
import { DEADLINE_CHANGE_DESCRIBERS } from './deadline-change.describers';
import {
  DescriberTable,
  describeDeadlineRecomputed,
  describeEscalation,
  dueEn,
  dueZh,
  methodEn,
  methodZh,
  orgOf,
  passEn,
  passZh,
  plural,
} from './event-description';
import { labelOf } from '../labels/label-catalogue';

const MODE_EN: Readonly<Record<RectificationMode, string>> = {
  Immediate: 'immediate',
  Deadline: 'by a deadline',
  LongTerm: 'long-term',
};

/** The 业务日期 of an act entered after the day it happened (issue 17 item 7); nothing for one entered on its day. */
const onZh = (d: { readonly occurredOn?: string }): string =>
  d.occurredOn !== undefined ? `（业务日期 ${d.occurredOn}）` : '';
const onEn = (d: { readonly occurredOn?: string }): string =>
  d.occurredOn !== undefined ? ` (business date ${d.occurredOn})` : '';

/**
 * The rectification item stream's events (DOMAIN.md §4.3). The owner and the responsible person
 * are persons: they are never part of a description.
 */
export const RECTIFICATION_DESCRIBERS: DescriberTable<RectificationEvent> = {
  RectificationItemAssigned: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 向 ${orgOf(ctx, d.agencyOrgId).zh} 下达整改事项（线索 ${d.clueId}；${labelOf('rectificationMode', d.mode, 'zh')}）${dueZh(d.deadline)}${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en} assigned a rectification item of clue ${d.clueId} to ${orgOf(ctx, d.agencyOrgId).en} (${MODE_EN[d.mode] ?? d.mode})${dueEn(d.deadline)}${onEn(d)}`,
  }),
  RectificationHistoryImported: (d, ctx) => {
    const ev = d.evaluation;
    const lb = d.lookBack;
    const zh = [
      `原整改台账编号 ${d.ledgerRow.ledgerNo}，第 ${d.ledgerRow.row} 行`,
      `下达日期 ${d.assignedOn}`,
      `整改进展：${labelOf('rectificationStatus', d.status, 'zh')}`,
      ...(ev ? [`评估${passZh(ev.result)}（${methodZh(ev.method)}，${ev.on}）`] : []),
      ...(d.closedOn ? [`销号 ${d.closedOn}`] : []),
      ...(lb ? [`回头看${passZh(lb.result)}（${methodZh(lb.method)}，${lb.on}）`] : []),
    ];
    const en = [
      `ledger no. ${d.ledgerRow.ledgerNo}, row ${d.ledgerRow.row}`,
      `assigned on ${d.assignedOn}`,
      `status: ${d.status}`,
      ...(ev ? [`evaluation ${passEn(ev.result)} (${methodEn(ev.method)}, ${ev.on})`] : []),
      ...(d.closedOn ? [`closed out on ${d.closedOn}`] : []),
      ...(lb ? [`look-back ${passEn(lb.result)} (${methodEn(lb.method)}, ${lb.on})`] : []),
    ];
    return {
      zh: `${orgOf(ctx, d.by.orgId).zh} 历史补录（${zh.join('；')}）`,
      en: `${orgOf(ctx, d.by.orgId).en} imported the item from a legacy ledger (${en.join('; ')})`,
    };
  },
  RectificationStarted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 开始整改${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en} started the rectification${onEn(d)}`,
  }),
  RectificationReported: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 第 ${d.reportNo} 次反馈整改情况（证据 ${d.evidence.length} 份）${d.late ? '（逾期）' : ''}${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en} reported on the rectification, report ${d.reportNo} (${plural(d.evidence.length, 'piece')} of evidence)${d.late ? ' (late)' : ''}${onEn(d)}`,
  }),
  RectificationEvaluated: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 第 ${d.evaluationNo} 次评估：${passZh(d.result)}（${methodZh(d.method)}）${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en}: evaluation ${d.evaluationNo} ${passEn(d.result)} (${methodEn(d.method)})${onEn(d)}`,
  }),
  ItemClosed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 予以销号${d.longTerm ? '（转入长期坚持）' : ''}${dueZh(d.lookBackDue, '回头看期限')}${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en} closed the item out${d.longTerm ? ' (long-term maintenance)' : ''}${dueEn(d.lookBackDue, 'look-back due')}${onEn(d)}`,
  }),
  LookBackScheduled: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 安排回头看（${d.lookBackDue.dueOn}）${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en} scheduled the look-back for ${d.lookBackDue.dueOn}${onEn(d)}`,
  }),
  LookBackCompleted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 回头看${passZh(d.result)}（${methodZh(d.method)}）${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en}: the look-back ${passEn(d.result)} (${methodEn(d.method)})${onEn(d)}`,
  }),
  RectificationReopened: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 第 ${d.reopenNo} 次要求重新整改（${d.cause === 'LookBackFailed' ? '回头看未通过' : '评估未通过'}，问题 ${d.reasons.length} 项）${dueZh(d.deadline)}${onZh(d)}`,
    en: `${orgOf(ctx, d.by.orgId).en} reopened the item, reopening ${d.reopenNo} (${d.cause === 'LookBackFailed' ? 'look-back' : 'evaluation'} failed, ${plural(d.reasons.length, 'reason')})${dueEn(d.deadline)}${onEn(d)}`,
  }),
  EscalationRaised: describeEscalation,
  ...DEADLINE_CHANGE_DESCRIBERS,
  ...DEADLINE_ALARM_DESCRIBERS,
  DeadlineRecomputed: describeDeadlineRecomputed,
};
