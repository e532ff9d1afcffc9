import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Clock,
  CryptoSuite,
  cryptoSuiteOf,
  EventMetadata,
  EventStore,
  MIGRATION_STREAM,
  RecordedEvent,
  SignedCheckpoint,
  STORE_MIGRATED,
  verifyAll,
} from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';

/**
 * Switching a store's crypto suite (issue 18: "switching means a migration that re-chains into a
 * new store and keeps the old one's final checkpoint"). A store never mixes suites, so the events
 * are copied, in global order, into a new embedded store created with the other suite: same
 * streams, revisions, event ids, types, data, metadata and recording times, chained anew with the
 * new digest. The old store's final signed checkpoint — taken by the caller right before, over
 * exactly what is copied — is kept in the new store as the first event of `storemeta-migration` and as
 * a file beside it, so an auditor can verify the old store (or a backup of it) against it and see
 * that the new store's history starts from the same events.
 */
export const MIGRATED_FROM_DIRNAME = 'migrated-from';

/** What stays behind: files of the old suite or derived from positions, rebuilt on the first start. */
const NOT_COPIED = new Set(['checkpoints', 'checkpoints-heads', 'checkpoint-signing-key.pem', MIGRATED_FROM_DIRNAME]);
const DERIVED = /^(events|read-models|deadline-timers|login-attempts)\.sqlite(-wal|-shm|-journal)?$/;

export interface CryptoMigrationOptions {
  readonly source: EventStore;
  readonly sourceDataDir: string;
  /** A new DATA_DIR: missing or empty. */
  readonly targetDataDir: string;
  readonly to: CryptoSuite;
  /** The old store's final checkpoint, signed right before (nothing may be appended meanwhile). */
  readonly finalCheckpoint: SignedCheckpoint;
  readonly clock: Clock;
  readonly onProgress?: (copied: number) => void;
  readonly pageSize?: number;
}

export interface CryptoMigrationResult {
  readonly from: CryptoSuite;
  readonly to: CryptoSuite;
  readonly events: number;
  readonly streams: number;
  readonly copiedFiles: readonly string[];
  readonly targetVerified: boolean;
}

export class CryptoMigrationError extends Error {
  override readonly name = 'CryptoMigrationError';
}

/** The recording time of the event being copied: the new store stamps it as its own `recordedAt`. */
class ReplayClock implements Clock {
  private current = new Date(0);
  set(at: string): void {
    this.current = new Date(at);
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
}

/** The writer's metadata of a recorded event: what the store adds (time, chain) is made anew. */
const writerMetadata = (event: RecordedEvent): EventMetadata => {
  const { recordedAt: _recordedAt, prevHash: _prevHash, hash: _hash, ...metadata } = event.metadata;
  return metadata;
};

/** Consecutive events of one stream appended together (one command's events share their time). */
const sameAppend = (a: RecordedEvent, b: RecordedEvent): boolean =>
  a.streamId === b.streamId && a.metadata.recordedAt === b.metadata.recordedAt && b.revision === a.revision + 1n;

export const migrateCryptoSuite = async (options: CryptoMigrationOptions): Promise<CryptoMigrationResult> => {
  const from = cryptoSuiteOf(options.source);
  if (from === options.to) throw new CryptoMigrationError(`The store already uses CRYPTO_SUITE=${from}.`);
  if (existsSync(options.targetDataDir) && readdirSync(options.targetDataDir).length > 0)
    throw new CryptoMigrationError(`${options.targetDataDir} is not empty: migrate into a new data directory.`);
  mkdirSync(options.targetDataDir, { recursive: true, mode: 0o700 });
  const clock = new ReplayClock();
  const target = new SqliteEventStore({
    filename: join(options.targetDataDir, EVENTS_DB_FILENAME),
    clock,
    cryptoSuite: options.to,
  });
  try {
    const finalPosition = BigInt(options.finalCheckpoint.checkpoint.globalPosition);
    const streams = new Set<string>();
    let copied = 0;
    let after: bigint | undefined;
    for (;;) {
      const page = await options.source.readAll({ fromPosition: after, maxCount: options.pageSize ?? 2_000 });
      const upTo = page.filter((e) => e.position <= finalPosition);
      for (let i = 0; i < upTo.length;) {
        const first = upTo[i] as RecordedEvent;
        let end = i + 1;
        while (end < upTo.length && sameAppend(upTo[end - 1] as RecordedEvent, upTo[end] as RecordedEvent)) end++;
        const run = upTo.slice(i, end);
        clock.set(first.metadata.recordedAt);
        await target.append(
          first.streamId,
          run.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: writerMetadata(e) })),
          first.revision === 0n ? 'no_stream' : first.revision - 1n,
        );
        streams.add(first.streamId);
        copied += run.length;
        i = end;
      }
      options.onProgress?.(copied);
      const last = page[page.length - 1];
      if (last === undefined || upTo.length < page.length || last.position >= finalPosition) break;
      after = last.position;
    }
    // Nothing may have been appended after the final checkpoint: it would be missing from the new store.
    if ((await options.source.readAll({ fromPosition: finalPosition, maxCount: 1 })).length > 0)
      throw new CryptoMigrationError(
        `The store was written after its final checkpoint: stop the API and the worker, remove ${options.targetDataDir}, and run the migration again.`,
      );
    clock.set(options.clock.now().toISOString());
    await target.append(
      MIGRATION_STREAM,
      [
        {
          eventId: randomUUID(),
          type: STORE_MIGRATED,
          data: {
            from,
            to: options.to,
            events: copied,
            streams: streams.size,
            finalCheckpoint: options.finalCheckpoint as unknown as Record<string, unknown>,
          },
          metadata: {
            schemaVersion: 1,
            actor: { userId: 'system:crypto-migration', role: 'Administrator', orgId: 'system' },
            commandId: `crypto-migrate-${options.finalCheckpoint.checkpoint.globalPosition}`,
            correlationId: `crypto-migrate-${options.finalCheckpoint.checkpoint.globalPosition}`,
            causationId: `crypto-migrate-${options.finalCheckpoint.checkpoint.globalPosition}`,
          },
        },
      ],
      'no_stream',
    );
    const verification = await verifyAll(target);
    const copiedFiles = copyDataFiles(options.sourceDataDir, options.targetDataDir, options.finalCheckpoint);
    return {
      from,
      to: options.to,
      events: copied,
      streams: streams.size,
      copiedFiles,
      targetVerified: verification.ok,
    };
  } finally {
    await target.close();
  }
};

/**
 * Accounts, blobs, archives and keys other than the checkpoint key go along; the read models,
 * the timer index and the login counters are derived and rebuilt at the first start; the old
 * checkpoints and the final one are kept under migrated-from/ for the auditors.
 */
const copyDataFiles = (source: string, target: string, finalCheckpoint: SignedCheckpoint): string[] => {
  const copied: string[] = [];
  for (const name of readdirSync(source)) {
    if (NOT_COPIED.has(name) || DERIVED.test(name)) continue;
    cpSync(join(source, name), join(target, name), { recursive: true, preserveTimestamps: true });
    copied.push(name);
  }
  const kept = join(target, MIGRATED_FROM_DIRNAME);
  mkdirSync(kept, { recursive: true, mode: 0o700 });
  if (existsSync(join(source, 'checkpoints')))
    cpSync(join(source, 'checkpoints'), join(kept, 'checkpoints'), { recursive: true });
  writeFileSync(join(kept, 'final-checkpoint.json'), `${JSON.stringify(finalCheckpoint, null, 2)}\n`, { mode: 0o600 });
  return copied;
};
