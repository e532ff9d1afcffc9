import {
  ACCOUNT_ERRORS,
  Clock,
  EventActor,
  EventStore,
  HOST_OPERATOR_ROLE,
  isAdministratorRole,
  mayDoAccountDuty,
} from '@xj/application';
import { AccountView, recordAccountEvents, viewOf } from './account-administration';
import { matchTotp, newTotpSecret, otpauthUri, SecondFactorSettings, SecretSealer } from './second-factor';
import { UserRecord, UserStore } from './user-store';

/**
 * 双因素认证 — the optional TOTP second factor (RFC 6238) of the accounts issued here: the user
 * begins an enrolment (the server makes the secret and shows it once as an otpauth:// URI), confirms
 * it with a first code, and then logs in with the password and a code. A code's time step is
 * remembered, so no code is accepted twice. An administrator resets a lost factor (an event of the
 * administration stream; the account's tokens and sessions end). Who must enrol: MFA_REQUIRED_*.
 */
export class SecondFactorAdministration {
  constructor(
    private readonly users: UserStore,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly sealer: SecretSealer,
    private readonly settings: SecondFactorSettings,
  ) {}

  /** Whether MFA_REQUIRED_ROLES / MFA_REQUIRED_POSITIONS name the account (demo accounts never). */
  isRequired(user: UserRecord): boolean {
    return (
      user.demo !== true &&
      (this.settings.requiredRoles.includes(user.role) || this.settings.requiredPositions.includes(user.position))
    );
  }

  /** Required and not enrolled: every route but the enrolment answers 403. */
  enrolmentDue(user: UserRecord): boolean {
    return user.secondFactor === undefined && this.isRequired(user);
  }

  /** A new secret for the user, shown once; it replaces an enrolment begun before and not confirmed. */
  beginEnrolment(userId: string): { readonly secret: string; readonly otpauthUri: string } {
    const user = this.user(userId);
    if (user.secondFactor) throw ACCOUNT_ERRORS.secondFactorEnrolled(user.username);
    const secret = newTotpSecret();
    this.users.put({
      ...user,
      pendingSecondFactor: { sealedSecret: this.sealer.seal(secret), begunAt: this.clock.now().toISOString() },
    });
    return { secret, otpauthUri: otpauthUri(user.username, secret) };
  }

  /**
   * Confirms the begun enrolment with a code of its secret; false for a wrong code (a failed login),
   * and without an enrolment begun (no code can match then).
   */
  async confirmEnrolment(userId: string, code: string): Promise<boolean> {
    const user = this.user(userId);
    if (user.secondFactor) throw ACCOUNT_ERRORS.secondFactorEnrolled(user.username);
    const pending = user.pendingSecondFactor;
    if (!pending) return false;
    const step = matchTotp(this.sealer.open(pending.sealedSecret), code, this.epochSeconds(), undefined);
    if (step === undefined) return false;
    await recordAccountEvents(this.store, { userId: user.userId, role: user.role, orgId: user.orgId }, [
      { type: 'AccountSecondFactorEnrolled', data: { userId: user.userId, username: user.username, method: 'totp' } },
    ]);
    const { pendingSecondFactor: _done, ...rest } = user;
    this.users.put({
      ...rest,
      secondFactor: {
        sealedSecret: pending.sealedSecret,
        enrolledAt: this.clock.now().toISOString(),
        lastUsedStep: step,
      },
    });
    return true;
  }

  /**
   * Checks a login's code and, when it matches, remembers its time step: read, check and write
   * run without an await in between, so two requests with one code cannot both pass in a process.
   */
  acceptCode(userId: string, code: string): boolean {
    const user = this.users.byUserId(userId);
    const factor = user?.secondFactor;
    if (!user || !factor) return false;
    const step = matchTotp(this.sealer.open(factor.sealedSecret), code, this.epochSeconds(), factor.lastUsedStep);
    if (step === undefined) return false;
    this.users.put({ ...user, secondFactor: { ...factor, lastUsedStep: step } });
    return true;
  }

  /** 重置 — removes the account's second factor (and any enrolment begun); its tokens and sessions end. */
  async reset(by: EventActor, username: string): Promise<AccountView> {
    if (!mayDoAccountDuty(by.role, 'second-factors')) throw ACCOUNT_ERRORS.notSecurityAdministrator();
    const user = this.users.find(username);
    if (!user) throw ACCOUNT_ERRORS.notFound(username);
    // A demo account may enrol (to show the login in two steps), so its factor can be reset too.
    if (user.userId === by.userId) throw ACCOUNT_ERRORS.ownSecondFactor();
    // 三员分立: resetting another administrator's factor would open their account to a known password.
    if (isAdministratorRole(user.role) && user.demo !== true && by.role !== HOST_OPERATOR_ROLE)
      throw ACCOUNT_ERRORS.administratorAccount(username);
    if (!user.secondFactor && !user.pendingSecondFactor) throw ACCOUNT_ERRORS.noSecondFactor(username);
    await recordAccountEvents(this.store, by, [
      { type: 'AccountSecondFactorReset', data: { userId: user.userId, username } },
    ]);
    const { secondFactor: _factor, pendingSecondFactor: _pending, ...rest } = user;
    const record: UserRecord = { ...rest, credentialVersion: (user.credentialVersion ?? 0) + 1 };
    this.users.put(record);
    return viewOf(record);
  }

  private user(userId: string): UserRecord {
    const user = this.users.byUserId(userId);
    if (!user || user.disabled) throw ACCOUNT_ERRORS.notFound(userId);
    return user;
  }

  private epochSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
