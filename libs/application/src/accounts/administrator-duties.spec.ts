import { ADMINISTRATOR_ROLES } from '@xj/domain';
import { ADMINISTRATIVE_DUTIES, AdministrativeDuty, mayPerform, roleFitsOrganisation } from './administrator-duties';

/** Duties that only read, which two administrators may share; every other duty is one administrator's. */
const SHARED_READS: readonly AdministrativeDuty[] = ['account-reading', 'integrity-breach-reading'];

describe('三员分立: the duties of the three administrators', () => {
  const duties = Object.keys(ADMINISTRATIVE_DUTIES) as AdministrativeDuty[];

  it('gives every duty that changes something, or reads the logs, to exactly one administrator', () => {
    const holders = duties
      .filter((duty) => !SHARED_READS.includes(duty))
      .map((duty) => [duty, ADMINISTRATOR_ROLES.filter((role) => mayPerform(role, duty))] as const)
      .filter(([, roles]) => roles.length !== 1);
    expect(holders).toEqual([]);
  });

  it('lets the audit administrator read and export the logs and nothing else', () => {
    expect(duties.filter((duty) => mayPerform('AuditAdministrator', duty))).toEqual([
      'administration-log',
      'access-log',
      'log-export',
      'reads-during-breach',
    ]);
  });

  it('keeps the three apart: neither the system nor the security administrator reads the logs', () => {
    for (const role of ['Administrator', 'SecurityAdministrator'])
      for (const duty of ['administration-log', 'access-log', 'log-export'] as const)
        expect([role, duty, mayPerform(role, duty)]).toEqual([role, duty, false]);
    expect(mayPerform('Administrator', 'account-roles')).toBe(false);
    expect(mayPerform('SecurityAdministrator', 'accounts')).toBe(false);
  });

  it('places the three administrators in the system administrator’s organisation, and nobody else there', () => {
    for (const role of ADMINISTRATOR_ROLES) expect(roleFitsOrganisation(role, 'Administrator')).toBe(true);
    expect(roleFitsOrganisation('Auditor', 'Administrator')).toBe(false);
    expect(roleFitsOrganisation('SecurityAdministrator', 'Auditor')).toBe(false);
    expect(roleFitsOrganisation('JusticeBureau', 'JusticeBureau')).toBe(true);
  });
});
