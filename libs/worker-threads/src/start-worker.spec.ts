import { runWorker } from './start-worker';
import type { EchoAnswer, EchoTask } from './testing/echo.worker';

/**
 * The one way this code base starts a worker thread. Run from these TypeScript sources, each thread
 * loads ts-node first: a few seconds per start on a busy machine.
 */
jest.setTimeout(60_000);

const ECHO = require.resolve('./testing/echo.worker');
const echo = (task: EchoTask, events: number[] = [], signal?: AbortSignal): Promise<EchoAnswer | 'stopped'> =>
  runWorker<EchoAnswer | 'stopped', number>(ECHO, task, {
    name: 'The echo thread',
    onEvent: (event) => events.push(event),
    signal,
  });

describe('runWorker', () => {
  it('runs the handler on the data, passes its events on in order and resolves with its result; @xj/* resolves in the thread as here', async () => {
    const events: number[] = [];
    const answer = await echo({ mode: 'answer', n: 21 }, events);
    expect(answer).toEqual({ doubled: 42, category: 'clue', genesis: '0'.repeat(64) });
    expect(events).toEqual([1, 2]);
  });

  it("rejects with the handler's failure, named", async () => {
    await expect(echo({ mode: 'fail', n: 7 })).rejects.toThrow('The echo thread failed: TypeError: cannot echo 7');
  });

  it('rejects when the thread exits before answering', async () => {
    await expect(echo({ mode: 'exit', n: 0 })).rejects.toThrow('The echo thread exited with code 3 before answering.');
  });

  it('tells the handler to stop once the signal aborts, and still resolves with its answer', async () => {
    const controller = new AbortController();
    const events: number[] = [];
    const answer = echo({ mode: 'until-stopped', n: 0 }, events, controller.signal);
    for (let waited = 0; events.length === 0 && waited < 30_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await answer).toBe('stopped');
  });
});
