import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  ensureRecordedCryptoSuite,
  EVENT_STORE,
  EventStore,
  StoreWritability,
  systemClock,
} from '@xj/application';
import { createEventStore } from '../adapters/adapter-selection';
import { AppConfig } from '../config/app-config';

const logWritability = (writability: { readonly writable: boolean; readonly seenBy: string }): void => {
  const logger = new Logger('event-store');
  if (writability.writable) logger.log({ seenBy: writability.seenBy }, 'event store writable again');
  else logger.error({ seenBy: writability.seenBy }, 'event store not writable: appends fail (disk full or read-only?)');
};

/** The event store chosen by configuration (or given: tests), tracked for readiness; closed last on shutdown (global). */
@Global()
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig, store?: EventStore, clock: Clock = systemClock): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        // Every append goes through the tracked store, so readiness knows what writes are doing.
        {
          provide: StoreWritability,
          useFactory: async () => {
            const chosen = store ?? createEventStore(config);
            // EventStoreDB records its crypto suite as an event (the embedded store in its file, when opened).
            if (store === undefined && config.esdbUrl) await ensureRecordedCryptoSuite(chosen, 'on EventStoreDB');
            return new StoreWritability(chosen, { onChange: logWritability });
          },
        },
        {
          provide: EVENT_STORE,
          useFactory: (writability: StoreWritability) => writability.trackedStore,
          inject: [StoreWritability],
        },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [EVENT_STORE, CLOCK, StoreWritability],
    };
  }

  /** Graceful shutdown: Nest stops the HTTP server (in-flight requests finish) before this runs. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
