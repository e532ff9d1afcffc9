// A worker for start-worker.spec.ts: what a worker of this code base does, on request.
import { GENESIS_HASH } from '@xj/application/event-store-kit';
import { CLUE_CATEGORY } from '@xj/domain';
import { serveWorker } from '../serve-worker';

export interface EchoTask {
  readonly mode: 'answer' | 'fail' | 'exit' | 'until-stopped';
  readonly n: number;
}

export interface EchoAnswer {
  readonly doubled: number;
  /** Found through `@xj/*`, as the parent resolves it. */
  readonly category: string;
  readonly genesis: string;
}

serveWorker<EchoTask, EchoAnswer | 'stopped', number>(async (task, { post, stopped }) => {
  if (task.mode === 'fail') throw new TypeError(`cannot echo ${task.n}`);
  if (task.mode === 'exit') process.exit(3);
  if (task.mode === 'until-stopped') {
    post(1);
    while (!stopped()) await new Promise((resolve) => setTimeout(resolve, 5));
    return 'stopped';
  }
  post(1);
  post(2);
  return { doubled: task.n * 2, category: CLUE_CATEGORY, genesis: GENESIS_HASH };
});
