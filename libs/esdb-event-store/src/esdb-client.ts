import { EventStoreDBClient } from '@eventstore/db-client';

/**
 * The part of the EventStoreDB client the adapter uses. Narrow on purpose: the unit tests run
 * the adapter against an in-memory fake of exactly this, and moving to the successor client
 * (`@kurrent/kurrentdb-client`) means re-checking these six methods only.
 */
export type EsdbClientLike = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'setStreamMetadata' | 'deleteStream' | 'dispose'
>;

/** e.g. `esdb://localhost:2113?tls=false` (the docker-compose dev node). */
export const connectEsdb = (connectionString: string): EsdbClientLike =>
  EventStoreDBClient.connectionString(connectionString);
