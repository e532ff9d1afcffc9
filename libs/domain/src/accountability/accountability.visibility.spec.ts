import { canSeeAccountabilityCase } from '../access/case-visibility';
import { Actor, Role, actorRef } from '../shared/actor';
import { fold } from '../shared/decider';
import { createAccountabilityDecider } from './accountability.decider';

/*
 * Who reads an accountability case (issue 17): the deciding organisation, the supervising offices of
 * its region (法治建设办, 司法局, 党委) and the auditor; not the commission nor the 任免机关 (its
 * accountability runs through referrals), nor an agency that does not decide it.
 */
const actor = (role: Role, orgId: string, regionId: string): Actor => ({
  userId: `u-${orgId}`,
  role,
  position: 'Head',
  orgId,
  regionId,
});
const ownAgency = actor('EnforcementAgency', 'dawa.emergency', 'panjin/dawa');
const state = fold(createAccountabilityDecider(), [
  {
    type: 'AccountabilityCaseOpened',
    data: {
      at: '2026-12-01T10:00:00+08:00',
      by: actorRef(ownAgency),
      accountabilityId: 'acc-1',
      accountabilityType: 'EnforcementFault',
      regionId: 'panjin/dawa',
      decidingOrgId: 'dawa.emergency',
      decidingOrgRole: 'EnforcementAgency',
      decidingOrgRegionId: 'panjin/dawa',
      summary: '执法程序违法',
      openedOn: '2026-11-02',
    },
  },
]);

describe('who reads an accountability case (issue 17; DOMAIN.md §7)', () => {
  it.each<[string, Actor, boolean]>([
    ['the agency that decides it', ownAgency, true],
    ['another agency of the county', actor('EnforcementAgency', 'dawa.housing', 'panjin/dawa'), false],
    ['the county office', actor('RuleOfLawOffice', 'dawa.rol-office', 'panjin/dawa'), true],
    ['the city justice bureau', actor('JusticeBureau', 'panjin.justice', 'panjin'), true],
    ['another county’s office', actor('RuleOfLawOffice', 'panshan.rol-office', 'panjin/panshan'), false],
    ['the county commission', actor('DisciplineCommission', 'dawa.ccdi', 'panjin/dawa'), false],
    ['the organisation department', actor('AppointingAuthority', 'panjin.org-dept', 'panjin'), false],
    ['the auditor', actor('Auditor', 'panjin.audit', 'panjin'), true],
    ['the administrator', actor('Administrator', 'panjin.it', 'panjin'), false],
  ])('%s: %p', (_label, who, sees) => {
    expect(canSeeAccountabilityCase(who, state)).toBe(sees);
  });
});
