import { call, get, newIdempotencyKey, updateSessionUser } from './api-client';

/**
 * The user's own account (password change, second-factor enrolment) and the system administrator's
 * 用户管理 with the directory its forms choose from (README "Accounts").
 */

/** Changes the user's own password; every session of the account ends, so the user logs in again (then log out). */
export const changePassword = async (currentPassword: string, newPassword: string): Promise<void> => {
  await call('POST', '/api/v1/auth/password', { currentPassword, newPassword });
};

export interface Enrolment {
  /** Base32, shown this once. */
  readonly secret: string;
  readonly otpauthUri: string;
}

export const beginEnrolment = async (): Promise<Enrolment> =>
  (await call<Enrolment>('POST', '/api/v1/auth/second-factor/enrolment')).body;

/** Confirms the enrolment with a first code; the session goes on, without the enrolment due. */
export const confirmEnrolment = async (code: string): Promise<void> => {
  await call('POST', '/api/v1/auth/second-factor/enrolment/confirmation', { code });
  updateSessionUser({ secondFactorEnrolmentDue: undefined });
};

export interface Account {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly orgId: string;
  readonly position: string;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly demo: boolean;
  readonly secondFactor: boolean;
}

export const getAccounts = async (): Promise<Account[]> => (await get<{ items: Account[] }>('/api/v1/accounts')).items;

/** A write of the account administration; its answer (an account, or one with its one-time password). */
export const accountRequest = async (
  method: 'POST' | 'PATCH',
  path: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> =>
  (await call<Record<string, unknown>>(method, path, body, { 'Idempotency-Key': newIdempotencyKey() })).body;

export interface OrganisationEntry {
  readonly id: string;
  readonly nameZh: string;
  readonly role: string;
}

export const getOrganisations = async (role?: string): Promise<OrganisationEntry[]> =>
  (await get<{ organisations: OrganisationEntry[] }>('/api/v1/lookups/organisations', { role })).organisations;
