import { createHash } from 'node:crypto';
import { Clock } from '../event-store/clock.port';
import { AttemptCounterStore } from './attempt-counter-store.port';
import { clientAddressKey } from './client-address';

/**
 * The login policy's knobs (LOGIN_* settings, see the README "Login limits"). Failures are counted
 * per account and per client address, each in a fixed window.
 */
export interface LoginLimits {
  /** Failures of one account within the window after which it is locked (default 5). */
  readonly accountMaxFailures: number;
  /** How long a locked account stays locked (default 15 min). */
  readonly accountLockMs: number;
  /** Failures from one client address within the window after which it is refused (default 20). */
  readonly addressMaxFailures: number;
  /** The counting window of both (default 15 min). */
  readonly failureWindowMs: number;
}

export type LoginAttemptOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'rejected' }
  /** Too many failures from this client address; nothing was checked. */
  | { readonly kind: 'address-limited'; readonly retryAfterSeconds: number }
  /** The account (or a name that is none: same answer) is locked; nothing was checked. */
  | { readonly kind: 'account-locked'; readonly retryAfterSeconds: number };

/** The limiter's store could not be reached: a login is refused rather than let through uncounted. */
export class LoginLimiterUnavailableError extends Error {
  readonly code = 'AUTH.LOGIN_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The login limiter is unavailable.', { cause });
  }
}

/**
 * Login limits that stop guessing without locking bystanders out (issue #13 item 6).
 *
 * - The client address is checked first: past `addressMaxFailures` failures in the window, its
 *   attempts are refused without looking at the account. One address can therefore lock at most
 *   addressMaxFailures / accountMaxFailures accounts per window (4 with the defaults), and a
 *   password spray over many accounts from one address stops there too.
 * - Then the account: locked for `accountLockMs` once `accountMaxFailures` failures fall in one
 *   window, from whatever addresses; a correct password is refused while it is locked. Before the
 *   lock, a correct login from any address that is not itself limited goes through and clears the
 *   account's failures. An account name that does not exist is counted and locked exactly like
 *   one that does, so the answers never tell which names exist.
 * - Every attempt is counted before the password is checked and taken back when it succeeds, so
 *   concurrent attempts cannot slip past a limit while the (slow, scrypt) checks are running.
 *
 * Account names are stored as SHA-256 hashes: what people type as a user name is sometimes
 * their password.
 */
export class LoginLimiter {
  constructor(
    private readonly store: AttemptCounterStore,
    private readonly clock: Clock,
    private readonly limits: LoginLimits,
  ) {}

  /**
   * Runs `check` (the password check) within the limits, and counts its result. `firstOfTwoSteps`:
   * the password of an account with a second factor — its success takes back only this attempt
   * and clears no failures, or a known password would reset the count of wrong codes forever.
   */
  async attempt(
    username: string,
    clientAddress: string | undefined,
    check: () => Promise<boolean>,
    options: { readonly firstOfTwoSteps?: boolean } = {},
  ): Promise<LoginAttemptOutcome> {
    const now = this.clock.now().getTime();
    const addressKey = `address:${clientAddressKey(clientAddress)}`;
    const accountKey = `account:${createHash('sha256').update(username, 'utf8').digest('hex')}`;
    const address = await this.guarded(() => this.store.increment(addressKey, now, this.limits.failureWindowMs));
    if (address.count > this.limits.addressMaxFailures) {
      await this.guarded(() => this.store.decrement(addressKey, now));
      return { kind: 'address-limited', retryAfterSeconds: secondsUntil(address.windowEndsAt, now) };
    }
    const account = await this.guarded(() => this.store.increment(accountKey, now, this.limits.failureWindowMs));
    if (account.blockedUntil > now || account.count > this.limits.accountMaxFailures) {
      await this.guarded(() =>
        Promise.all([this.store.decrement(accountKey, now), this.store.decrement(addressKey, now)]),
      );
      // Over the count but not blocked yet: the attempts that filled it are still being checked.
      return {
        kind: 'account-locked',
        retryAfterSeconds: secondsUntil(account.blockedUntil > now ? account.blockedUntil : account.windowEndsAt, now),
      };
    }
    let ok = false;
    try {
      ok = await check();
    } finally {
      if (ok)
        await this.guarded(() =>
          Promise.all([
            options.firstOfTwoSteps ? this.store.decrement(accountKey, now) : this.store.reset(accountKey),
            this.store.decrement(addressKey, now),
          ]),
        );
      else if (account.count >= this.limits.accountMaxFailures)
        await this.guarded(() => this.store.block(accountKey, now + this.limits.accountLockMs));
    }
    return ok ? { kind: 'accepted' } : { kind: 'rejected' };
  }

  private async guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new LoginLimiterUnavailableError(error);
    }
  }
}

/** Whole seconds, at least 1 (Retry-After, RFC 9110 §10.2.3). */
const secondsUntil = (at: number, now: number): number => Math.max(1, Math.ceil((at - now) / 1000));
