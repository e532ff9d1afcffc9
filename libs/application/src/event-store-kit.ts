/**
 * `@xj/application/event-store-kit` — for event-store adapters (libs/sqlite-event-store,
 * libs/esdb-event-store), their worker threads and the benchmarks that build stores as they do:
 * the storage seam, the one EventStore composed over it, and the encoding and chain internals an
 * adapter's mapping and fast paths need. Loads no NestJS, so a worker thread can afford it.
 * Everything else — the port's types and errors included — comes from `@xj/application`.
 */

// The seam and the store composed over it.
export { ChainedEventStore } from './event-store/chained-event-store';
export type { ChainedEventStoreOptions } from './event-store/chained-event-store';
export type {
  ChainedEvent,
  EventStorage,
  StorageWrite,
  StoredEventRef,
  StoredEventSummary,
  StreamTail,
} from './event-store/event-storage.port';

// Encoding, argument checks and errors as every store applies them.
export { canonicalDataOf, assertExpectedRevision, chainEvents } from './event-store/append-decision';
export { categoryOf, isValidStreamId, prepareAppend } from './event-store/append-preparation';
export { assertReadAllOptions } from './event-store/read-options';
export { filteredCategories, filterMatcher } from './event-store/subscription-filter';
export { wrongExpectedRevision } from './event-store/event-store.errors';

// The crypto suite a store is created with (SM3 or SHA-256 for the chain).
export {
  chainHashOf,
  chainHashOfStore,
  CRYPTO_SUITES,
  CryptoSuiteMismatchError,
  cryptoSuiteOf,
  isCryptoSuite,
  resolveCryptoSuite,
} from './event-store/crypto-suite';
export type { ChainHashAlgorithm, CryptoSuite, CryptoSuiteHolder } from './event-store/crypto-suite';

// The hash chain: computed from stored texts, walked in segments (the embedded store's fast paths).
export { computeEventHash, GENESIS_HASH, recomputeHash } from './event-store/event-hash';
export type { HashInput } from './event-store/event-hash';
export type { ChainRow, ChainVerification, VerifyProgress } from './event-store/chain-verifier';
export type { ChainRowSource } from './event-store/chain-pages';
export { yieldToEventLoop } from './event-store/chain-pages';
export { stitchSegments, walkSegment } from './event-store/chain-segments';
export type { ParallelChainVerifier, SegmentResult } from './event-store/chain-segments';

// What a partitioned rebuild reads from a store that can answer it (read-models/rebuild).
export type { DataFieldRow, PartitionReads } from './read-models/rebuild/partition-reads.port';
