import { computeDeadline, Deadline } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { Decision } from '../shared/decider';
import { DomainError, isDomainError, validation } from '../shared/domain-error';
import { eventBase } from '../shared/messages';
import { localDateOf } from '../shared/time';
import { firstError, requireOneOf, requireText } from '../shared/validate';
import { requiresOrganisationalHandling } from './outcomes';
import { deadlineFrom, requireExisting } from './referral.authorize';
import { CompleteOutcomes, RecordOutcomes } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { DecidedOutcome, DecidedOutcomeEntry, DECIDING_BODY_KINDS } from './referral.model';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import { ExistingReferral, ReferralState } from './referral.state';
import { requireBoolean, resolveOutcomes, validateOutcomeEntries } from './referral.validate';
import { holderBody } from './subject-outcomes';

/**
 * R11 → R12: outcomes accumulate per subject until the holder declares them complete, and only
 * then is the result fed back (issue 17 §5).
 *
 * "Complete" is the holder's declaration that handling is finished: 重庆 art. 20 counts the 10
 * working days of feedback from 处理完毕, and only the holder knows whether another body still
 * decides — a 组织处理 is decided by the party committee / 组织部 on the commission's proposal
 * within a month (DOMAIN.md §7; [S2] 问责条例 art. 9), after the subject already has a 政务处分, so
 * "every subject has one" would feed back too early. Most handling ends in one recording, so a
 * recording is complete unless it says `complete: false`; CompleteOutcomes closes an open list.
 */

const validateDecidedBy = (entries: readonly DecidedOutcomeEntry[]): DomainError | undefined =>
  firstError(
    ...entries.map((entry, i) => {
      const decidedBy: unknown = entry.decidedBy;
      if (decidedBy === undefined) return undefined;
      const at = `outcomes[${i}].decidedBy`;
      if (typeof decidedBy !== 'object' || decidedBy === null) {
        return validation('VALIDATION.REQUIRED', `${at} must be an object`, { field: at });
      }
      const body = decidedBy as { readonly kind?: unknown; readonly orgId?: unknown };
      return firstError(
        requireOneOf(body.kind, DECIDING_BODY_KINDS, `${at}.kind`),
        body.orgId === undefined ? undefined : requireText(body.orgId, `${at}.orgId`, 200),
      );
    }),
  );

/**
 * R11 — outcomes for some accepted subjects (监察法 art. 52), each with the body that decided it
 * (default: the holder recording it). A commission starts on a filed case, an appointing authority
 * straight after accepting; later additions come until the result is fed back.
 */
export const decideRecordOutcomes = (
  command: RecordOutcomes,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.RecordOutcomes(existing, command.actor) ??
    validateOutcomeEntries(command.outcomes, 'outcomes', localDateOf(command.at), {
      required: true,
      minorOnly: false,
    }) ??
    validateDecidedBy(command.outcomes) ??
    (command.complete === undefined ? undefined : requireBoolean(command.complete, 'complete'));
  if (error) return error;
  const recorded = resolveOutcomes(command.outcomes, existing);
  if (isDomainError(recorded)) return recorded;
  const outcomes = recorded.map((o, i) => {
    const given = command.outcomes[i]?.decidedBy;
    // A plain copy of the fields it has: events are stored as JSON, never as the caller's objects.
    const decidedBy = given
      ? { kind: given.kind, ...(given.orgId !== undefined ? { orgId: given.orgId } : {}) }
      : holderBody(existing.holder, command.actor.orgId);
    return { ...o, decidedBy };
  });
  const complete = command.complete ?? true;
  return [
    {
      type: 'OutcomesAdded',
      data: {
        ...eventBase(command),
        outcomes,
        complete,
        ...(complete ? { resultFeedbackDeadline: deadlineFrom('ResultFeedback', command, config) } : {}),
        ...organisationalHandling(existing, outcomes, config),
      },
    },
  ];
};

/** R11 → R12 — the outcomes already added are all there will be: the feedback deadline starts. */
export const decideCompleteOutcomes = (
  command: CompleteOutcomes,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error = REFERRAL_PRECONDITIONS.CompleteOutcomes(existing, command.actor);
  if (error) return error;
  return [
    {
      type: 'OutcomesCompleted',
      data: { ...eventBase(command), resultFeedbackDeadline: deadlineFrom('ResultFeedback', command, config) },
    },
  ];
};

/**
 * [S2] 问责条例 art. 9: 组织调整 / 组织处理 is to be carried out within 1 month of the decision; one
 * deadline for the referral, counted from the earliest such decision (the first to fall due). A
 * later addition starts it when none runs, or moves it only to an earlier decision.
 */
const organisationalHandling = (
  state: ExistingReferral,
  added: readonly DecidedOutcome[],
  config: DomainConfig,
): { readonly organisationalHandlingDeadline?: Deadline } => {
  const dates = added.filter((e) => requiresOrganisationalHandling(e.outcome)).map((e) => e.decisionDate);
  if (dates.length === 0) return {};
  const from = dates.reduce((a, b) => (b < a ? b : a));
  const current = state.organisationalHandlingDeadline;
  if (current && current.from <= from) return {};
  return {
    organisationalHandlingDeadline: computeDeadline('OrganisationalHandling', from, config.deadlines, config.calendar),
  };
};
