import { ADMINISTRATOR_ROLES, Role } from '@xj/domain';

/**
 * 三员分立 — the separation of the three administrators (等保 2.0 三级, GB/T 22239-2019 8.1.4.2 e and
 * 8.1.10.2): which role does which administrative work, the one table every administrative route
 * and the CLI check through. The system administrator (系统管理员, the stored role `Administrator`)
 * runs users and configuration; the security administrator (安全管理员) decides access — roles,
 * second factors, the response to an integrity breach; the audit administrator (安全审计员) reads and
 * exports the administration and access logs and nothing else. None of them sees a case (the domain's
 * visibility table). The case auditor (`Auditor`, 审计查阅) is not an administrator: it reads cases
 * and their access log, as before, and neither reads nor exports the administration log.
 */
export const ADMINISTRATIVE_DUTIES = {
  /** 用户管理: create an account of a case role, disable, re-enable, reset its password, change its position or organisation. */
  accounts: ['Administrator'],
  /** Reading the accounts (never a hash): who administers them and who grants roles; the case auditor reads everything. */
  'account-reading': ['Administrator', 'SecurityAdministrator', 'Auditor'],
  /** 访问控制: change an account's role (with the organisation and position that go with it). */
  'account-roles': ['SecurityAdministrator'],
  /** 鉴别策略: reset an account's second factor (a lost device). */
  'second-factors': ['SecurityAdministrator'],
  /** 节假日安排: set a year's holiday table. */
  calendar: ['Administrator'],
  /** 组织机构管理: add, rename, move and close organisations and regions (issue 18). */
  organisations: ['Administrator'],
  /** Reading the directory as administered (closed units, every name); the case auditor reads everything. */
  'organisation-reading': ['Administrator', 'Auditor'],
  /** Operations: the notification deliveries the outbox parked (no case content); the case auditor reads every record. */
  operations: ['Administrator', 'Auditor'],
  /** Seeing the integrity breaches: the auditor, who verifies, and the two administrators who run and secure the system. */
  'integrity-breach-reading': ['Auditor', 'Administrator', 'SecurityAdministrator'],
  /** 安全事件处置: acknowledging an integrity breach lets writes resume — a security decision. */
  'integrity-breach-acknowledgement': ['SecurityAdministrator'],
  /** 审计记录: the administration log (streams `administration-…`). */
  'administration-log': ['AuditAdministrator'],
  /** The access log: the audit administrator; the case auditor asks who read a case. */
  'access-log': ['AuditAdministrator', 'Auditor'],
  /** Exports of the administration and access logs (CSV, XLSX, signed JSON bundle). */
  'log-export': ['AuditAdministrator'],
  /** Reads while an integrity breach is open: the auditor verifies, the audit administrator reads the logs. */
  'reads-during-breach': ['Auditor', 'AuditAdministrator'],
} as const satisfies Record<string, readonly Role[]>;

export type AdministrativeDuty = keyof typeof ADMINISTRATIVE_DUTIES;

/** Whether the role does this administrative work. */
export const mayPerform = (role: string, duty: AdministrativeDuty): boolean =>
  (ADMINISTRATIVE_DUTIES[duty] as readonly string[]).includes(role);

/** Every administrative duty of the role (the workbench offers only these; the routes check each). */
export const dutiesOf = (role: string): AdministrativeDuty[] =>
  (Object.keys(ADMINISTRATIVE_DUTIES) as AdministrativeDuty[]).filter((duty) => mayPerform(role, duty));

/** Whether the role is one of the three administrators'. */
export const isAdministratorRole = (role: string): boolean => (ADMINISTRATOR_ROLES as readonly string[]).includes(role);

/**
 * Whether an account of `role` may belong to an organisation of `organisationRole`: its own, or —
 * for the three administrators — the organisation of the system administrator (panjin.it): the
 * directory has one information-technology unit, and the three are its staff.
 */
export const roleFitsOrganisation = (role: string, organisationRole: string): boolean =>
  role === organisationRole || (organisationRole === 'Administrator' && isAdministratorRole(role));
