import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyAll } from '@xj/application';
import { testEvents } from '@xj/testing';
import { SqliteEventStore } from './sqlite-event-store';

/** What removing a stream does to the embedded store beyond the port's contract: slices, and the file's size. */
describe('removing a stream from the SQLite file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xj-removal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fill = async (store: SqliteEventStore, stream: string, count: number): Promise<void> => {
    for (let done = 0; done < count; done += 500)
      await store.append(stream, testEvents(Math.min(500, count - done)), done === 0 ? 'no_stream' : BigInt(done - 1));
  };
  /** The file's size with the WAL folded in. */
  const size = (file: string): number => {
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return statSync(file).size;
  };

  it('removes a large stream in slices from its head down: a verification meanwhile sees intact chains, readAll then none of it', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    await fill(store, 'accesslog-20260101.main', 5_000);
    await store.append('clue-1', testEvents(2), 'no_stream');
    const removing = store.deleteStream('accesslog-20260101.main', 4_999n);
    const meanwhile = await verifyAll(store);
    await removing;
    expect(meanwhile.ok).toBe(true);
    expect(meanwhile.eventsChecked).toBeLessThan(5_002);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['clue-1', 'clue-1']);
    expect(await verifyAll(store)).toMatchObject({ ok: true, eventsChecked: 2 });
    await store.close();
  });

  it('gives the pages back to the file system in a file created by this version (incremental auto-vacuum)', async () => {
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ filename: file });
    await fill(store, 'accesslog-20260101.main', 3_000);
    await store.append('clue-1', testEvents(1), 'no_stream');
    const full = size(file);
    await store.deleteStream('accesslog-20260101.main', 2_999n);
    expect(size(file)).toBeLessThan(full / 4);
    await store.close();
  });

  it('reuses the freed pages of a file created before (no auto-vacuum): it does not grow while they last', async () => {
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.close();
    const store = new SqliteEventStore({ filename: file });
    await fill(store, 'accesslog-20260101.main', 2_000);
    const full = size(file);
    await store.deleteStream('accesslog-20260101.main', 1_999n);
    await fill(store, 'clue-1', 1_500);
    expect(size(file)).toBe(full);
    await store.close();
  });
});
