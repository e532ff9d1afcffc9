/**
 * 口令策略 — the password policy of the accounts issued here (GB/T 22239-2019 8.1.4.1 a: identities
 * with complex passwords changed periodically). Pure: the caller checks reuse against the stored
 * hashes (scrypt is slow and async) and passes the outcome in.
 */
export interface PasswordPolicy {
  readonly minLength: number;
  /** Of lower case, upper case, digits and anything else: how many a password must mix. */
  readonly minCharacterClasses: number;
  /** A new password may not equal the current one nor any of the previous N. */
  readonly history: number;
  /** Days after a change before the password must be changed again; 0: never. */
  readonly maxAgeDays: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 12,
  minCharacterClasses: 3,
  history: 5,
  maxAgeDays: 90,
};

/** Longer is refused outright: scrypt over megabytes is a denial of service, not a password. */
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordViolation = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_FEW_CHARACTER_CLASSES' | 'CONTAINS_USERNAME' | 'REUSED';

const CLASSES: readonly RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** How many of the four character classes the password uses. */
export const characterClassesOf = (password: string): number => CLASSES.filter((c) => c.test(password)).length;

/** Every rule the password breaks; empty when the policy accepts it. Length counts code points. */
export const passwordViolations = (
  password: string,
  policy: PasswordPolicy,
  context: { readonly username: string; readonly reused: boolean },
): PasswordViolation[] => {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < policy.minLength) violations.push('TOO_SHORT');
  if (length > MAX_PASSWORD_LENGTH) violations.push('TOO_LONG');
  if (characterClassesOf(password) < policy.minCharacterClasses) violations.push('TOO_FEW_CHARACTER_CLASSES');
  if (context.username.length >= 3 && password.toLowerCase().includes(context.username.toLowerCase()))
    violations.push('CONTAINS_USERNAME');
  if (context.reused) violations.push('REUSED');
  return violations;
};

/** Whether a password changed at `changedAt` must be changed before anything else at `now`. */
export const isPasswordExpired = (changedAt: string | undefined, now: Date, policy: PasswordPolicy): boolean => {
  if (policy.maxAgeDays === 0 || changedAt === undefined) return false;
  const changed = Date.parse(changedAt);
  return Number.isFinite(changed) && now.getTime() - changed >= policy.maxAgeDays * 86_400_000;
};
