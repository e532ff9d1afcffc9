import { HOST_OPERATOR_ROLE } from './account-errors';

/**
 * Who maintains the organisations and regions (组织机构管理), as data: the system administrator's
 * work under the separation of the three administrators (三员分立, issue 18). The CLI's host
 * operator holds DATA_DIR and may do it too. The organisation decider is given this check.
 */
export const ORGANISATION_ADMINISTRATOR_ROLES: readonly string[] = ['Administrator'];

export const mayAdministerOrganisations = (role: string): boolean =>
  ORGANISATION_ADMINISTRATOR_ROLES.includes(role) || role === HOST_OPERATOR_ROLE;

/** Who may read the directory as administered (closed units, every name): the administrators and the auditor, who reads everything. */
export const ORGANISATION_READER_ROLES: readonly string[] = [...ORGANISATION_ADMINISTRATOR_ROLES, 'Auditor'];

export const mayReadOrganisations = (role: string): boolean =>
  ORGANISATION_READER_ROLES.includes(role) || role === HOST_OPERATOR_ROLE;
