import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import {
  AccessExport,
  AccessLogEntry,
  AccessLogFilter,
  AccessLogPage,
  AccessRecord,
  AccessTarget,
} from './access-log.types';
import { AccessLogQuery, SCAN_BUDGET_RECORDS } from './access-log-query';
import { EXPORT_TARGET_ID } from './access-log-export.codec';
import { accessIndexStreamOf, accessLogStreamOf, SegmentDirectory } from './access-log-segments';
import { AccessLogWriter, AccessLogWriterOptions } from './access-log-writer';

/**
 * 查阅记录 — the read-audit log. Every read of a case's details, history, past state or explanation,
 * every query of this log and every command refused on a case the caller may not see — allowed or
 * denied — is recorded before it is answered, in the event store, hash-chained like the cases.
 *
 * Design (#13 "reading fills the disk"; the earlier one appended two full events per read, one to a
 * stream per target, so a denied read of a random id created a stream, ~3 KB on disk per read):
 *
 * - One compact record per read (access-log.codec.ts): who, when, target kind and id, action,
 *   outcome, correlation id, client address, and method and path only where the API cannot derive
 *   them from the target and action. Readers and addresses are listed once per batch.
 * - Many records per event, appended by a batching writer (access-log-writer.ts, group commit): a
 *   read waits until the batch holding its record is durably appended, so an unrecorded read still
 *   fails (503), and a failed batch fails every read in it.
 * - Batches go to time segments, `accesslog-<yyyymmdd>.<writer>` (access-log-segments.ts), listed in
 *   a directory stream: a denied read of a random id grows no stream of its own, and the number of
 *   access-log streams grows with days, not with reads — which also keeps signed checkpoints small
 *   (they sign a digest of the heads, integrity/checkpoint.ts).
 * - Queries (access-log-query.ts) keep their API: by target, by reader, time-bounded (default: the
 *   last {@link DEFAULT_ACCESS_LOG_DAYS} days), paginated with an opaque cursor. They read the streams
 *   of the earlier design first (still readable, never written), then the segments the time range
 *   touches, each from the batch where the range starts; a scan budget bounds every request.
 * - Retention: segments older than ACCESS_LOG_RETENTION_DAYS (180) are exported to archive files and
 *   removed from the store, with a manifest that keeps the chain verifiable (access-log-archive.ts).
 *
 * Errors propagate: an unrecorded read must fail.
 */
export { DEFAULT_ACCESS_LOG_DAYS } from './access-log.types';

export type AccessLogOptions = Partial<AccessLogWriterOptions> & {
  /** Records scanned per query request (default {@link SCAN_BUDGET_RECORDS}). */
  readonly scanBudget?: number;
};

export class AccessLog {
  private readonly writer: AccessLogWriter;
  private readonly query: AccessLogQuery;

  constructor(
    store: EventStore,
    private readonly clock: Clock,
    options: AccessLogOptions = {},
  ) {
    const directory = new SegmentDirectory(store);
    this.writer = new AccessLogWriter(store, directory, { ...options, writer: options.writer ?? 'main' });
    this.query = new AccessLogQuery(store, directory, () => clock.now(), options.scanBudget ?? SCAN_BUDGET_RECORDS);
  }

  /** Records a read; resolves once it is durably stored (with the batch it joined). */
  async record(record: AccessRecord): Promise<AccessLogEntry> {
    const at = this.clock.now().getTime();
    const stored = await this.writer.record(record, at);
    return {
      ...record,
      at: new Date(at).toISOString(),
      eventId: stored.eventId,
      streamId: stored.streamId,
      revision: String(stored.revision),
      position: String(stored.position),
      index: stored.index,
    };
  }

  /**
   * Records a ledger export: one record naming it, with the ids of the cases it showed (issue 19
   * §3, access-log-export.codec.ts). Resolves once it is durably stored.
   */
  async recordExport(record: AccessRecord, exported: AccessExport): Promise<AccessLogEntry> {
    const at = this.clock.now().getTime();
    const stored = await this.writer.recordExport(record, exported, at);
    return {
      ...record,
      target: { kind: exported.kind, id: EXPORT_TARGET_ID },
      at: new Date(at).toISOString(),
      eventId: stored.eventId,
      streamId: stored.streamId,
      revision: String(stored.revision),
      position: String(stored.position),
      index: stored.index,
    };
  }

  /** Entries about one target (a case, or a user whose reads were queried). */
  byTarget(target: AccessTarget, filter: AccessLogFilter): Promise<AccessLogPage> {
    return this.query.page(
      {
        legacyStream: accessLogStreamOf(target),
        target,
        ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
      },
      filter,
    );
  }

  /** Entries of one reader. */
  byReader(userId: string, filter: AccessLogFilter): Promise<AccessLogPage> {
    return this.query.page(
      { legacyStream: accessIndexStreamOf(userId), userId, ...(filter.target ? { target: filter.target } : {}) },
      filter,
    );
  }

  /** Every entry in the segments of the time range, page by page (the audit administrator's exports). */
  everything(filter: AccessLogFilter): Promise<AccessLogPage> {
    return this.query.page({}, filter);
  }

  /** Appends what is waiting and stops taking records (shutdown). */
  close(): Promise<void> {
    return this.writer.close();
  }

  /** Batches appended by this process (observability and tests). */
  get batchesWritten(): number {
    return this.writer.batchesWritten;
  }
}
