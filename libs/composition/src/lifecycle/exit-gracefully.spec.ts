import { exitGracefully } from './exit-gracefully';

/** The trigger only: the signals themselves are sent to a real server in test/e2e/graceful-shutdown.e2e-spec.ts. */
describe('exitGracefully', () => {
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined } as never;
  let listeners: { SIGTERM: number; SIGINT: number };
  beforeEach(() => {
    listeners = { SIGTERM: process.listenerCount('SIGTERM'), SIGINT: process.listenerCount('SIGINT') };
  });
  afterEach(() => {
    // Leave the test process's signal handling as it was.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const all = process.listeners(signal);
      for (const listener of all.slice(listeners[signal])) process.removeListener(signal, listener);
    }
  });
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('runs the stop once and exits 0 when it completes', async () => {
    const exits: number[] = [];
    let stops = 0;
    const trigger = exitGracefully(async () => void (stops += 1), {
      deadlineMs: 60_000,
      logger: quiet,
      exit: (code) => exits.push(code),
    });
    trigger('SIGTERM');
    await settle();
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
    expect(process.listenerCount('SIGTERM')).toBe(listeners.SIGTERM + 1);
    expect(process.listenerCount('SIGINT')).toBe(listeners.SIGINT + 1);
  });

  it('exits 1 when the stop fails, or at once on a second signal while stopping', async () => {
    const exits: number[] = [];
    exitGracefully(async () => Promise.reject(new Error('store did not close')), {
      deadlineMs: 60_000,
      logger: quiet,
      exit: (code) => exits.push(code),
    })('SIGTERM');
    await settle();
    expect(exits).toEqual([1]);

    const second: number[] = [];
    const trigger = exitGracefully(() => new Promise(() => undefined), {
      deadlineMs: 60_000,
      logger: quiet,
      exit: (code) => second.push(code),
    });
    trigger('SIGINT');
    trigger('SIGINT');
    expect(second).toEqual([1]);
  });

  it('exits 1 when the stop outlasts its deadline', async () => {
    jest.useFakeTimers();
    try {
      const exits: number[] = [];
      exitGracefully(() => new Promise(() => undefined), {
        deadlineMs: 5_000,
        logger: quiet,
        exit: (code) => exits.push(code),
      })('SIGTERM');
      jest.advanceTimersByTime(4_999);
      expect(exits).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(exits).toEqual([1]);
    } finally {
      jest.useRealTimers();
    }
  });
});
