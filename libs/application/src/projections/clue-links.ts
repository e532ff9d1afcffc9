import {
  CLUE_CATEGORY,
  RECTIFICATION_CATEGORY,
  REFERRAL_CATEGORY,
  RectificationEvent,
  ReferralEvent,
  isClosedRectificationStatus,
} from '@xj/domain';
import { JsonObject } from '../event-store/event-store.types';
import { DocKey, DocReader, ProjectedEvent } from '../read-models/projection';
import { defined, domainEvent, key, text } from './projection-support';

/**
 * Ledgers keyed by clue also follow the clue's referrals and rectification items, whose later
 * events do not name the clue. Their creation events do (ReferralDrafted, ForwardedReferralOpened,
 * RectificationItemAssigned), so each ledger keeps an index stream id → clue id in a second
 * collection and looks it up for every later event of that stream. Events arrive in global order,
 * so a stream's creation event (and its index entry) always precedes the rest of the stream.
 */

/** The events that create a referral or rectification stream, naming its clue (each is its stream's first). */
export const CREATION_TYPES: readonly string[] = ['ReferralDrafted', 'ForwardedReferralOpened', 'RectificationItemAssigned'];

export interface ClueLinks {
  /** The collection of the per-clue documents. */
  readonly main: string;
  /** The collection of the index stream id → clue id. */
  readonly index: string;
  /** Whether the ledger follows this clue at all (a ledger of a subset of clues). */
  readonly tracks?: (clueId: string, read: DocReader) => Promise<boolean>;
}

/** The documents an event of a clue, referral or rectification stream changes. */
export const clueLinkKeys = async (links: ClueLinks, event: ProjectedEvent, read: DocReader): Promise<readonly DocKey[]> => {
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
export const indexEntry = (event: ProjectedEvent): JsonObject => defined({ clueId: text(event.data, 'clueId'), category: event.category });

/** A referral as a clue-keyed ledger shows it. */
export interface ReferralEntry {
  readonly referralId: string;
  readonly status: string;
  readonly sentAt?: string;
}

/**
 * The referral status after an event (DOMAIN.md §4.2), mirroring evolveReferral; `undefined` when
 * the event does not move it (typical case, escalation).
 */
export const referralStatusAfter = (event: ReferralEvent): string | undefined => {
  switch (event.type) {
    case 'ReferralDrafted':
      return 'Draft';
    case 'ForwardedReferralOpened':
      return 'Forwarded';
    case 'ReferralApproved':
      return 'Approved';
    case 'ReferralSent':
    case 'ReferralRerouted':
      return 'Sent';
    case 'ReferralReceived':
      return 'Received';
    case 'ReferralForwarded':
      return 'Forwarded';
    case 'ReferralReturned':
      return 'Returned';
    case 'ReferralAccepted':
      return 'Accepted';
    case 'ReferralPartiallyAccepted':
      return 'PartiallyAccepted';
    case 'DisposalDecided':
      return event.data.method === 'Concluded' ? 'Concluded' : 'Disposing';
    case 'TalkOrInquiryCompleted':
      return event.data.problemsSurfaced ? 'Disposing' : 'Concluded';
    case 'CaseFiled':
      return 'CaseFiled';
    case 'VerificationConcluded':
      return 'Concluded';
    case 'OutcomesRecorded':
      return 'Decided';
    case 'ResultFedBack':
      return 'ResultFedBack';
    case 'ReferralClosed':
      return 'Closed';
    case 'ShelvedReferralResumed':
    case 'TypicalCasePublished':
    case 'EscalationRaised':
      return undefined;
    default: {
      const _exhaustive: never = event;
      return undefined;
    }
  }
};

/** The clue's referral list after a referral event (or the clue's own ReferralProposed). */
export const referralsAfter = (entries: readonly ReferralEntry[], referralId: string, event: ReferralEvent): readonly ReferralEntry[] => {
  const status = referralStatusAfter(event);
  const current = entries.find((e) => e.referralId === referralId);
  if (status === undefined && current !== undefined) return entries;
  const sentAt = event.type === 'ReferralSent' || event.type === 'ReferralRerouted' ? event.data.sentAt : current?.sentAt;
  const next = defined({ referralId, status: status ?? current?.status ?? 'Proposed', sentAt }) as unknown as ReferralEntry;
  return current === undefined ? [...entries, next] : entries.map((e) => (e.referralId === referralId ? next : e));
};

/** A rectification item as a clue-keyed ledger shows it. */
export interface ItemEntry {
  readonly itemId: string;
  readonly status: string;
  readonly mode: string;
  /** The item's own due date while the agency has work to do. */
  readonly dueOn?: string;
}

/** Mirrors evolveRectification for the fields a clue ledger keeps. */
const itemAfter = (entry: ItemEntry | undefined, itemId: string, event: RectificationEvent): ItemEntry | undefined => {
  if (event.type === 'RectificationItemAssigned') {
    return defined({ itemId, status: 'Assigned', mode: event.data.mode, dueOn: event.data.deadline?.dueOn }) as unknown as ItemEntry;
  }
  if (entry === undefined) return undefined;
  const withStatus = (status: string, due: { readonly dueOn?: string } = entry): ItemEntry =>
    defined({ itemId, status, mode: entry.mode, dueOn: due.dueOn }) as unknown as ItemEntry;
  switch (event.type) {
    case 'RectificationStarted':
      return withStatus('InProgress');
    case 'RectificationReported':
      return withStatus('Reported', {}); // the report meets the due date
    case 'RectificationEvaluated':
      return withStatus('Evaluated');
    case 'ItemClosed':
      return withStatus('Closed');
    case 'LookBackScheduled':
      return withStatus('LookBackPending');
    case 'LookBackCompleted':
      return event.data.result === 'Pass' ? withStatus('LookBackPassed') : entry;
    case 'RectificationReopened':
      return withStatus('Reopened', event.data.deadline);
    case 'EscalationRaised':
      return entry;
    default: {
      const _exhaustive: never = event;
      return entry;
    }
  }
};

export const itemsAfter = (entries: readonly ItemEntry[], itemId: string, event: RectificationEvent): readonly ItemEntry[] => {
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
