// A worker thread of parallel-verification.ts (started with runWorker): walks one segment of the
// store's positions on a read-only connection of its own.
import type { StreamHead } from '@xj/application';
import type { ChainHashAlgorithm } from '@xj/application/event-store-kit';
// The kit, not the library: see stored-row-hash.ts.
import { SegmentResult, walkSegment } from '@xj/application/event-store-kit';
import { serveWorker } from '@xj/worker-threads';
import Database from 'better-sqlite3';
import { rangePages, rangeRowsStatement } from './chain-rows';

export interface SegmentTask {
  readonly filename: string;
  /** The segment is `after < position <= through`. */
  readonly after: number;
  readonly through: number;
  readonly openStart: boolean;
  readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
  readonly pageSize: number;
  /** The store's chain digest (its crypto suite). */
  readonly hashAlgorithm: ChainHashAlgorithm;
}

serveWorker<SegmentTask, SegmentResult, number>((task, { post }) => {
  const db = new Database(task.filename, { readonly: true, fileMustExist: true });
  try {
    const pages = rangePages(rangeRowsStatement(db), task.after, task.through, task.pageSize, task.hashAlgorithm);
    return walkSegment(pages, {
      openStart: task.openStart,
      expectedHeads: task.expectedHeads,
      hashAlgorithm: task.hashAlgorithm,
      onPage: post,
    });
  } finally {
    db.close();
  }
});
