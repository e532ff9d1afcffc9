import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1_000;
  });

  it('lets a burst through, then one request per token refilled, with the wait in whole seconds', () => {
    const buckets = new TokenBuckets(2, 5, clock);
    expect(Array.from({ length: 5 }, () => buckets.take('u'))).toEqual([0, 0, 0, 0, 0]);
    expect(buckets.take('u')).toBe(1);
    now += 250;
    expect(buckets.take('u')).toBe(1);
    now += 250;
    expect(buckets.take('u')).toBe(0);
    expect(buckets.take('u')).toBe(1);
  });

  it('says how long until the next token at a slow rate', () => {
    const buckets = new TokenBuckets(0.01, 1, clock);
    expect(buckets.take('u')).toBe(0);
    expect(buckets.take('u')).toBe(100);
    now += 40_000;
    expect(buckets.take('u')).toBe(60);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets(1, 1, clock);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
  });

  it('never holds more than the burst, however long a key was idle', () => {
    const buckets = new TokenBuckets(10, 3, clock);
    buckets.take('u');
    now += 3_600_000;
    expect([buckets.take('u'), buckets.take('u'), buckets.take('u'), buckets.take('u')]).toEqual([0, 0, 0, 1]);
  });

  it('forgets buckets that have filled up again', () => {
    const buckets = new TokenBuckets(1, 2, clock);
    for (let i = 0; i < 50; i += 1) buckets.take(`user-${i}`);
    expect(buckets.size).toBe(50);
    now += 61_000;
    buckets.take('someone');
    expect(buckets.size).toBe(1);
  });
});
