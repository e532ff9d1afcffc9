import type {
  ChainHashAlgorithm,
  CryptoSuite,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
} from '@xj/application';
import { chainHashOf, storeUnavailable } from '@xj/application';
import type {
  ChainedEvent,
  ChainVerification,
  DataFieldRow,
  EventStorage,
  StorageWrite,
  StoredEventSummary,
  StreamTail,
  VerifyProgress,
} from '@xj/application/event-store-kit';
import { filteredCategories } from '@xj/application/event-store-kit';
import Database from 'better-sqlite3';
import { toChainRow } from './chain-rows';
import { openCryptoSuite } from './sqlite-crypto-suite';
import { GroupCommit } from './group-commit';
import { ParallelVerificationOptions, resolveWorkers, verifySegments } from './parallel-verification';
import { mapSqliteError } from './sqlite-errors';
import {
  FROM_START,
  limitOf,
  toEventRef,
  toRecordedEvent,
  toSqlInteger,
  toSummary,
  tupleToRecordedEvent,
} from './sqlite-event-rows';
import { EventRowTuple, EventStatements, openEventDatabase, prepareStatements } from './sqlite-schema';
import { CATEGORY_WINDOW, CategoryStatements, categoryBounds, categoryPageStatement } from './sqlite-category-page';
import { ChangeFeed, FeedPage, PollingSubscription } from './sqlite-subscription';
import { SqliteWriteProbe } from './sqlite-write-probe';
import type { SqliteChainRow } from './stored-row-hash';
import { removeStream } from './stream-removal';

export interface SqliteStorageOptions {
  /** Database file (created if missing) or `':memory:'`. */
  readonly filename: string;
  /** How often an idle subscription looks for other processes' appends. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
  /** Whole-store verification on worker threads (file databases only). */
  readonly parallelVerification?: ParallelVerificationOptions;
  /** The configured crypto suite (see sqlite-crypto-suite.ts); undefined: the store's own. */
  readonly cryptoSuite?: CryptoSuite;
  /** Positions a category-filtered subscription page searches at most. Default CATEGORY_WINDOW (65,536). */
  readonly categoryWindow?: number;
}

interface WriteArgs {
  readonly streamId: string;
  readonly events: readonly ChainedEvent[];
  readonly expectedHead: bigint | undefined;
}

/**
 * The embedded store's storage (EventStorage): one SQLite file in WAL mode with synchronous=FULL.
 * Writes run in IMMEDIATE transactions — those that arrive together share one (group-commit.ts),
 * each in a savepoint of its own — and compare the stream's head row inside the transaction, so
 * two processes on the same file serialise on SQLite's write lock and revisions stay gapless.
 * It also answers the embedded store's fast paths (sqlite-event-store.ts) from the same file.
 */
export class SqliteEventStorage implements EventStorage {
  private readonly db: Database.Database;
  private readonly categoryStatements: CategoryStatements = new Map();
  private readonly statements: EventStatements;
  private readonly writes: GroupCommit<WriteArgs, StorageWrite>;
  private readonly pollIntervalMs: number;
  private readonly categoryWindow: number;
  private readonly filename: string;
  private readonly parallel: { readonly workers: number; readonly minEvents: number };
  private readonly wakers = new Set<() => void>();
  /** Writes made through this instance; lets an idle subscription skip a wait it does not need. */
  private appends = 0;
  private readonly feed: ChangeFeed;
  private readonly writeProbe: SqliteWriteProbe;
  /** The suite recorded in the file, which the configured one must equal. */
  readonly cryptoSuite: CryptoSuite;
  private readonly chainHash: ChainHashAlgorithm;

  constructor(options: SqliteStorageOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.categoryWindow = options.categoryWindow ?? CATEGORY_WINDOW;
    this.filename = options.filename;
    this.parallel = resolveWorkers(options.parallelVerification ?? {});
    try {
      this.db = openEventDatabase(options.filename, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
    } catch (error) {
      throw storeUnavailable(`Cannot open the SQLite event store at ${options.filename}.`, error);
    }
    try {
      this.cryptoSuite = openCryptoSuite(this.db, options.cryptoSuite, options.filename);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.chainHash = chainHashOf(this.cryptoSuite);
    this.statements = prepareStatements(this.db);
    this.writeProbe = new SqliteWriteProbe(this.db);
    this.writes = new GroupCommit<WriteArgs, StorageWrite>(
      this.db,
      (args) => this.writeLocked(args),
      (error, { streamId }) => mapSqliteError(error, streamId),
    );
    const appends = (): number => this.appends;
    this.feed = {
      readPage: (after, maxCount, filter) => this.readFeedPage(after, maxCount, filter),
      waitForChange: (ms) => this.waitForChange(ms),
      get generation() {
        return appends();
      },
    };
  }

  /** The head row first: ids read after it are at least as new, and the write checks the head again anyway. */
  async readTail(streamId: string, count: number): Promise<StreamTail> {
    const st = this.statements;
    const rows = this.withDatabase(streamId, () => ({
      head: st.head.get(streamId),
      ids: st.tailIds.all(streamId, count),
    }));
    return {
      head: rows.head && { revision: BigInt(rows.head.revision), hash: rows.head.hash },
      events: rows.ids.reverse().map(toEventRef),
    };
  }

  async readRun(streamId: string, fromRevision: bigint, count: number): Promise<StoredEventSummary[]> {
    return this.withDatabase(streamId, () =>
      this.statements.summaries.all(streamId, toSqlInteger(fromRevision), count).map(toSummary),
    );
  }

  async write(
    streamId: string,
    events: readonly ChainedEvent[],
    expectedHead: bigint | undefined,
  ): Promise<StorageWrite> {
    this.assertOpen();
    const outcome = await this.writes.submit({ streamId, events, expectedHead });
    if (outcome.written) this.notify();
    return outcome;
  }

  /** Inside the write transaction: the head row moves first, on condition, then the events go in. */
  private writeLocked({ streamId, events, expectedHead }: WriteArgs): StorageWrite {
    const st = this.statements;
    const last = events[events.length - 1] as ChainedEvent;
    const moved =
      expectedHead === undefined
        ? st.createHead.run(streamId, Number(last.revision), last.hash)
        : st.advanceHead.run(Number(last.revision), last.hash, streamId, Number(expectedHead));
    if (moved.changes === 0) {
      const head = st.head.get(streamId);
      return { written: false, actualRevision: head === undefined ? undefined : BigInt(head.revision) };
    }
    let position: number | bigint = 0;
    for (const e of events) {
      position = st.insert.run(
        streamId,
        Number(e.revision),
        e.eventId,
        e.type,
        e.dataJson,
        e.metadataJson,
        e.recordedAt,
        e.prevHash,
        e.hash,
      ).lastInsertRowid;
    }
    return { written: true, position: BigInt(position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const limit = limitOf(options.maxCount);
    const st = this.statements;
    const rows = this.withDatabase(streamId, () =>
      options.direction === 'backwards'
        ? st.readBackwards.all(streamId, toSqlInteger(options.fromRevision ?? BigInt(Number.MAX_SAFE_INTEGER)), limit)
        : st.readForwards.all(streamId, toSqlInteger(options.fromRevision ?? 0n), limit),
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readPage(options.fromPosition, limitOf(options.maxCount));
  }

  /**
   * A subscription's page. With a category filter the rows are chosen by SQLite (a range of
   * `stream_id` per category, and the stored `type` where the filter names types; no row parsed to
   * be dropped): a process that follows one small category (the calendar) from an old checkpoint
   * no longer parses the whole log since it on every start, nor a feed that reads a few types of a
   * large category the rest of it. The search goes through at most CATEGORY_WINDOW positions per
   * page, so one page never holds the event loop for long on a large log.
   */
  private readFeedPage(after: bigint | undefined, maxCount: number, filter?: SubscriptionFilter): FeedPage {
    const categories = filteredCategories(filter);
    if (categories === undefined) {
      const events = this.readPage(after, maxCount);
      return { events, through: events.at(-1)?.position, more: events.length === maxCount };
    }
    return this.withDatabase(undefined, () => {
      const span = this.statements.positionSpan.get();
      // From the start: just before the first row (FROM_START is below any window's reach).
      const from = after === undefined ? (span?.low ?? 1) - 1 : toSqlInteger(after);
      const head = span?.high ?? from;
      const until = Math.min(head, from + this.categoryWindow);
      const rows = categoryPageStatement(this.db, this.categoryStatements, categories, filter).all(
        from,
        until,
        ...categoryBounds(categories, filter),
        maxCount,
      );
      const events = rows.map(tupleToRecordedEvent);
      if (events.length === maxCount) return { events, through: events.at(-1)?.position, more: true };
      return { events, through: until > from ? BigInt(until) : events.at(-1)?.position, more: until < head };
    });
  }

  private readPage(after: bigint | undefined, maxCount: number): RecordedEvent[] {
    return this.withDatabase(undefined, () =>
      this.statements.readAllRaw
        .all(after === undefined ? FROM_START : toSqlInteger(after), maxCount)
        .map(tupleToRecordedEvent),
    );
  }

  subscribe(options: SubscribeOptions): Subscription {
    return new PollingSubscription(this.feed, options, this.pollIntervalMs);
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    const head = this.withDatabase(streamId, () => this.statements.head.get(streamId));
    return head === undefined ? undefined : BigInt(head.revision);
  }

  /** See stream-removal.ts. */
  async deleteStream(streamId: string, expectedRevision: bigint): Promise<void> {
    this.assertOpen();
    // Writes queued before the removal commit first.
    this.writes.flush();
    try {
      await removeStream(this.db, this.statements, streamId, expectedRevision);
    } catch (error) {
      throw mapSqliteError(error, streamId);
    }
    this.notify();
  }

  /** A committed one-row update outside `events` (sqlite-write-probe.ts). */
  async probeWrite(): Promise<void> {
    this.withDatabase(undefined, () => this.writeProbe.run());
  }

  async close(): Promise<void> {
    this.writes.flush();
    this.db.close();
  }

  /** PartitionReads: the last position, from the end of the key. */
  async lastPosition(): Promise<bigint | undefined> {
    const high = this.withDatabase(undefined, () => this.statements.positionSpan.get()?.high);
    return high === null || high === undefined ? undefined : BigInt(high);
  }

  /** PartitionReads: the field is read in SQL, so only the wanted rows' payloads are parsed, and only for it. */
  async readDataField(types: readonly string[], field: string, through: bigint): Promise<DataFieldRow[]> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field))
      throw new Error(`Not a top-level field name: ${JSON.stringify(field)}.`);
    return this.withDatabase(undefined, () =>
      this.statements.dataFieldThrough
        .all(`$.${field}`, toSqlInteger(through), JSON.stringify(types))
        .map(([streamId, type, value]) => ({ streamId, type, value: typeof value === 'string' ? value : undefined })),
    );
  }

  /** PartitionReads: each stream through its key, then merged in global order. */
  async readStreamsThrough(streamIds: readonly string[], through: bigint): Promise<RecordedEvent[]> {
    const last = toSqlInteger(through);
    return this.withDatabase(undefined, () => {
      let rows: EventRowTuple[] = [];
      for (const streamId of streamIds) {
        const stream = this.statements.streamThroughRaw.all(streamId, last);
        rows = rows.length === 0 ? stream : rows.concat(stream);
      }
      if (streamIds.length > 1) rows.sort((a, b) => a[0] - b[0]);
      return rows.map(tupleToRecordedEvent);
    });
  }

  /** ChainRowSource: readAll's rows unparsed, so the chain verifier hashes the stored canonical text (stored-row-hash.ts). */
  async readChainRows(options: ReadAllOptions): Promise<SqliteChainRow[]> {
    return this.withDatabase(undefined, () =>
      this.statements.readAllRaw
        .all(
          options.fromPosition === undefined ? FROM_START : toSqlInteger(options.fromPosition),
          limitOf(options.maxCount),
        )
        .map(toChainRow(this.chainHash)),
    );
  }

  /**
   * ParallelChainVerifier: segments on worker threads, each on a read-only connection of its own
   * (WAL lets them read beside the writer). Declines for in-memory databases, small stores and
   * single-core machines. Appends made meanwhile lie beyond the span and are not verified, as
   * with a walk that started at the same moment.
   */
  async verifyAllInParallel(options: {
    readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
    readonly onProgress?: VerifyProgress;
  }): Promise<ChainVerification | undefined> {
    this.assertOpen();
    if (this.parallel.workers < 2 || this.filename === ':memory:' || this.filename === '') return undefined;
    const span = this.statements.positionSpan.get();
    if (
      !span ||
      span.low === null ||
      span.high === null ||
      span.high - span.low + 1 < Math.max(this.parallel.minEvents, this.parallel.workers)
    )
      return undefined;
    return verifySegments(
      this.filename,
      { after: span.low - 1, through: span.high },
      this.parallel.workers,
      options,
      this.chainHash,
    );
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

  private notify(): void {
    this.appends += 1;
    for (const wake of [...this.wakers]) wake();
  }

  /** Runs statements on the open database, with the driver's errors mapped to the port's. */
  private withDatabase<T>(streamId: string | undefined, run: () => T): T {
    this.assertOpen();
    try {
      return run();
    } catch (error) {
      throw mapSqliteError(error, streamId);
    }
  }

  private assertOpen(): void {
    if (!this.db.open) throw storeUnavailable('The SQLite event store is closed.', undefined);
  }
}
