import { DecidedOutcome, DecidingBody, RecordedOutcome, ReferralTarget } from './referral.model';

/**
 * Outcomes accumulate per subject over time (issue 17 §5; DOMAIN.md §7 "one subject person can
 * receive several"), each decided by its own body on its own date. A subject's outcomes are a set:
 * what the person received does not depend on the order the decisions were entered in.
 */

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical order: decision date, then the code, then the document and the deciding body. */
export const compareOutcomes = (a: DecidedOutcome, b: DecidedOutcome): number =>
  compareText(a.decisionDate, b.decisionDate) ||
  compareText(a.outcome, b.outcome) ||
  compareText(a.documentNo, b.documentNo) ||
  compareText(a.decidedBy.kind, b.decidedBy.kind) ||
  compareText(a.decidedBy.orgId ?? '', b.decidedBy.orgId ?? '');

/** The outcomes of one subject, in canonical order (the same whatever order they were added in). */
export const outcomesOfSubject = (outcomes: readonly DecidedOutcome[], subjectId: string): DecidedOutcome[] =>
  outcomes.filter((o) => o.subjectId === subjectId).sort(compareOutcomes);

/** The subjects among `subjectIds` that have no outcome yet. */
export const subjectsWithoutOutcome = (
  subjectIds: readonly string[],
  outcomes: readonly Pick<DecidedOutcome, 'subjectId'>[],
): string[] => subjectIds.filter((id) => !outcomes.some((o) => o.subjectId === id));

/**
 * Upcast of an outcome stored before deciding bodies were kept (OutcomesRecorded, a 谈话函询's
 * minor outcomes): the organisation that held the referral recorded, and so decided, it.
 */
export const decidedByHolder = (
  outcome: RecordedOutcome,
  holder: ReferralTarget | undefined,
  recordedByOrgId: string,
): DecidedOutcome => ({
  ...outcome,
  decidedBy: holderBody(holder, recordedByOrgId),
});

/** The deciding body a holder stands for: a commission, or the appointing authority it was sent to. */
export const holderBody = (holder: ReferralTarget | undefined, orgId: string): DecidingBody => ({
  kind: holder?.kind ?? 'DisciplineCommission',
  orgId: holder?.orgId ?? orgId,
});
