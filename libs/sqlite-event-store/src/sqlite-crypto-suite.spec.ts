import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, CryptoSuite, EventToAppend, verifyAll, verifyStream } from '@xj/application';
import { CryptoSuiteMismatchError, GENESIS_HASH } from '@xj/application/event-store-kit';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { sm3 } from 'sm-crypto-v2';
import { SqliteEventStore } from './sqlite-event-store';

const anEvent = (): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ClueRegistered',
  data: { title: '线索' },
  metadata: {
    schemaVersion: 1,
    actor: { userId: 'u-1', role: 'Clerk', orgId: 'org' },
    commandId: 'cmd-1',
    correlationId: 'corr-1',
    causationId: 'cause-1',
  },
});

describe('the SQLite store keeps the crypto suite it was created with (CRYPTO_SUITE)', () => {
  let dir: string;
  let filename: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xj-suite-'));
    filename = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (cryptoSuite?: CryptoSuite): SqliteEventStore => new SqliteEventStore({ filename, cryptoSuite });
  const recorded = (): string | undefined => {
    const db = new Database(filename, { readonly: true });
    try {
      return db.prepare<[], { value: string }>("SELECT value FROM store_meta WHERE key = 'crypto_suite'").get()?.value;
    } finally {
      db.close();
    }
  };

  it('records gm at creation, chains with SM3, and reopens as gm without the suite configured', async () => {
    const store = open('gm');
    await store.append('clue-1', [anEvent()], 'no_stream');
    const [event] = await store.readStream('clue-1');
    await store.close();
    expect(recorded()).toBe('gm');
    const { hash, ...withoutHash } = event!.metadata;
    expect(withoutHash.prevHash).toBe(GENESIS_HASH);
    // SM3 by a second implementation (sm-crypto-v2; the store uses Node's) over the documented input (event-hash.ts).
    const body = `{"data":{"title":"线索"},"eventId":"${event!.eventId}","metadata":${canonicalJson(withoutHash)},"revision":0,"streamId":"clue-1","type":"ClueRegistered"}`;
    expect(hash).toBe(sm3(GENESIS_HASH + body));

    const reopened = open();
    expect(reopened.cryptoSuite).toBe('gm');
    expect(await verifyStream(reopened, 'clue-1')).toMatchObject({ ok: true, eventsChecked: 1 });
    expect(await verifyAll(reopened)).toMatchObject({ ok: true, eventsChecked: 1 });
    await reopened.close();
  });

  it('refuses to open a gm store with intl configured, and an intl store with gm', async () => {
    await open('gm').close();
    expect(() => open('intl')).toThrow(CryptoSuiteMismatchError);
    const other = join(dir, 'other.sqlite');
    await new SqliteEventStore({ filename: other, cryptoSuite: 'intl' }).close();
    expect(() => new SqliteEventStore({ filename: other, cryptoSuite: 'gm' })).toThrow(
      expect.objectContaining({ code: 'STORE.CRYPTO_SUITE_MISMATCH', recorded: 'intl', configured: 'gm' }),
    );
  });

  it('takes a store with events and no record (written before suites) as intl, and refuses gm for it', async () => {
    const store = open('intl');
    await store.append('clue-1', [anEvent()], 'no_stream');
    await store.close();
    const db = new Database(filename);
    db.exec('DROP TABLE store_meta');
    db.close();
    expect(() => open('gm')).toThrow(CryptoSuiteMismatchError);
    const legacy = open();
    expect(legacy.cryptoSuite).toBe('intl');
    expect(await verifyAll(legacy)).toMatchObject({ ok: true, eventsChecked: 1 });
    await legacy.close();
    expect(recorded()).toBe('intl');
  });

  it('finds an edited event in a gm store: the stored row fast path hashes with SM3', async () => {
    const store = open('gm');
    await store.append('clue-1', [anEvent(), anEvent()], 'no_stream');
    await store.close();
    const db = new Database(filename);
    db.prepare(`UPDATE events SET data = '{"title":"改"}' WHERE revision = 1`).run();
    db.close();
    const reopened = open('gm');
    expect(await verifyAll(reopened)).toMatchObject({ ok: false, failure: { kind: 'hash_mismatch', revision: 1n } });
    await reopened.close();
  });
});
