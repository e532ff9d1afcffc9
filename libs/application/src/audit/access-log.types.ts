import { CaseKind } from '../cases/case-aggregates';

/** The access log's values (查阅记录); the design is described in access-log.ts. */

export type AccessTargetKind = CaseKind | 'user';
export const ACCESS_TARGET_KINDS: readonly AccessTargetKind[] = [
  'clue',
  'referral',
  'rectification',
  'campaign',
  'accountability',
  'user',
];

export interface AccessTarget {
  readonly kind: AccessTargetKind;
  readonly id: string;
}

/**
 * What was read: the case details, its history, a past state, the explanation, the access log, a
 * command attempt refused because the case is not visible, or the case as a row of a ledger
 * export (CSV/XLSX, issue 16; the detail names the file), or its evidence (issue 19: the list, or
 * a download with the file's SHA-256 as detail), or one of its official documents drawn up as DOCX
 * (issue 19 §2: the document type as detail), or exported as a transfer package (issue 19 §4: the
 * package's hash as detail).
 */
export type AccessAction =
  | 'details'
  | 'history'
  | 'as-of'
  | 'explanation'
  | 'access-log'
  | 'command'
  | 'export'
  | 'attachment'
  | 'document'
  | 'package';
export const ACCESS_ACTIONS: readonly AccessAction[] = [
  'details',
  'history',
  'as-of',
  'explanation',
  'access-log',
  'command',
  'export',
  'attachment',
  'document',
  'package',
];
export type AccessOutcome = 'allowed' | 'denied';

export interface AccessReader {
  readonly userId: string;
  readonly role: string;
  readonly orgId: string;
  readonly position?: string;
  readonly regionId?: string;
}

/**
 * The request a read came in on: never its body. `method` and `path` are left out when the caller
 * can derive them from the target and the action (the API's own routes), and kept otherwise.
 */
export interface AccessRequest {
  readonly method?: string;
  /** Path without the query string, truncated. */
  readonly path?: string;
  readonly correlationId: string;
  readonly clientIp: string | null;
}

export interface AccessRecord {
  readonly target: AccessTarget;
  readonly action: AccessAction;
  readonly outcome: AccessOutcome;
  readonly reader: AccessReader;
  readonly request: AccessRequest;
  /** E.g. the command type of a refused command. */
  readonly detail?: string;
}

/** A ledger export as the access log records it (issue 19 §3): one record, the cases' ids listed once. */
export interface AccessExport {
  /** The kind of every case exported. */
  readonly kind: AccessTargetKind;
  /** The cases the file shows (each once). */
  readonly ids: readonly string[];
  readonly rows: number;
  /** The filters the export applied, as sent. */
  readonly filters: Readonly<Record<string, unknown>>;
}

/** An export entry's summary: rows, distinct cases, the SHA-256 of the sorted id list (joined by "\n") and the filters. */
export interface AccessExportSummary {
  readonly rows: number;
  readonly cases: number;
  readonly sha256: string;
  readonly filters: Readonly<Record<string, unknown>>;
}

/** An entry as read back: the record, when it was made, and where it is stored. */
export interface AccessLogEntry extends AccessRecord {
  /** The event holding the record (a batch of records since #13; one record per event before). */
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  /** The record's place in its batch event; absent for an event of the earlier one-record shape. */
  readonly index?: number;
  /** When the read happened (the application clock). */
  readonly at: string;
  /** For a ledger export: what it held (its target is the case asked about, or `*` in a reader's or the whole log). */
  readonly export?: AccessExportSummary;
}

export interface AccessLogFilter {
  readonly userId?: string;
  readonly target?: AccessTarget;
  /** Inclusive bounds on the entry's time (ISO-8601 instants); `from` defaults to {@link DEFAULT_ACCESS_LOG_DAYS} before `to`, `to` to now. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** Continue where the previous page ended (its `nextCursor`). */
  readonly cursor?: string;
}

export interface AccessLogPage {
  readonly entries: readonly AccessLogEntry[];
  /** Non-null while more may follow: a page can hold fewer than `limit` entries when a scan budget ran out. */
  readonly nextCursor: string | null;
}

export const MAX_ACCESS_LOG_PAGE = 500;
/** A query without `from` covers this many days before `to`. */
export const DEFAULT_ACCESS_LOG_DAYS = 31;

/** Thrown for a cursor this code did not hand out. */
export class AccessLogCursorError extends Error {
  readonly code = 'AUDIT.ACCESS_LOG_CURSOR';
}
