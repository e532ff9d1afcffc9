import { createHash } from 'node:crypto';
import { JsonObject } from '../event-store/event-store.types';
import { RecordedEvent } from '../event-store/event-store.types';
import {
  ACCESS_EXPORT_TYPE,
  BatchBuilder,
  BatchData,
  decodeBatch,
  decodeRecords,
  isBatchData,
  packUuid,
  RecordMatch,
} from './access-log.codec';
import { AccessExport, AccessExportSummary, AccessLogEntry, AccessRecord } from './access-log.types';

/**
 * A ledger export in the access log (issue 19 §3): ONE record naming the export — who, when, the
 * file, the filters, the row count — with the ids of the cases it showed listed once, instead of
 * one record per case (a 100,000-line export wrote 100,000 records, ~10 MB, and most of its time).
 *
 * Stored as `AccessLogExportRecorded` events (schema version 1) in the writer's day segment, in
 * line with its batches: the batch shape (`at`, `who`, `ip`, `rec` with the one record, whose
 * target id is `*`) plus `x`:
 *
 *   { "n": rows, "c": cases, "h": SHA-256 (hex) of the sorted ids joined by "\n",
 *     "f": the filters as JSON, "part": 0…, "parts": events of this export,
 *     "iu": base64url of the sorted UUID ids, 16 bytes each, "i": [the other ids, sorted] }
 *
 * The ids are split over `parts` events of at most {@link EXPORT_IDS_PER_EVENT} (the store refuses
 * events over 1 MiB), appended together. Readers: a query by case ("who read case X") finds the
 * export whose id list holds X (a binary search in the part that may hold it) and answers the
 * export record with X as its target; a query by reader or over everything (the audit
 * administrator's exports) answers it once, target `*`. The archive copies the events as they are,
 * and the hash lets an archive reader check an id list (or compare two exports) without the API.
 */
export { ACCESS_EXPORT_TYPE };
export const ACCESS_EXPORT_SCHEMA_VERSION = 1;
/** 30,000 UUIDs are 640 KB of base64url: well under the store's 1 MiB per event. */
export const EXPORT_IDS_PER_EVENT = 30_000;
/** The target id of the export's own record: every case listed. */
export const EXPORT_TARGET_ID = '*';
const FILTERS_LIMIT = 2_000;

export interface ExportData {
  readonly n: number;
  readonly c: number;
  readonly h: string;
  readonly f: string;
  readonly part: number;
  readonly parts: number;
  readonly iu: string;
  readonly i: readonly string[];
}

export type ExportEventData = BatchData & { readonly x: ExportData };

/** The events' data of one export, in order: the record is repeated in each, the ids split between them. */
export const exportEventsData = (record: AccessRecord, exported: AccessExport, atMs: number): ExportEventData[] => {
  const ids = [...new Set(exported.ids)].sort();
  const digest = createHash('sha256').update(ids.join('\n')).digest('hex');
  const summary: AccessExportSummary = {
    rows: exported.rows,
    cases: ids.length,
    sha256: digest,
    filters: exported.filters,
  };
  const builder = new BatchBuilder();
  builder.add(
    { ...record, target: { kind: exported.kind, id: EXPORT_TARGET_ID }, detail: detailOf(record, summary) },
    atMs,
  );
  const batch = builder.data();
  const filters = JSON.stringify(exported.filters).slice(0, FILTERS_LIMIT);
  const parts = Math.max(1, Math.ceil(ids.length / EXPORT_IDS_PER_EVENT));
  return Array.from({ length: parts }, (_, part) => {
    const slice = ids.slice(part * EXPORT_IDS_PER_EVENT, (part + 1) * EXPORT_IDS_PER_EVENT);
    const packed: Buffer[] = [];
    const other: string[] = [];
    for (const id of slice) {
      const p = packUuid(id);
      if (p === undefined) other.push(id);
      else packed.push(Buffer.from(p, 'base64url'));
    }
    return {
      ...batch,
      x: {
        n: exported.rows,
        c: ids.length,
        h: digest,
        f: filters,
        part,
        parts,
        iu: Buffer.concat(packed).toString('base64url'),
        i: other,
      },
    };
  });
};

/** What the audit console shows of an export without looking into `x`: the file, rows, cases and the digest. */
const detailOf = (record: AccessRecord, summary: AccessExportSummary): string =>
  `${record.detail ?? 'export'}; rows=${summary.rows}; cases=${summary.cases}; sha256=${summary.sha256.slice(0, 16)}`;

const isExportData = (value: unknown): value is ExportData => {
  if (typeof value !== 'object' || value === null) return false;
  const x = value as Record<string, unknown>;
  return typeof x.iu === 'string' && Array.isArray(x.i) && typeof x.part === 'number' && typeof x.h === 'string';
};

/** The export fields of an event's data (undefined for anything else). */
export const exportDataOf = (data: JsonObject): ExportData | undefined => {
  const x = data['x'];
  return isExportData(x) ? x : undefined;
};

export const summaryOf = (x: ExportData): AccessExportSummary => {
  let filters: Readonly<Record<string, unknown>> = {};
  try {
    const parsed: unknown = JSON.parse(x.f);
    if (typeof parsed === 'object' && parsed !== null) filters = parsed as Record<string, unknown>;
  } catch {
    // Cut at FILTERS_LIMIT: the detail still names the file.
  }
  return { rows: x.n, cases: x.c, sha256: x.h, filters };
};

/** Whether this part of an export lists the case: a binary search over its sorted 16-byte ids, or the other ids. */
export const exportCovers = (x: ExportData, target: { readonly i: string; readonly iu?: string }): boolean => {
  if (target.iu === undefined) {
    // The other ids are sorted too (by UTF-16 code units, as Array#sort orders them).
    let low = 0;
    let high = x.i.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const id = x.i[mid] as string;
      if (id === target.i) return true;
      if (id < target.i) low = mid + 1;
      else high = mid;
    }
    return false;
  }
  const wanted = Buffer.from(target.iu, 'base64url');
  const ids = Buffer.from(x.iu, 'base64url');
  let low = 0;
  let high = Math.floor(ids.length / 16);
  while (low < high) {
    const mid = (low + high) >>> 1;
    // The id at `mid` against the wanted one (Buffer#compare orders the source slice against the target).
    const order = ids.compare(wanted, 0, 16, mid * 16, mid * 16 + 16);
    if (order === 0) return true;
    if (order < 0) low = mid + 1;
    else high = mid;
  }
  return false;
};

/**
 * An export's event (access-log-export.codec.ts): its one record for a query by case when this
 * part lists the case (the case as target), else once — in its first part — with target `*`.
 */
export const decodeExport = (event: RecordedEvent, match: RecordMatch, fromIndex: number): AccessLogEntry[] => {
  const x = exportDataOf(event.data);
  if (x === undefined || !isBatchData(event.data) || fromIndex > 0) return [];
  const data = event.data as unknown as BatchData;
  const [record] = data.rec;
  if (record === undefined) return [];
  const summary = summaryOf(x);
  if (match.target === undefined) {
    if (x.part !== 0) return [];
    return decodeRecords(event, data, match, 0).map((entry) => ({ ...entry, export: summary }));
  }
  if (record.k !== match.target.k || !exportCovers(x, match.target)) return [];
  const listed = { ...data, rec: [{ ...record, i: match.target.i, iu: match.target.iu }] };
  return decodeRecords(event, listed, match, 0).map((entry) => ({ ...entry, export: summary }));
};

/** The entries of any access-log event of the current design: a batch's records, or an export's. */
export const decodeLogEvent = (event: RecordedEvent, match: RecordMatch = {}, fromIndex = 0): AccessLogEntry[] =>
  event.type === ACCESS_EXPORT_TYPE ? decodeExport(event, match, fromIndex) : decodeBatch(event, match, fromIndex);
