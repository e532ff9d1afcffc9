import { randomInt, randomUUID } from 'node:crypto';
import {
  ACCOUNT_ERRORS,
  ACCOUNT_EVENT_SCHEMA_VERSION,
  AccountEvent,
  ACCOUNTS_STREAM,
  ACCOUNTS_SYSTEM_ACTOR,
  characterClassesOf,
  Clock,
  EventActor,
  EventStore,
  HOST_OPERATOR_ROLE,
  isAdministratorRole,
  mayAdministerAccounts,
  mayDoAccountDuty,
  mayReadAccounts,
  PasswordPolicy,
  passwordViolations,
  roleFitsOrganisation,
} from '@xj/application';
import { POSITIONS, Position, Role } from '@xj/domain';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { hashPassword, UserRecord, UserStore, verifyPassword } from './user-store';

/** What an account looks like from outside: never its hashes. */
export interface AccountView {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgId: string;
  readonly position: Position;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly passwordChangedAt?: string;
  readonly demo: boolean;
  /** A TOTP second factor is enrolled: logins ask for a code after the password. */
  readonly secondFactor: boolean;
}

export const viewOf = (u: UserRecord): AccountView => ({
  userId: u.userId,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgId: u.orgId,
  position: u.position,
  disabled: u.disabled === true,
  mustChangePassword: u.mustChangePassword === true,
  ...(u.passwordChangedAt !== undefined ? { passwordChangedAt: u.passwordChangedAt } : {}),
  demo: u.demo === true,
  secondFactor: u.secondFactor !== undefined,
});

export interface NewAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgId: string;
  readonly position: Position;
}

export type AssignmentChange = Partial<Pick<NewAccount, 'role' | 'orgId' | 'position'>>;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.';

/** A random one-time password that the policy accepts: four character classes, at least 16 long. */
export const oneTimePassword = (policy: PasswordPolicy): string => {
  const length = Math.max(16, policy.minLength);
  for (;;) {
    const password = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (characterClassesOf(password) === 4) return password;
  }
};

const bump = (u: UserRecord): number => (u.credentialVersion ?? 0) + 1;

/**
 * 用户管理 — the administration of the accounts issued here (embedded default): the API's
 * /api/v1/accounts routes and the CLI's `account` commands both call this. Each change is first
 * recorded in the administration stream (who, when, what, from what; account.events.ts), then
 * made in the users file; a change that must end the account's tokens and sessions raises its
 * credential version. Administrators may not act on their own account (except their password).
 */
export class AccountAdministration {
  constructor(
    private readonly users: UserStore,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly directory: OrganisationDirectory,
    readonly policy: PasswordPolicy,
  ) {}

  list(by: EventActor): readonly AccountView[] {
    if (!mayReadAccounts(by.role)) throw ACCOUNT_ERRORS.notAdministrator();
    return this.users.all().map(viewOf);
  }

  get(by: EventActor, username: string): AccountView {
    if (!mayReadAccounts(by.role)) throw ACCOUNT_ERRORS.notAdministrator();
    return viewOf(this.existing(username));
  }

  /** A new account with a one-time password, to be changed at its first login. */
  async create(by: EventActor, account: NewAccount): Promise<{ account: AccountView; oneTimePassword: string }> {
    this.requireAdministrator(by);
    if (this.users.find(account.username)) throw ACCOUNT_ERRORS.usernameTaken(account.username);
    this.checkAssignment(account);
    this.requireHostForAdministrator(by, account.username, account.role);
    const password = oneTimePassword(this.policy);
    const userId = `user-${randomUUID()}`;
    const record: UserRecord = {
      ...account,
      userId,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      passwordChangedAt: this.clock.now().toISOString(),
    };
    await this.record(by, [
      {
        type: 'AccountCreated',
        data: {
          userId,
          username: account.username,
          displayName: account.displayName,
          role: account.role,
          orgId: account.orgId,
          position: account.position,
        },
      },
    ]);
    this.users.put(record);
    return { account: viewOf(record), oneTimePassword: password };
  }

  async disable(by: EventActor, username: string, reason?: string): Promise<AccountView> {
    const user = this.administered(by, username);
    if (user.userId === by.userId) throw ACCOUNT_ERRORS.ownAccount();
    if (user.disabled) throw ACCOUNT_ERRORS.alreadyDisabled(username);
    const ref = { userId: user.userId, username };
    await this.record(by, [{ type: 'AccountDisabled', data: reason ? { ...ref, reason } : ref }]);
    return this.save({ ...user, disabled: true, credentialVersion: bump(user) });
  }

  async reenable(by: EventActor, username: string): Promise<AccountView> {
    const user = this.administered(by, username);
    if (!user.disabled) throw ACCOUNT_ERRORS.notDisabled(username);
    await this.record(by, [{ type: 'AccountReenabled', data: { userId: user.userId, username } }]);
    return this.save({ ...user, disabled: false });
  }

  /** A new one-time password; the account's tokens and sessions end, and the next login must change it. */
  async resetPassword(by: EventActor, username: string): Promise<{ account: AccountView; oneTimePassword: string }> {
    const user = this.administered(by, username);
    const password = oneTimePassword(this.policy);
    const passwordHash = await hashPassword(password);
    await this.record(by, [{ type: 'AccountPasswordReset', data: { userId: user.userId, username } }]);
    const account = this.save({
      ...user,
      ...this.rotated(user, passwordHash),
      mustChangePassword: true,
      credentialVersion: bump(user),
    });
    return { account, oneTimePassword: password };
  }

  /** Role, position and organisation, changed together (an organisation belongs to one role). */
  async changeAssignment(by: EventActor, username: string, change: AssignmentChange): Promise<AccountView> {
    const roleChange = change.role !== undefined && change.role !== this.users.find(username)?.role;
    // 三员分立: a role is granted by the security administrator (with the organisation and position
    // that go with it); the system administrator moves an account within its role.
    if (!mayDoAccountDuty(by.role, roleChange ? 'account-roles' : 'accounts'))
      throw roleChange ? ACCOUNT_ERRORS.notSecurityAdministrator() : ACCOUNT_ERRORS.notAdministrator();
    const user = this.existing(username);
    if (user.demo) throw ACCOUNT_ERRORS.demoAccount(username);
    if (user.userId === by.userId) throw ACCOUNT_ERRORS.ownAccount();
    const next = {
      role: change.role ?? user.role,
      orgId: change.orgId ?? user.orgId,
      position: change.position ?? user.position,
    };
    this.checkAssignment(next);
    this.requireHostForAdministrator(by, username, next.role);
    const ref = { userId: user.userId, username };
    const events: AccountEvent[] = [];
    if (next.role !== user.role)
      events.push({ type: 'AccountRoleChanged', data: { ...ref, from: user.role, to: next.role } });
    if (next.position !== user.position)
      events.push({ type: 'AccountPositionChanged', data: { ...ref, from: user.position, to: next.position } });
    if (next.orgId !== user.orgId)
      events.push({ type: 'AccountOrganisationChanged', data: { ...ref, from: user.orgId, to: next.orgId } });
    if (events.length === 0) return viewOf(user);
    await this.record(by, events);
    return this.save({ ...user, ...next, credentialVersion: bump(user) });
  }

  /** The user's own change (also of a one-time or expired password): the policy, then the history. */
  async changeOwnPassword(userId: string, current: string, next: string): Promise<AccountView> {
    const user = this.users.byUserId(userId);
    if (!user || user.disabled) throw ACCOUNT_ERRORS.notFound(userId);
    if (!(await verifyPassword(current, user.passwordHash))) throw ACCOUNT_ERRORS.wrongCurrentPassword();
    const history = [user.passwordHash, ...(user.previousPasswordHashes ?? []).slice(0, this.policy.history)];
    let reused = false;
    for (const hash of history) if (await verifyPassword(next, hash)) reused = true;
    const violations = passwordViolations(next, this.policy, { username: user.username, reused });
    if (violations.length > 0) throw ACCOUNT_ERRORS.passwordPolicy(violations);
    const passwordHash = await hashPassword(next);
    await this.record({ userId: user.userId, role: user.role, orgId: user.orgId }, [
      { type: 'AccountPasswordChanged', data: { userId: user.userId, username: user.username } },
    ]);
    return this.save({
      ...user,
      ...this.rotated(user, passwordHash),
      mustChangePassword: false,
      credentialVersion: bump(user),
    });
  }

  /**
   * Records the creation of accounts the stream does not know (the first administrator, made
   * before the store opens; accounts of a users file older than the stream), as the product's own
   * act. Demo accounts are not administered and not recorded. Returns how many were recorded.
   */
  async recordUnrecordedAccounts(): Promise<number> {
    const known = new Set(
      (await this.store.readStream(ACCOUNTS_STREAM))
        .filter((e) => e.type === 'AccountCreated')
        .map((e) => e.data['userId']),
    );
    const missing = this.users.all().filter((u) => u.demo !== true && !known.has(u.userId));
    if (missing.length === 0) return 0;
    await this.record(
      ACCOUNTS_SYSTEM_ACTOR,
      missing.map((u) => ({
        type: 'AccountCreated',
        data: {
          userId: u.userId,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          orgId: u.orgId,
          position: u.position,
        },
      })),
    );
    return missing.length;
  }

  private rotated(user: UserRecord, passwordHash: string): Partial<UserRecord> {
    return {
      passwordHash,
      previousPasswordHashes: [user.passwordHash, ...(user.previousPasswordHashes ?? [])].slice(0, this.policy.history),
      passwordChangedAt: this.clock.now().toISOString(),
    };
  }

  private save(record: UserRecord): AccountView {
    this.users.put(record);
    return viewOf(record);
  }

  private requireAdministrator(by: EventActor): void {
    if (!mayAdministerAccounts(by.role)) throw ACCOUNT_ERRORS.notAdministrator();
  }

  private existing(username: string): UserRecord {
    const user = this.users.find(username);
    if (!user) throw ACCOUNT_ERRORS.notFound(username);
    return user;
  }

  /** An account the system administrator acts on: not a demo account; an administrator's only from the host. */
  private administered(by: EventActor, username: string): UserRecord {
    this.requireAdministrator(by);
    const user = this.existing(username);
    if (user.demo) throw ACCOUNT_ERRORS.demoAccount(username);
    if (user.userId !== by.userId) this.requireHostForAdministrator(by, username, user.role);
    return user;
  }

  /**
   * 三员分立: no administrator makes, re-roles, disables or resets the password of an
   * administrator's account (or they could hold another's duties through it); the host operator
   * does, where the first system administrator is made too. Their own password stays their own.
   */
  private requireHostForAdministrator(by: EventActor, username: string, role: string): void {
    if (isAdministratorRole(role) && by.role !== HOST_OPERATOR_ROLE)
      throw ACCOUNT_ERRORS.administratorAccount(username);
  }

  private checkAssignment(a: { readonly role: string; readonly orgId: string; readonly position: string }): void {
    const org = this.directory.get(a.orgId);
    if (!org) throw ACCOUNT_ERRORS.unknownOrganisation(a.orgId);
    if (!roleFitsOrganisation(a.role, org.role)) throw ACCOUNT_ERRORS.roleMismatch(a.role, a.orgId);
    if (!(POSITIONS as readonly string[]).includes(a.position)) throw ACCOUNT_ERRORS.unknownPosition(a.position);
  }

  /** The change, in the administration stream before the users file: the log never misses one that was made. */
  private async record(by: EventActor, events: readonly AccountEvent[]): Promise<void> {
    await recordAccountEvents(this.store, by, events);
  }
}

/** Appends account events to the administration stream, acted by `by`, as one command. */
export const recordAccountEvents = async (
  store: EventStore,
  by: EventActor,
  events: readonly AccountEvent[],
): Promise<void> => {
  const correlationId = randomUUID();
  await store.append(
    ACCOUNTS_STREAM,
    events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: {
        schemaVersion: ACCOUNT_EVENT_SCHEMA_VERSION,
        actor: { userId: by.userId, role: by.role, orgId: by.orgId },
        commandId: correlationId,
        correlationId,
        causationId: correlationId,
      },
    })),
    'any',
  );
};
