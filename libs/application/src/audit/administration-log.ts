import { randomUUID } from 'node:crypto';
import { ACCOUNTS_STREAM } from '../accounts/account.events';
import { EventStore } from '../event-store/event-store.port';
import { EventActor, JsonObject, RecordedEvent, RecordedMetadata } from '../event-store/event-store.types';

/** The category of the administration streams: `administration-<what>`. */
export const ADMINISTRATION_CATEGORY = 'administration';

/** 日志导出 — who exported which log, when, in which format and which file (its digest). */
export const LOG_EXPORTS_STREAM = `${ADMINISTRATION_CATEGORY}-logexports`;
export const LOG_EXPORT_EVENT_TYPE = 'AuditLogExported' as const;
export const LOG_EXPORT_SCHEMA_VERSION = 1;

/**
 * 管理日志 — the administration log: the streams of category `administration`. The store lists no
 * streams by name, so each administration stream is named here (a stream that does not exist yet
 * reads as empty): the accounts, the organisation directory (issue 18, when the directory is data)
 * and the log exports. A spec holds every name to the prefix.
 */
export const ADMINISTRATION_LOG_STREAMS: readonly string[] = [
  ACCOUNTS_STREAM,
  `${ADMINISTRATION_CATEGORY}-organisations`,
  LOG_EXPORTS_STREAM,
];

export type ExportedLog = 'administration' | 'access';
export type ExportFormat = 'csv' | 'xlsx' | 'bundle';

/** What an export event records: the file is identified by its digest, never stored. */
export interface LogExportRecord {
  readonly log: ExportedLog;
  readonly format: ExportFormat;
  readonly from: string;
  readonly to: string;
  readonly records: number;
  /** SHA-256 of the file handed out, hex. */
  readonly sha256: string;
}

/** One event of the administration log, as stored: enough to recompute its hash (recomputeHash). */
export interface AdministrationLogEntry {
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: RecordedMetadata;
}

export interface AdministrationLogFilter {
  /** Inclusive bounds on `metadata.recordedAt` (ISO-8601 instants); both optional. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** The previous page's nextCursor: the global position of its last entry. */
  readonly cursor?: string;
}

export interface AdministrationLogPage {
  readonly entries: readonly AdministrationLogEntry[];
  readonly nextCursor: string | null;
}

export const MAX_ADMINISTRATION_LOG_PAGE = 1000;

/** A cursor this log did not hand out. */
export class AdministrationLogCursorError extends Error {
  readonly code = 'AUDIT.ADMINISTRATION_LOG_CURSOR';
}

const CURSOR = /^p:(\d{1,20})$/;

const entryOf = (e: RecordedEvent): AdministrationLogEntry => ({
  streamId: e.streamId,
  revision: e.revision.toString(),
  position: e.position.toString(),
  eventId: e.eventId,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
});

/**
 * Reads the administration log in global order, filtered by recording time. Administration
 * streams hold thousands of events, not millions (one per change by an administrator), so each
 * query reads them whole; they are kept forever (never archived, unlike the access log).
 */
export class AdministrationLog {
  constructor(
    private readonly store: EventStore,
    private readonly streams: readonly string[] = ADMINISTRATION_LOG_STREAMS,
  ) {}

  async page(filter: AdministrationLogFilter): Promise<AdministrationLogPage> {
    let after = -1n;
    if (filter.cursor !== undefined) {
      const match = CURSOR.exec(filter.cursor);
      if (!match) throw new AdministrationLogCursorError('Not a cursor of the administration log.');
      after = BigInt(match[1] as string);
    }
    const limit = Math.max(1, Math.min(filter.limit, MAX_ADMINISTRATION_LOG_PAGE));
    const events = (await this.events(filter)).filter((e) => e.position > after);
    const entries = events.slice(0, limit).map(entryOf);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: events.length > limit && last ? `p:${last.position}` : null };
  }

  /** Every entry in the window, oldest first (the exports). */
  async window(filter: Omit<AdministrationLogFilter, 'limit' | 'cursor'>): Promise<AdministrationLogEntry[]> {
    return (await this.events(filter)).map(entryOf);
  }

  /** The head (revision and hash) of each administration stream that exists. */
  async heads(): Promise<{ readonly streamId: string; readonly revision: string; readonly hash: string }[]> {
    const heads = [];
    for (const streamId of this.streams) {
      const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      if (last) heads.push({ streamId, revision: last.revision.toString(), hash: last.metadata.hash });
    }
    return heads;
  }

  /** Records an export in the administration log, as the act of `by`. */
  async recordExport(by: EventActor, record: LogExportRecord): Promise<void> {
    const id = randomUUID();
    await this.store.append(
      LOG_EXPORTS_STREAM,
      [
        {
          eventId: randomUUID(),
          type: LOG_EXPORT_EVENT_TYPE,
          data: record,
          metadata: {
            schemaVersion: LOG_EXPORT_SCHEMA_VERSION,
            actor: { userId: by.userId, role: by.role, orgId: by.orgId },
            commandId: id,
            correlationId: id,
            causationId: id,
          },
        },
      ],
      'any',
    );
  }

  private async events(filter: { readonly from?: string; readonly to?: string }): Promise<RecordedEvent[]> {
    const fromMs = filter.from !== undefined ? Date.parse(filter.from) : -Infinity;
    const toMs = filter.to !== undefined ? Date.parse(filter.to) : Infinity;
    const all = (await Promise.all(this.streams.map((s) => this.store.readStream(s)))).flat();
    return all
      .filter((e) => {
        const at = Date.parse(e.metadata.recordedAt);
        return at >= fromMs && at <= toMs;
      })
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }
}
