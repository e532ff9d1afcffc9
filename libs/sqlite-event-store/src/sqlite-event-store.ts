import type { Clock, CryptoSuite, ReadAllOptions, RecordedEvent, StreamHead } from '@xj/application';
import type {
  ChainRowSource,
  ChainVerification,
  DataFieldRow,
  ParallelChainVerifier,
  PartitionReads,
  VerifyProgress,
} from '@xj/application/event-store-kit';
import { assertReadAllOptions, ChainedEventStore } from '@xj/application/event-store-kit';
import type { ParallelVerificationOptions } from './parallel-verification';
import { SqliteEventStorage } from './sqlite-event-storage';
import type { SqliteChainRow } from './stored-row-hash';

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
   * event id. Default 32, as in the EventStoreDB adapter.
   */
  readonly idempotencyWindow?: number;
  /** Whole-store verification on worker threads (file databases only). */
  readonly parallelVerification?: ParallelVerificationOptions;
  /**
   * The suite configured (CRYPTO_SUITE): recorded when the store is created; opening a store created
   * with the other one fails (CryptoSuiteMismatchError). Undefined: the store's own (intl when new).
   */
  readonly cryptoSuite?: CryptoSuite;
  /** Positions a category-filtered subscription page searches at most. Default 65,536. */
  readonly categoryWindow?: number;
}

/**
 * The embedded event store (the default): the one EventStore implementation over the SQLite
 * storage (sqlite-event-storage.ts), plus what only this store can answer fast — the verifier's
 * stored texts and parallel segments, the reads of a partitioned build.
 */
export class SqliteEventStore
  extends ChainedEventStore<SqliteEventStorage>
  implements ChainRowSource, ParallelChainVerifier, PartitionReads
{
  constructor(options: SqliteEventStoreOptions) {
    const storage = new SqliteEventStorage(options);
    super(storage, { ...options, cryptoSuite: storage.cryptoSuite });
  }

  /** ChainRowSource: readAll's rows unparsed, so the chain verifier hashes the stored canonical text. */
  async readChainRows(options: ReadAllOptions = {}): Promise<SqliteChainRow[]> {
    assertReadAllOptions(options);
    this.assertOpen();
    return this.storage.readChainRows(options);
  }

  /** ParallelChainVerifier: see SqliteEventStorage.verifyAllInParallel. */
  async verifyAllInParallel(options: {
    readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
    readonly onProgress?: VerifyProgress;
  }): Promise<ChainVerification | undefined> {
    this.assertOpen();
    return this.storage.verifyAllInParallel(options);
  }

  /** PartitionReads: the last position, from the end of the key. */
  async lastPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    return this.storage.lastPosition();
  }

  /** PartitionReads: the field is read in SQL, so only the wanted rows' payloads are parsed. */
  async readDataField(types: readonly string[], field: string, through: bigint): Promise<DataFieldRow[]> {
    this.assertOpen();
    return this.storage.readDataField(types, field, through);
  }

  /** PartitionReads: each stream through its key, then merged in global order. */
  async readStreamsThrough(streamIds: readonly string[], through: bigint): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.storage.readStreamsThrough(streamIds, through);
  }
}
