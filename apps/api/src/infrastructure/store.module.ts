import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, EVENT_STORE, EventStore, StoreWritability, systemClock } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { AppConfig } from '../config/app-config';

/**
 * The EventStoreDB adapter, loaded only when configured: its gRPC client takes longer to load than
 * the rest of the embedded default's boot path, and the embedded default never uses it.
 */
const esdbAdapter = (): typeof import('@xj/esdb-event-store') =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, synchronously (callers expect a store, not a promise)
  require('@xj/esdb-event-store') as typeof import('@xj/esdb-event-store');

/** Picks the event store by configuration: EventStoreDB when ESDB_URL is set, else the embedded SQLite file. */
export const createEventStore = (config: AppConfig): EventStore => {
  if (config.esdbUrl) return esdbAdapter().EsdbEventStore.connect(config.esdbUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ filename: join(config.dataDir, EVENTS_DB_FILENAME), clock: systemClock });
};

const logWritability = (writability: { readonly writable: boolean; readonly seenBy: string }): void => {
  const logger = new Logger('event-store');
  if (writability.writable) logger.log({ seenBy: writability.seenBy }, 'event store writable again');
  else logger.error({ seenBy: writability.seenBy }, 'event store not writable: appends fail (disk full or read-only?)');
};

@Global()
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig, store?: EventStore): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        // Every append goes through the tracked store, so readiness knows what writes are doing.
        { provide: StoreWritability, useFactory: () => new StoreWritability(store ?? createEventStore(config), { onChange: logWritability }) },
        { provide: EVENT_STORE, useFactory: (writability: StoreWritability) => writability.trackedStore, inject: [StoreWritability] },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [EVENT_STORE, CLOCK, StoreWritability],
    };
  }

  /** Graceful shutdown: Nest stops the HTTP server (in-flight requests finish) before this runs. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
