import { deciderSpec } from '@xj/testing';
import { createDomainConfig } from '../domain-config';
import { Actor, Role, actorRef } from '../shared/actor';
import { ESCALATION_LADDER_LEVELS, ESCALATION_TYPES, EscalationType } from './escalation';
import { canSeeOrgEscalation, requireSupervises } from './org-escalation.access';
import { createOrgEscalationDecider } from './org-escalation.decider';
import { OrganisationEscalationRaised, OrganisationRef, RaiseOrganisationEscalation } from './org-escalation.events';

const spec = deciderSpec(createOrgEscalationDecider(createDomainConfig()));

const actor = (role: Role, orgId: string, regionId: string, position: Actor['position'] = 'Staff'): Actor => ({
  userId: `u-${orgId}`,
  role,
  position,
  orgId,
  regionId,
});
const cityOffice = actor('RuleOfLawOffice', 'panjin.rol-office', 'panjin');
const cityParty = actor('PartyLeadership', 'panjin', 'panjin', 'Head');
const dawaOffice: OrganisationRef = { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin/dawa' };

const AT = '2026-09-01T10:00:00+08:00';
const raise = (over: Partial<RaiseOrganisationEscalation> = {}): RaiseOrganisationEscalation => ({
  type: 'RaiseOrganisationEscalation',
  actor: cityOffice,
  at: AT,
  escalationId: 'oe-1',
  escalationType: 'Interview',
  reason: '大洼区全年零移送，约谈区法治建设办负责同志',
  targetOrgId: dawaOffice.orgId,
  target: dawaOffice,
  ...over,
});
const raised = (over: Partial<OrganisationEscalationRaised['data']> = {}): OrganisationEscalationRaised => ({
  type: 'OrganisationEscalationRaised',
  data: {
    at: AT,
    by: actorRef(cityOffice),
    escalationId: 'oe-1',
    escalationType: 'Interview',
    reason: '大洼区全年零移送，约谈区法治建设办负责同志',
    targetOrgId: 'dawa.rol-office',
    targetRole: 'RuleOfLawOffice',
    targetRegionId: 'panjin/dawa',
    raisedByRegionId: 'panjin',
    ...over,
  },
});

describe('escalations against an organisation (督办 of a unit, no case; issue 15 §2)', () => {
  it('the city office summons a county office that transfers nothing (约谈): who, when, why, at whom', () => {
    spec.given([]).when(raise()).then([raised()]);
  });

  it('records the target as the directory gave it, with the raiser’s region', () => {
    const state = spec.given([]).when(raise()).thenState();
    expect(state.raised).toMatchObject({ target: dawaOffice, raisedByRegionId: 'panjin', raisedAt: AT });
  });

  it.each(ESCALATION_TYPES.filter((t) => t !== 'LeaderInstruction' && t !== 'OrderPerformance'))(
    'the office raises %s',
    (escalationType) => {
      spec
        .given([])
        .when(raise({ escalationType }))
        .then([raised({ escalationType })]);
    },
  );

  it('批示 is the party leadership’s alone', () => {
    spec
      .given([])
      .when(raise({ escalationType: 'LeaderInstruction' }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given([])
      .when(raise({ actor: cityParty, escalationType: 'LeaderInstruction' }))
      .then([raised({ by: actorRef(cityParty), escalationType: 'LeaderInstruction' })]);
  });

  it('责令限期履行 keeps its performance date on 国庆 and flags it (issue 15 §4)', () => {
    const [event] = spec
      .given([])
      .when(raise({ escalationType: 'OrderPerformance', performBy: '2026-10-01' }))
      .thenEvents();
    expect(event?.data.deadline).toEqual({
      rule: 'SupervisionDecisionExecution',
      from: '2026-09-01',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-10-01',
      nonWorkingDay: true,
    });
  });

  it.each([
    ['missing', undefined, 'VALIDATION.DATE'],
    ['malformed', 'soon', 'VALIDATION.DATE'],
    ['before the order', '2026-08-31', 'ESCALATION.PERFORM_BY_IN_PAST'],
  ])('责令限期履行 with a %s performBy is refused', (_label, performBy, code) => {
    spec
      .given([])
      .when(raise({ escalationType: 'OrderPerformance', performBy }))
      .thenError('Validation', code);
  });

  describe('who may raise one', () => {
    it.each<[string, Actor]>([
      ['the county justice bureau over its county’s agencies', actor('JusticeBureau', 'dawa.justice', 'panjin/dawa')],
      ['the city office over a county agency', cityOffice],
      ['the county party committee over its county', actor('PartyLeadership', 'dawa', 'panjin/dawa', 'Head')],
    ])('%s', (_label, who) => {
      const agency: OrganisationRef = { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' };
      expect(
        spec
          .given([])
          .when(raise({ actor: who, target: agency, targetOrgId: agency.orgId }))
          .thenEvents(),
      ).toHaveLength(1);
    });

    it.each<[Role, string]>([
      ['EnforcementAgency', 'AUTH.ROLE_NOT_ALLOWED'],
      ['DisciplineCommission', 'AUTH.ROLE_NOT_ALLOWED'],
      ['AppointingAuthority', 'AUTH.ROLE_NOT_ALLOWED'],
      ['Auditor', 'AUTH.READ_ONLY_ROLE'],
      ['Administrator', 'AUTH.READ_ONLY_ROLE'],
    ])('%s may not', (role, code) => {
      spec
        .given([])
        .when(raise({ actor: actor(role, `panjin.${role}`, 'panjin') }))
        .thenError('Forbidden', code);
    });

    it.each<[string, Actor, OrganisationRef, string]>([
      [
        'a sibling county',
        actor('RuleOfLawOffice', 'panshan.rol-office', 'panjin/panshan'),
        dawaOffice,
        'AUTH.OUTSIDE_JURISDICTION',
      ],
      [
        'a county reaching up to the city',
        actor('RuleOfLawOffice', 'dawa.rol-office', 'panjin/dawa'),
        { orgId: 'panjin.ccdi', role: 'DisciplineCommission', regionId: 'panjin' },
        'AUTH.OUTSIDE_JURISDICTION',
      ],
      [
        'its own organisation',
        cityOffice,
        { orgId: 'panjin.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin' },
        'ESCALATION.OWN_ORGANISATION',
      ],
      [
        'the party committee it answers to',
        cityOffice,
        { orgId: 'panjin', role: 'PartyLeadership', regionId: 'panjin' },
        'ESCALATION.TARGET_NOT_SUPERVISED',
      ],
      [
        'the auditors',
        cityOffice,
        { orgId: 'panjin.audit', role: 'Auditor', regionId: 'panjin' },
        'ESCALATION.TARGET_NOT_SUPERVISED',
      ],
    ])('not against %s', (_label, who, target, code) => {
      spec
        .given([])
        .when(raise({ actor: who, target, targetOrgId: target.orgId }))
        .thenError('Forbidden', code);
    });

    it('the city office may escalate against a county party committee (a lower level)', () => {
      const county: OrganisationRef = { orgId: 'dawa', role: 'PartyLeadership', regionId: 'panjin/dawa' };
      expect(requireSupervises(cityOffice, county)).toBeUndefined();
    });

    it('checks role and jurisdiction before the input', () => {
      spec
        .given([])
        .when(raise({ actor: actor('EnforcementAgency', 'dawa.emergency', 'panjin/dawa'), reason: '' }))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      spec
        .given([])
        .when(raise({ actor: actor('RuleOfLawOffice', 'panshan.rol-office', 'panjin/panshan'), reason: '' }))
        .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    });
  });

  describe('input', () => {
    it('an organisation the directory does not know is refused', () => {
      spec
        .given([])
        .when(raise({ target: undefined, targetOrgId: 'nowhere' }))
        .thenError('Validation', 'ESCALATION.TARGET_UNKNOWN');
    });

    it.each<[string, Partial<RaiseOrganisationEscalation>, string]>([
      ['a blank reason', { reason: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
      ['a blank id', { escalationId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['an unknown type', { escalationType: 'Scolding' as EscalationType }, 'VALIDATION.UNKNOWN_VALUE'],
      ['a malformed instant', { at: 'now' }, 'VALIDATION.INSTANT'],
    ])('%s is refused', (_label, over, code) => {
      spec.given([]).when(raise(over)).thenError('Validation', code);
    });

    it('an id is raised once', () => {
      spec
        .given([raised()])
        .when(raise({ reason: '再次约谈' }))
        .thenError('Conflict', 'ESCALATION.DUPLICATE_ID');
    });
  });

  describe('who sees it (404 for the rest)', () => {
    const parties = {
      target: { orgId: 'dawa.emergency', role: 'EnforcementAgency' as const, regionId: 'panjin/dawa' },
      raisedByOrgId: 'dawa.justice',
    };
    it.each<[string, Actor, boolean]>([
      ['the target', actor('EnforcementAgency', 'dawa.emergency', 'panjin/dawa'), true],
      ['the raiser', actor('JusticeBureau', 'dawa.justice', 'panjin/dawa'), true],
      ['the city office, which supervises the target', cityOffice, true],
      [
        'the county office, which supervises the target',
        actor('RuleOfLawOffice', 'dawa.rol-office', 'panjin/dawa'),
        true,
      ],
      ['auditors', actor('Auditor', 'panjin.audit', 'panjin'), true],
      ['another agency of the county', actor('EnforcementAgency', 'dawa.housing', 'panjin/dawa'), false],
      ['the county commission', actor('DisciplineCommission', 'dawa.ccdi', 'panjin/dawa'), false],
      ['a sibling county’s office', actor('RuleOfLawOffice', 'panshan.rol-office', 'panjin/panshan'), false],
      ['administrators', actor('Administrator', 'panjin.it', 'panjin'), false],
    ])('%s: %s', (_label, who, sees) => {
      expect(canSeeOrgEscalation(who, parties)).toBe(sees);
    });
  });

  it('ladder levels: 函询 3, 约谈 4, 挂牌督办 5, 通报 6; 批示 and 责令限期履行 off the ladder', () => {
    expect(ESCALATION_LADDER_LEVELS).toEqual({
      InquiryLetter: 3,
      Interview: 4,
      ListedSupervision: 5,
      Circular: 6,
      LeaderInstruction: undefined,
      OrderPerformance: undefined,
    });
  });
});
