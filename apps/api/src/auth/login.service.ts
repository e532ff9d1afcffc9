import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, LoginLimiter } from '@xj/application';
import { ApiProblem, TooManyRequestsProblem } from '../http/problem';
import { LOGIN_LIMITER } from './login-limits.module';
import { TokenClaims, TokenService } from './token-service';
import { SecondFactorAdministration, UserRecord, UserStore, verifyPassword } from '@xj/composition';
import { AccountAccess } from './account-access';
import { CHALLENGE_TTL_SECONDS, ChallengePurpose, ChallengeSigner } from './second-factor-challenge';

/** A fixed hash so an unknown user costs as much as a wrong password (no user enumeration by timing). */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The password step's outcome: logged in, or a second-factor code is asked for next. */
export type PasswordStep =
  | { readonly kind: 'done'; readonly user: UserRecord }
  | { readonly kind: 'code-required'; readonly challenge: string; readonly expiresIn: number };

const invalidCode = (): ApiProblem =>
  new ApiProblem(401, 'AUTH.INVALID_SECOND_FACTOR_CODE', 'Wrong or already used second-factor code.');

/**
 * Checks a username and password under the login limits (per account and per client address),
 * for both ways of logging in: a bearer token (POST /auth/token) and a browser session
 * (POST /auth/session); then, for an account with a second factor, its code (a wrong code is a
 * failed login of the account). Embedded default only.
 */
@Injectable()
export class LoginService {
  private readonly challenges?: ChallengeSigner;

  constructor(
    private readonly users: UserStore,
    private readonly tokens: TokenService,
    private readonly access: AccountAccess,
    private readonly secondFactor: SecondFactorAdministration,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGIN_LIMITER) private readonly limiter: LoginLimiter | null,
  ) {
    const key = tokens.derivedKey('xingji-link second-factor challenge');
    if (key) this.challenges = new ChallengeSigner(key);
  }

  /** The user, or the problem to answer: 401, 429 (Retry-After), 404 where tokens come from elsewhere. */
  async authenticate(username: string, password: string, clientAddress: string | undefined): Promise<UserRecord> {
    const user = this.users.find(username);
    await this.underLimits(
      username,
      clientAddress,
      // A disabled account, or a demo account outside demo mode, fails as a wrong password would.
      async () =>
        (await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)) &&
        user !== undefined &&
        this.access.mayLogIn(user),
      () => new ApiProblem(401, 'AUTH.INVALID_CREDENTIALS', 'Unknown user or wrong password.'),
      { firstOfTwoSteps: user?.secondFactor !== undefined },
    );
    // The check above passes only with a user; the test is for the compiler.
    if (!user) throw new ApiProblem(401, 'AUTH.INVALID_CREDENTIALS', 'Unknown user or wrong password.');
    return user;
  }

  /** The password step of a login: done, or (a second factor enrolled) a challenge to send back with a code. */
  async passwordStep(
    username: string,
    password: string,
    clientAddress: string | undefined,
    purpose: ChallengePurpose,
  ): Promise<PasswordStep> {
    const user = await this.authenticate(username, password, clientAddress);
    if (!user.secondFactor || !this.challenges) return { kind: 'done', user };
    const challenge = this.challenges.sign({
      userId: user.userId,
      version: user.credentialVersion ?? 0,
      purpose,
      expiresAt: this.nowSeconds() + CHALLENGE_TTL_SECONDS,
    });
    return { kind: 'code-required', challenge, expiresIn: CHALLENGE_TTL_SECONDS };
  }

  /** The code step: the user once the code of the challenge's account matches, under the login limits. */
  async codeStep(
    challengeText: string,
    code: string,
    clientAddress: string | undefined,
    purpose: ChallengePurpose,
  ): Promise<UserRecord> {
    this.requireLogins();
    const challenge = this.challenges?.verify(challengeText, purpose, this.nowSeconds());
    const user = challenge ? this.users.byUserId(challenge.userId) : undefined;
    if (!challenge || !user || (user.credentialVersion ?? 0) !== challenge.version)
      throw new ApiProblem(
        401,
        'AUTH.SECOND_FACTOR_CHALLENGE_INVALID',
        'The login challenge is invalid or expired; log in again with the password.',
      );
    await this.underLimits(
      user.username,
      clientAddress,
      async () => this.access.mayLogIn(user) && this.secondFactor.acceptCode(user.userId, code),
      invalidCode,
    );
    return user;
  }

  /**
   * Confirms the user's begun enrolment with its first code; a wrong code is a failed login. The
   * caller is signed in, so a wrong code is 403 (as a wrong current password is), not 401.
   */
  async confirmEnrolment(userId: string, code: string, clientAddress: string | undefined): Promise<void> {
    const user = this.users.byUserId(userId);
    await this.underLimits(
      user?.username ?? '',
      clientAddress,
      () => this.secondFactor.confirmEnrolment(userId, code),
      () => new ApiProblem(403, 'AUTH.INVALID_SECOND_FACTOR_CODE', 'Wrong code, or no enrolment begun.'),
    );
  }

  private requireLogins(): LoginLimiter {
    if (!this.tokens.issuesTokens || !this.limiter)
      throw new ApiProblem(
        404,
        'AUTH.TOKENS_NOT_ISSUED_HERE',
        'Tokens come from the identity provider in this deployment.',
      );
    return this.limiter;
  }

  private async underLimits(
    username: string,
    clientAddress: string | undefined,
    check: () => Promise<boolean>,
    rejected: () => ApiProblem,
    options: { readonly firstOfTwoSteps?: boolean } = {},
  ): Promise<void> {
    const limiter = this.requireLogins();
    // clientAddress is the connection's peer unless it is a trusted proxy (TRUSTED_PROXIES, bootstrap.ts).
    const outcome = await limiter.attempt(username, clientAddress, check, options);
    if (outcome.kind === 'address-limited') {
      throw new TooManyRequestsProblem(
        'RATE_LIMITED',
        'Too many failed logins from this address; try again later.',
        outcome.retryAfterSeconds,
      );
    }
    if (outcome.kind === 'account-locked') {
      throw new TooManyRequestsProblem(
        'AUTH.ACCOUNT_LOCKED',
        'Too many failed logins for this account; it is locked for a while.',
        outcome.retryAfterSeconds,
      );
    }
    if (outcome.kind === 'rejected') throw rejected();
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

/** The claims of a token or session for the account (its credential version, for revocation). */
export const claimsOf = (user: UserRecord): TokenClaims => ({
  userId: user.userId,
  role: user.role,
  orgId: user.orgId,
  position: user.position,
  ...(user.credentialVersion ? { version: user.credentialVersion } : {}),
});
