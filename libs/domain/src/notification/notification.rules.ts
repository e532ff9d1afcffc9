import { historyEntryVisible } from '../access/case-visibility';
import type { DeadlineRule } from '../calendar/deadline-policy';
import { DEADLINE_RULES } from '../calendar/deadline-policy';
import type { Position, Role } from '../shared/actor';
import type { CaseEventLike, CaseParties, OrgParty } from './case-parties';

/**
 * 通知 — who is told of a case event. A notification is addressed to an audience (an organisation,
 * the role it acts in, and optionally a position), never to a named person: it is resolved against
 * the reader at read time, so no user directory is needed to decide it (issue 15 §3).
 */
export interface Audience {
  readonly orgId: string;
  /** Absent where the case names the organisation but not its role (a forwarded referral's holder): any role of it. */
  readonly role?: Role;
  /** `Head` for what the head signs or answers for (负责人); absent: everyone of the organisation. */
  readonly position?: Position;
}

/** Which party of a case answers for something. */
export type Party = 'supervisor' | 'supervisorHead' | 'agencyHead' | 'holder' | 'target';

const head = (party: OrgParty | undefined): Audience | undefined =>
  party === undefined ? undefined : { ...party, position: 'Head' };

const audienceOf = (party: Party, p: CaseParties): Audience | undefined => {
  switch (party) {
    case 'supervisor':
      return p.supervisor;
    case 'supervisorHead':
      return head(p.supervisor);
    case 'agencyHead':
      return p.agencyOrgId === undefined
        ? undefined
        : { orgId: p.agencyOrgId, role: 'EnforcementAgency', position: 'Head' };
    case 'holder':
      return p.holder;
    case 'target':
      return p.target;
    default: {
      const _exhaustive: never = party;
      return undefined;
    }
  }
};

/**
 * Who must act on each deadline of the catalogue (DOMAIN.md §4.5): the office for its own analysis,
 * transfer and look-back, the referral's holder for acceptance, disposal and feedback, the agency's
 * head for the correction and rectification periods of an instrument.
 */
export const DEADLINE_RESPONSIBLE: Readonly<Record<DeadlineRule, Party>> = {
  ClueVerification: 'supervisor',
  TransferAfterConditionsMet: 'supervisor',
  CommissionAcceptance: 'holder',
  DisposalProposal: 'holder',
  TalkOrInquiryStart: 'holder',
  TalkOrInquiryConclusion: 'holder',
  PreliminaryVerification: 'holder',
  ResultFeedback: 'holder',
  SupervisionOpinionCorrection: 'agencyHead',
  SupervisionDecisionExecution: 'agencyHead',
  ReconsiderationOpinionCorrection: 'agencyHead',
  InspectionFeedbackRectification: 'agencyHead',
  CaseReviewFeedbackRectification: 'agencyHead',
  RectificationPlan: 'agencyHead',
  OrganisationalHandling: 'holder',
  LookBack: 'supervisor',
};

/** The deadline rule an event names (`rule`, or `deadline.rule`), when it names one of the catalogue. */
export const deadlineRuleOf = (data: unknown): DeadlineRule | undefined => {
  const record = (data ?? {}) as { readonly rule?: unknown; readonly deadline?: { readonly rule?: unknown } };
  const rule = record.rule ?? record.deadline?.rule;
  return (DEADLINE_RULES as readonly unknown[]).includes(rule) ? (rule as DeadlineRule) : undefined;
};

/** One rule of the table: the parties an event tells, given the case after it. */
type Rule = (data: unknown, parties: CaseParties) => readonly (Audience | undefined)[];

const tell =
  (...parties: readonly Party[]): Rule =>
  (_data, p) =>
    parties.map((party) => audienceOf(party, p));

/** The party answering for the deadline the event names (and, with `also`, others). */
const responsibleFor =
  (...also: readonly Party[]): Rule =>
  (data, p) => {
    const rule = deadlineRuleOf(data);
    return [
      ...(rule === undefined ? [] : [audienceOf(DEADLINE_RESPONSIBLE[rule], p)]),
      ...also.map((a) => audienceOf(a, p)),
    ];
  };

/** 督办 is aimed at an organisation: its head is told (DOMAIN.md §4.4). */
const escalationTarget: Rule = (data) => {
  const target = (data as { readonly targetOrgId?: unknown }).targetOrgId;
  return typeof target === 'string' ? [{ orgId: target, position: 'Head' }] : [];
};

/**
 * Event type → audience: the one table (issue 15 §3). A type that is not here tells nobody. The
 * deadline events of the timers (提醒 DeadlineApproaching, 逾期 DeadlineMissed, the ladder's rungs)
 * name their deadline rule, and tell whoever answers for it (DEADLINE_RESPONSIBLE).
 */
export const NOTIFICATION_RULES: Readonly<Record<string, Rule>> = {
  // Clue (问题线索): the agency learns of its clue from the instrument on (C6), the office of the agency's answers.
  SupervisionInstrumentIssued: tell('agencyHead'),
  FollowUpInstrumentIssued: tell('agencyHead'),
  RectificationPlanSubmitted: tell('supervisor'),
  RectificationFeedbackSubmitted: tell('supervisor'),
  ClueEvaluated: tell('agencyHead'),
  ClueReopened: tell('agencyHead'),
  // Referral (移送): the commission's intake (受理) when a referral reaches it; the office when it is answered.
  ReferralSent: tell('target'),
  ReferralRerouted: tell('target'),
  ReferralForwarded: tell('holder'),
  ForwardedReferralOpened: tell('holder'),
  ReferralReturned: tell('supervisor'),
  ReferralAccepted: tell('supervisor'),
  ReferralPartiallyAccepted: tell('supervisor'),
  ResultFedBack: tell('supervisor'),
  // Rectification item (整改事项): the agency's head answers for it, the supervising office reviews its reports.
  RectificationItemAssigned: tell('agencyHead'),
  RectificationReported: tell('supervisor'),
  RectificationEvaluated: tell('agencyHead'),
  RectificationReopened: tell('agencyHead'),
  // 督办 on any case.
  EscalationRaised: escalationTarget,
  // Deadlines (issue 15 §2, the 督办 ladder): 提醒, 逾期, 催办 to whoever answers for the deadline;
  // a proposed 函询 / 约谈 / 挂牌督办 (EscalationRungProposed) to the supervising head who confirms or
  // waives it (a confirmed one is also an EscalationRaised, which tells its target); 通报 to both.
  DeadlineApproaching: responsibleFor(),
  DeadlineMissed: responsibleFor(),
  DeadlineUrged: responsibleFor(),
  EscalationRungProposed: responsibleFor('supervisorHead'),
  DeadlineCircularIssued: responsibleFor('supervisorHead'),
};

/** One notification an event gives rise to. */
export interface NotificationIntent {
  readonly audience: Audience;
  /** The event type: what happened (提醒, 逾期, a referral received…), never what the case says. */
  readonly kind: string;
  /** The deadline the event is about, when it names one. */
  readonly deadlineRule?: DeadlineRule;
}

export const audienceKey = (a: Audience): string => [a.orgId, a.role ?? '*', a.position ?? '*'].join('|');

/**
 * Whom a case event tells, given the case's parties after it. An audience whose role reads a
 * field-restricted view of the case that leaves the event out (an agency and a referral proposed
 * on its clue) is dropped: a notification never says more than the case's history would show its
 * reader (libs/domain/src/access). Duplicates (the same organisation reached twice) are told once.
 */
export const notificationsFor = (event: CaseEventLike, parties: CaseParties): readonly NotificationIntent[] => {
  const rule = NOTIFICATION_RULES[event.type];
  if (rule === undefined) return [];
  const seen = new Set<string>();
  const deadlineRule = deadlineRuleOf(event.data);
  const intents: NotificationIntent[] = [];
  for (const audience of rule(event.data, parties)) {
    if (audience === undefined || audience.orgId === '') continue;
    const k = audienceKey(audience);
    if (seen.has(k) || !eventShownTo(audience, parties, event)) continue;
    seen.add(k);
    intents.push({ audience, kind: event.type, ...(deadlineRule === undefined ? {} : { deadlineRule }) });
  }
  return intents;
};

const eventShownTo = (audience: Audience, parties: CaseParties, event: CaseEventLike): boolean =>
  audience.role === undefined ||
  historyEntryVisible(
    { userId: '', role: audience.role, position: audience.position ?? 'Staff', orgId: audience.orgId, regionId: '' },
    parties.kind,
    event,
  );

/** Whether a reader belongs to the audience (the read side's check, also as a query filter). */
export const inAudience = (
  reader: { readonly orgId: string; readonly role: Role; readonly position: Position },
  audience: Audience,
): boolean =>
  reader.orgId === audience.orgId &&
  (audience.role === undefined || audience.role === reader.role) &&
  (audience.position === undefined || audience.position === reader.position);
