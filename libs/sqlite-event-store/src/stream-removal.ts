import { assertExpectedRevision, yieldToEventLoop } from '@xj/application/event-store-kit';
import Database from 'better-sqlite3';
import { EventStatements } from './sqlite-schema';

/** Rows removed per write transaction: each is a short stop of the one thread that also serves requests. */
const SLICE = 2_000;
/** Pages given back to the file system per step. */
const VACUUM_PAGES = 1_000;

/**
 * StreamDeletion for the embedded store. A segment past its retention can hold hundreds of thousands
 * of events, too many to delete in one go on the request thread, so it goes in slices from its last
 * revision down, other work running in between: at every step the stream is an intact prefix of
 * itself (its head row follows), so a verification running meanwhile never sees a broken chain.
 * Then, in a file created with incremental auto-vacuum, the freed pages go back to the file system.
 */
export const removeStream = async (
  db: Database.Database,
  st: EventStatements,
  streamId: string,
  expectedRevision: bigint,
): Promise<void> => {
  let expected = expectedRevision;
  for (;;) {
    const done = db
      .transaction((): boolean => {
        const head = st.head.get(streamId);
        assertExpectedRevision(streamId, expected, head === undefined ? undefined : BigInt(head.revision));
        const keep = Number(expected) - SLICE;
        if (keep < 0) {
          st.deleteAbove.run(streamId, -1);
          st.deleteHead.run(streamId);
          return true;
        }
        st.deleteAbove.run(streamId, keep);
        st.setHead.run(keep, (st.hashAt.get(streamId, keep) as { hash: string }).hash, streamId);
        expected = BigInt(keep);
        return false;
      })
      .immediate();
    if (done) break;
    await yieldToEventLoop();
  }
  if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) return;
  while ((db.pragma('freelist_count', { simple: true }) as number) > 0) {
    db.pragma(`incremental_vacuum(${VACUUM_PAGES})`);
    await yieldToEventLoop();
  }
};
