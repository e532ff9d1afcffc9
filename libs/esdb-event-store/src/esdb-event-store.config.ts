import { EsdbEventStore, EsdbEventStoreOptions } from './esdb-event-store';

/** The EventStoreDB store from `ESDB_URL` (e.g. `esdb://localhost:2113?tls=false`). */
export const esdbEventStoreFromEnv = (env: NodeJS.ProcessEnv = process.env, options: EsdbEventStoreOptions = {}): EsdbEventStore => {
  const url = env.ESDB_URL;
  if (!url) throw new Error('ESDB_URL is not set (e.g. esdb://localhost:2113?tls=false).');
  return EsdbEventStore.connect(url, options);
};
