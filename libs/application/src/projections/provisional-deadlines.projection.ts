import { CLUE_CATEGORY, RECTIFICATION_CATEGORY, REFERRAL_CATEGORY } from '@xj/domain';
import { JsonObject, JsonValue } from '../event-store/event-store.types';
import { ProjectedEvent, ReadModelDocument } from '../read-models/projection';
import { IndexedProjection, key, stampFresh, text } from './projection-support';

export const PROVISIONAL_DEADLINES = 'provisional-deadlines';
export const PROVISIONAL_CASES = 'cases';

/**
 * A case that has had a provisional deadline (counted without a year's holiday table), with the
 * years such deadlines reached. It only narrows the search when a year's table arrives: the
 * recount process loads each case and the deciders decide on its state (the deadline may have been
 * met or recounted since), so the index never needs to know which deadline is still open.
 */
export interface ProvisionalCaseDocument {
  /** Stream category: clue, referral or rectification. */
  readonly kind: string;
  readonly caseId: string;
  /** Every year from a provisional deadline's start to its due date, ascending. */
  readonly years: readonly number[];
}

/**
 * 暂定期限索引 — the cases with provisional deadlines, by year, for the recount that follows a
 * HolidayYearSet (issue 15 §4). One document per case stream; a case with nothing left to meet
 * (dismissed, archived, closed, look-back passed) is dropped. Queried with `{ years: <year> }`,
 * which both stores read as "the array holds the year" (MongoDB's array equality).
 */
export const provisionalDeadlinesProjection: IndexedProjection = {
  name: PROVISIONAL_DEADLINES,
  version: 1,
  collections: [PROVISIONAL_CASES],
  categories: [CLUE_CATEGORY, REFERRAL_CATEGORY, RECTIFICATION_CATEGORY],
  indexes: { [PROVISIONAL_CASES]: [{ years: 1 }] },
  keys: (event) => Promise.resolve([key(PROVISIONAL_CASES, event.streamId)]),
  apply: (doc, event, target) => Promise.resolve(stampFresh(doc, applyToCase(doc, event), target, event)),
};

const applyToCase = (doc: ReadModelDocument | undefined, event: ProjectedEvent): JsonObject | undefined => {
  if (finishes(event)) return undefined;
  const years = provisionalYears(event.data);
  if (years.length === 0) return doc;
  const known = Array.isArray(doc?.['years']) ? (doc['years'] as readonly number[]) : [];
  const all = [...new Set([...known, ...years])].sort((a, b) => a - b);
  if (doc !== undefined && all.length === known.length) return doc;
  return { kind: event.category, caseId: event.aggregateId, years: all };
};

/** Events after which the case has no deadline left to meet. */
const finishes = (event: ProjectedEvent): boolean => {
  switch (event.type) {
    case 'ClueDismissed':
    case 'ReferralClosed':
      return true;
    case 'ClueLookBackCompleted':
    case 'LookBackCompleted':
      return text(event.data, 'result') === 'Pass';
    default:
      return false;
  }
};

/** The years reached by the provisional deadlines an event records (its top-level Deadline fields). */
const provisionalYears = (data: JsonObject): number[] => {
  const years: number[] = [];
  for (const field in data) {
    const value: JsonValue | undefined = data[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const deadline = value as JsonObject;
    const from = text(deadline, 'from');
    const dueOn = text(deadline, 'dueOn');
    if (deadline['provisional'] !== true || from === undefined || dueOn === undefined) continue;
    for (let year = Number(from.slice(0, 4)); year <= Number(dueOn.slice(0, 4)); year += 1) years.push(year);
  }
  return years;
};
