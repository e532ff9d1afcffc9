import { deterministicUuid, sha256Hex } from '../command/deterministic-id';
import { EventStore } from '../event-store/event-store.port';
import { EventActor, EventToAppend } from '../event-store/event-store.types';
import { AccessTarget } from './access-log.types';

/**
 * Where the access log lives in the event store.
 *
 * - Segments (since #13): `accesslog-<yyyymmdd>.<writer>`, one stream per UTC day and writer
 *   (`ACCESS_LOG_WRITER`: one per process that appends concurrently, so EventStoreDB replicas never
 *   race for one stream's head). Their number grows with time, not with what is read.
 * - The segment directory `accesslogindex-segments`: one `AccessLogSegmentOpened` event per segment,
 *   so queries and archiving find every writer's segments on either store without listing streams.
 * - Before #13: `accesslog-<kind>.<id>` per target and `accessuser-<userId>` per reader. Still read.
 */
export const ACCESS_LOG_CATEGORY = 'accesslog';
export const ACCESS_INDEX_CATEGORY = 'accessuser';
export const ACCESS_LOG_DIRECTORY_STREAM = 'accesslogindex-segments';
export const SEGMENT_OPENED_TYPE = 'AccessLogSegmentOpened';

/** Who appends the log's own bookkeeping events (batches, directory, archive manifest). */
export const ACCESS_LOG_ACTOR: EventActor = { userId: 'system:access-log', role: 'System', orgId: 'system' };

const PLAIN_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const SEGMENT = /^accesslog-(\d{8})\.([A-Za-z0-9_-]{1,64})$/;
const DAY_MS = 86_400_000;

/** Ids that do not fit a stream name (e.g. e-mail user ids from an external IdP) are hashed. */
const streamIdPart = (id: string): string => (PLAIN_ID.test(id) ? id : `h.${sha256Hex(id)}`);
/** The target's stream of the design before #13. */
export const accessLogStreamOf = (target: AccessTarget): string =>
  `${ACCESS_LOG_CATEGORY}-${target.kind}.${streamIdPart(target.id)}`;
/** The reader's index stream of the design before #13. */
export const accessIndexStreamOf = (userId: string): string => `${ACCESS_INDEX_CATEGORY}-${streamIdPart(userId)}`;

/** A writer id as it may appear in a stream name. */
export const writerIdOf = (raw: string): string => raw.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'main';

/** `yyyymmdd` of an instant, in UTC. */
export const utcDayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
export const dayStartMs = (day: string): number =>
  Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00.000Z`);
/** Every day from the one holding `fromMs` to the one holding `toMs`, oldest first. */
export const daysBetween = (fromMs: number, toMs: number): string[] => {
  const days: string[] = [];
  for (let ms = dayStartMs(utcDayOf(fromMs)); ms <= toMs; ms += DAY_MS) days.push(utcDayOf(ms));
  return days;
};

export interface SegmentRef {
  readonly streamId: string;
  readonly day: string;
  readonly writer: string;
}

export const segmentOf = (day: string, writer: string): SegmentRef => ({
  streamId: `${ACCESS_LOG_CATEGORY}-${day}.${writer}`,
  day,
  writer,
});

/** The segment a stream id names; undefined for every other stream (including the per-target streams of before #13). */
export const parseSegment = (streamId: string): SegmentRef | undefined => {
  const match = SEGMENT.exec(streamId);
  return match ? { streamId, day: match[1] as string, writer: match[2] as string } : undefined;
};

/** True for the streams archiving may remove: access-log segments. */
export const isAccessLogSegment = (streamId: string): boolean => SEGMENT.test(streamId);

const byDayThenWriter = (a: SegmentRef, b: SegmentRef): number =>
  a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0;

/**
 * The segment directory, as this process knows it: read from the store on demand (only what is new
 * since the last read) and appended to the first time this process writes to a segment.
 */
export class SegmentDirectory {
  private readonly known = new Map<string, SegmentRef>();
  private nextRevision = 0n;
  private readonly announced = new Set<string>();

  constructor(private readonly store: EventStore) {}

  /**
   * Records that `segment` exists, before its first batch is appended (so a crash in between leaves
   * an entry for an empty segment, never a segment without an entry). The event id is derived from
   * the segment, so two processes announcing the same one write it once (while it is among the
   * directory's latest events) and {@link list} removes any duplicate.
   */
  async announce(segment: SegmentRef): Promise<void> {
    if (this.announced.has(segment.streamId)) return;
    const event: EventToAppend = {
      eventId: deterministicUuid(`${ACCESS_LOG_DIRECTORY_STREAM}:${segment.streamId}`),
      type: SEGMENT_OPENED_TYPE,
      data: { streamId: segment.streamId, day: segment.day, writer: segment.writer },
      metadata: {
        schemaVersion: 1,
        actor: ACCESS_LOG_ACTOR,
        commandId: segment.streamId,
        correlationId: segment.streamId,
        causationId: segment.streamId,
      },
    };
    await this.store.append(ACCESS_LOG_DIRECTORY_STREAM, [event], 'any');
    this.announced.add(segment.streamId);
  }

  /** Every segment announced so far, by day, then writer. */
  async list(): Promise<SegmentRef[]> {
    for (;;) {
      const page = await this.store.readStream(ACCESS_LOG_DIRECTORY_STREAM, {
        fromRevision: this.nextRevision,
        maxCount: 1000,
      });
      for (const event of page) {
        const segment = typeof event.data['streamId'] === 'string' ? parseSegment(event.data['streamId']) : undefined;
        if (segment) this.known.set(segment.streamId, segment);
        this.nextRevision = event.revision + 1n;
      }
      if (page.length < 1000) break;
    }
    return [...this.known.values()].sort(byDayThenWriter);
  }
}
