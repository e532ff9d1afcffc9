import { OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { Clock, isPasswordExpired, PasswordPolicy } from '@xj/application';
import { AccountAdministration, SecondFactorAdministration, UserRecord, UserStore } from '@xj/composition';
import { ApiProblem } from '../http/problem';
import { TokenClaims } from './token-service';

const PASSWORD_CHANGE_ALLOWED = 'xj:password-change-allowed';
/** What a route stays open before: the password change (and the enrolment), or the second factor's enrolment only. */
export type OpenBefore = 'password-change' | 'second-factor-enrolment';
/** A route open while the password must be changed first: the change itself, who is signed in, logout. */
export const AllowedBeforePasswordChange = (): MethodDecorator =>
  SetMetadata(PASSWORD_CHANGE_ALLOWED, 'password-change' satisfies OpenBefore);
/** A route open while a required second factor is not enrolled yet (the enrolment), once the password is changed. */
export const AllowedBeforeSecondFactorEnrolment = (): MethodDecorator =>
  SetMetadata(PASSWORD_CHANGE_ALLOWED, 'second-factor-enrolment' satisfies OpenBefore);
export const PASSWORD_CHANGE_ALLOWED_KEY = PASSWORD_CHANGE_ALLOWED;

/**
 * What the account behind a token signed here allows now: it must exist, be enabled, be no demo
 * account outside demo mode and still have the credential version the token was issued under
 * (disable, password, role, position and organisation changes raise it: earlier tokens and
 * sessions answer 401 at once). A one-time or expired password allows only its change (403); a
 * second factor that MFA_REQUIRED_* asks for and that is not enrolled allows only its enrolment (403).
 */
export class AccountAccess {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
    private readonly settings: { readonly demo: boolean; readonly policy: PasswordPolicy },
    private readonly secondFactor: SecondFactorAdministration,
  ) {}

  /** Whether MFA_REQUIRED_* asks the account for a second factor it has not enrolled. */
  secondFactorEnrolmentDue(user: UserRecord): boolean {
    return this.secondFactor.enrolmentDue(user);
  }

  /** Whether the account may log in at all (checked after the password, so it tells nothing to a guesser). */
  mayLogIn(user: UserRecord): boolean {
    return user.disabled !== true && (user.demo !== true || this.settings.demo);
  }

  /** Why the account's password must be changed before anything else, if it must. */
  passwordChangeDue(user: UserRecord): 'one-time' | 'expired' | undefined {
    if (user.mustChangePassword) return 'one-time';
    return isPasswordExpired(user.passwordChangedAt, this.clock.now(), this.settings.policy) ? 'expired' : undefined;
  }

  /** Throws the problem to answer for a token of an account issued here; `openBefore`: what the route is open before. */
  check(claims: TokenClaims, openBefore: OpenBefore | undefined): void {
    const user = this.users.byUserId(claims.userId);
    if (!user || !this.mayLogIn(user) || (user.credentialVersion ?? 0) !== (claims.version ?? 0))
      throw new ApiProblem(401, 'AUTH.TOKEN_REVOKED', 'This token or session was revoked; log in again.');
    if (openBefore === 'password-change') return;
    const due = this.passwordChangeDue(user);
    if (due === 'one-time')
      throw new ApiProblem(
        403,
        'AUTH.PASSWORD_CHANGE_REQUIRED',
        'Change the one-time password first (POST /api/v1/auth/password).',
      );
    if (due === 'expired')
      throw new ApiProblem(
        403,
        'AUTH.PASSWORD_EXPIRED',
        'The password has expired; change it first (POST /api/v1/auth/password).',
      );
    if (openBefore !== 'second-factor-enrolment' && this.secondFactor.enrolmentDue(user))
      throw new ApiProblem(
        403,
        'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED',
        'Enrol a second factor first (POST /api/v1/auth/second-factor/enrolment).',
      );
  }
}

/**
 * At start, the process doing the durable work (RUN_PROJECTIONS) records in the administration
 * stream the accounts made before it opened: the first administrator (first-start.ts).
 */
export class UnrecordedAccountsRecorder implements OnApplicationBootstrap {
  constructor(
    private readonly accounts: AccountAdministration,
    private readonly enabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.accounts.recordUnrecordedAccounts();
  }
}
