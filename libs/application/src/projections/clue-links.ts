import {
  isDeadlineChangeEvent,
  CLUE_CATEGORY,
  RECTIFICATION_CATEGORY,
  REFERRAL_CATEGORY,
  RectificationEvent,
  RectificationStatus,
  ReferralEvent,
  ReferralStatus,
  isClosedRectificationStatus,
  rectificationStatusAfter,
  referralStatusAfter,
} from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { DocKey, DocReader, ProjectedEvent } from '../read-models/projection';
import { dueMarkAfter, dueMarkOf, previousDueOn } from './deadline-marks';
import { defined, domainEvent, key, text, touchesNoLine } from './projection-support';

/**
 * Ledgers keyed by clue also follow the clue's referrals and rectification items, whose later
 * events do not name the clue. Their creation events do (ReferralDrafted, ForwardedReferralOpened,
 * ReturnedReferralOpened, RectificationItemAssigned), so each ledger keeps an index stream id → clue id in a second
 * collection and looks it up for every later event of that stream. Events arrive in global order,
 * so a stream's creation event (and its index entry) always precedes the rest of the stream.
 */

/** The events that create a referral or rectification stream, naming its clue (each is its stream's first). */
export const CREATION_TYPES: readonly string[] = [
  'ReferralDrafted',
  'ForwardedReferralOpened',
  'ReturnedReferralOpened',
  'RectificationItemAssigned',
];

export interface ClueLinks {
  /** The collection of the per-clue documents. */
  readonly main: string;
  /** The collection of the index stream id → clue id. */
  readonly index: string;
  /** Whether the ledger follows this clue at all (a ledger of a subset of clues). */
  readonly tracks?: (clueId: string, read: DocReader) => Promise<boolean>;
}

/** The documents an event of a clue, referral or rectification stream changes. */
export const clueLinkKeys = async (
  links: ClueLinks,
  event: ProjectedEvent,
  read: DocReader,
): Promise<readonly DocKey[]> => {
  if (touchesNoLine(event)) return [];
  if (event.category === CLUE_CATEGORY) {
    return links.tracks && !(await links.tracks(event.aggregateId, read)) ? [] : [key(links.main, event.aggregateId)];
  }
  if (event.category !== REFERRAL_CATEGORY && event.category !== RECTIFICATION_CATEGORY) return [];
  if (CREATION_TYPES.includes(event.type)) {
    const clueId = text(event.data, 'clueId');
    if (clueId === undefined || (links.tracks && !(await links.tracks(clueId, read)))) return [];
    return [key(links.index, event.streamId), key(links.main, clueId)];
  }
  const clueId = text(await read(key(links.index, event.streamId)), 'clueId');
  return clueId === undefined ? [] : [key(links.main, clueId)];
};

/** The index entry written for a creation event. */
export const indexEntry = (event: ProjectedEvent): JsonObject =>
  defined({ clueId: text(event.data, 'clueId'), category: event.category });

/** A referral as a clue-keyed ledger shows it. */
export interface ReferralEntry {
  readonly referralId: string;
  /** The referral's status (referralStatusAfter), or `Proposed` while only the clue's ReferralProposed is known. */
  readonly status: string;
  readonly sentAt?: string;
}

/** A referral the clue has proposed (ReferralProposed) whose own stream has not opened yet. */
export const PROPOSED = 'Proposed';

/** The clue's referral list after an event of one of its referrals. */
export const referralsAfter = (
  entries: readonly ReferralEntry[],
  referralId: string,
  event: ReferralEvent,
): readonly ReferralEntry[] => {
  const current = entries.find((e) => e.referralId === referralId);
  // `Proposed` is the clue's knowledge of a referral whose stream has not opened yet: None to the referral.
  const before = current === undefined || current.status === PROPOSED ? 'None' : (current.status as ReferralStatus);
  const after = referralStatusAfter(before, event);
  const status = after === 'None' ? (current?.status ?? PROPOSED) : after;
  const sentAt =
    event.type === 'ReferralSent' || event.type === 'ReferralRerouted' ? event.data.sentAt : current?.sentAt;
  if (current !== undefined && current.status === status && current.sentAt === sentAt) return entries;
  const next = defined({ referralId, status, sentAt }) as unknown as ReferralEntry;
  return current === undefined ? [...entries, next] : entries.map((e) => (e.referralId === referralId ? next : e));
};

/** A rectification item as a clue-keyed ledger shows it. */
export interface ItemEntry {
  readonly itemId: string;
  readonly status: string;
  readonly mode: string;
  /** The item's own due date while the agency has work to do. */
  readonly dueOn?: string;
  /** The due date was extended (延期) / is paused (中止): a paused one is not counted as due. */
  readonly extended?: boolean;
  readonly paused?: boolean;
}

/** An item's line in a clue-keyed ledger after one of its events; the status is the domain's (rectificationStatusAfter). */
const itemAfter = (entry: ItemEntry | undefined, itemId: string, event: RectificationEvent): ItemEntry | undefined => {
  if (event.type === 'RectificationItemAssigned') {
    return defined({
      itemId,
      status: rectificationStatusAfter('None', event),
      mode: event.data.mode,
      dueOn: event.data.deadline?.dueOn,
    }) as unknown as ItemEntry;
  }
  if (entry === undefined) return undefined;
  const mark = isDeadlineChangeEvent(event) ? dueMarkAfter(event) : undefined;
  if (isDeadlineChangeEvent(event)) {
    // Only the item's own 整改时限 is on the line (its look-back date is not).
    if (mark === undefined || previousDueOn(event) !== entry.dueOn) return entry;
    return defined({
      ...entry,
      dueOn: mark.dueOn,
      extended: mark.extended,
      paused: mark.paused,
    }) as unknown as ItemEntry;
  }
  const status = rectificationStatusAfter(entry.status as RectificationStatus, event);
  // The report meets the due date; a reopening sets a new one.
  const dueOn =
    event.type === 'RectificationReported'
      ? undefined
      : event.type === 'RectificationReopened' ||
          (event.type === 'DeadlineRecomputed' && event.data.slot === 'deadline')
        ? event.data.deadline.dueOn
        : entry.dueOn;
  if (status === entry.status && dueOn === entry.dueOn) return entry;
  const recounted =
    event.type === 'DeadlineRecomputed' && event.data.slot === 'deadline' ? event.data.deadline : undefined;
  // A recount moves a date that may have been extended or resumed: its mark goes with it.
  const recountMark = recounted && dueMarkOf(recounted);
  const marks = recountMark
    ? { extended: recountMark.extended, paused: recountMark.paused }
    : dueOn === entry.dueOn
      ? { extended: entry.extended, paused: entry.paused }
      : {};
  return defined({ itemId, status, mode: entry.mode, dueOn, ...marks }) as unknown as ItemEntry;
};

export const itemsAfter = (
  entries: readonly ItemEntry[],
  itemId: string,
  event: RectificationEvent,
): readonly ItemEntry[] => {
  const current = entries.find((e) => e.itemId === itemId);
  const next = itemAfter(current, itemId, event);
  if (next === undefined || next === current) return entries;
  return current === undefined ? [...entries, next] : entries.map((e) => (e.itemId === itemId ? next : e));
};

/** 整改进度: closed (销号), long-term items in maintenance (长期坚持), and the rest still open. */
export const progressOf = (entries: readonly ItemEntry[]): JsonObject => {
  const done = entries.filter((e) => isClosedRectificationStatus(e.status));
  const longTerm = done.filter((e) => e.mode === 'LongTerm').length;
  return { total: entries.length, closed: done.length - longTerm, longTerm, open: entries.length - done.length };
};

export const referralEvent = (event: ProjectedEvent): ReferralEvent => domainEvent<ReferralEvent>(event);
export const rectificationEvent = (event: ProjectedEvent): RectificationEvent => domainEvent<RectificationEvent>(event);
