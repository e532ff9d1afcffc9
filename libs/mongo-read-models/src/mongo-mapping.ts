import { decimalFromEncoded, encodePosition, ReadModelDocument, Write } from '@xj/application';
import { MongoDoc, MongoWriteOperation } from './mongo-database';

/**
 * How read models map onto MongoDB.
 *
 * - One physical collection per (projection, version, logical collection):
 *   `rm_<projection>__v<version>__<collection>`, so a version is dropped by dropping its
 *   collections and versions never share indexes.
 * - `_position` is stored as a 20-digit zero-padded string (encodePosition), not as the
 *   decimal string documents carry: string order is then numeric order over the whole unsigned
 *   64-bit range (a Long is signed, a double is exact only to 2^53), and `$lte` in a write
 *   condition compares positions correctly. It is converted back on every read.
 * - Bookkeeping lives in three collections of their own: checkpoints, active versions, parked.
 */
export const CHECKPOINTS = 'rm__checkpoints';
export const ACTIVE_VERSIONS = 'rm__active_versions';
export const PARKED = 'rm__parked';

export const versionPrefix = (projection: string, version: number): string => `rm_${projection}__v${version}__`;

export const collectionName = (projection: string, version: number, collection: string): string =>
  `${versionPrefix(projection, version)}${collection}`;

export const checkpointId = (projection: string, version: number): string => `${projection}__v${version}`;

export const parkedId = (projection: string, version: number, position: string): string =>
  `${checkpointId(projection, version)}__${encodePosition(position)}`;

export const toStoredDocument = (doc: ReadModelDocument): MongoDoc => ({
  ...doc,
  _position: encodePosition(doc._position),
});

export const fromStoredDocument = (stored: MongoDoc): ReadModelDocument => {
  const position = stored._position;
  if (typeof stored._id !== 'string' || typeof position !== 'string')
    throw new Error('A read-model document needs a string _id and _position.');
  return { ...(stored as ReadModelDocument), _position: decimalFromEncoded(position) };
};

/**
 * A write conditional on the stored document being at the same or an older position. The whole
 * document is replaced (not `$set`), so fields the projection dropped disappear and field names
 * with dots (evidence codes such as `FC.INSTRUMENT` used as keys) are stored as names, not paths.
 * When a newer document exists the condition fails and the upsert's insert collides with it:
 * a duplicate-key error that means "already newer" (see {@link duplicateKeyFailures}).
 */
export const writeOperation = (write: Write): MongoWriteOperation => {
  if ('delete' in write) {
    return { deleteOne: { filter: { _id: write.id, _position: { $lte: encodePosition(write.position) } } } };
  }
  if (write.doc._id !== write.id) throw new Error(`Document _id ${write.doc._id} does not match its key ${write.id}.`);
  const replacement = toStoredDocument(write.doc);
  return {
    replaceOne: { filter: { _id: write.id, _position: { $lte: replacement._position } }, replacement, upsert: true },
  };
};

const DUPLICATE_KEY = 11000;

const errorCode = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined;

/**
 * For an error thrown by an unordered bulkWrite: the indexes of the operations that failed on a
 * duplicate key, or undefined if anything else failed (then the error is a real one). The
 * driver reports one WriteError or an array of them.
 */
export const duplicateKeyFailures = (error: unknown): number[] | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const reported = (error as { writeErrors?: unknown }).writeErrors;
  const writeErrors = reported === undefined ? [] : Array.isArray(reported) ? reported : [reported];
  if (writeErrors.length === 0) return undefined;
  const indexes: number[] = [];
  for (const writeError of writeErrors) {
    const index = (writeError as { index?: unknown }).index;
    if (errorCode(writeError) !== DUPLICATE_KEY || typeof index !== 'number') return undefined;
    indexes.push(index);
  }
  // Any other kind of failure (write concern, network) also lands here: not ignorable.
  if ((error as { writeConcernErrors?: unknown[] }).writeConcernErrors?.length) return undefined;
  return indexes;
};

export const isDuplicateKey = (error: unknown): boolean => errorCode(error) === DUPLICATE_KEY;

const NAMESPACE_NOT_FOUND = 26;
export const isNamespaceNotFound = (error: unknown): boolean => errorCode(error) === NAMESPACE_NOT_FOUND;
