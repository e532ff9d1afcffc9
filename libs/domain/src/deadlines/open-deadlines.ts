import { Deadline } from '../calendar/deadline-policy';
import type { ClueState } from '../clue/clue.state';
import type { RectificationState } from '../rectification/rectification.state';
import type { ReferralState } from '../referral/referral.state';
import { LadderDeadline } from './escalation-ladder';

/** A deadline a case carries now, and the organisation that has to meet it. */
export interface OpenDeadline extends LadderDeadline {
  readonly responsibleOrgId: string;
}

/** A paused deadline (中止) runs no ladder until it resumes with its new due date. */
const open = (deadline: Deadline | undefined, responsibleOrgId: string | undefined): OpenDeadline[] =>
  deadline && responsibleOrgId && !deadline.paused
    ? [{ rule: deadline.rule, from: deadline.from, dueOn: deadline.dueOn, responsibleOrgId }]
    : [];

/** One deadline per rule (the ladder and the timer are per case and rule); the earliest wins. */
const byRule = (deadlines: readonly OpenDeadline[]): OpenDeadline[] => {
  const result = new Map<string, OpenDeadline>();
  for (const d of deadlines) {
    const seen = result.get(d.rule);
    if (!seen || d.dueOn < seen.dueOn) result.set(d.rule, d);
  }
  return [...result.values()];
};

/**
 * The clue's running deadlines, read from its state alone: any event that moves one (an
 * extension, a pause, a recomputed calendar) moves what this returns. The current step's
 * deadline is the office's (verification, look-back) or the agency's (instrument, plan, items);
 * the transfer deadline is the office's.
 */
export const openDeadlinesOfClue = (state: ClueState): OpenDeadline[] => {
  if (state.status === 'None' || state.status === 'Dismissed' || state.status === 'Archived') return [];
  const agencysStep = ['Supervision', 'Rectification'].includes(state.status);
  return byRule([
    ...open(state.deadline, agencysStep ? state.agency?.orgId : state.ownerOrgId),
    ...open(state.planDeadline, state.agency?.orgId),
    ...open(state.transferDeadline, state.ownerOrgId),
  ]);
};

/**
 * The referral's running deadline: the office's until sent, then the holder's (commission or
 * authority). Beside it, 组织处理 (问责条例 art. 9) runs until carried out, even past closure; the
 * holder answers for it: it decided the outcomes, or proposed them to the organisation department.
 */
export const openDeadlinesOfReferral = (state: ReferralState): OpenDeadline[] => {
  if (state.status === 'None') return [];
  const handling = open(state.organisationalHandlingDeadline, state.holder?.orgId);
  if (state.status === 'Closed') return handling;
  return byRule([
    ...open(state.transferDeadline, state.ownerOrgId),
    ...open(state.acceptanceDeadline, state.holder?.orgId),
    ...open(state.disposalDeadline, state.holder?.orgId),
    ...open(state.resultFeedbackDeadline, state.holder?.orgId),
    ...handling,
  ]);
};

/** The item's 整改时限 (the agency's) and, once closed, its 回头看 (the supervisor's). */
export const openDeadlinesOfRectification = (state: RectificationState): OpenDeadline[] => {
  if (state.status === 'None') return [];
  return byRule([...open(state.deadline, state.agencyOrgId), ...open(state.lookBackDue, state.supervisorOrgId)]);
};
