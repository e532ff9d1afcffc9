import {
  CRYPTO_SUITE_RECORDED,
  CRYPTO_SUITE_STREAM,
  CryptoSuiteMismatchError,
  ensureRecordedCryptoSuite,
  FixedClock,
} from '@xj/application';
import { FakeEsdbClient } from '@xj/testing/fake-esdb-client';
import { testEvents } from '@xj/testing';
import { EsdbEventStore } from './esdb-event-store';

/**
 * Issue 18: a store keeps the crypto suite it was created with. EventStoreDB has no file of ours
 * to hold it, so it is recorded as the first event of CRYPTO_SUITE_STREAM when the API, the worker
 * or the CLI opens the store, and checked on every later opening.
 */
describe('EventStoreDB: the recorded crypto suite', () => {
  const clock = new FixedClock(new Date('2026-12-07T08:00:00.000Z'));
  const open = (client: FakeEsdbClient, cryptoSuite?: 'intl' | 'gm') =>
    new EsdbEventStore(client, { clock, cryptoSuite });

  it('records the configured suite on a new store, once, through the chained append', async () => {
    const client = new FakeEsdbClient();
    await ensureRecordedCryptoSuite(open(client, 'gm'), 'on EventStoreDB');
    await ensureRecordedCryptoSuite(open(client, 'gm'), 'on EventStoreDB');
    const recorded = await open(client, 'gm').readStream(CRYPTO_SUITE_STREAM);
    expect(recorded.map((e) => [e.type, e.data])).toEqual([[CRYPTO_SUITE_RECORDED, { suite: 'gm' }]]);
  });

  it('refuses to open a store under another suite than it records (STORE.CRYPTO_SUITE_MISMATCH)', async () => {
    const client = new FakeEsdbClient();
    await ensureRecordedCryptoSuite(open(client, 'gm'), 'on EventStoreDB');
    const error = await ensureRecordedCryptoSuite(open(client, 'intl'), 'on EventStoreDB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CryptoSuiteMismatchError);
    expect(error).toMatchObject({ code: 'STORE.CRYPTO_SUITE_MISMATCH', recorded: 'gm', configured: 'intl' });
  });

  it('takes a store with events and no record as intl (it predates the suites), and records that', async () => {
    const client = new FakeEsdbClient();
    await open(client, 'intl').append('clue-1', testEvents(2), 'no_stream');
    const error = await ensureRecordedCryptoSuite(open(client, 'gm'), 'on EventStoreDB').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE.CRYPTO_SUITE_MISMATCH', recorded: 'intl', configured: 'gm' });
    await ensureRecordedCryptoSuite(open(client), 'on EventStoreDB');
    const recorded = await open(client).readStream(CRYPTO_SUITE_STREAM);
    expect(recorded.map((e) => e.data)).toEqual([{ suite: 'intl' }]);
  });

  it('when two processes record at once, the second compares with what the first wrote', async () => {
    const client = new FakeEsdbClient();
    const results = await Promise.allSettled([
      ensureRecordedCryptoSuite(open(client, 'gm'), 'on EventStoreDB'),
      ensureRecordedCryptoSuite(open(client, 'intl'), 'on EventStoreDB'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(CryptoSuiteMismatchError);
    expect(await open(client).readStream(CRYPTO_SUITE_STREAM)).toHaveLength(1);
  });
});
