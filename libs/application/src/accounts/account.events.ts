/**
 * 账号管理日志 — the administration of the accounts issued here: every creation, disabling,
 * re-enabling, password reset or change and change of role, position or organisation is an event
 * in one stream, `administration-accounts`, hash-chained like the cases. Who acted is the event's
 * `metadata.actor`, when is `metadata.recordedAt`; the data says what, and from what. Password
 * hashes are never in an event (the events are kept forever; a hash is a secret).
 */
export const ACCOUNTS_STREAM = 'administration-accounts';
export const ACCOUNT_EVENT_SCHEMA_VERSION = 1;

/** Who records what the product does by itself (the first administrator, accounts found at start). */
export const ACCOUNTS_SYSTEM_ACTOR = { userId: 'system:accounts', role: 'System', orgId: 'system' } as const;

/** The fields of an account that decide what its user may do (they are claims of every token). */
export interface AccountAssignment {
  readonly role: string;
  readonly orgId: string;
  readonly position: string;
}

export type AccountEvent =
  | {
      readonly type: 'AccountCreated';
      readonly data: {
        readonly userId: string;
        readonly username: string;
        readonly displayName: string;
      } & AccountAssignment;
    }
  | { readonly type: 'AccountDisabled'; readonly data: AccountRef & { readonly reason?: string } }
  | { readonly type: 'AccountReenabled'; readonly data: AccountRef }
  | { readonly type: 'AccountPasswordReset'; readonly data: AccountRef }
  | { readonly type: 'AccountPasswordChanged'; readonly data: AccountRef }
  | { readonly type: 'AccountRoleChanged'; readonly data: AccountRef & Change }
  | { readonly type: 'AccountPositionChanged'; readonly data: AccountRef & Change }
  | { readonly type: 'AccountOrganisationChanged'; readonly data: AccountRef & Change }
  /** 双因素认证 — the user confirmed a TOTP second factor with a first code (never the secret in the event). */
  | { readonly type: 'AccountSecondFactorEnrolled'; readonly data: AccountRef & { readonly method: 'totp' } }
  /** An administrator removed the account's second factor (lost device): its sessions end; it enrols again. */
  | { readonly type: 'AccountSecondFactorReset'; readonly data: AccountRef };

interface AccountRef {
  readonly userId: string;
  readonly username: string;
}

interface Change {
  readonly from: string;
  readonly to: string;
}

export type AccountEventType = AccountEvent['type'];

/** Every type of the union, for the label spec (a Record over the union: none can be left out). */
const TYPES: Readonly<Record<AccountEventType, true>> = {
  AccountCreated: true,
  AccountDisabled: true,
  AccountReenabled: true,
  AccountPasswordReset: true,
  AccountPasswordChanged: true,
  AccountRoleChanged: true,
  AccountPositionChanged: true,
  AccountOrganisationChanged: true,
  AccountSecondFactorEnrolled: true,
  AccountSecondFactorReset: true,
};
export const ACCOUNT_EVENT_TYPES = Object.keys(TYPES) as AccountEventType[];
