import { randomUUID } from 'node:crypto';
import { CryptoSuiteMismatchError, cryptoSuiteOf, isCryptoSuite, resolveCryptoSuite } from './crypto-suite';
import { isEventStoreError } from './event-store.errors';
import { EventStore } from './event-store.port';

/**
 * A store that cannot keep its suite in a file of its own (EventStoreDB) records it as the first
 * event of this stream, written through the chained append like every other event; the embedded
 * store keeps it in its file instead (sqlite-crypto-suite.ts).
 */
export const CRYPTO_SUITE_STREAM = 'storemeta-cryptosuite';
export const CRYPTO_SUITE_RECORDED = 'CryptoSuiteRecorded';

/** A store re-chained from another suite (`cli crypto migrate`) starts with this stream's StoreMigrated. */
export const MIGRATION_STREAM = 'storemeta-migration';
export const STORE_MIGRATED = 'StoreMigrated';

/** The global position of the store's StoreMigrated, when it was re-chained from another suite. */
export const migrationPositionOf = async (store: EventStore): Promise<bigint | undefined> => {
  const [marker] = await store.readStream(MIGRATION_STREAM, { maxCount: 1 });
  return marker?.type === STORE_MIGRATED ? marker.position : undefined;
};

const recordedSuite = async (store: EventStore, where: string) => {
  const [first] = await store.readStream(CRYPTO_SUITE_STREAM, { maxCount: 1 });
  if (first === undefined) return undefined;
  const suite = (first.data as { suite?: unknown }).suite;
  if (first.type !== CRYPTO_SUITE_RECORDED || !isCryptoSuite(suite))
    throw new Error(`The event store ${where} records an unknown crypto suite.`);
  return suite;
};

/**
 * Checks the suite the store was opened with (CRYPTO_SUITE, default intl) against the one it
 * records, and records it on a store that has none: a store with events and no record predates the
 * suites and is `intl`. Throws CryptoSuiteMismatchError (STORE.CRYPTO_SUITE_MISMATCH) on a
 * difference, so a deployment never appends under another suite than its store's. Two processes
 * starting at once both try to record; the second's append is refused and it compares instead.
 */
export const ensureRecordedCryptoSuite = async (store: EventStore, where: string): Promise<void> => {
  const opened = cryptoSuiteOf(store);
  for (let attempt = 0; ; attempt++) {
    const recorded = await recordedSuite(store, where);
    const hasEvents = recorded !== undefined || (await store.readAll({ maxCount: 1 })).length > 0;
    const { suite, record } = resolveCryptoSuite(recorded, hasEvents, opened, where);
    if (suite !== opened) throw new CryptoSuiteMismatchError(suite, opened, where);
    if (!record) return;
    try {
      await store.append(
        CRYPTO_SUITE_STREAM,
        [
          {
            eventId: randomUUID(),
            type: CRYPTO_SUITE_RECORDED,
            data: { suite },
            metadata: {
              schemaVersion: 1,
              actor: { userId: 'system:store', role: 'Administrator', orgId: 'system' },
              commandId: 'record-crypto-suite',
              correlationId: 'record-crypto-suite',
              causationId: 'record-crypto-suite',
            },
          },
        ],
        'no_stream',
      );
      return;
    } catch (error) {
      if (!isEventStoreError(error, 'STREAM.WRONG_EXPECTED_REVISION') || attempt > 0) throw error;
    }
  }
};
