import { CanonicalEntries, canonicalEntries, canonicalFromEntries } from './canonical-json';
import { EventStoreError } from './event-store.errors';
import { EventMetadata, EventToAppend, ExpectedRevision, JsonObject } from './event-store.types';

/**
 * Input validation shared by every adapter, run before anything touches the store so that a
 * rejected append writes nothing. It also produces the canonical encodings that the adapter
 * stores and hashes (one encoding per event, reused).
 */

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface AppendLimits {
  /** Per event: UTF-8 bytes of canonical(data) + canonical(metadata). Default 1 MiB. */
  readonly maxPayloadBytes: number;
}

export const DEFAULT_APPEND_LIMITS: AppendLimits = { maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES };

/** `<category>-<id>`: the category has no dash, so `clue-2026-17` is category `clue`, id `2026-17`. */
const STREAM_ID_PATTERN = /^[a-z][a-zA-Z0-9]*-[A-Za-z0-9._:-]{1,128}$/;
const CATEGORY_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** No leading `$`: EventStoreDB reserves those types for itself. */
const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const RESERVED_METADATA_KEYS = ['recordedAt', 'prevHash', 'hash'] as const;

export const isValidStreamId = (streamId: unknown): streamId is string =>
  typeof streamId === 'string' && STREAM_ID_PATTERN.test(streamId);

export const isValidCategory = (category: unknown): category is string =>
  typeof category === 'string' && CATEGORY_PATTERN.test(category);

/** The category of a valid stream id: everything before the first dash. */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

export const assertStreamId = (streamId: unknown): string => {
  if (!isValidStreamId(streamId)) {
    throw new EventStoreError(
      'STREAM.INVALID_NAME',
      'Stream ids are <category>-<id>: category [a-z][a-zA-Z0-9]*, id [A-Za-z0-9._:-]{1,128}.',
      { streamId: typeof streamId === 'string' ? streamId.slice(0, 200) : typeof streamId },
    );
  }
  return streamId;
};

export const assertCategories = (categories: readonly string[] | undefined): void => {
  for (const category of categories ?? []) {
    if (!isValidCategory(category)) {
      throw new EventStoreError('STREAM.INVALID_NAME', `Invalid stream category ${JSON.stringify(category)}.`, {
        category,
      });
    }
  }
};

export const assertExpectedRevisionArgument = (expected: unknown): ExpectedRevision => {
  if (expected === 'any' || expected === 'no_stream') return expected;
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  throw new EventStoreError('EVENT.INVALID', "Expected revision must be a revision >= 0n, 'no_stream' or 'any'.");
};

/** A validated event with the canonical encodings the adapters store and hash. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  /** canonicalJson(data) */
  readonly dataJson: string;
  /** canonicalJson(metadata) as supplied (no store-added keys) */
  readonly metadataJson: string;
  /** The same, as members, so the chain can add `recordedAt` and `prevHash` without re-encoding. */
  readonly metadataEntries: CanonicalEntries;
}

const invalid = (index: number, message: string): EventStoreError =>
  new EventStoreError('EVENT.INVALID', `events[${index}]: ${message}`, { index });

const nonEmptyString = (value: unknown): boolean =>
  typeof value === 'string' && value.length > 0 && value.length <= 256;

const assertMetadataShape = (metadata: EventMetadata, index: number): void => {
  if (!Number.isSafeInteger(metadata.schemaVersion) || metadata.schemaVersion < 1) {
    throw invalid(index, 'metadata.schemaVersion must be a positive integer.');
  }
  const actor: unknown = metadata.actor;
  if (typeof actor !== 'object' || actor === null) throw invalid(index, 'metadata.actor is required.');
  for (const key of ['userId', 'role', 'orgId'] as const) {
    if (!nonEmptyString((actor as Record<string, unknown>)[key]))
      throw invalid(index, `metadata.actor.${key} must be a non-empty string.`);
  }
  for (const key of ['commandId', 'correlationId', 'causationId'] as const) {
    if (!nonEmptyString(metadata[key])) throw invalid(index, `metadata.${key} must be a non-empty string.`);
  }
  for (const key of RESERVED_METADATA_KEYS) {
    if (Object.prototype.hasOwnProperty.call(metadata, key))
      throw invalid(index, `metadata.${key} is set by the store.`);
  }
};

const prepareEvent = (event: EventToAppend, index: number, limits: AppendLimits): PreparedEvent => {
  if (typeof event !== 'object' || event === null) throw invalid(index, 'must be an object.');
  if (typeof event.eventId !== 'string' || !UUID_PATTERN.test(event.eventId)) {
    throw invalid(index, 'eventId must be a lowercase UUID.');
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE_PATTERN.test(event.type)) {
    throw invalid(index, 'type must match [A-Za-z][A-Za-z0-9_.:-]{0,127}.');
  }
  const dataJson = canonicalFromEntries(canonicalEntries(event.data, `events[${index}].data`));
  const metadataEntries = canonicalEntries(event.metadata, `events[${index}].metadata`);
  const metadataJson = canonicalFromEntries(metadataEntries);
  assertMetadataShape(event.metadata, index);
  // A UTF-16 unit is at most 3 UTF-8 bytes: count bytes only when that bound could exceed the limit.
  if ((dataJson.length + metadataJson.length) * 3 > limits.maxPayloadBytes) {
    const bytes = Buffer.byteLength(dataJson, 'utf8') + Buffer.byteLength(metadataJson, 'utf8');
    if (bytes > limits.maxPayloadBytes) {
      throw new EventStoreError(
        'EVENT.PAYLOAD_TOO_LARGE',
        `events[${index}]: ${bytes} bytes of data and metadata exceed the limit of ${limits.maxPayloadBytes}.`,
        { index, bytes, limit: limits.maxPayloadBytes },
      );
    }
  }
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data as JsonObject,
    metadata: event.metadata,
    dataJson,
    metadataJson,
    metadataEntries,
  };
};

/** Validates a whole append request; throws the first problem as an EventStoreError. */
export const prepareAppend = (
  streamId: unknown,
  events: readonly EventToAppend[],
  expectedRevision: unknown,
  limits: AppendLimits = DEFAULT_APPEND_LIMITS,
): readonly PreparedEvent[] => {
  assertStreamId(streamId);
  assertExpectedRevisionArgument(expectedRevision);
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreError('EVENT.INVALID', 'An append needs at least one event.');
  }
  const prepared = events.map((event, index) => prepareEvent(event, index, limits));
  const ids = new Set<string>();
  prepared.forEach((event, index) => {
    if (ids.has(event.eventId)) throw invalid(index, `duplicate eventId ${event.eventId} in the same append.`);
    ids.add(event.eventId);
  });
  return prepared;
};
