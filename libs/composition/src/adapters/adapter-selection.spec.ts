import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { SqliteAttemptCounterStore, SqliteReadModelStore } from '@xj/sqlite-read-models';
// The library's entry point, as the API, the worker and the CLI load it: all of its modules.
import { createAttemptCounterStore, createEventStore, createReadModelStore, loadAppConfig } from '../index';

// Loading a production adapter fails the test: the embedded default must boot without them
// (their drivers, gRPC and mongoose, take longer to load than the rest of the boot path).
jest.mock('@xj/esdb-event-store', () => {
  throw new Error('the EventStoreDB adapter was loaded');
});
jest.mock('@xj/mongo-read-models', () => {
  throw new Error('the MongoDB adapter was loaded');
});

describe('adapter selection', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'xj-adapters-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the embedded stores without loading the production adapters', async () => {
    const config = loadAppConfig({ DATA_DIR: dataDir });
    const events = createEventStore(config);
    const readModels = await createReadModelStore(config);
    const attempts = await createAttemptCounterStore(config);
    try {
      expect(events).toBeInstanceOf(SqliteEventStore);
      expect(readModels).toBeInstanceOf(SqliteReadModelStore);
      expect(attempts).toBeInstanceOf(SqliteAttemptCounterStore);
    } finally {
      await attempts.close();
      await readModels.close();
      await events.close();
    }
  });

  it('loads each production adapter only when its URL is configured', async () => {
    expect(() =>
      createEventStore(loadAppConfig({ DATA_DIR: dataDir, ESDB_URL: 'esdb://localhost:2113?tls=false' })),
    ).toThrow('the EventStoreDB adapter was loaded');
    await expect(
      createReadModelStore(loadAppConfig({ DATA_DIR: dataDir, MONGO_URL: 'mongodb://localhost:27017/xj' })),
    ).rejects.toThrow('the MongoDB adapter was loaded');
    await expect(
      createAttemptCounterStore(loadAppConfig({ DATA_DIR: dataDir, MONGO_URL: 'mongodb://localhost:27017/xj' })),
    ).rejects.toThrow('the MongoDB adapter was loaded');
  });
});
