import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { availableReferralCommands } from '../referral/referral.preconditions';
import {
  CITY_CDI,
  REGION,
  atApproved,
  atDraft,
  cmd,
  day,
  decider,
  officeHead,
  stateOf,
} from '../referral/referral.fixtures-spec';

/** Issue 17 item 4: only the owning office acts on its referral; a 督办 aims at an organisation the raiser supervises. */
const spec = deciderSpec(decider);

/** The office of the county the referral's clue lies in: it covers the region but did not draft the referral. */
const countyOffice: Actor = {
  userId: 'u-xlt-office-head',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'panjin/xinglongtai.rol-office',
  regionId: REGION,
};

describe('acting on a case of another organisation (issue 17 item 4)', () => {
  it('a county office cannot approve or send the referral the city office drafted and owns', () => {
    spec
      .given(atDraft())
      .when(cmd('ApproveReferral', countyOffice, day(1), { opinion: '同意' }))
      .thenError('Forbidden', 'AUTH.NOT_OWNING_OFFICE');
    spec
      .given(atApproved())
      .when(cmd('SendReferral', countyOffice, day(2), { target: CITY_CDI }))
      .thenError('Forbidden', 'AUTH.NOT_OWNING_OFFICE');
    expect(availableReferralCommands(stateOf(atApproved()), countyOffice)).not.toContain('SendReferral');
    expect(availableReferralCommands(stateOf(atApproved()), officeHead)).toContain('SendReferral');
  });

  it('a 督办 on a case aims at an organisation the raiser supervises: not the city office from a county (DOMAIN.md §4.4)', () => {
    const escalate = (actor: Actor, target: { orgId: string; role: Actor['role']; regionId: string }) =>
      cmd('RaiseEscalation', actor, day(3), {
        escalationId: `e-${target.orgId}`,
        escalationType: 'Interview',
        reason: '逾期未反馈',
        targetOrgId: target.orgId,
        target,
      } as never);
    const cityOffice = { orgId: 'panjin.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin' } as const;
    const countyAgency = { orgId: 'xinglongtai.emergency', role: 'EnforcementAgency', regionId: REGION } as const;
    spec
      .given(atApproved())
      .when(escalate(countyOffice, cityOffice))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    expect(spec.given(atApproved()).when(escalate(countyOffice, countyAgency)).thenEvents()).toHaveLength(1);
    // A target the directory does not know, or one that is not the id named, is refused.
    spec
      .given(atApproved())
      .when(
        cmd('RaiseEscalation', officeHead, day(3), {
          escalationId: 'e-x',
          escalationType: 'Interview',
          reason: '逾期未反馈',
          targetOrgId: 'panjin.cdi',
          target: countyAgency,
        } as never),
      )
      .thenError('Validation', 'ESCALATION.TARGET_UNKNOWN');
  });
});
