import { EventStore, FixedClock, verifyStream } from '@xj/application';
import { EsdbEventStore } from '@xj/esdb-event-store';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FakeEsdbClient } from '@xj/testing/fake-esdb-client';
import { events, uniqueStream } from './event-store.fixtures';

/**
 * "Hashing must not depend on which store is used": the same appends, with the same clock,
 * give the same chain in every adapter (and on a real EventStoreDB when ESDB_URL is set).
 */
describe('hash chain parity across adapters', () => {
  it('produces identical hashes for identical appends', async () => {
    const clock = new FixedClock(new Date('2026-05-04T03:02:01.000Z'));
    const stores: EventStore[] = [
      new SqliteEventStore({ filename: ':memory:', clock }),
      new EsdbEventStore(new FakeEsdbClient(), { clock }),
      ...(process.env.ESDB_URL ? [EsdbEventStore.connect(process.env.ESDB_URL, { clock })] : []),
    ];
    const stream = uniqueStream('parity');
    const batches = [events(2), events(1), events(3)];
    const chains: string[][] = [];
    for (const store of stores) {
      let expected: bigint | 'no_stream' = 'no_stream';
      for (const batch of batches) expected = (await store.append(stream, batch, expected)).nextRevision;
      expect((await verifyStream(store, stream)).ok).toBe(true);
      chains.push((await store.readStream(stream)).map((e) => e.metadata.hash));
      await store.close();
    }
    expect(chains[0]).toHaveLength(6);
    chains.slice(1).forEach((chain) => expect(chain).toEqual(chains[0]));
  });
});
