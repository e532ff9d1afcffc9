import { isOverdue } from '../calendar/deadline-policy';
import { DomainConfig } from '../domain-config';
import { assertNever, Decision } from '../shared/decider';
import { isDomainError, validation } from '../shared/domain-error';
import { localDateOf } from '../shared/time';
import { businessDateOf } from '../shared/business-date';
import { firstError, requireOneOf, requireText } from '../shared/validate';
import { eventBase } from '../shared/messages';
import { deadlineFrom, requireExisting } from './referral.authorize';
import { REFERRAL_PRECONDITIONS } from './referral.preconditions';
import {
  CompleteTalkOrInquiry,
  ConcludeVerification,
  DecideDisposal,
  FeedBackResult,
  FileCase,
  PublishTypicalCase,
  ResumeShelved,
} from './referral.commands';
import { DisposalDecidedData, ReferralEvent } from './referral.events';
import { DISPOSAL_METHODS } from './referral.model';
import { ReferralState } from './referral.state';
import { requireBoolean, resolveOutcomes, validateOutcomeEntries } from './referral.validate';
import { outcomesOfSubject } from './subject-outcomes';

/** The commission's handling (R7–R13): disposal methods, case filing, outcomes, feedback, typical case. */

const disposalDeadlines = (
  command: DecideDisposal,
  config: DomainConfig,
): Pick<DisposalDecidedData, 'disposalDeadline' | 'resultFeedbackDeadline'> => {
  switch (command.method) {
    case 'TalkOrInquiryLetter':
      return { disposalDeadline: deadlineFrom('TalkOrInquiryStart', command, config) };
    case 'PreliminaryVerification':
      return { disposalDeadline: deadlineFrom('PreliminaryVerification', command, config) };
    case 'ShelvedPending':
      return {};
    case 'Concluded':
      return { resultFeedbackDeadline: deadlineFrom('ResultFeedback', command, config) };
    default:
      return assertNever(command.method);
  }
};

/**
 * R7 — 集体研究 + 报批, so the head decides. 谈话函询 must start within 5 working days and 初核 runs
 * 15 working days (西乡); 暂存待查 has no fixed re-check date; 予以了结 ends the matter at once and
 * starts the 10-working-day feedback deadline (重庆 art. 20).
 */
export const decideDisposal = (
  command: DecideDisposal,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.DecideDisposal(existing, command.actor) ??
    firstError(requireOneOf(command.method, DISPOSAL_METHODS, 'method'), requireText(command.reason, 'reason', 4_000));
  if (error) return error;
  return [
    {
      type: 'DisposalDecided',
      data: {
        ...eventBase(command),
        method: command.method,
        reason: command.reason,
        ...disposalDeadlines(command, config),
      },
    },
  ];
};

/** R10 — new evidence takes a shelved (暂存待查) referral into 初核. */
export const decideResumeShelved = (
  command: ResumeShelved,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.ResumeShelved(existing, command.actor) ??
    requireText(command.newEvidence, 'newEvidence', 10_000);
  if (error) return error;
  return [
    {
      type: 'ShelvedReferralResumed',
      data: {
        ...eventBase(command),
        newEvidence: command.newEvidence,
        disposalDeadline: deadlineFrom('PreliminaryVerification', command, config),
      },
    },
  ];
};

/**
 * R8 — a talk or inquiry ends the matter (possibly with first-form outcomes such as 谈话提醒), or,
 * when problems surface, turns into 初核. Outcomes and 初核 do not mix: the person's handling is
 * decided after the verification.
 */
export const decideCompleteTalkOrInquiry = (
  command: CompleteTalkOrInquiry,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const entries = command.minorOutcomes ?? [];
  const error =
    REFERRAL_PRECONDITIONS.CompleteTalkOrInquiry(existing, command.actor) ??
    firstError(
      requireText(command.record, 'record', 50_000),
      requireBoolean(command.problemsSurfaced, 'problemsSurfaced'),
      validateOutcomeEntries(entries, 'minorOutcomes', localDateOf(command.at), { required: false, minorOnly: true }),
    );
  if (error) return error;
  if (command.problemsSurfaced && entries.length > 0) {
    return validation(
      'REFERRAL.OUTCOMES_BEFORE_VERIFICATION',
      'problems surfaced: outcomes are decided after the preliminary verification',
    );
  }
  const outcomes = resolveOutcomes(entries, existing);
  if (isDomainError(outcomes)) return outcomes;
  const base = { ...eventBase(command), record: command.record, problemsSurfaced: command.problemsSurfaced, outcomes };
  return [
    {
      type: 'TalkOrInquiryCompleted',
      data: command.problemsSurfaced
        ? { ...base, disposalDeadline: deadlineFrom('PreliminaryVerification', command, config) }
        : { ...base, resultFeedbackDeadline: deadlineFrom('ResultFeedback', command, config) },
    },
  ];
};

/** R9 立案 (监察法 art. 42) — approved by the head. Statutory case timelines are out of scope (R11). */
export const decideFileCase = (command: FileCase, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error = REFERRAL_PRECONDITIONS.FileCase(existing, command.actor) ?? requireText(command.caseNo, 'caseNo', 100);
  if (error) return error;
  return [{ type: 'CaseFiled', data: { ...eventBase(command), caseNo: command.caseNo } }];
};

/** R9 — 初核 found nothing to file: 予以了结, and the feedback deadline starts. */
export const decideConcludeVerification = (
  command: ConcludeVerification,
  state: ReferralState,
  config: DomainConfig,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.ConcludeVerification(existing, command.actor) ??
    requireText(command.report, 'report', 50_000);
  if (error) return error;
  return [
    {
      type: 'VerificationConcluded',
      data: {
        ...eventBase(command),
        report: command.report,
        resultFeedbackDeadline: deadlineFrom('ResultFeedback', command, config),
      },
    },
  ];
};

/** R12 — feedback to the transferor, per subject, from the recorded outcomes; lateness is kept for KPIs. */
export const decideFeedBack = (command: FeedBackResult, state: ReferralState): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.FeedBackResult(existing, command.actor) ?? requireText(command.summary, 'summary', 10_000);
  if (error) return error;
  // Per subject in canonical order: the same feedback whatever order the bodies' decisions came in.
  const perSubject = existing.acceptedSubjectIds.map((subjectId) => ({
    subjectId,
    outcomes: outcomesOfSubject(existing.outcomes, subjectId).map(({ outcome, decisionDate, documentNo }) => ({
      outcome,
      decisionDate,
      documentNo,
    })),
  }));
  const late = isOverdue(existing.resultFeedbackDeadline, localDateOf(command.at));
  return [{ type: 'ResultFedBack', data: { ...eventBase(command), summary: command.summary, perSubject, late } }];
};

/** R13 典型案例 — optional and once; it does not change the status (DOMAIN.md §9.9). */
export const decidePublishTypicalCase = (
  command: PublishTypicalCase,
  state: ReferralState,
): Decision<ReferralEvent> => {
  const existing = requireExisting(state, command.referralId);
  if (isDomainError(existing)) return existing;
  const error =
    REFERRAL_PRECONDITIONS.PublishTypicalCase(existing, command.actor) ??
    firstError(requireText(command.text, 'text', 50_000), requireBoolean(command.anonymised, 'anonymised'));
  if (error) return error;
  const occurredOn = businessDateOf(command.occurredOn, command.at, existing.conditionsMetOn);
  if (isDomainError(occurredOn)) return occurredOn;
  return [
    {
      type: 'TypicalCasePublished',
      data: {
        ...eventBase(command),
        text: command.text,
        anonymised: command.anonymised,
        ...(command.occurredOn !== undefined ? { occurredOn } : {}),
      },
    },
  ];
};
