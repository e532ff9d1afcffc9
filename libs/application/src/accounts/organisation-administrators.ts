import { HOST_OPERATOR_ROLE } from './account-errors';
import { ADMINISTRATIVE_DUTIES, mayPerform } from './administrator-duties';

/**
 * Who maintains the organisations and regions (组织机构管理), as data: the system administrator's
 * work under the separation of the three administrators (三员分立, issue 18; the duty table in
 * administrator-duties.ts). The CLI's host operator holds DATA_DIR and may do it too. The
 * organisation decider is given this check.
 */
export const ORGANISATION_ADMINISTRATOR_ROLES: readonly string[] = ADMINISTRATIVE_DUTIES.organisations;

export const mayAdministerOrganisations = (role: string): boolean =>
  mayPerform(role, 'organisations') || role === HOST_OPERATOR_ROLE;

/** Who may read the directory as administered: the system administrator and the auditor, who reads everything. */
export const ORGANISATION_READER_ROLES: readonly string[] = ADMINISTRATIVE_DUTIES['organisation-reading'];

export const mayReadOrganisations = (role: string): boolean =>
  mayPerform(role, 'organisation-reading') || role === HOST_OPERATOR_ROLE;
