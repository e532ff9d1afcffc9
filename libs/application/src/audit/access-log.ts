import { randomUUID } from 'node:crypto';
import { CaseKind } from '../cases/case-aggregates';
import { deterministicUuid, sha256Hex } from '../command/deterministic-id';
import { Clock } from '../event-store/clock.port';
import { EventStore } from '../event-store/event-store.port';
import { EventMetadata, EventToAppend, JsonObject, RecordedEvent } from '../event-store/event-store.types';

/**
 * 查阅记录 — the read-audit log (issue 6). Every read of a case's details, history, past state or
 * explanation — allowed or denied — is an event in the event store, hash-chained like the cases.
 *
 * Design. Each entry is appended to ONE authoritative stream per target,
 * `accesslog-<kind>.<id>` (kind: clue | referral | rectification, or `user` when an auditor
 * queried a user's reads). "Who read this case" is one stream read on either store. "What did
 * this user read" is served by a per-reader index stream, `accessuser-<userId>`, holding a copy
 * of each entry under an event id derived from the original's. The two appends cannot be one
 * transaction on EventStoreDB, so the log stream is written first (the record of truth) and the
 * index second; if the process dies in between, `repairUserIndex` re-derives the missing copies
 * from the log streams (idempotent: the derived ids make a re-append a no-op). Reading the whole
 * `accesslog` category through readAll for every per-user query was rejected: it costs a scan of
 * the entire store, cases included, since the port has no category filter on reads.
 */

export const ACCESS_LOG_CATEGORY = 'accesslog';
export const ACCESS_INDEX_CATEGORY = 'accessuser';
export const ACCESS_LOG_SCHEMA_VERSION = 1;

export type AccessTargetKind = CaseKind | 'user';
export const ACCESS_TARGET_KINDS: readonly AccessTargetKind[] = ['clue', 'referral', 'rectification', 'user'];

export interface AccessTarget {
  readonly kind: AccessTargetKind;
  readonly id: string;
}

/** What was read: the case details, its history, a past state, the explanation, the access log, or a command attempt refused because the case is not visible. */
export type AccessAction = 'details' | 'history' | 'as-of' | 'explanation' | 'access-log' | 'command';
export type AccessOutcome = 'allowed' | 'denied';

export interface AccessReader {
  readonly userId: string;
  readonly role: string;
  readonly orgId: string;
  readonly position?: string;
  readonly regionId?: string;
}

/** The request a read came in on: never its body. */
export interface AccessRequest {
  readonly method: string;
  /** Path and query string, truncated. */
  readonly path: string;
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

/** An entry as read back: the record, when it was made, and where the authoritative event is stored. */
export interface AccessLogEntry extends AccessRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  /** When the read happened (the application clock). */
  readonly at: string;
}

/** A log event as appended: enough to derive its index copy without reading it back. */
interface LoggedEvent {
  readonly streamId: string;
  readonly eventId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: object;
  readonly metadata: EventMetadata;
}

export interface AccessLogFilter {
  readonly userId?: string;
  readonly target?: AccessTarget;
  /** Inclusive bounds on the entry's time (ISO-8601 instants). */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** Continue from this revision of the stream queried (the `nextCursor` of the previous page). */
  readonly cursor?: bigint;
}

export interface AccessLogPage {
  readonly entries: readonly AccessLogEntry[];
  readonly nextCursor: string | null;
}

export const MAX_ACCESS_LOG_PAGE = 500;
const READ_BATCH = 500;
const PATH_LIMIT = 512;
const PLAIN_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Ids that do not fit a stream name (e.g. e-mail user ids from an external IdP) are hashed. */
const streamIdPart = (id: string): string => (PLAIN_ID.test(id) ? id : `h.${sha256Hex(id)}`);
export const accessLogStreamOf = (target: AccessTarget): string => `${ACCESS_LOG_CATEGORY}-${target.kind}.${streamIdPart(target.id)}`;
export const accessIndexStreamOf = (userId: string): string => `${ACCESS_INDEX_CATEGORY}-${streamIdPart(userId)}`;

const typeOf = (outcome: AccessOutcome): string => (outcome === 'allowed' ? 'CaseRead' : 'CaseReadDenied');

/** The copy of a log event in its reader's index: derived id, same type and record, plus where the original is. */
const indexCopyOf = (logged: LoggedEvent): EventToAppend => ({
  eventId: deterministicUuid(`${ACCESS_INDEX_CATEGORY}:${logged.eventId}`),
  type: logged.type,
  data: { ...logged.data, logged: { streamId: logged.streamId, eventId: logged.eventId, revision: String(logged.revision), position: String(logged.position) } },
  metadata: {
    schemaVersion: logged.metadata.schemaVersion,
    actor: logged.metadata.actor,
    commandId: logged.metadata.commandId,
    correlationId: logged.metadata.correlationId,
    causationId: logged.eventId,
  },
});

const readerOf = (r: AccessReader): AccessReader => ({
  userId: r.userId,
  role: r.role,
  orgId: r.orgId,
  ...(r.position !== undefined ? { position: r.position } : {}),
  ...(r.regionId !== undefined ? { regionId: r.regionId } : {}),
});

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

const entryOf = (event: Pick<RecordedEvent, 'streamId' | 'eventId' | 'revision' | 'position' | 'data'>): AccessLogEntry => {
  const data = event.data as JsonObject & { logged?: JsonObject };
  const logged = data.logged;
  const record = data as unknown as AccessRecord & { readonly at: string };
  return {
    target: record.target,
    action: record.action,
    outcome: record.outcome,
    reader: record.reader,
    request: record.request,
    ...(record.detail !== undefined ? { detail: record.detail } : {}),
    at: record.at,
    eventId: logged ? str(logged['eventId']) : event.eventId,
    streamId: logged ? str(logged['streamId']) : event.streamId,
    revision: logged ? str(logged['revision']) : String(event.revision),
    position: logged ? str(logged['position']) : String(event.position),
  };
};

const matches = (entry: AccessLogEntry, filter: AccessLogFilter): boolean => {
  if (filter.userId !== undefined && entry.reader.userId !== filter.userId) return false;
  if (filter.target && (entry.target.kind !== filter.target.kind || entry.target.id !== filter.target.id)) return false;
  const at = Date.parse(entry.at);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at > Date.parse(filter.to)) return false;
  return true;
};

/** Appends and queries the read-audit log (see the design note above). Errors propagate: an unrecorded read must fail. */
export class AccessLog {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  async record(record: AccessRecord): Promise<AccessLogEntry> {
    const eventId = this.newId();
    const { userId, role, orgId } = record.reader;
    const data = {
      at: this.clock.now().toISOString(),
      by: { userId, role, orgId },
      target: { kind: record.target.kind, id: record.target.id },
      action: record.action,
      outcome: record.outcome,
      reader: readerOf(record.reader),
      request: { ...record.request, path: record.request.path.slice(0, PATH_LIMIT) },
      ...(record.detail !== undefined ? { detail: record.detail.slice(0, 200) } : {}),
    };
    const streamId = accessLogStreamOf(record.target);
    const metadata = { schemaVersion: ACCESS_LOG_SCHEMA_VERSION, actor: { userId, role, orgId }, commandId: eventId, correlationId: record.request.correlationId, causationId: record.request.correlationId };
    const type = typeOf(record.outcome);
    const appended = await this.store.append(streamId, [{ eventId, type, data, metadata }], 'any');
    // The copy is derived from what was appended — plain JSON, stored as given — exactly as a repair
    // derives it from the stored event, so a later repair finds it identical (no ID_CONFLICT).
    return this.index({ streamId, eventId, revision: appended.nextRevision, position: appended.position, type, data, metadata });
  }

  /** Entries about one target (a case, or a user whose reads were queried). */
  byTarget(target: AccessTarget, filter: AccessLogFilter): Promise<AccessLogPage> {
    return this.page(accessLogStreamOf(target), { ...filter, target });
  }

  /** Entries of one reader, from the reader's index stream. */
  byReader(userId: string, filter: AccessLogFilter): Promise<AccessLogPage> {
    return this.page(accessIndexStreamOf(userId), { ...filter, userId });
  }

  /**
   * Re-derives index copies missing after a crash between the two appends of `record`. Scans the
   * store from `fromPosition` (exclusive); returns how many copies it (re)appended and the last
   * position scanned, to resume from.
   */
  async repairUserIndex(fromPosition?: bigint, batch = 1_000): Promise<{ readonly checked: number; readonly lastPosition: bigint | undefined }> {
    let position = fromPosition;
    let checked = 0;
    for (;;) {
      const events = await this.store.readAll({ ...(position !== undefined ? { fromPosition: position } : {}), maxCount: batch });
      for (const event of events) {
        if (!event.streamId.startsWith(`${ACCESS_LOG_CATEGORY}-`)) continue;
        await this.index(event);
        checked += 1;
      }
      const last = events[events.length - 1];
      if (!last) return { checked, lastPosition: position };
      position = last.position;
    }
  }

  private async index(logged: LoggedEvent): Promise<AccessLogEntry> {
    await this.store.append(accessIndexStreamOf(str(logged.metadata.actor.userId)), [indexCopyOf(logged)], 'any');
    return entryOf({ ...logged, data: logged.data as JsonObject });
  }

  private async page(streamId: string, filter: AccessLogFilter): Promise<AccessLogPage> {
    const limit = Math.max(1, Math.min(filter.limit, MAX_ACCESS_LOG_PAGE));
    const entries: AccessLogEntry[] = [];
    let from = filter.cursor ?? 0n;
    for (;;) {
      const batch = await this.store.readStream(streamId, { fromRevision: from, maxCount: READ_BATCH });
      for (const event of batch) {
        const entry = entryOf(event);
        if (!matches(entry, filter)) continue;
        entries.push(entry);
        if (entries.length === limit) {
          const more = (await this.store.streamRevision(streamId) ?? -1n) > event.revision;
          return { entries, nextCursor: more ? String(event.revision + 1n) : null };
        }
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < READ_BATCH) return { entries, nextCursor: null };
      from = last.revision + 1n;
    }
  }
}
