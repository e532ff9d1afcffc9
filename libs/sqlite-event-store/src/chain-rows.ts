import type { ChainHashAlgorithm } from '@xj/application/event-store-kit';
import type Database from 'better-sqlite3';
import { COLUMNS, type EventRowTuple } from './sqlite-schema';
import { SqliteChainRow } from './stored-row-hash';

// Loaded by chain-segment.worker.ts too (see stored-row-hash.ts).

/** A stored row as the chain verifier hashes it (with the store's digest): the texts as stored, not parsed. */
export const toChainRow =
  (algorithm: ChainHashAlgorithm) =>
  ([
    position,
    streamId,
    revision,
    eventId,
    type,
    dataJson,
    metadataJson,
    recordedAt,
    prevHash,
    hash,
  ]: EventRowTuple): SqliteChainRow =>
    new SqliteChainRow(
      streamId,
      BigInt(revision),
      BigInt(position),
      eventId,
      type,
      dataJson,
      metadataJson,
      recordedAt,
      prevHash,
      hash,
      algorithm,
    );

/** Rows with `after < position <= through`, in position order, `limit` at a time. */
export const rangeRowsStatement = (
  db: Database.Database,
): Database.Statement<[number, number, number], EventRowTuple> =>
  db
    .prepare<[number, number, number], EventRowTuple>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position ASC LIMIT ?`,
    )
    .raw(true);

/** Pages of the rows in `after < position <= through`. */
export function* rangePages(
  statement: Database.Statement<[number, number, number], EventRowTuple>,
  after: number,
  through: number,
  pageSize: number,
  algorithm: ChainHashAlgorithm,
): Generator<SqliteChainRow[]> {
  const toRow = toChainRow(algorithm);
  let from = after;
  for (;;) {
    const rows = statement.all(from, through, pageSize);
    if (rows.length > 0) yield rows.map(toRow);
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    from = last[0];
  }
}
