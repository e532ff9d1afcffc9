import { randomUUID } from 'node:crypto';
import { EventStore } from '../event-store/event-store.port';
import { ACCESS_BATCH_SCHEMA_VERSION, ACCESS_BATCH_TYPE, BatchBuilder } from './access-log.codec';
import { JsonObject } from '../event-store/event-store.types';
import {
  ACCESS_EXPORT_SCHEMA_VERSION,
  ACCESS_EXPORT_TYPE,
  ExportEventData,
  exportEventsData,
} from './access-log-export.codec';
import { AccessExport, AccessRecord } from './access-log.types';
import { ACCESS_LOG_ACTOR, SegmentDirectory, segmentOf, utcDayOf } from './access-log-segments';

const ACCESS_LOG_WORKFLOW = 'access-log';

/** Where a record was stored: its batch event and its index in it. */
export interface RecordLocation {
  readonly streamId: string;
  readonly eventId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly index: number;
}

export interface AccessLogWriterOptions {
  /** The writer id in segment names (see access-log-segments.ts). */
  readonly writer: string;
  /** How long the first record of a batch waits for others to join it. Default 10 ms. */
  readonly flushMs?: number;
  /** A batch is appended as soon as it holds this many records. Default 1,000. */
  readonly maxRecords?: number;
  /** …or about this many bytes of data (the store refuses events over 1 MiB). Default 256 KiB. */
  readonly maxBytes?: number;
  readonly newId?: () => string;
}

interface Waiter {
  readonly index: number;
  resolve(location: RecordLocation): void;
  reject(error: unknown): void;
}

interface OpenBatch {
  readonly day: string;
  readonly builder: BatchBuilder;
  readonly waiters: Waiter[];
  timer?: NodeJS.Timeout;
}

/**
 * Group commit for the access log. Records join the open batch; a batch is appended as ONE event
 * when it is full, when its first record has waited `flushMs`, or when the UTC day changes (a batch
 * never spans two days' segments). One append is in flight at a time, in order: records arriving
 * meanwhile gather into the next batch, so the busier the log, the larger its batches.
 *
 * `record` resolves only once the batch holding the record is stored: a read is answered after its
 * record is durable, exactly as with one append per read. A failed append rejects every record of
 * that batch, and the next batch is tried afresh.
 */
export class AccessLogWriter {
  private open?: OpenBatch;
  private tail: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly maxRecords: number;
  private readonly maxBytes: number;
  private readonly newId: () => string;
  private closed = false;
  /** Batches appended so far (observability and tests). */
  batchesWritten = 0;

  constructor(
    private readonly store: EventStore,
    private readonly directory: SegmentDirectory,
    private readonly options: AccessLogWriterOptions,
  ) {
    this.flushMs = Math.max(0, options.flushMs ?? 10);
    this.maxRecords = Math.max(1, options.maxRecords ?? 1_000);
    this.maxBytes = Math.max(1_024, options.maxBytes ?? 256 * 1024);
    this.newId = options.newId ?? randomUUID;
  }

  /** Adds a record made at `atMs` (epoch ms); resolves with where it is stored once its batch is. */
  record(record: AccessRecord, atMs: number): Promise<RecordLocation> {
    if (this.closed) return Promise.reject(new Error('The access log writer is closed.'));
    const day = utcDayOf(atMs);
    if (this.open && this.open.day !== day) this.seal();
    const batch = this.open ?? this.start(day);
    return new Promise<RecordLocation>((resolve, reject) => {
      batch.waiters.push({ index: batch.builder.add(record, atMs), resolve, reject });
      if (batch.builder.size >= this.maxRecords || batch.builder.bytes >= this.maxBytes) this.seal();
    });
  }

  /**
   * Appends an export's record with its case ids (access-log-export.codec.ts) as one append of its
   * events, in line after the batches handed over so far (the open one is sealed first: a
   * segment's events stay in the order their records were made). Resolves with where the record
   * is stored (its first event) once it is durable.
   */
  recordExport(record: AccessRecord, exported: AccessExport, atMs: number): Promise<RecordLocation> {
    if (this.closed) return Promise.reject(new Error('The access log writer is closed.'));
    this.seal();
    const day = utcDayOf(atMs);
    const data = exportEventsData(record, exported, atMs);
    const written = this.tail.then(() => this.writeExport(day, data));
    // The tail never rejects: the outcome is the caller's.
    this.tail = written.then(
      () => undefined,
      () => undefined,
    );
    return written;
  }

  /** Appends the open batch now; resolves once every batch handed over so far is settled. */
  async flush(): Promise<void> {
    this.seal();
    await this.tail;
  }

  /** Flushes, then refuses further records. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private start(day: string): OpenBatch {
    const batch: OpenBatch = { day, builder: new BatchBuilder(), waiters: [] };
    batch.timer = setTimeout(() => {
      if (this.open === batch) this.seal();
    }, this.flushMs);
    this.open = batch;
    return batch;
  }

  private seal(): void {
    const batch = this.open;
    if (!batch) return;
    this.open = undefined;
    clearTimeout(batch.timer);
    this.tail = this.tail.then(() => this.write(batch));
  }

  private async writeExport(day: string, data: readonly ExportEventData[]): Promise<RecordLocation> {
    const segment = segmentOf(day, this.options.writer);
    await this.directory.announce(segment);
    const events = data.map((eventData) => {
      const eventId = this.newId();
      return {
        eventId,
        type: ACCESS_EXPORT_TYPE,
        data: eventData as unknown as JsonObject,
        metadata: {
          schemaVersion: ACCESS_EXPORT_SCHEMA_VERSION,
          actor: ACCESS_LOG_ACTOR,
          commandId: eventId,
          correlationId: ACCESS_LOG_WORKFLOW,
          causationId: ACCESS_LOG_WORKFLOW,
        },
      };
    });
    const appended = await this.store.append(segment.streamId, events, 'any');
    this.batchesWritten += 1;
    const first = appended.nextRevision - BigInt(events.length - 1);
    return {
      streamId: segment.streamId,
      eventId: (events[0] as { eventId: string }).eventId,
      revision: first,
      position: appended.position,
      index: 0,
    };
  }

  /** Never rejects: the outcome goes to the batch's records. */
  private async write(batch: OpenBatch): Promise<void> {
    const segment = segmentOf(batch.day, this.options.writer);
    const eventId = this.newId();
    try {
      await this.directory.announce(segment);
      // A batch has no one originating request (each record carries its own correlation id): it is
      // correlated with the access log itself, which keeps ~70 bytes off every batch.
      const metadata = {
        schemaVersion: ACCESS_BATCH_SCHEMA_VERSION,
        actor: ACCESS_LOG_ACTOR,
        commandId: eventId,
        correlationId: ACCESS_LOG_WORKFLOW,
        causationId: ACCESS_LOG_WORKFLOW,
      };
      const appended = await this.store.append(
        segment.streamId,
        [{ eventId, type: ACCESS_BATCH_TYPE, data: batch.builder.data(), metadata }],
        'any',
      );
      this.batchesWritten += 1;
      for (const waiter of batch.waiters) {
        waiter.resolve({
          streamId: segment.streamId,
          eventId,
          revision: appended.nextRevision,
          position: appended.position,
          index: waiter.index,
        });
      }
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
    }
  }
}
