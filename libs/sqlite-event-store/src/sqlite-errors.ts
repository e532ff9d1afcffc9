import { EventStoreError, storeUnavailable } from '@xj/application';

/** SQLite result codes that mean "the store cannot serve this now", not "the request is wrong". */
const UNAVAILABLE_PREFIXES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
];

/**
 * Recognised by shape, not by `instanceof`: the native addon keeps the SqliteError class (and
 * so the Error realm) of the first module instance that loaded it, and jest gives every test
 * file its own module registry and globals.
 */
const isSqliteError = (error: unknown): error is Error & { code: string } =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'SqliteError' &&
  typeof (error as { code?: unknown }).code === 'string';

/**
 * Maps driver errors to the port's. A constraint violation is a backstop: the append reads the
 * head inside its write transaction, so UNIQUE (stream_id, revision) can only fail when the head
 * row and the stored events disagree (a file edited behind the store's back). Event ids have no
 * index to violate (see sqlite-schema-version.ts): the append checks them per stream.
 */
export const mapSqliteError = (error: unknown, streamId?: string): unknown => {
  if (error instanceof EventStoreError) return error;
  if (isSqliteError(error)) {
    if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return new EventStoreError(
        'STREAM.WRONG_EXPECTED_REVISION',
        `Stream ${streamId ?? ''} moved during the append.`,
        { streamId },
        { cause: error },
      );
    }
    if (UNAVAILABLE_PREFIXES.some((prefix) => error.code.startsWith(prefix))) {
      return storeUnavailable(`SQLite event store unavailable (${error.code}).`, error);
    }
  }
  return error;
};
