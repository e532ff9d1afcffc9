import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SegmentResult, StreamHead } from '@xj/application';
import Database from 'better-sqlite3';
import { rangePages, rangeRowsStatement } from './chain-rows';

// A worker thread of parallel-verification.ts: walks one segment of the store's positions on a
// read-only connection of its own. Loads nothing through `@xj/*` (see CHAIN_SEGMENTS_MODULE).

export interface SegmentTask {
  readonly filename: string;
  /** The segment is `after < position <= through`. */
  readonly after: number;
  readonly through: number;
  readonly openStart: boolean;
  readonly expectedHeads?: ReadonlyMap<string, StreamHead>;
  /** CHAIN_SEGMENTS_MODULE of the application library. */
  readonly segmentsModule: string;
  readonly pageSize: number;
}

export type SegmentMessage = { readonly progress: number } | { readonly result: SegmentResult } | { readonly error: string };

type SegmentsModule = Pick<typeof import('@xj/application'), 'walkSegment'>;

const walk = (task: SegmentTask): SegmentResult => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- by file path: no alias resolves in a worker
  const { walkSegment } = require(task.segmentsModule) as SegmentsModule;
  const db = new Database(task.filename, { readonly: true, fileMustExist: true });
  try {
    const pages = rangePages(rangeRowsStatement(db), task.after, task.through, task.pageSize);
    const onPage = (progress: number): void => parentPort?.postMessage({ progress } satisfies SegmentMessage);
    return walkSegment(pages, { openStart: task.openStart, expectedHeads: task.expectedHeads, onPage });
  } finally {
    db.close();
  }
};

if (!isMainThread && parentPort) {
  let message: SegmentMessage;
  try {
    message = { result: walk(workerData as SegmentTask) };
  } catch (error) {
    message = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage(message);
}
