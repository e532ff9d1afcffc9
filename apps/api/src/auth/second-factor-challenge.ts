import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a login that passed its password step goes once the code is checked. */
export type ChallengePurpose = 'token' | 'session';

export interface SecondFactorChallenge {
  readonly userId: string;
  /** The account's credential version at the password step: a reset or disable in between voids it. */
  readonly version: number;
  readonly purpose: ChallengePurpose;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** Long enough to open an authenticator app and type a code; short enough to be no session. */
export const CHALLENGE_TTL_SECONDS = 300;

/**
 * The proof that a login passed its password step, handed to the client and sent back with the
 * code (`<payload>.<mac>`, base64url, HMAC-SHA-256 under a key derived from the token key). It is
 * no token: the guard never accepts it, and it says nothing the client does not know.
 */
export class ChallengeSigner {
  constructor(private readonly key: Buffer) {}

  sign(challenge: SecondFactorChallenge): string {
    const payload = Buffer.from(JSON.stringify(challenge)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The challenge if it is one signed here, for `purpose`, and not expired at `nowSeconds`. */
  verify(text: string, purpose: ChallengePurpose, nowSeconds: number): SecondFactorChallenge | undefined {
    const [payload, mac, ...rest] = text.split('.');
    if (!payload || !mac || rest.length > 0) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const challenge = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SecondFactorChallenge;
    return challenge.purpose === purpose && challenge.expiresAt > nowSeconds ? challenge : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
