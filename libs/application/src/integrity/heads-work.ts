import { yieldToEventLoop } from '../event-store/chain-pages';

/**
 * Work over every stream head (a store written before #13 holds ~110,000 streams per million
 * events) done in turns, letting timers and I/O run in between: done in one go, sorting, digesting
 * or copying the heads held the event loop for 0.1–0.4 s a step, and a checkpoint run took several
 * such steps (#13 item 8 measured stalls of up to 1.9 s). A turn is a few milliseconds.
 */
export const HEADS_PER_TURN = 4096;

/** Calls `each` on every item in order, yielding to the event loop every {@link HEADS_PER_TURN} items. */
export const eachInTurns = async <T>(items: Iterable<T>, each: (item: T) => void): Promise<void> => {
  let n = 0;
  for (const item of items) {
    each(item);
    if (++n % HEADS_PER_TURN === 0) await yieldToEventLoop();
  }
};

const mergeInTurns = async (a: readonly string[], b: readonly string[]): Promise<string[]> => {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = (a[i] as string) <= (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
    if (k % (4 * HEADS_PER_TURN) === 0) await yieldToEventLoop();
  }
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
};

/**
 * The strings sorted by UTF-16 code units (the order of Array#sort without a comparator, and of
 * checkpoint heads): runs of {@link HEADS_PER_TURN} sorted one per turn, then merged in turns.
 */
export const sortedInTurns = async (items: readonly string[]): Promise<string[]> => {
  let runs: string[][] = [];
  for (let i = 0; i < items.length; i += HEADS_PER_TURN) {
    runs.push(items.slice(i, i + HEADS_PER_TURN).sort());
    await yieldToEventLoop();
  }
  while (runs.length > 1) {
    const merged: string[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const [a, b] = [runs[i] as string[], runs[i + 1]];
      merged.push(b === undefined ? a : await mergeInTurns(a, b));
    }
    runs = merged;
  }
  return runs[0] ?? [];
};
