import { AccountEventType } from '../accounts/account.events';
import { LOG_EXPORT_EVENT_TYPE } from '../audit/administration-log';
import { Label } from './code-labels';

/** The stored types with their names (typed over the union: a new type without a label does not compile). */
export const ACCOUNT_EVENT_TYPE_LABELS: Readonly<Record<AccountEventType, Label>> = {
  AccountCreated: { zh: '创建账号', en: 'Account created' },
  AccountDisabled: { zh: '停用账号', en: 'Account disabled' },
  AccountReenabled: { zh: '重新启用账号', en: 'Account re-enabled' },
  AccountPasswordReset: { zh: '重置口令', en: 'Password reset' },
  AccountPasswordChanged: { zh: '修改口令', en: 'Password changed' },
  AccountRoleChanged: { zh: '变更角色', en: 'Role changed' },
  AccountPositionChanged: { zh: '变更职务', en: 'Position changed' },
  AccountOrganisationChanged: { zh: '变更所属单位', en: 'Organisation changed' },
  AccountSecondFactorEnrolled: { zh: '启用双因素认证', en: 'Second factor enrolled' },
  AccountSecondFactorReset: { zh: '重置双因素认证', en: 'Second factor reset' },
};

/** The record of an imported transfer package (issue 19 §4), on its own stream `transferpackage-<hash>`. */
export const TRANSFER_PACKAGE_EVENT_TYPE_LABELS: Readonly<Record<'TransferPackageImported', Label>> = {
  TransferPackageImported: { zh: '导入移送材料包', en: 'Transfer package imported' },
};

/** The administration log's own event: an export by the audit administrator (administration-log.ts). */
export const LOG_EXPORT_EVENT_TYPE_LABELS: Readonly<Record<typeof LOG_EXPORT_EVENT_TYPE, Label>> = {
  AuditLogExported: { zh: '导出日志', en: 'Log exported' },
};
