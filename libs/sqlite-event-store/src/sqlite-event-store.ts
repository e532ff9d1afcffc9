import {
  AppendLimits,
  AppendResult,
  assertDeletionRevision,
  assertCategories,
  assertExpectedRevision,
  assertReadAllOptions,
  assertReadStreamOptions,
  assertStreamId,
  chainEvents,
  Clock,
  DEFAULT_IDEMPOTENCY_WINDOW,
  DEFAULT_MAX_PAYLOAD_BYTES,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  findReplayStart,
  PreparedEvent,
  prepareAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedMetadata,
  replayedAppendResult,
  replaySearchStart,
  storeUnavailable,
  StoredEventRef,
  StoredEventSummary,
  ChainRowSource,
  ChainVerification,
  DataFieldRow,
  PartitionReads,
  ParallelChainVerifier,
  StreamDeletion,
  StreamHead,
  VerifyProgress,
  WriteProbe,
  SubscribeOptions,
  Subscription,
  systemClock,
} from '@xj/application';
import Database from 'better-sqlite3';
import { toChainRow } from './chain-rows';
import type { SqliteChainRow } from './stored-row-hash';
import { GroupCommit } from './group-commit';
import { ParallelVerificationOptions, resolveWorkers, verifySegments } from './parallel-verification';
import { mapSqliteError } from './sqlite-errors';
import { EventRow, EventRowTuple, EventStatements, openEventDatabase, prepareStatements, SummaryRow, TailIdRow } from './sqlite-schema';
import { ChangeFeed, PollingSubscription } from './sqlite-subscription';
import { SqliteWriteProbe } from './sqlite-write-probe';
import { removeStream } from './stream-removal';

export interface SqliteEventStoreOptions {
  /** Database file (created if missing) or `':memory:'`. */
  readonly filename: string;
  readonly clock?: Clock;
  /** Per-event limit on canonical data + metadata, UTF-8 bytes. Default 1 MiB. */
  readonly maxPayloadBytes?: number;
  /** How often an idle subscription looks for other processes' appends. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /** How long an append waits for another process's write lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
  /**
   * How many of a stream's latest events an append reads to recognise a retry or a reused
   * event id. Default {@link DEFAULT_IDEMPOTENCY_WINDOW} (32), as in the EventStoreDB adapter.
   */
  readonly idempotencyWindow?: number;
  /** Whole-store verification on worker threads (file databases only). */
  readonly parallelVerification?: ParallelVerificationOptions;
}

/**
 * "From the start" is below every row, not position 0: a row forged at position ≤ 0 must still be
 * seen by readAll, and so by the verifiers, since readStream would serve it.
 */
const FROM_START = Number.MIN_SAFE_INTEGER;

/** SQLite integers are signed 64-bit, JS numbers exact to 2^53: clamp open-ended bounds. */
const toSqlInteger = (value: bigint): number => (value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value));

/**
 * The stored metadata with what the store adds. The parsed object is fresh, so the store's keys are
 * set on it rather than spread into a copy (a catch-up converts millions of rows).
 */
const recordedMetadata = (json: string, recordedAt: string, prevHash: string, hash: string): RecordedMetadata => {
  const metadata = JSON.parse(json) as Record<string, unknown>;
  metadata.recordedAt = recordedAt;
  metadata.prevHash = prevHash;
  metadata.hash = hash;
  return metadata as RecordedMetadata;
};

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data),
  metadata: recordedMetadata(row.metadata, row.recorded_at, row.prev_hash, row.hash),
});

/** The same from a raw row (readAll's pages: no intermediate object per row). */
const tupleToRecordedEvent = ([position, streamId, revision, eventId, type, data, metadata, recordedAt, prevHash, hash]: EventRowTuple): RecordedEvent => ({
  streamId,
  revision: BigInt(revision),
  position: BigInt(position),
  eventId,
  type,
  data: JSON.parse(data),
  metadata: recordedMetadata(metadata, recordedAt, prevHash, hash),
});

const toEventRef = (row: TailIdRow): StoredEventRef => ({ revision: BigInt(row.revision), eventId: row.event_id });

const toSummary = (row: SummaryRow): StoredEventSummary => ({
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  dataJson: row.data,
});

/** SQLite: LIMIT -1 = no limit. */
const limitOf = (maxCount: number | undefined): number => maxCount ?? -1;

interface AppendArgs {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
  readonly recordedAt: string;
}

interface AppendOutcome {
  readonly result: AppendResult;
  readonly wrote: boolean;
}

/**
 * The embedded event store (the default): one SQLite file in WAL mode with synchronous=FULL.
 * Appends run in IMMEDIATE transactions — those that arrive together share one (group-commit.ts),
 * each in a savepoint of its own — so two processes on the same file serialise on SQLite's write
 * lock and revisions stay gapless.
 */
export class SqliteEventStore implements EventStore, ChainRowSource, ParallelChainVerifier, PartitionReads, WriteProbe, StreamDeletion {
  private readonly db: Database.Database;
  private readonly statements: EventStatements;
  private readonly appendGroup: GroupCommit<AppendArgs, AppendOutcome>;
  private readonly clock: Clock;
  private readonly limits: AppendLimits;
  private readonly pollIntervalMs: number;
  private readonly window: number;
  private readonly filename: string;
  private readonly parallel: { readonly workers: number; readonly minEvents: number };
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<PollingSubscription>();
  private closed = false;
  /** Appends made through this instance; lets an idle subscription skip a wait it does not need. */
  private appends = 0;
  private readonly feed: ChangeFeed;
  private readonly writeProbe: SqliteWriteProbe;

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.limits = { maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES };
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.window = Math.max(1, Math.floor(options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW));
    this.filename = options.filename;
    this.parallel = resolveWorkers(options.parallelVerification ?? {});
    try {
      this.db = openEventDatabase(options.filename, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
    } catch (error) {
      throw storeUnavailable(`Cannot open the SQLite event store at ${options.filename}.`, error);
    }
    this.statements = prepareStatements(this.db);
    this.writeProbe = new SqliteWriteProbe(this.db);
    this.appendGroup = new GroupCommit<AppendArgs, AppendOutcome>(
      this.db,
      ({ streamId, events, expected, recordedAt }) => this.appendLocked(streamId, events, expected, recordedAt),
      (error, { streamId }) => mapSqliteError(error, streamId),
    );
    const appends = (): number => this.appends;
    this.feed = {
      readPage: (after, maxCount) => this.readPage(after, maxCount),
      waitForChange: (ms) => this.waitForChange(ms),
      get generation() {
        return appends();
      },
    };
  }

  async append(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expectedRevision, this.limits);
    this.assertOpen();
    const recordedAt = this.clock.now().toISOString();
    const outcome = await this.appendGroup.submit({ streamId, events: prepared, expected: expectedRevision, recordedAt });
    if (outcome.wrote) this.notify();
    return outcome.result;
  }

  /** Runs inside the write transaction: idempotency first (a retry may carry a stale expected revision). */
  private appendLocked(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision, recordedAt: string): AppendOutcome {
    const st = this.statements;
    const replayed = this.findReplay(streamId, events, expected);
    if (replayed) return { result: replayed, wrote: false };
    const headRow = st.head.get(streamId);
    const head = headRow && { revision: BigInt(headRow.revision), hash: headRow.hash };
    assertExpectedRevision(streamId, expected, head?.revision);
    const chained = chainEvents(streamId, events, head, recordedAt);
    let position: number | bigint = 0;
    for (const e of chained) {
      position = st.insert.run(streamId, Number(e.revision), e.eventId, e.type, e.dataJson, e.metadataJson, recordedAt, e.prevHash, e.hash)
        .lastInsertRowid;
    }
    const last = chained[chained.length - 1] as (typeof chained)[number];
    st.upsertHead.run(streamId, Number(last.revision), last.hash);
    return { result: { nextRevision: last.revision, position: BigInt(position) }, wrote: true };
  }

  /**
   * Recognises a retried append the way the EventStoreDB adapter does: in the stream's tail or,
   * when the caller's expected revision is older than the tail, in the events at the target
   * revision. The tail is read without payloads: type and data only for a run that may be a retry.
   */
  private findReplay(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const st = this.statements;
    const summariesFrom = (revision: bigint): StoredEventSummary[] => st.summaries.all(streamId, Number(revision), events.length).map(toSummary);
    const tail = st.tailIds.all(streamId, this.window).reverse().map(toEventRef);
    const from = replaySearchStart(events, expected, tail);
    // Read at the target revision, the candidates are already the run to judge.
    const atTarget = from === undefined ? undefined : summariesFrom(from);
    const start = findReplayStart(streamId, events, atTarget ?? tail);
    if (start === undefined) return undefined;
    const run = atTarget ? atTarget.slice(start) : summariesFrom((tail[start] as StoredEventRef).revision);
    return replayedAppendResult(streamId, expected, events, run);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    assertReadStreamOptions(options);
    const limit = limitOf(options.maxCount);
    this.assertOpen();
    try {
      const rows =
        options.direction === 'backwards'
          ? this.statements.readBackwards.all(streamId, toSqlInteger(options.fromRevision ?? BigInt(Number.MAX_SAFE_INTEGER)), limit)
          : this.statements.readForwards.all(streamId, toSqlInteger(options.fromRevision ?? 0n), limit);
      return rows.map(toRecordedEvent);
    } catch (error) {
      throw mapSqliteError(error, streamId);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    return this.readPage(options.fromPosition, limitOf(options.maxCount));
  }

  private readPage(after: bigint | undefined, maxCount: number): RecordedEvent[] {
    this.assertOpen();
    try {
      return this.statements.readAllRaw.all(after === undefined ? FROM_START : toSqlInteger(after), maxCount).map(tupleToRecordedEvent);
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /** PartitionReads: the last position, from the end of the key. */
  async lastPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    try {
      const high = this.statements.positionSpan.get()?.high;
      return high === null || high === undefined ? undefined : BigInt(high);
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /** PartitionReads: the field is read in SQL, so only the wanted rows' payloads are parsed, and only for it. */
  async readDataField(types: readonly string[], field: string, through: bigint): Promise<DataFieldRow[]> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`Not a top-level field name: ${JSON.stringify(field)}.`);
    this.assertOpen();
    try {
      return this.statements.dataFieldThrough
        .all(`$.${field}`, toSqlInteger(through), JSON.stringify(types))
        .map(([streamId, type, value]) => ({ streamId, type, value: typeof value === 'string' ? value : undefined }));
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /** PartitionReads: each stream through its key, then merged in global order. */
  async readStreamsThrough(streamIds: readonly string[], through: bigint): Promise<RecordedEvent[]> {
    this.assertOpen();
    const last = toSqlInteger(through);
    try {
      let rows: EventRowTuple[] = [];
      for (const streamId of streamIds) {
        const stream = this.statements.streamThroughRaw.all(streamId, last);
        rows = rows.length === 0 ? stream : rows.concat(stream);
      }
      if (streamIds.length > 1) rows.sort((a, b) => a[0] - b[0]);
      return rows.map(tupleToRecordedEvent);
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /** ChainRowSource: readAll's rows unparsed, so the chain verifier hashes the stored canonical text (stored-row-hash.ts). */
  async readChainRows(options: ReadAllOptions = {}): Promise<SqliteChainRow[]> {
    assertReadAllOptions(options);
    this.assertOpen();
    try {
      const rows = this.statements.readAllRaw.all(options.fromPosition === undefined ? FROM_START : toSqlInteger(options.fromPosition), limitOf(options.maxCount));
      return rows.map(toChainRow);
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /**
   * ParallelChainVerifier: segments on worker threads, each on a read-only connection of its own
   * (WAL lets them read beside the writer). Declines for in-memory databases, small stores and
   * single-core machines. Appends made meanwhile lie beyond the span and are not verified, as
   * with a walk that started at the same moment.
   */
  async verifyAllInParallel(options: { readonly expectedHeads?: ReadonlyMap<string, StreamHead>; readonly onProgress?: VerifyProgress }): Promise<ChainVerification | undefined> {
    this.assertOpen();
    if (this.parallel.workers < 2 || this.filename === ':memory:' || this.filename === '') return undefined;
    const span = this.statements.positionSpan.get();
    if (!span || span.low === null || span.high === null || span.high - span.low + 1 < Math.max(this.parallel.minEvents, this.parallel.workers)) return undefined;
    return verifySegments(this.filename, { after: span.low - 1, through: span.high }, this.parallel.workers, options);
  }

  private waitForChange(ms: number): { promise: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const timer = setTimeout(() => wake(), ms);
    const cancel = (): void => {
      clearTimeout(timer);
      this.wakers.delete(cancel);
      wake();
    };
    this.wakers.add(cancel);
    return { promise, cancel };
  }

  subscribe(options: SubscribeOptions): Subscription {
    assertCategories(options.filter?.categories);
    this.assertOpen();
    const subscription = new PollingSubscription(this.feed, options, this.pollIntervalMs);
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    assertStreamId(streamId);
    this.assertOpen();
    try {
      const head = this.statements.head.get(streamId);
      return head === undefined ? undefined : BigInt(head.revision);
    } catch (error) {
      throw mapSqliteError(error, streamId);
    }
  }

  /** StreamDeletion (retention): see stream-removal.ts. */
  async deleteStream(streamId: string, expectedRevision: bigint): Promise<void> {
    assertStreamId(streamId);
    const expected = assertDeletionRevision(expectedRevision);
    this.assertOpen();
    // Appends queued before the removal commit first, so the expected revision is judged after them.
    this.appendGroup.flush();
    try {
      await removeStream(this.db, this.statements, streamId, expected);
    } catch (error) {
      throw mapSqliteError(error, streamId);
    }
    this.notify();
  }

  /** WriteProbe: a committed one-row update outside `events` (sqlite-write-probe.ts). */
  async probeWrite(): Promise<void> {
    this.assertOpen();
    try {
      this.writeProbe.run();
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appendGroup.flush();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private notify(): void {
    this.appends += 1;
    for (const wake of [...this.wakers]) wake();
  }

  private assertOpen(): void {
    if (this.closed || !this.db.open) throw storeUnavailable('The SQLite event store is closed.', undefined);
  }
}
