import { DomainErrorKind } from '@xj/domain';
import { ADMINISTRATIVE_DUTIES, AdministrativeDuty, mayPerform } from './administrator-duties';
import { PasswordViolation } from './password-policy';

/** A refused account change: a stable code and a kind the API maps to its status (problem-details.filter.ts). */
export class AccountError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** AUTH.PASSWORD_POLICY: every rule the password breaks. */
    readonly violations: readonly PasswordViolation[] = [],
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export const notFound = (code: string, message: string): AccountError => new AccountError('NotFound', code, message);
export const conflict = (code: string, message: string): AccountError => new AccountError('Conflict', code, message);
export const forbidden = (code: string, message: string): AccountError => new AccountError('Forbidden', code, message);
export const validation = (
  code: string,
  message: string,
  violations: readonly PasswordViolation[] = [],
): AccountError => new AccountError('Validation', code, message, violations);

/** Who may administer the accounts: the system administrator (三员分立, administrator-duties.ts). */
export const ACCOUNT_ADMINISTRATOR_ROLES: readonly string[] = ADMINISTRATIVE_DUTIES.accounts;
/** Who may read the accounts (never a hash): the system and security administrators and the auditor. */
export const ACCOUNT_READER_ROLES: readonly string[] = ADMINISTRATIVE_DUTIES['account-reading'];

/**
 * The CLI's operator (`cli:<os user>`): whoever can run it on the host holds DATA_DIR, and does
 * every account duty — the only one who creates an administrator's account or administers one.
 */
export const HOST_OPERATOR_ROLE = 'Operator';

/** The duty, or the host operator (the CLI). */
export const mayDoAccountDuty = (role: string, duty: AdministrativeDuty): boolean =>
  mayPerform(role, duty) || role === HOST_OPERATOR_ROLE;

export const mayAdministerAccounts = (role: string): boolean => mayDoAccountDuty(role, 'accounts');

export const mayReadAccounts = (role: string): boolean => mayDoAccountDuty(role, 'account-reading');

/** Every refusal of an account change, in one place (their codes are labelled in error-code-labels.ts). */
export const ACCOUNT_ERRORS = {
  notFound: (username: string) => notFound('ACCOUNT.NOT_FOUND', `No account ${username}.`),
  usernameTaken: (username: string) => conflict('ACCOUNT.USERNAME_TAKEN', `The username ${username} is taken.`),
  alreadyDisabled: (username: string) => conflict('ACCOUNT.ALREADY_DISABLED', `The account ${username} is disabled.`),
  notDisabled: (username: string) => conflict('ACCOUNT.NOT_DISABLED', `The account ${username} is not disabled.`),
  unknownOrganisation: (orgId: string) =>
    validation('ACCOUNT.UNKNOWN_ORGANISATION', `No organisation ${orgId} in the directory.`),
  roleMismatch: (role: string, orgId: string) =>
    validation('ACCOUNT.ROLE_NOT_OF_ORGANISATION', `The organisation ${orgId} is not one of role ${role}.`),
  unknownPosition: (position: string) =>
    validation('ACCOUNT.UNKNOWN_POSITION', `No position ${position} (Head or Staff).`),
  ownAccount: () =>
    forbidden(
      'ACCOUNT.OWN_ACCOUNT',
      'Nobody disables their own account or changes its role, position or organisation.',
    ),
  notAdministrator: () => forbidden('AUTH.ROLE_NOT_ALLOWED', 'Only an account administrator may do this.'),
  notSecurityAdministrator: () =>
    forbidden('AUTH.ROLE_NOT_ALLOWED', 'Only the security administrator changes a role or resets a second factor.'),
  administratorAccount: (username: string) =>
    forbidden(
      'ACCOUNT.ADMINISTRATOR_ACCOUNT',
      `The account ${username} is (or would become) an administrator's: administrator accounts are made and administered on the host (npm run cli -- account …).`,
    ),
  demoAccount: (username: string) =>
    conflict('ACCOUNT.DEMO_ACCOUNT', `The account ${username} is a demo account; it is not administered.`),
  wrongCurrentPassword: () => forbidden('AUTH.WRONG_CURRENT_PASSWORD', 'The current password is wrong.'),
  passwordPolicy: (violations: readonly PasswordViolation[]) =>
    validation('AUTH.PASSWORD_POLICY', `The password breaks the policy: ${violations.join(', ')}.`, violations),
  secondFactorEnrolled: (username: string) =>
    conflict(
      'ACCOUNT.SECOND_FACTOR_ENROLLED',
      `The account ${username} has a second factor; an administrator resets it.`,
    ),
  noSecondFactor: (username: string) =>
    conflict('ACCOUNT.NO_SECOND_FACTOR', `The account ${username} has no second factor (or enrolment) to act on.`),
  ownSecondFactor: () =>
    forbidden('ACCOUNT.OWN_ACCOUNT', 'Nobody resets their own second factor; another administrator or the CLI does.'),
} as const;
