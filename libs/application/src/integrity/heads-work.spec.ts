import fc from 'fast-check';
import { eachInTurns, HEADS_PER_TURN, sortedInTurns } from './heads-work';

/** Counts turns of the event loop while `work` runs: a ticker that re-arms itself with setImmediate. */
const turnsDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> => {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, turns };
};

describe('work over every head, in turns', () => {
  it('sorts by UTF-16 code units exactly as Array#sort does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 300 }), async (ids) => {
        expect(await sortedInTurns(ids)).toEqual([...ids].sort());
      }),
      { numRuns: 200 },
    );
    const many = Array.from({ length: 3 * HEADS_PER_TURN + 17 }, (_, n) => `clue-${(n * 7919) % 100_003}`);
    expect(await sortedInTurns(many)).toEqual([...many].sort());
  });

  it('lets the event loop run between turns of a sort and of a pass over many heads', async () => {
    const ids = Array.from({ length: 5 * HEADS_PER_TURN }, (_, n) => `referral-${n}`);
    const sorting = await turnsDuring(() => sortedInTurns(ids));
    expect(sorting.turns).toBeGreaterThanOrEqual(5);
    let seen = 0;
    const pass = await turnsDuring(() => eachInTurns(ids, () => (seen += 1)));
    expect(seen).toBe(ids.length);
    expect(pass.turns).toBeGreaterThanOrEqual(4);
  });
});
