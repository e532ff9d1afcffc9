import {
  AllStreamResolvedEvent,
  EventData,
  Filter,
  jsonEvent,
  Position,
  ResolvedEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import { EventStoreError, JsonObject, RecordedEvent, RecordedMetadata } from '@xj/application';
import { ChainedEvent, isValidStreamId } from '@xj/application/event-store-kit';

/**
 * Translation between the port's values and EventStoreDB's. Positions: since server 20.x an
 * ordinary append writes each event as its own committed prepare record, so commit == prepare
 * for every event and the commit position alone is a strictly increasing global position. A
 * checkpoint `p` is turned back into `{ commit: p, prepare: p }`.
 */
export const toEsdbPosition = (position: bigint): Position => ({ commit: position, prepare: position });

/** Stored form: our metadata, including the chain fields, travels in EventStoreDB's metadata. */
export const toEventData = (event: ChainedEvent): EventData =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { ...event.metadata, recordedAt: event.recordedAt, prevHash: event.prevHash, hash: event.hash },
  });

/** Our events live in `<category>-<id>` streams and never have `$` types; everything else is skipped. */
export const isPortEvent = (streamId: string, type: string): boolean =>
  isValidStreamId(streamId) && !type.startsWith('$');

/**
 * Maps a read or subscription result; `undefined` for system, link and foreign non-JSON events.
 * Foreign JSON events in our stream namespace come back as they are, and the chain verifier
 * reports them as `malformed`.
 */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (event === undefined || !event.isJson || !isPortEvent(event.streamId, event.type)) return undefined;
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined) {
    // Stream reads carry positions from server 22.6 on.
    throw new EventStoreError(
      'STORE.UNAVAILABLE',
      'EventStoreDB 22.6 or later is required (stream reads without positions).',
    );
  }
  return {
    streamId: event.streamId,
    revision: event.revision,
    position,
    eventId: event.id,
    type: event.type,
    data: event.data as JsonObject,
    metadata: (event.metadata ?? {}) as RecordedMetadata,
  };
};

/**
 * Server-side filter for subscriptions: by category prefix when given, otherwise every stream
 * named like ours — which also excludes `$`-prefixed system streams.
 */
export const subscriptionFilter = (categories: readonly string[] | undefined): Filter =>
  categories && categories.length > 0
    ? streamNameFilter({ prefixes: categories.map((category) => `${category}-`) })
    : streamNameFilter({ regex: '^[a-z][a-zA-Z0-9]*-' });
