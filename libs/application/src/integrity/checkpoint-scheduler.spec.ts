import { SignedCheckpoint } from './checkpoint';
import { CheckpointScheduler } from './checkpoint-scheduler';

const fakeSigned = { checkpoint: { createdAt: 't' } } as SignedCheckpoint;

describe('CheckpointScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('signs once per interval after start, and no more after stop', async () => {
    let calls = 0;
    const signCheckpoint = jest.fn(async () => ({ id: `c${++calls}`, signed: fakeSigned }));
    const signedIds: string[] = [];
    const scheduler = new CheckpointScheduler({ signCheckpoint }, 60, { onSigned: (id) => signedIds.push(id) });
    scheduler.start();
    scheduler.start(); // idempotent: still one timer
    await jest.advanceTimersByTimeAsync(59 * 60_000);
    expect(signCheckpoint).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(signCheckpoint).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(120 * 60_000);
    expect(signCheckpoint).toHaveBeenCalledTimes(3);
    expect(signedIds).toEqual(['c1', 'c2', 'c3']);
    await scheduler.stop();
    await jest.advanceTimersByTimeAsync(600 * 60_000);
    expect(signCheckpoint).toHaveBeenCalledTimes(3);
  });

  it('reports a failed run and keeps going; a run still in progress is not doubled', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const signCheckpoint = jest
      .fn()
      .mockRejectedValueOnce(new Error('disk full'))
      .mockImplementationOnce(async () => {
        await slow;
        return { id: 'late', signed: fakeSigned };
      });
    const errors: unknown[] = [];
    const scheduler = new CheckpointScheduler({ signCheckpoint }, 1, { onError: (error) => errors.push(error) });
    await scheduler.runOnce();
    expect(errors).toEqual([new Error('disk full')]);
    const first = scheduler.runOnce();
    const second = scheduler.runOnce();
    expect(second).toBe(first);
    expect(signCheckpoint).toHaveBeenCalledTimes(2);
    release();
    await first;
  });

  it('reports only the runs that signed (nothing new, or a breach open: no checkpoint)', async () => {
    const signCheckpoint = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ id: 'c2', signed: fakeSigned });
    const signedIds: string[] = [];
    const scheduler = new CheckpointScheduler({ signCheckpoint }, 1, { onSigned: (id) => signedIds.push(id) });
    await scheduler.runOnce();
    await scheduler.runOnce();
    expect(signedIds).toEqual(['c2']);
  });

  it('refuses a non-positive interval', () => {
    expect(() => new CheckpointScheduler({ signCheckpoint: jest.fn() }, 0)).toThrow(/positive/);
  });
});
