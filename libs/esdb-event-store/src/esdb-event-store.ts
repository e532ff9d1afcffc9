import type { Clock, CryptoSuite } from '@xj/application';
import { ChainedEventStore } from '@xj/application/event-store-kit';
import { connectEsdb, EsdbClientLike } from './esdb-client';
import { EsdbEventStorage } from './esdb-event-storage';

export interface EsdbEventStoreOptions {
  readonly clock?: Clock;
  /** Per-event limit on canonical data + metadata, UTF-8 bytes. Default 1 MiB. */
  readonly maxPayloadBytes?: number;
  /**
   * How many of a stream's latest events an append reads to find its head and recognise a
   * retry or a reused event id. Default 32, as in the
   * embedded store: EventStoreDB has no index by event id, so ids are checked per stream.
   */
  readonly idempotencyWindow?: number;
  /** Re-reads after a concurrent append when the caller passed `'any'`. Default 5. */
  readonly anyRetries?: number;
  /** The crypto suite the store was created with (CRYPTO_SUITE). Default `intl`. */
  readonly cryptoSuite?: CryptoSuite;
}

/** The EventStoreDB adapter: the one EventStore implementation over EventStoreDB's storage (esdb-event-storage.ts). */
export class EsdbEventStore extends ChainedEventStore<EsdbEventStorage> {
  constructor(client: EsdbClientLike, options: EsdbEventStoreOptions = {}) {
    super(new EsdbEventStorage(client), { ...options, conflictRetries: options.anyRetries });
  }

  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(connectEsdb(connectionString), options);
  }
}
