import { HistoryEntry, JsonObject } from '@xj/application';

/**
 * A history entry as answered: with the event's payload unless the caller's view of the case is
 * field-restricted (the domain's hiddenPartsFor: an agency's view of a clue), whose entries never
 * carry payloads.
 */
export type HistoryEntryView = HistoryEntry & { readonly data?: JsonObject };
