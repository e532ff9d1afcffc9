import { systemClock } from '@xj/application';
import {
  AppConfig,
  dataFile,
  hashPassword,
  loadOrganisationDirectory,
  oneTimePassword,
  UserStore,
  USERS_FILENAME,
} from '@xj/composition';
import { DEMO_CREDENTIALS_FILENAME, isDemoRecord, seedDemoAccounts } from './demo-accounts';
import { issuesTokens } from './token-service';

/** The username of the system administrator a non-demo first start creates. */
export const FIRST_ADMINISTRATOR_USERNAME = 'sysadmin';

export type FirstStart =
  | { readonly kind: 'demo'; readonly credentialsFile: string; readonly accounts: number }
  | { readonly kind: 'administrator'; readonly username: string; readonly oneTimePassword: string };

/**
 * The accounts before the API opens (embedded default only; undefined under an identity provider).
 * Demo records of an older users file are marked as such, so that outside demo mode they are refused.
 * DEMO=1 on a fresh data directory: the demo accounts. Otherwise, while no administrator but demo
 * ones exists: one system administrator with a one-time password, returned once for the operator
 * (main.ts prints it on stdout, never in the structured log) and to be changed at the first login.
 */
export const prepareAccountsOnStart = async (config: AppConfig): Promise<FirstStart | undefined> => {
  if (!issuesTokens(config)) return undefined;
  const users = new UserStore(dataFile(config, USERS_FILENAME));
  const unmarked = users.all().filter((u) => u.demo !== true && isDemoRecord(u));
  if (unmarked.length > 0) users.save(users.all().map((u) => (isDemoRecord(u) ? { ...u, demo: true } : u)));
  if (config.auth.demo) {
    const credentialsFile = dataFile(config, DEMO_CREDENTIALS_FILENAME);
    const created = await seedDemoAccounts(users, credentialsFile);
    return created ? { kind: 'demo', credentialsFile, accounts: created.length } : undefined;
  }
  if (users.all().some((u) => u.role === 'Administrator' && u.demo !== true)) return undefined;
  const org = loadOrganisationDirectory(config).organisations.find((o) => o.role === 'Administrator');
  if (!org)
    throw new Error(
      'The organisation directory (ORG_DIRECTORY_FILE) has no organisation of role Administrator for the system administrator.',
    );
  const username = users.find(FIRST_ADMINISTRATOR_USERNAME)
    ? `${FIRST_ADMINISTRATOR_USERNAME}-1`
    : FIRST_ADMINISTRATOR_USERNAME;
  const password = oneTimePassword(config.auth.passwordPolicy);
  users.put({
    username,
    userId: `user-${username}`,
    displayName: '系统管理员',
    role: 'Administrator',
    orgId: org.id,
    position: 'Head',
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    passwordChangedAt: systemClock.now().toISOString(),
  });
  return { kind: 'administrator', username, oneTimePassword: password };
};
