import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { Position, Role } from '@xj/domain';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export interface UserRecord {
  readonly username: string;
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgId: string;
  readonly position: Position;
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  readonly passwordHash: string;
  /** A demo account (DEMO=1): refused when the deployment is not in demo mode. */
  readonly demo?: boolean;
  /** Disabled: no login, and every token and session of the account answers 401. */
  readonly disabled?: boolean;
  /** A one-time password (first administrator, new account, reset): every route but the change answers 403. */
  readonly mustChangePassword?: boolean;
  /** ISO-8601; the password expires PASSWORD_MAX_AGE_DAYS after. Absent on accounts from before the policy. */
  readonly passwordChangedAt?: string;
  /** Hashes of the previous passwords, newest first (PASSWORD_HISTORY of them). */
  readonly previousPasswordHashes?: readonly string[];
  /**
   * Raised by every change that must end the account's tokens and sessions (disable, password,
   * role, position, organisation): a token carries the version it was issued under (claim `ver`).
   */
  readonly credentialVersion?: number;
  /** The enrolled TOTP second factor (second-factor.ts): its sealed secret and the last time step used. */
  readonly secondFactor?: EnrolledSecondFactor;
  /** An enrolment begun and not yet confirmed by a first code (replaced by the next one begun). */
  readonly pendingSecondFactor?: { readonly sealedSecret: string; readonly begunAt: string };
}

export interface EnrolledSecondFactor {
  readonly sealedSecret: string;
  readonly enrolledAt: string;
  /** The time step of the last code accepted: no code of it or before is accepted again (no replay). */
  readonly lastUsedStep?: number;
}

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

export const USERS_FILENAME = 'users.json';

/**
 * The embedded default's users file (`$DATA_DIR/users.json`, owner-readable); production uses an
 * external identity provider. The API and the CLI both change it: a reader re-reads the file when
 * it changed on disk (one stat per look-up), so an account disabled from the CLI is refused by the
 * running API at its next request, and a change is made on the file as it is now.
 */
export class UserStore {
  private users: UserRecord[] = [];
  private seen = '';

  constructor(private readonly file: string) {
    this.refresh();
  }

  private refresh(): void {
    let stamp = '';
    try {
      const stat = statSync(this.file, { bigint: true });
      stamp = `${stat.mtimeNs}:${stat.size}:${stat.ino}`;
    } catch {
      stamp = 'none';
    }
    if (stamp === this.seen) return;
    this.users = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as UserRecord[]) : [];
    this.seen = stamp;
  }

  get isEmpty(): boolean {
    return this.all().length === 0;
  }

  all(): readonly UserRecord[] {
    this.refresh();
    return this.users;
  }

  find(username: string): UserRecord | undefined {
    return this.all().find((u) => u.username === username);
  }

  byUserId(userId: string): UserRecord | undefined {
    return this.all().find((u) => u.userId === userId);
  }

  /** The users of one organisation, in file order. */
  inOrganisation(orgId: string): readonly UserRecord[] {
    return this.all().filter((u) => u.orgId === orgId);
  }

  /** Replaces one record (by userId) or adds it, on the file as it is now. */
  put(record: UserRecord): void {
    const users = [...this.all()];
    const at = users.findIndex((u) => u.userId === record.userId);
    if (at >= 0) users[at] = record;
    else users.push(record);
    this.save(users);
  }

  /** Replaces the whole file atomically (write to a temp file, then rename), readable by the owner only. */
  save(users: UserRecord[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(users, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
    this.users = users;
    this.seen = '';
    this.refresh();
  }
}
