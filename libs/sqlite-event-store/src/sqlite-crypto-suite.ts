import type { CryptoSuite } from '@xj/application/event-store-kit';
import { isCryptoSuite, resolveCryptoSuite } from '@xj/application/event-store-kit';
import type Database from 'better-sqlite3';

/**
 * The store's crypto suite, recorded in a key-value table of the file (`store_meta`, key
 * `crypto_suite`) when the store is created or first opened by a version that knows suites. A
 * table of its own rather than a schema version: older files gain it without a migration.
 */
export const openCryptoSuite = (
  db: Database.Database,
  configured: CryptoSuite | undefined,
  where: string,
): CryptoSuite => {
  db.exec('CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  return db
    .transaction((): CryptoSuite => {
      const row = db.prepare<[], { value: string }>("SELECT value FROM store_meta WHERE key = 'crypto_suite'").get();
      const recorded = row === undefined ? undefined : row.value;
      if (recorded !== undefined && !isCryptoSuite(recorded))
        throw new Error(`The event store ${where} records an unknown crypto suite.`);
      const hasEvents = db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
      const { suite, record } = resolveCryptoSuite(recorded, hasEvents, configured, where);
      if (record) db.prepare("INSERT INTO store_meta (key, value) VALUES ('crypto_suite', ?)").run(suite);
      return suite;
    })
    .immediate();
};
