import { Audience, CaseKind } from '@xj/domain';

/**
 * What a sender may send: a delivery's stable id (receivers dedupe on it), what happened (the event
 * kind and the deadline rule), to which case (its kind and number), when, and to whom. Never what the
 * case says: leaking case information is itself one of the seven situations (DOMAIN.md §9.7).
 */
export interface OutboundMessage {
  readonly deliveryId: string;
  readonly notificationId: string;
  readonly kind: string;
  readonly deadlineRule?: string;
  readonly caseKind: CaseKind;
  readonly caseId: string;
  readonly at: string;
  readonly audience: Audience;
}

/** A channel the outbox delivers through (webhook, DingTalk or WeCom robot, SMTP). */
export interface NotificationSender {
  /** Stable name of the channel, part of each delivery's id. */
  readonly channel: string;
  /** Resolves once the receiver accepted the message; rejects with a short reason (no message content). */
  send(message: OutboundMessage): Promise<void>;
}

/** DI token for the configured senders (an array; empty when none is configured). */
export const NOTIFICATION_SENDERS = Symbol('NOTIFICATION_SENDERS');

const KIND_LABELS: Readonly<Record<string, string>> = {
  DeadlineApproaching: '期限提醒',
  DeadlineMissed: '已逾期',
  DeadlineUrged: '催办',
  EscalationRungProposed: '拟督办',
  DeadlineCircularIssued: '通报',
  EscalationRaised: '督办',
  SupervisionInstrumentIssued: '监督文书送达',
  RectificationPlanSubmitted: '整改方案已提交',
  RectificationFeedbackSubmitted: '整改情况已反馈',
  ClueEvaluated: '整改已评估',
  ClueReopened: '重新整改',
  ReferralSent: '收到移送',
  ReferralRerouted: '收到移送',
  ReferralForwarded: '收到转送',
  ForwardedReferralOpened: '收到转送',
  ReferralReturned: '移送被退回',
  ReferralAccepted: '移送已受理',
  ReferralPartiallyAccepted: '移送已部分受理',
  ReferralPartiallyReturned: '移送已部分退回',
  ResultFedBack: '处理结果已反馈',
  RectificationItemAssigned: '整改事项已下达',
  RectificationReported: '整改情况已反馈',
  RectificationEvaluated: '整改已评估',
  RectificationReopened: '重新整改',
};

const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  clue: '问题线索',
  referral: '移送',
  rectification: '整改事项',
  accountability: '追责问责案件',
  campaign: '法治督察',
};

/** The one line every channel shows: the kind, the case number, the deadline rule; nothing of the case. */
export const messageText = (m: OutboundMessage): string =>
  `【行纪衔接】${KIND_LABELS[m.kind] ?? m.kind}：${CASE_KIND_LABELS[m.caseKind]} ${m.caseId}` +
  (m.deadlineRule === undefined ? '' : `（${m.deadlineRule}）`);

/** The body of the generic webhook: the message as JSON, with the line for people. */
export const messageJson = (m: OutboundMessage): Readonly<Record<string, unknown>> => ({
  deliveryId: m.deliveryId,
  notificationId: m.notificationId,
  kind: m.kind,
  ...(m.deadlineRule === undefined ? {} : { deadlineRule: m.deadlineRule }),
  caseKind: m.caseKind,
  caseId: m.caseId,
  at: m.at,
  audience: m.audience,
  text: messageText(m),
});
