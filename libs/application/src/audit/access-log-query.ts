import { yieldToEventLoop } from '../event-store/chain-pages';
import { EventStore } from '../event-store/event-store.port';
import { RecordedEvent } from '../event-store/event-store.types';
import { batchStartMs, kindCode, legacyEntryOf, packUuid, RecordMatch } from './access-log.codec';
import { decodeLogEvent } from './access-log-export.codec';
import {
  AccessLogCursorError,
  AccessLogEntry,
  AccessLogFilter,
  AccessLogPage,
  AccessTarget,
  DEFAULT_ACCESS_LOG_DAYS,
  MAX_ACCESS_LOG_PAGE,
} from './access-log.types';
import { parseSegment, SegmentDirectory, SegmentRef, utcDayOf } from './access-log-segments';

/** What a query is about: the stream of the earlier design that holds its entries, and what each entry must match. */
export interface QueryScope {
  /** Absent for the whole log (an export): the earlier design kept no stream of every read. */
  readonly legacyStream?: string;
  readonly target?: AccessTarget;
  readonly userId?: string;
}

/**
 * Records (or events of the earlier design) scanned per request before a page is returned as it
 * stands, with a cursor to go on: ~0.2 s of parsing on this project's machines.
 */
export const SCAN_BUDGET_RECORDS = 100_000;
/** Events per read: a batch holds up to 1,000 records (~100 KB), and the embedded store parses them on the request thread. */
const READ_PAGE = 20;
/** Below this many events a segment is scanned from its start rather than searched for `from`. */
const SEARCH_THRESHOLD = 64n;
const DAY_MS = 86_400_000;

type Cursor =
  | { readonly phase: 'legacy'; readonly revision: bigint }
  | { readonly phase: 'segment'; readonly streamId: string; readonly revision: bigint; readonly index: number };

const LEGACY_CURSOR = /^(?:l:)?(\d{1,18})$/;
const SEGMENT_CURSOR = /^s:([A-Za-z0-9_.-]{1,120}):(\d{1,18}):(\d{1,6})$/;

/** Cursors are opaque to clients: `l:<revision>` in the earlier design's stream, `s:<segment>:<revision>:<index>` in a segment. A bare number is an earlier version's cursor. */
export const parseCursor = (cursor: string | undefined): Cursor => {
  if (cursor === undefined) return { phase: 'legacy', revision: 0n };
  const legacy = LEGACY_CURSOR.exec(cursor);
  if (legacy) return { phase: 'legacy', revision: BigInt(legacy[1] as string) };
  const segment = SEGMENT_CURSOR.exec(cursor);
  if (segment && parseSegment(segment[1] as string))
    return {
      phase: 'segment',
      streamId: segment[1] as string,
      revision: BigInt(segment[2] as string),
      index: Number(segment[3]),
    };
  throw new AccessLogCursorError('Not a cursor of the access log: pass back the nextCursor of the previous page.');
};

const legacyMatches = (entry: AccessLogEntry, scope: QueryScope, fromMs: number, toMs: number): boolean => {
  if (scope.userId !== undefined && entry.reader.userId !== scope.userId) return false;
  if (scope.target && (entry.target.kind !== scope.target.kind || entry.target.id !== scope.target.id)) return false;
  const at = Date.parse(entry.at);
  return at >= fromMs && at <= toMs;
};

const compareSegments = (a: Pick<SegmentRef, 'day' | 'writer'>, b: Pick<SegmentRef, 'day' | 'writer'>): number =>
  a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0;

/** One page being filled: entries, the limit and what is left of the scan budget. */
class PageBuilder {
  readonly entries: AccessLogEntry[] = [];
  constructor(
    readonly limit: number,
    public budget: number,
  ) {}
  get full(): boolean {
    return this.entries.length >= this.limit;
  }
}

/**
 * Paged queries over the access log: first the earlier design's stream for the scope (its entries
 * are older than any segment's), then the segments of the days the time range touches, by day and
 * writer, each from the batch where the range starts (found by bisection on the batches' start
 * times) to the one past its end. So a query reads what its time range holds, not the whole log,
 * and a scan budget bounds the work of any one request: a page may come back short, with a cursor.
 */
export class AccessLogQuery {
  constructor(
    private readonly store: EventStore,
    private readonly directory: SegmentDirectory,
    private readonly now: () => Date,
    private readonly scanBudget = SCAN_BUDGET_RECORDS,
  ) {}

  async page(scope: QueryScope, filter: AccessLogFilter): Promise<AccessLogPage> {
    const cursor = parseCursor(filter.cursor);
    const toMs = filter.to !== undefined ? Date.parse(filter.to) : this.now().getTime();
    const fromMs = filter.from !== undefined ? Date.parse(filter.from) : toMs - DEFAULT_ACCESS_LOG_DAYS * DAY_MS;
    const page = new PageBuilder(Math.max(1, Math.min(filter.limit, MAX_ACCESS_LOG_PAGE)), this.scanBudget);
    if (!(fromMs <= toMs)) return { entries: [], nextCursor: null };
    if (cursor.phase === 'legacy' && scope.legacyStream !== undefined) {
      const stop = await this.legacy(scope.legacyStream, scope, page, cursor.revision, fromMs, toMs);
      if (stop) return { entries: page.entries, nextCursor: stop };
    }
    const target = scope.target && {
      k: kindCode(scope.target.kind),
      i: scope.target.id,
      iu: packUuid(scope.target.id),
    };
    const match: RecordMatch = {
      ...(target ? { target } : {}),
      ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
      fromMs,
      toMs,
    };
    const [firstDay, lastDay] = [utcDayOf(fromMs), utcDayOf(toMs)];
    const resume = cursor.phase === 'segment' ? cursor : undefined;
    const resumeAt = resume && parseSegment(resume.streamId);
    const segments = (await this.directory.list()).filter(
      (s) => s.day >= firstDay && s.day <= lastDay && (resumeAt === undefined || compareSegments(s, resumeAt) >= 0),
    );
    for (const segment of segments) {
      const resumeHere = resume?.streamId === segment.streamId ? resume : undefined;
      const stop = await this.segment(segment, page, match, fromMs, toMs, resumeHere);
      if (stop) return { entries: page.entries, nextCursor: stop };
    }
    return { entries: page.entries, nextCursor: null };
  }

  /** The earlier design's stream; returns a cursor when the page is full or the budget is spent. */
  private async legacy(
    legacyStream: string,
    scope: QueryScope,
    page: PageBuilder,
    fromRevision: bigint,
    fromMs: number,
    toMs: number,
  ): Promise<string | undefined> {
    let next = fromRevision;
    for (;;) {
      if (page.budget <= 0) return `l:${next}`;
      const events = await this.store.readStream(legacyStream, { fromRevision: next, maxCount: READ_PAGE });
      page.budget -= events.length;
      for (const event of events) {
        next = event.revision + 1n;
        const entry = legacyEntryOf(event);
        if (!legacyMatches(entry, scope, fromMs, toMs)) continue;
        page.entries.push(entry);
        if (page.full) return `l:${next}`;
      }
      if (events.length < READ_PAGE) return undefined;
      await yieldToEventLoop();
    }
  }

  private async segment(
    segment: SegmentRef,
    page: PageBuilder,
    match: RecordMatch,
    fromMs: number,
    toMs: number,
    resume?: { revision: bigint; index: number },
  ): Promise<string | undefined> {
    let revision = resume?.revision ?? (await this.startOf(segment, fromMs));
    let index = resume?.index ?? 0;
    if (revision === undefined) return undefined;
    for (;;) {
      if (page.budget <= 0) return `s:${segment.streamId}:${revision}:${index}`;
      const events = await this.store.readStream(segment.streamId, { fromRevision: revision, maxCount: READ_PAGE });
      for (const event of events) {
        page.budget -= Math.max(1, recordCount(event));
        // Batches are appended in the order their records were made: nothing after this one is in range.
        if (batchStartMs(event) > toMs) return undefined;
        const entries = decodeLogEvent(event, match, index);
        const room = page.limit - page.entries.length;
        page.entries.push(...entries.slice(0, room));
        if (page.full) {
          const last = page.entries[page.entries.length - 1] as AccessLogEntry;
          const more = entries.length > room || (last.index ?? 0) + 1 < recordCount(event);
          return more
            ? `s:${segment.streamId}:${event.revision}:${(last.index ?? 0) + 1}`
            : `s:${segment.streamId}:${event.revision + 1n}:0`;
        }
        revision = event.revision + 1n;
        index = 0;
      }
      if (events.length < READ_PAGE) return undefined;
      // The embedded store reads synchronously: let other requests (health checks) in between pages.
      await yieldToEventLoop();
    }
  }

  /**
   * The revision to scan a segment from for records at or after `fromMs`: the batch before the
   * first one that starts at or after it (that batch may still hold records in range). Undefined
   * when the segment does not exist (never written, or archived).
   */
  private async startOf(segment: SegmentRef, fromMs: number): Promise<bigint | undefined> {
    const head = await this.store.streamRevision(segment.streamId);
    if (head === undefined) return undefined;
    if (segment.day !== utcDayOf(fromMs) || head < SEARCH_THRESHOLD) return 0n;
    let low = 0n;
    let high = head + 1n;
    while (low < high) {
      const mid = (low + high) / 2n;
      const [event] = await this.store.readStream(segment.streamId, { fromRevision: mid, maxCount: 1 });
      if (event === undefined || batchStartMs(event) >= fromMs) high = mid;
      else low = mid + 1n;
    }
    return low > 0n ? low - 1n : 0n;
  }
}

const recordCount = (event: RecordedEvent): number => (Array.isArray(event.data['rec']) ? event.data['rec'].length : 0);
