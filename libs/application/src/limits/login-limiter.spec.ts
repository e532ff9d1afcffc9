import { FixedClock } from '../event-store/clock.port';
import { clientAddressKey } from './client-address';
import { LoginLimiter, LoginLimiterUnavailableError, LoginLimits } from './login-limiter';
import { InMemoryAttemptCounters } from '@xj/testing';

const MINUTE = 60_000;
const LIMITS: LoginLimits = {
  accountMaxFailures: 3,
  accountLockMs: 15 * MINUTE,
  addressMaxFailures: 7,
  failureWindowMs: 10 * MINUTE,
};
const wrong = async (): Promise<boolean> => false;
const right = async (): Promise<boolean> => true;

describe('LoginLimiter', () => {
  let store: InMemoryAttemptCounters;
  let clock: FixedClock;
  let limiter: LoginLimiter;
  beforeEach(() => {
    store = new InMemoryAttemptCounters();
    clock = new FixedClock(new Date('2026-03-02T08:00:00Z'));
    limiter = new LoginLimiter(store, clock, LIMITS);
  });
  const kinds = async (n: number, username: string, address: string, check = wrong): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) out.push((await limiter.attempt(username, address, check)).kind);
    return out;
  };

  it('locks an account after N failures within the window, from any addresses, even for the right password', async () => {
    expect(await kinds(2, 'office', '10.0.0.1')).toEqual(['rejected', 'rejected']);
    expect(await kinds(1, 'office', '10.0.0.2')).toEqual(['rejected']);
    const locked = await limiter.attempt('office', '10.0.0.3', right);
    expect(locked).toEqual({ kind: 'account-locked', retryAfterSeconds: 15 * 60 });
    clock.advance(5 * MINUTE);
    expect(await limiter.attempt('office', '10.0.0.3', right)).toEqual({
      kind: 'account-locked',
      retryAfterSeconds: 10 * 60,
    });
    clock.advance(10 * MINUTE);
    expect(await limiter.attempt('office', '10.0.0.3', right)).toEqual({ kind: 'accepted' });
  });

  it('lets a correct login through before the lock and clears the account failures', async () => {
    await kinds(2, 'office', '10.0.0.1');
    expect(await kinds(1, 'office', '10.0.0.2', right)).toEqual(['accepted']);
    expect(await kinds(2, 'office', '10.0.0.1')).toEqual(['rejected', 'rejected']);
    expect(await kinds(1, 'office', '10.0.0.2', right)).toEqual(['accepted']);
  });

  it('a right password of an account with a second factor clears no failures: wrong codes still lock it', async () => {
    await kinds(2, 'head', '10.0.0.1');
    expect((await limiter.attempt('head', '10.0.0.1', right, { firstOfTwoSteps: true })).kind).toBe('accepted');
    expect(await kinds(1, 'head', '10.0.0.1')).toEqual(['rejected']);
    expect((await limiter.attempt('head', '10.0.0.1', right, { firstOfTwoSteps: true })).kind).toBe('account-locked');
  });

  it('stops an address after its failures, before it can lock more than a few accounts; others are untouched', async () => {
    const outcomes = [
      ...(await kinds(3, 'a', '10.0.0.1')),
      ...(await kinds(3, 'b', '10.0.0.1')),
      ...(await kinds(3, 'c', '10.0.0.1')),
    ];
    expect(outcomes).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'address-limited',
      'address-limited',
    ]);
    expect(await limiter.attempt('c', '10.0.0.9', right)).toEqual({ kind: 'accepted' });
    expect(await limiter.attempt('d', '10.0.0.1', right)).toEqual({
      kind: 'address-limited',
      retryAfterSeconds: 10 * 60,
    });
    expect((await limiter.attempt('a', '10.0.0.9', right)).kind).toBe('account-locked');
    clock.advance(10 * MINUTE);
    expect(await limiter.attempt('d', '10.0.0.1', right)).toEqual({ kind: 'accepted' });
  });

  it('counts only failures against an address: correct logins from behind one NAT do not add up', async () => {
    for (let i = 0; i < 20; i += 1)
      expect((await limiter.attempt(`user${i}`, '10.0.0.1', right)).kind).toBe('accepted');
    expect(await kinds(1, 'x', '10.0.0.1')).toEqual(['rejected']);
  });

  it('treats a name that is no account exactly like one that is', async () => {
    const real = await kinds(4, 'office', '10.0.0.1');
    const unknown = await kinds(4, 'nobody-by-this-name', '10.0.0.2');
    expect(unknown).toEqual(real);
    expect(real).toEqual(['rejected', 'rejected', 'rejected', 'account-locked']);
  });

  it('counts concurrent attempts before checking them, so a burst cannot run more than N checks', async () => {
    let checks = 0;
    const slowWrong = async (): Promise<boolean> => {
      checks += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return false;
    };
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => limiter.attempt('office', '10.0.0.1', slowWrong)),
    );
    expect(checks).toBe(LIMITS.accountMaxFailures);
    // 10 in flight from one address: 3 past its limit of 7 at once, 4 past the account's 3.
    expect(outcomes.filter((o) => o.kind === 'rejected')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'account-locked')).toHaveLength(4);
    expect(outcomes.filter((o) => o.kind === 'address-limited')).toHaveLength(3);
    expect((await limiter.attempt('office', '10.0.0.2', right)).kind).toBe('account-locked');
  });

  it('does not count refused attempts against the address', async () => {
    await kinds(3, 'office', '10.0.0.1');
    expect(await kinds(10, 'office', '10.0.0.1', right)).toEqual(Array(10).fill('account-locked'));
    expect(await kinds(4, 'other', '10.0.0.1')).toEqual(['rejected', 'rejected', 'rejected', 'account-locked']);
  });

  it('stores account names hashed, never as typed', async () => {
    await limiter.attempt('my-secret-password', '10.0.0.1', wrong);
    const keys = [...store.entries.keys()];
    expect(keys).toContain('address:10.0.0.1');
    expect(keys.some((key) => key.includes('my-secret-password'))).toBe(false);
    expect(keys.find((key) => key.startsWith('account:'))).toMatch(/^account:[0-9a-f]{64}$/);
  });

  it('refuses a login when its counters cannot be kept', async () => {
    store.increment = async () => {
      throw new Error('disk I/O error');
    };
    await expect(limiter.attempt('office', '10.0.0.1', right)).rejects.toBeInstanceOf(LoginLimiterUnavailableError);
  });
});

describe('clientAddressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['not an address', 'unknown'],
    [undefined, 'unknown'],
  ])('%s → %s', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });
});
