import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventToAppend, FixedClock } from '@xj/application';
import { canMakeFilesReadOnly, makeFilesReadOnly } from '@xj/testing';
import { SqliteEventStore } from './sqlite-event-store';

const clock = new FixedClock(new Date('2026-03-02T08:30:00.000Z'));
const metadata = {
  schemaVersion: 1,
  actor: { userId: 'u-1', role: 'JusticeBureau', orgId: 'panjin.justice' },
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
};
const anEvent = (): EventToAppend => ({ eventId: randomUUID(), type: 'Happened', data: { n: 1 }, metadata });

/** Files read-only under a running store need the immutable attribute (see makeFilesReadOnly). */
const READ_ONLY_POSSIBLE = canMakeFilesReadOnly();
const itWithReadOnlyFiles = READ_ONLY_POSSIBLE ? it : it.skip;

describe('SqliteEventStore write probe', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-probe-'));
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ filename: file, clock });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const probes = (): number => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT probes FROM write_probe WHERE id = 1').get() as { probes: number }).probes;
    } finally {
      db.close();
    }
  };

  it('commits one row in a table of its own: the log does not grow and no reader sees it', async () => {
    await store.append('clue-1', [anEvent()], 'no_stream');
    await store.probeWrite();
    await store.probeWrite();
    await store.probeWrite();
    // Read through another connection: the update was committed, not rolled back.
    expect(probes()).toBe(3);
    expect(await store.readAll()).toHaveLength(1);
    expect(await store.lastPosition()).toBe(1n);
  });

  it('answers on an in-memory store too', async () => {
    const memory = new SqliteEventStore({ filename: ':memory:', clock });
    await expect(memory.probeWrite()).resolves.toBeUndefined();
    await memory.close();
    await expect(memory.probeWrite()).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });

  // Skipped where neither root with CAP_LINUX_IMMUTABLE nor a file system with the immutable
  // attribute is available: nothing else makes a file that is already open read-only.
  itWithReadOnlyFiles(
    'fails with STORE.UNAVAILABLE, like the appends, while the files are read-only, and succeeds again after',
    async () => {
      await store.append('clue-1', [anEvent()], 'no_stream');
      await store.probeWrite();
      const readOnly = makeFilesReadOnly([file, `${file}-wal`]);
      if (!readOnly) throw new Error('canMakeFilesReadOnly() said yes');
      try {
        await expect(store.probeWrite()).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
        await expect(store.append('clue-1', [anEvent()], 0n)).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
        expect(await store.readStream('clue-1')).toHaveLength(1);
      } finally {
        readOnly.undo();
      }
      await store.probeWrite();
      await store.append('clue-1', [anEvent()], 0n);
      expect(await store.readStream('clue-1')).toHaveLength(2);
    },
  );
});
