import { ChainBreak, ChainRow, ChainVerification, ChainWalker, VerifyProgress } from './chain-verifier';
import { chainHashOfStore } from './crypto-suite';
import { EventStore } from './event-store.port';
import { ReadAllOptions, RecordedEvent, StreamHead } from './event-store.types';

/** Reading a store page by page for the chain verifier, and the walks over those pages. */

/** Pages of this size are read from the store: large enough that per-query costs vanish. */
const PAGE_SIZE = 1000;

/** One stream, page by page, in revision order. */
export async function* streamPages(
  store: EventStore,
  streamId: string,
  pageSize = PAGE_SIZE,
): AsyncGenerator<readonly RecordedEvent[]> {
  let from = 0n;
  for (;;) {
    const page = await store.readStream(streamId, { direction: 'forwards', fromRevision: from, maxCount: pageSize });
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return;
    from = last.revision + 1n;
  }
}

/** Pages of a global-order read (`readAll` or `readChainRows`): positions after `after`, exclusive. */
async function* positionPages<T extends { readonly position: bigint }>(
  read: (options: ReadAllOptions) => Promise<readonly T[]>,
  pageSize: number,
  after: bigint | undefined,
): AsyncGenerator<readonly T[]> {
  let from = after;
  for (;;) {
    const page = await read({ fromPosition: from, maxCount: pageSize });
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return;
    from = last.position;
  }
}

/** The whole store, page by page, in global order. */
export const allPages = (
  store: EventStore,
  pageSize = PAGE_SIZE,
  after?: bigint,
): AsyncGenerator<readonly RecordedEvent[]> => positionPages((options) => store.readAll(options), pageSize, after);

/**
 * Lets timers and I/O run: the embedded store answers reads synchronously, so without this a
 * whole-store walk inside the API would hold every request until it is done.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Walks pages with a synchronous inner loop (no promise per event), yielding between pages. */
export const walkPages = async <T>(
  pages: AsyncIterable<readonly T[]>,
  check: (item: T) => ChainBreak | undefined,
  walker: ChainWalker,
  onProgress?: VerifyProgress,
): Promise<ChainVerification> => {
  for await (const page of pages) {
    for (const item of page) {
      const failure = check(item);
      if (failure) return walker.failed(failure);
    }
    onProgress?.(walker.eventsChecked);
    await yieldToEventLoop();
  }
  return walker.finish();
};

/**
 * Verifies one stream. Without `expectedHead`, a truncated tail is caught only if the store's
 * own head revision (read first, so concurrent appends cannot cause a false alarm) says more
 * events exist than are returned — which a careful attacker also rewrites. With `expectedHead`
 * (from a signed checkpoint), truncation and rewritten history up to that head are caught.
 */
export const verifyStream = async (
  store: EventStore,
  streamId: string,
  options: { readonly expectedHead?: StreamHead; readonly onProgress?: VerifyProgress } = {},
): Promise<ChainVerification> => {
  const storeHead = await store.streamRevision(streamId);
  const expectedHeads = new Map<string, StreamHead>();
  if (options.expectedHead) expectedHeads.set(streamId, options.expectedHead);
  const walker = new ChainWalker({ expectedHeads, onlyStream: streamId, hashAlgorithm: chainHashOfStore(store) });
  const result = await walkPages(
    streamPages(store, streamId),
    (event) => walker.check(event),
    walker,
    options.onProgress,
  );
  if (!result.ok || storeHead === undefined) return result;
  const last = result.heads.get(streamId);
  if (last === undefined || last.revision < storeHead) {
    const end = last === undefined ? 'no events' : `revision ${last.revision}`;
    const failure: ChainBreak = {
      kind: 'truncated',
      streamId,
      revision: last?.revision,
      expected: storeHead.toString(),
      actual: last?.revision.toString(),
      message: `${streamId}: chain ends at ${end}, but the store's head is revision ${storeHead}`,
    };
    return { ok: false, eventsChecked: result.eventsChecked, failure };
  }
  return result;
};

/**
 * Optional capability of an {@link EventStore} adapter: the rows of `readAll`, unparsed, as
 * stored, each with the adapter's own check of its content (see {@link ChainRow}). Where offered,
 * whole-store verification hashes the stored text instead of parsing and re-encoding every event —
 * several times faster.
 */
export interface ChainRowSource {
  /** Same ordering, exclusivity and paging as `readAll`. */
  readChainRows(options: ReadAllOptions): Promise<readonly ChainRow[]>;
}

export const isChainRowSource = (store: object): store is ChainRowSource =>
  typeof (store as Partial<ChainRowSource>).readChainRows === 'function';

/** The whole store as stored rows, page by page, in global order. */
export const allRowPages = (
  source: ChainRowSource,
  pageSize = PAGE_SIZE,
  after?: bigint,
): AsyncGenerator<readonly ChainRow[]> => positionPages((options) => source.readChainRows(options), pageSize, after);
