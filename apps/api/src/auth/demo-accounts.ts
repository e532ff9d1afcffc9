import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AppConfig, dataFile, hashPassword, UserRecord, UserStore, USERS_FILENAME } from '@xj/composition';
import { Position, Role } from '@xj/domain';
import { issuesTokens } from './token-service';

/** Where demo mode's first start writes the demo passwords (owner-readable), for `npm run demo`. */
export const DEMO_CREDENTIALS_FILENAME = 'demo-credentials.json';

interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgId: string;
  readonly position: Position;
}

/** One account per role, at city and county level where the role has both (DOMAIN.md §2). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'office',
    displayName: '市法治建设办 工作人员',
    role: 'RuleOfLawOffice',
    orgId: 'panjin.rol-office',
    position: 'Staff',
  },
  {
    username: 'office-head',
    displayName: '市法治建设办 主任',
    role: 'RuleOfLawOffice',
    orgId: 'panjin.rol-office',
    position: 'Head',
  },
  {
    username: 'dawa-office',
    displayName: '大洼区法治建设办 工作人员',
    role: 'RuleOfLawOffice',
    orgId: 'dawa.rol-office',
    position: 'Staff',
  },
  {
    username: 'dawa-office-head',
    displayName: '大洼区法治建设办 主任',
    role: 'RuleOfLawOffice',
    orgId: 'dawa.rol-office',
    position: 'Head',
  },
  {
    username: 'panshan-office-head',
    displayName: '盘山县法治建设办 主任',
    role: 'RuleOfLawOffice',
    orgId: 'panshan.rol-office',
    position: 'Head',
  },
  {
    username: 'justice',
    displayName: '市司法局 执法监督科',
    role: 'JusticeBureau',
    orgId: 'panjin.justice',
    position: 'Staff',
  },
  {
    username: 'justice-head',
    displayName: '市司法局 局长',
    role: 'JusticeBureau',
    orgId: 'panjin.justice',
    position: 'Head',
  },
  {
    username: 'dawa-emergency-head',
    displayName: '大洼区应急管理局 局长',
    role: 'EnforcementAgency',
    orgId: 'dawa.emergency',
    position: 'Head',
  },
  {
    username: 'dawa-emergency',
    displayName: '大洼区应急管理局 法制科',
    role: 'EnforcementAgency',
    orgId: 'dawa.emergency',
    position: 'Staff',
  },
  {
    username: 'panjin-urban-head',
    displayName: '市城管执法局 局长',
    role: 'EnforcementAgency',
    orgId: 'panjin.urban-mgmt',
    position: 'Head',
  },
  {
    username: 'ccdi',
    displayName: '市纪委监委 案管室',
    role: 'DisciplineCommission',
    orgId: 'panjin.ccdi',
    position: 'Staff',
  },
  {
    username: 'ccdi-head',
    displayName: '市纪委监委 领导',
    role: 'DisciplineCommission',
    orgId: 'panjin.ccdi',
    position: 'Head',
  },
  {
    username: 'dawa-ccdi-head',
    displayName: '大洼区纪委监委 领导',
    role: 'DisciplineCommission',
    orgId: 'dawa.ccdi',
    position: 'Head',
  },
  {
    username: 'shuangtaizi-ccdi-head',
    displayName: '双台子区纪委监委 领导',
    role: 'DisciplineCommission',
    orgId: 'shuangtaizi.ccdi',
    position: 'Head',
  },
  {
    username: 'xinglongtai-ccdi-head',
    displayName: '兴隆台区纪委监委 领导',
    role: 'DisciplineCommission',
    orgId: 'xinglongtai.ccdi',
    position: 'Head',
  },
  {
    username: 'panshan-ccdi-head',
    displayName: '盘山县纪委监委 领导',
    role: 'DisciplineCommission',
    orgId: 'panshan.ccdi',
    position: 'Head',
  },
  {
    username: 'province-ccdi-head',
    displayName: '辽宁省纪委监委 领导',
    role: 'DisciplineCommission',
    orgId: 'liaoning.ccdi',
    position: 'Head',
  },
  {
    username: 'org-dept-head',
    displayName: '市委组织部（任免机关）',
    role: 'AppointingAuthority',
    orgId: 'panjin.org-dept',
    position: 'Head',
  },
  { username: 'secretary', displayName: '市委主要领导', role: 'PartyLeadership', orgId: 'panjin', position: 'Head' },
  { username: 'auditor', displayName: '审计查阅员', role: 'Auditor', orgId: 'panjin.audit', position: 'Staff' },
  { username: 'admin', displayName: '系统管理员', role: 'Administrator', orgId: 'panjin.it', position: 'Staff' },
  // 三员分立: the security and audit administrators are staff of the system administrator's unit.
  {
    username: 'secadmin',
    displayName: '安全管理员',
    role: 'SecurityAdministrator',
    orgId: 'panjin.it',
    position: 'Staff',
  },
  {
    username: 'auditadmin',
    displayName: '安全审计员',
    role: 'AuditAdministrator',
    orgId: 'panjin.it',
    position: 'Staff',
  },
];

export interface DemoCredential {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly orgId: string;
  readonly position: Position;
}

/** Records of the demo accounts (a users file of a version before demo mode holds them unmarked). */
export const isDemoRecord = (u: UserRecord): boolean =>
  u.demo === true || DEMO_ACCOUNTS.some((a) => a.username === u.username && u.userId === `user-${a.username}`);

/**
 * Demo mode's first start (no users yet): the demo accounts with random passwords, written to
 * `credentialsFile` only (owner-readable, for `npm run demo` and the tests) — never to a log.
 */
export const seedDemoAccounts = async (
  users: UserStore,
  credentialsFile: string,
): Promise<DemoCredential[] | undefined> => {
  if (!users.isEmpty) return undefined;
  const credentials: DemoCredential[] = DEMO_ACCOUNTS.map((a) => ({
    username: a.username,
    password: randomBytes(9).toString('base64url'),
    role: a.role,
    orgId: a.orgId,
    position: a.position,
  }));
  const records: UserRecord[] = await Promise.all(
    DEMO_ACCOUNTS.map(async (a, i) => ({
      ...a,
      userId: `user-${a.username}`,
      passwordHash: await hashPassword((credentials[i] as DemoCredential).password),
      demo: true,
    })),
  );
  users.save(records);
  writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
};

export const readDemoCredentials = (file: string): DemoCredential[] =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredential[]) : [];

/**
 * Demo mode's first start (DEMO=1, tokens issued here, no users yet): the demo accounts in
 * DATA_DIR, returned to the caller (tests, benchmarks). Undefined outside demo mode, when
 * accounts exist or when an identity provider issues the tokens.
 */
export const seedDemoAccountsOnFirstStart = (config: AppConfig): Promise<DemoCredential[] | undefined> =>
  issuesTokens(config) && config.auth.demo
    ? seedDemoAccounts(new UserStore(dataFile(config, USERS_FILENAME)), dataFile(config, DEMO_CREDENTIALS_FILENAME))
    : Promise.resolve(undefined);
