import { JsonObject, RecordedEvent } from '../event-store/event-store.types';
import {
  AccessAction,
  AccessLogEntry,
  AccessOutcome,
  AccessReader,
  AccessRecord,
  AccessTargetKind,
} from './access-log.types';

/**
 * The stored shapes of the access log: the batch event written since #13 (many compact records per
 * event) and the one-record events written before it (`CaseRead` / `CaseReadDenied`), both decoded
 * to the same {@link AccessLogEntry}.
 *
 * A batch's data (schema version 1 of `AccessLogBatchRecorded`):
 *
 *   { "at": "<ISO instant of the first record>",
 *     "who": [{ "u": userId, "r": role, "o": orgId, "p"?: position, "g"?: regionId }, …],
 *     "ip": ["<client address>" | null, …],
 *     "rec": [{ "t": ms after `at`, "w"?: index in `who` (0), "n"?: index in `ip` (0), "k": kind,
 *               "i" | "iu": target id, "a": action, "o": outcome, "c" | "cu": correlation id,
 *               "d"?: detail, "m"?: method, "p"?: path }, …] }
 *
 * Readers and addresses repeat across a batch, so they are listed once and referred to by index
 * (left out when 0); kinds, actions and outcomes are one-letter codes (below); an id that is a
 * lowercase UUID — case ids and generated correlation ids are — is stored as the base64url of its
 * 16 bytes under `iu` / `cu` (22 characters instead of 36); method and path are only present when
 * the writer could not derive them from the target and action. Per read that is ~100 bytes of JSON.
 */
export const ACCESS_BATCH_TYPE = 'AccessLogBatchRecorded';
export const ACCESS_BATCH_SCHEMA_VERSION = 1;
/** A ledger export's record with the ids it showed (issue 19 §3): access-log-export.codec.ts. */
export const ACCESS_EXPORT_TYPE = 'AccessLogExportRecorded';
/** The one-record events of the design before #13: still read, never written. */
export const LEGACY_ACCESS_TYPES: readonly string[] = ['CaseRead', 'CaseReadDenied'];

const PATH_LIMIT = 512;
const DETAIL_LIMIT = 200;

const KIND_CODES: Readonly<Record<AccessTargetKind, string>> = {
  clue: 'c',
  referral: 'r',
  rectification: 'i',
  accountability: 'a',
  campaign: 'p',
  user: 'u',
};
const ACTION_CODES: Readonly<Record<AccessAction, string>> = {
  details: 'd',
  history: 'h',
  'as-of': 's',
  explanation: 'e',
  'access-log': 'l',
  command: 'c',
  // Added with issue 16; records of earlier builds never carry it, so they read as before.
  export: 'x',
  // Added with issue 19 (evidence lists and downloads).
  attachment: 'f',
  // Added with issue 19 §2 (official documents as DOCX).
  document: 'o',
  // Added with issue 19 §4 (transfer package exports).
  package: 'p',
};
const OUTCOME_CODES: Readonly<Record<AccessOutcome, string>> = { allowed: 'a', denied: 'd' };

const invert = <T extends string>(codes: Readonly<Record<T, string>>): ReadonlyMap<string, T> =>
  new Map(Object.entries(codes).map(([name, code]) => [code as string, name as T]));
const KINDS = invert(KIND_CODES);
const ACTIONS = invert(ACTION_CODES);
const OUTCOMES = invert(OUTCOME_CODES);

export const kindCode = (kind: AccessTargetKind): string => KIND_CODES[kind];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A lowercase UUID as the base64url of its 16 bytes; undefined for any other id. */
export const packUuid = (id: string): string | undefined =>
  UUID.test(id) ? Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url') : undefined;
const unpackUuid = (packed: string): string => {
  const hex = Buffer.from(packed, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

interface ReaderCode {
  readonly u: string;
  readonly r: string;
  readonly o: string;
  readonly p?: string;
  readonly g?: string;
}

interface RecordCode {
  readonly t: number;
  readonly w?: number;
  readonly n?: number;
  readonly k: string;
  readonly i?: string;
  readonly iu?: string;
  readonly a: string;
  readonly o: string;
  readonly c?: string;
  readonly cu?: string;
  readonly d?: string;
  readonly m?: string;
  readonly p?: string;
}

export interface BatchData {
  readonly at: string;
  readonly who: readonly ReaderCode[];
  readonly ip: readonly (string | null)[];
  readonly rec: readonly RecordCode[];
}

/** Rough UTF-8 size of a record in the batch: enough to keep a batch well under the store's payload limit. */
const sizeOf = (record: AccessRecord): number =>
  80 +
  record.target.id.length +
  record.request.correlationId.length +
  (record.detail?.length ?? 0) +
  (record.request.path?.length ?? 0) +
  (record.request.method?.length ?? 0);

/** Collects records into one batch's data. Records are added in the order they were made. */
export class BatchBuilder {
  private readonly who: ReaderCode[] = [];
  private readonly whoIndex = new Map<string, number>();
  private readonly ips: (string | null)[] = [];
  private readonly ipIndex = new Map<string | null, number>();
  private readonly rec: RecordCode[] = [];
  private first: number | undefined;
  /** Approximate bytes so far (UTF-16 units; ids and codes are ASCII in practice). */
  bytes = 64;

  get size(): number {
    return this.rec.length;
  }

  /** Adds a record made at `atMs` (epoch milliseconds); returns its index. */
  add(record: AccessRecord, atMs: number): number {
    this.first ??= atMs;
    const { request } = record;
    const path = request.path?.slice(0, PATH_LIMIT);
    const detail = record.detail?.slice(0, DETAIL_LIMIT);
    const w = this.readerIndex(record.reader);
    const n = this.addressIndex(request.clientIp);
    const id = packUuid(record.target.id);
    const correlation = packUuid(request.correlationId);
    const code: RecordCode = {
      t: atMs - this.first,
      ...(w !== 0 ? { w } : {}),
      ...(n !== 0 ? { n } : {}),
      k: KIND_CODES[record.target.kind],
      ...(id !== undefined ? { iu: id } : { i: record.target.id }),
      a: ACTION_CODES[record.action],
      o: OUTCOME_CODES[record.outcome],
      ...(correlation !== undefined ? { cu: correlation } : { c: request.correlationId }),
      ...(detail !== undefined ? { d: detail } : {}),
      ...(request.method !== undefined ? { m: request.method } : {}),
      ...(path !== undefined ? { p: path } : {}),
    };
    this.rec.push(code);
    this.bytes += sizeOf(record);
    return this.rec.length - 1;
  }

  data(): BatchData {
    return { at: new Date(this.first ?? 0).toISOString(), who: this.who, ip: this.ips, rec: this.rec };
  }

  private readerIndex(reader: AccessReader): number {
    const key = JSON.stringify([
      reader.userId,
      reader.role,
      reader.orgId,
      reader.position ?? null,
      reader.regionId ?? null,
    ]);
    let index = this.whoIndex.get(key);
    if (index === undefined) {
      index = this.who.length;
      this.who.push({
        u: reader.userId,
        r: reader.role,
        o: reader.orgId,
        ...(reader.position !== undefined ? { p: reader.position } : {}),
        ...(reader.regionId !== undefined ? { g: reader.regionId } : {}),
      });
      this.whoIndex.set(key, index);
      this.bytes += 40 + key.length;
    }
    return index;
  }

  private addressIndex(ip: string | null): number {
    let index = this.ipIndex.get(ip);
    if (index === undefined) {
      index = this.ips.length;
      this.ips.push(ip);
      this.ipIndex.set(ip, index);
      this.bytes += 6 + (ip?.length ?? 0);
    }
    return index;
  }
}

/** Which records of a batch a query wants, tested on the codes before anything is decoded. */
export interface RecordMatch {
  /** Kind code (see {@link kindCode}), id and packed id (see {@link packUuid}) of the target. */
  readonly target?: { readonly k: string; readonly i: string; readonly iu?: string };
  readonly userId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

const readerOf = (code: ReaderCode): AccessReader => ({
  userId: code.u,
  role: code.r,
  orgId: code.o,
  ...(code.p !== undefined ? { position: code.p } : {}),
  ...(code.g !== undefined ? { regionId: code.g } : {}),
});

export const isBatchData = (data: JsonObject): boolean =>
  typeof data['at'] === 'string' &&
  Array.isArray(data['who']) &&
  Array.isArray(data['ip']) &&
  Array.isArray(data['rec']);

/** The batch's first record time in epoch ms; NaN for an event that is not a batch. */
export const batchStartMs = (event: Pick<RecordedEvent, 'type' | 'data'>): number =>
  (event.type === ACCESS_BATCH_TYPE || event.type === ACCESS_EXPORT_TYPE) && typeof event.data['at'] === 'string'
    ? Date.parse(event.data['at'])
    : Number.NaN;

/**
 * The records of a batch event that `match` selects, from `fromIndex` on, decoded into entries.
 * Records with an unknown code (written by a later version) decode with the raw code, never vanish.
 */
export const decodeBatch = (event: RecordedEvent, match: RecordMatch = {}, fromIndex = 0): AccessLogEntry[] => {
  if (event.type !== ACCESS_BATCH_TYPE || !isBatchData(event.data)) return [];
  return decodeRecords(event, event.data as unknown as BatchData, match, fromIndex);
};

/** The records of a batch's data that `match` selects, from `fromIndex` on (the export codec decodes its record here too). */
export const decodeRecords = (
  event: RecordedEvent,
  data: BatchData,
  match: RecordMatch,
  fromIndex: number,
): AccessLogEntry[] => {
  const start = Date.parse(data.at);
  const wantedReaders =
    match.userId === undefined
      ? undefined
      : new Set(data.who.flatMap((w, index) => (w.u === match.userId ? [index] : [])));
  if (wantedReaders?.size === 0) return [];
  const entries: AccessLogEntry[] = [];
  for (let index = fromIndex; index < data.rec.length; index++) {
    const r = data.rec[index] as RecordCode;
    if (
      match.target &&
      (r.k !== match.target.k || (r.iu !== undefined ? r.iu !== match.target.iu : r.i !== match.target.i))
    )
      continue;
    const w = r.w ?? 0;
    if (wantedReaders && !wantedReaders.has(w)) continue;
    const at = start + r.t;
    if ((match.fromMs !== undefined && at < match.fromMs) || (match.toMs !== undefined && at > match.toMs)) continue;
    const who = data.who[w];
    entries.push({
      target: {
        kind: KINDS.get(r.k) ?? (r.k as AccessTargetKind),
        id: r.iu !== undefined ? unpackUuid(r.iu) : (r.i ?? ''),
      },
      action: ACTIONS.get(r.a) ?? (r.a as AccessAction),
      outcome: OUTCOMES.get(r.o) ?? (r.o as AccessOutcome),
      reader: who ? readerOf(who) : { userId: '', role: '', orgId: '' },
      request: {
        ...(r.m !== undefined ? { method: r.m } : {}),
        ...(r.p !== undefined ? { path: r.p } : {}),
        correlationId: r.cu !== undefined ? unpackUuid(r.cu) : (r.c ?? ''),
        clientIp: data.ip[r.n ?? 0] ?? null,
      },
      ...(r.d !== undefined ? { detail: r.d } : {}),
      at: new Date(at).toISOString(),
      eventId: event.eventId,
      streamId: event.streamId,
      revision: String(event.revision),
      position: String(event.position),
      index,
    });
  }
  return entries;
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * An event of the earlier design: the record in full, in the target's own stream or copied into the
 * reader's index stream (`logged` then points at the original, which the entry names).
 */
export const legacyEntryOf = (
  event: Pick<RecordedEvent, 'streamId' | 'eventId' | 'revision' | 'position' | 'data'>,
): AccessLogEntry => {
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
