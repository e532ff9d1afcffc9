import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** The embedded default's users file (`$DATA_DIR/users.json`); production uses an external identity provider. */
export class UserStore {
  private users: UserRecord[];

  constructor(private readonly file: string) {
    this.users = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as UserRecord[]) : [];
  }

  get isEmpty(): boolean {
    return this.users.length === 0;
  }

  find(username: string): UserRecord | undefined {
    return this.users.find((u) => u.username === username);
  }

  byUserId(userId: string): UserRecord | undefined {
    return this.users.find((u) => u.userId === userId);
  }

  /** The users of one organisation, in file order. */
  inOrganisation(orgId: string): readonly UserRecord[] {
    return this.users.filter((u) => u.orgId === orgId);
  }

  /** Replaces the whole file atomically (write to a temp file, then rename), readable by the owner only. */
  save(users: UserRecord[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(users, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
    this.users = users;
  }
}
