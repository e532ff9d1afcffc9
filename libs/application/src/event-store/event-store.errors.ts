/**
 * Typed event-store errors. `code` is stable (the API maps it, clients may rely on it);
 * `kind` tells the one HTTP mapping place which status family applies.
 */
export const EVENT_STORE_ERROR_CODES = [
  /** The stream is not at the expected revision (optimistic concurrency). */
  'STREAM.WRONG_EXPECTED_REVISION',
  /** Stream id is not `<category>-<id>`. */
  'STREAM.INVALID_NAME',
  /** Canonical UTF-8 encoding of data + metadata exceeds the configured limit. */
  'EVENT.PAYLOAD_TOO_LARGE',
  /** Data or metadata is not plain JSON (functions, undefined, NaN, bigint, Date, class instances, cycles…). */
  'EVENT.NOT_JSON',
  /** Anything else wrong with the request: bad id, type, metadata, empty batch, negative revision. */
  'EVENT.INVALID',
  /** An event id is already stored at another position or with different content. */
  'EVENT.ID_CONFLICT',
  /** The store cannot be reached or is closed; the request may be retried. */
  'STORE.UNAVAILABLE',
] as const;

export type EventStoreErrorCode = (typeof EVENT_STORE_ERROR_CODES)[number];
export type EventStoreErrorKind = 'Conflict' | 'Validation' | 'Unavailable';

const kindOf = (code: EventStoreErrorCode): EventStoreErrorKind => {
  switch (code) {
    case 'STREAM.WRONG_EXPECTED_REVISION':
    case 'EVENT.ID_CONFLICT':
      return 'Conflict';
    case 'STREAM.INVALID_NAME':
    case 'EVENT.PAYLOAD_TOO_LARGE':
    case 'EVENT.NOT_JSON':
    case 'EVENT.INVALID':
      return 'Validation';
    case 'STORE.UNAVAILABLE':
      return 'Unavailable';
    default: {
      const never: never = code;
      return never;
    }
  }
};

/**
 * Details hold strings only (revisions as decimal strings): they end up in logs and problem
 * documents, and `JSON.stringify` throws on bigint.
 */
export type EventStoreErrorDetails = Readonly<Record<string, string | number | boolean | undefined>>;

export class EventStoreError extends Error {
  override readonly name = 'EventStoreError';
  readonly kind: EventStoreErrorKind;

  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    readonly details: EventStoreErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = kindOf(code);
  }
}

export const isEventStoreError = (value: unknown, code?: EventStoreErrorCode): value is EventStoreError =>
  value instanceof EventStoreError && (code === undefined || value.code === code);

const revisionText = (revision: bigint | 'no_stream' | 'any' | undefined): string =>
  revision === undefined ? 'no_stream' : revision.toString();

/** The concurrency error. `expected`/`actual` are `'no_stream'`, `'any'` or a decimal revision. */
export const wrongExpectedRevision = (
  streamId: string,
  expected: bigint | 'no_stream' | 'any',
  actual: bigint | undefined,
): EventStoreError =>
  new EventStoreError(
    'STREAM.WRONG_EXPECTED_REVISION',
    `Stream ${streamId} is at revision ${revisionText(actual)}, expected ${revisionText(expected)}.`,
    { streamId, expected: revisionText(expected), actual: revisionText(actual) },
  );

export const storeUnavailable = (message: string, cause: unknown): EventStoreError =>
  new EventStoreError('STORE.UNAVAILABLE', message, {}, { cause });
