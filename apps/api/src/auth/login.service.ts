import { Inject, Injectable } from '@nestjs/common';
import { LoginLimiter } from '@xj/application';
import { ApiProblem, TooManyRequestsProblem } from '../http/problem';
import { LOGIN_LIMITER } from './login-limits.module';
import { TokenClaims, TokenService } from './token-service';
import { UserRecord, UserStore, verifyPassword } from '@xj/composition';
import { AccountAccess } from './account-access';

/** A fixed hash so an unknown user costs as much as a wrong password (no user enumeration by timing). */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks a username and password under the login limits (per account and per client address),
 * for both ways of logging in: a bearer token (POST /auth/token) and a browser session
 * (POST /auth/session). Embedded default only.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserStore,
    private readonly tokens: TokenService,
    private readonly access: AccountAccess,
    @Inject(LOGIN_LIMITER) private readonly limiter: LoginLimiter | null,
  ) {}

  /** The user, or the problem to answer: 401, 429 (Retry-After), 404 where tokens come from elsewhere. */
  async authenticate(username: string, password: string, clientAddress: string | undefined): Promise<UserRecord> {
    if (!this.tokens.issuesTokens || !this.limiter)
      throw new ApiProblem(
        404,
        'AUTH.TOKENS_NOT_ISSUED_HERE',
        'Tokens come from the identity provider in this deployment.',
      );
    const user = this.users.find(username);
    // clientAddress is the connection's peer unless it is a trusted proxy (TRUSTED_PROXIES, bootstrap.ts).
    const outcome = await this.limiter.attempt(
      username,
      clientAddress,
      // A disabled account, or a demo account outside demo mode, fails as a wrong password would.
      async () =>
        (await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)) &&
        user !== undefined &&
        this.access.mayLogIn(user),
    );
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
    // 'accepted' implies a user (the check requires one); the test is for the compiler.
    if (outcome.kind === 'rejected' || !user)
      throw new ApiProblem(401, 'AUTH.INVALID_CREDENTIALS', 'Unknown user or wrong password.');
    return user;
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
