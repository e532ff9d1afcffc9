import { SqliteAttemptCounterStore } from './sqlite-attempt-counter-store';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;

describe('SqliteAttemptCounterStore', () => {
  it('prunes records whose window and block are both over, so made-up keys do not pile up', async () => {
    const store = new SqliteAttemptCounterStore({ filename: ':memory:' });
    for (let i = 0; i < 30; i += 1) await store.increment(`account:made-up-${i}`, T0, MINUTE);
    await store.increment('account:blocked', T0, MINUTE);
    await store.block('account:blocked', T0 + 60 * MINUTE);
    expect(store.recordCount()).toBe(31);
    await store.increment('address:10.0.0.1', T0 + 2 * MINUTE, MINUTE);
    expect(store.recordCount()).toBe(2);
    expect((await store.read('account:blocked', T0 + 2 * MINUTE))?.blockedUntil).toBe(T0 + 60 * MINUTE);
    await store.close();
  });
});
