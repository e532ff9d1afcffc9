import { Deadline, DeadlineChangeEvent } from '@xj/domain';

/**
 * How a ledger line marks a due date that was moved (延期) or stopped (中止): the line shows the
 * current due date, and this mark beside it says where it started and whether it runs.
 */
export interface DueMark {
  /** The due date the mark belongs to (a later step that sets another date makes it stale). */
  readonly dueOn: string;
  readonly originalDueOn: string;
  readonly extended: boolean;
  /** While paused the date is shown but neither due nor overdue. */
  readonly paused: boolean;
}

/** The mark an approval, pause or resumption leaves; undefined for a request or a refusal (nothing moves). */
export const dueMarkAfter = (e: DeadlineChangeEvent): DueMark | undefined => {
  if (e.type === 'DeadlineExtensionRequested' || e.type === 'DeadlineExtensionRefused') return undefined;
  const d = e.data.deadline;
  return {
    dueOn: d.dueOn,
    originalDueOn: d.originalDueOn ?? e.data.previousDueOn,
    extended: (d.changes ?? []).some((c) => c.kind === 'Extended'),
    paused: d.paused !== undefined,
  };
};

/** The deadline as an approval, pause or resumption leaves it; undefined for a request or a refusal. */
export const deadlineAfter = (e: DeadlineChangeEvent): Deadline | undefined =>
  e.type === 'DeadlineExtensionRequested' || e.type === 'DeadlineExtensionRefused' ? undefined : e.data.deadline;

/**
 * The mark a deadline carries of its own 延期 / 中止 history, undefined for one never moved or
 * paused: a recount (DeadlineRecomputed, issue 15 §4) moves a resumed deadline's date, and its mark
 * goes with it to the new date.
 */
export const dueMarkOf = (d: Deadline): DueMark | undefined =>
  d.changes === undefined && d.paused === undefined
    ? undefined
    : {
        dueOn: d.dueOn,
        originalDueOn: d.originalDueOn ?? d.dueOn,
        extended: (d.changes ?? []).some((c) => c.kind === 'Extended'),
        paused: d.paused !== undefined,
      };

/**
 * The provisional / non-working-day flags (issue 15 §4) of the deadline a change leaves, named as
 * projection-support's `due(name, …)` names them: an extension grants an explicit date, which may
 * fall on a rest day or in a year without a table; a resumption counts again.
 */
export const dueFlagsAfter = (e: DeadlineChangeEvent, name: string): Record<string, true | undefined> => {
  const d = deadlineAfter(e);
  return d ? { [`${name}Provisional`]: d.provisional, [`${name}NonWorkingDay`]: d.nonWorkingDay } : {};
};

/** The due date an approval, pause or resumption moved away from; undefined for a request or a refusal. */
export const previousDueOn = (e: DeadlineChangeEvent): string | undefined =>
  e.type === 'DeadlineExtensionRequested' || e.type === 'DeadlineExtensionRefused' ? undefined : e.data.previousDueOn;

/** The mark if it still belongs to the date shown. */
export const currentMark = (dueOn: string | undefined, mark: DueMark | undefined): DueMark | undefined =>
  dueOn !== undefined && mark !== undefined && mark.dueOn === dueOn ? mark : undefined;

/** The date a line counts as due ("next due", overdue): none while the deadline is paused. */
export const runningDue = (dueOn: string | undefined, mark: DueMark | undefined): string | undefined =>
  currentMark(dueOn, mark)?.paused === true ? undefined : dueOn;

/**
 * A line's patch for a deadline change on one due field: the moved date, or none while paused (so
 * every "overdue" filter and sort leaves a paused deadline alone), and the mark with the date kept.
 * Nothing when the change is a request or refusal, or concerns another date than the one shown.
 */
export const dueChange = (
  e: DeadlineChangeEvent,
  shown: { readonly dueOn: string | undefined; readonly mark: DueMark | undefined },
  fields: readonly string[],
  markField: string,
): Record<string, unknown> => {
  const mark = dueMarkAfter(e);
  const before = shown.dueOn ?? (shown.mark?.paused === true ? shown.mark.dueOn : undefined);
  if (mark === undefined || before !== previousDueOn(e)) return {};
  return { ...Object.fromEntries(fields.map((f) => [f, mark.paused ? undefined : mark.dueOn])), [markField]: mark };
};
