import { BusinessCalendar } from './business-calendar';
import type { DeadlineChangeMarks } from '../deadline-change/deadline-change.types';
import { LocalDate, addDays, addMonths } from '../shared/time';

/** The deadlines of DOMAIN.md §4.5. Every one is configurable; these are the defaults. */
export const DEADLINE_RULES = [
  'ClueVerification',
  'TransferAfterConditionsMet',
  'CommissionAcceptance',
  'DisposalProposal',
  'TalkOrInquiryStart',
  'TalkOrInquiryConclusion',
  'PreliminaryVerification',
  'ResultFeedback',
  'SupervisionOpinionCorrection',
  'SupervisionDecisionExecution',
  'ReconsiderationOpinionCorrection',
  'InspectionFeedbackRectification',
  'CaseReviewFeedbackRectification',
  'RectificationPlan',
  'OrganisationalHandling',
  'LookBack',
] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

export type DeadlineUnit = 'WorkingDays' | 'Days' | 'Months';

export interface DeadlineSpec {
  readonly amount: number;
  readonly unit: DeadlineUnit;
  /** Where the number comes from, for auditors (DOMAIN.md tags: [S] source, [S2] secondary, [I] inference). */
  readonly basis: string;
}

export type DeadlinePolicy = Readonly<Record<DeadlineRule, DeadlineSpec>>;

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  ClueVerification: { amount: 15, unit: 'WorkingDays', basis: '[S2] 西乡: 初核一般15个工作日 (analogue)' },
  TransferAfterConditionsMet: {
    amount: 15,
    unit: 'WorkingDays',
    basis: '[S] seed 004 "第一时间"; [S2] 保山, 宾川: 15 working days',
  },
  CommissionAcceptance: {
    amount: 5,
    unit: 'WorkingDays',
    basis: '[S] 监察法实施条例 arts. 169, 171; [S2] 检举控告工作规则 art. 16',
  },
  DisposalProposal: { amount: 7, unit: 'Days', basis: '[S2] 大理: proposal within one week' },
  TalkOrInquiryStart: { amount: 5, unit: 'WorkingDays', basis: '[S2] 西乡: start within 5 working days of approval' },
  TalkOrInquiryConclusion: {
    amount: 30,
    unit: 'Days',
    basis: '[S2] 西乡: conclude within 30 days of the talk or reply',
  },
  PreliminaryVerification: { amount: 15, unit: 'WorkingDays', basis: '[S2] 西乡: 初步核实一般15个工作日' },
  ResultFeedback: { amount: 10, unit: 'WorkingDays', basis: '[S] 重庆市行政执法监督条例 art. 20' },
  SupervisionOpinionCorrection: { amount: 30, unit: 'Days', basis: '[S] 山东省行政执法监督条例 art. 28' },
  SupervisionDecisionExecution: { amount: 30, unit: 'Days', basis: '[S] 山东省行政执法监督条例 art. 29' },
  ReconsiderationOpinionCorrection: { amount: 60, unit: 'Days', basis: '[S] 行政复议法 (2023) art. 76' },
  InspectionFeedbackRectification: { amount: 30, unit: 'Days', basis: '[I] by analogy with 山东 art. 28' },
  CaseReviewFeedbackRectification: { amount: 30, unit: 'Days', basis: '[I] by analogy with 山东 art. 28' },
  RectificationPlan: { amount: 10, unit: 'WorkingDays', basis: '[I] DOMAIN.md C7' },
  OrganisationalHandling: { amount: 1, unit: 'Months', basis: '[S2] 中国共产党问责条例 art. 9' },
  LookBack: { amount: 3, unit: 'Months', basis: '[I] 3–6 months after closure; 蓬江 says 适时' },
};

/**
 * A computed deadline, recorded on the event that starts it so auditors can see how it was reached.
 * An extended or paused one also carries its change marks (延期 / 中止, see deadline-change).
 */
export interface Deadline extends DeadlineChangeMarks {
  readonly rule: DeadlineRule;
  readonly from: LocalDate;
  readonly amount: number;
  readonly unit: DeadlineUnit;
  readonly dueOn: LocalDate;
}

/**
 * Computes a due date. Working-day periods count working days after `from`. Calendar periods
 * (days, months) that end on a rest day move to the next working day, as periods do under the
 * procedural rule that 行政复议法 art. 88 borrows from the 民事诉讼法 (期间届满的最后一日是法定休假日的，
 * 以法定休假日后的第一日为期间届满的日期). Every due date is therefore a working day.
 */
export const computeDeadline = (
  rule: DeadlineRule,
  from: LocalDate,
  policy: DeadlinePolicy,
  calendar: BusinessCalendar,
): Deadline => {
  const spec = policy[rule];
  return { rule, from, amount: spec.amount, unit: spec.unit, dueOn: dueDate(spec, from, calendar) };
};

/** A deadline with an explicit due date chosen by the user (e.g. a reopened rectification). */
export const explicitDeadline = (
  rule: DeadlineRule,
  from: LocalDate,
  dueOn: LocalDate,
  calendar: BusinessCalendar,
): Deadline => ({
  rule,
  from,
  amount: 0,
  unit: 'Days',
  dueOn: calendar.onOrNextWorkingDay(dueOn),
});

const dueDate = (spec: DeadlineSpec, from: LocalDate, calendar: BusinessCalendar): LocalDate => {
  switch (spec.unit) {
    case 'WorkingDays':
      return calendar.addWorkingDays(from, spec.amount);
    case 'Days':
      return calendar.onOrNextWorkingDay(addDays(from, spec.amount));
    case 'Months':
      return calendar.onOrNextWorkingDay(addMonths(from, spec.amount));
  }
};

/** Overdue once the due date has passed (the due date itself is still in time); a paused deadline never is. */
export const isOverdue = (deadline: Pick<Deadline, 'dueOn' | 'paused'> | undefined, today: LocalDate): boolean =>
  deadline !== undefined && deadline.paused === undefined && today > deadline.dueOn;
