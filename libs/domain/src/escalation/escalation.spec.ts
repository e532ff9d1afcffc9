import { createDomainConfig } from '../domain-config';
import { Actor, actorRef } from '../shared/actor';
import { isDomainError } from '../shared/domain-error';
import { ESCALATION_TYPES, EscalationTarget, RaiseEscalation, decideEscalation } from './escalation';

const config = createDomainConfig();

const actor = (role: Actor['role'], regionId = 'panjin', position: Actor['position'] = 'Staff'): Actor => ({
  userId: `u-${role}-${regionId}`,
  role,
  position,
  orgId: `${regionId}.${role}`,
  regionId,
});
const office = actor('RuleOfLawOffice');
const leader = actor('PartyLeadership', 'panjin', 'Head');

const AT = '2026-09-01T10:00:00+08:00';
const command = (over: Partial<RaiseEscalation> = {}): RaiseEscalation => ({
  type: 'RaiseEscalation',
  actor: office,
  at: AT,
  escalationId: 'esc-1',
  escalationType: 'Interview',
  reason: '县区零移送，约谈分管负责同志',
  targetOrgId: 'panjin/dawa.rol-office',
  target: { orgId: 'panjin/dawa.rol-office', role: 'RuleOfLawOffice', regionId: 'panjin/dawa' },
  ...over,
});
const openCase: EscalationTarget = { regionId: 'panjin/dawa', open: true, escalationIds: [] };
const decide = (cmd: RaiseEscalation, target: EscalationTarget = openCase) =>
  decideEscalation(cmd, target, config, 'CLUE');

const expectError = (result: ReturnType<typeof decide>, kind: string, code: string): void => {
  expect(isDomainError(result) ? { kind: result.kind, code: result.code } : result).toEqual({ kind, code });
};

describe('decideEscalation (督办 overlay)', () => {
  it.each(ESCALATION_TYPES.filter((t) => t !== 'LeaderInstruction' && t !== 'OrderPerformance'))(
    'raises %s with who, when, why and at whom',
    (escalationType) => {
      expect(decide(command({ escalationType }))).toEqual([
        {
          type: 'EscalationRaised',
          data: {
            at: AT,
            by: actorRef(office),
            escalationId: 'esc-1',
            escalationType,
            reason: '县区零移送，约谈分管负责同志',
            targetOrgId: 'panjin/dawa.rol-office',
          },
        },
      ]);
    },
  );

  it('责令限期履行 keeps a deadline on 国庆 2026-10-01 and flags it (issue 15 §4)', () => {
    const result = decide(command({ escalationType: 'OrderPerformance', performBy: '2026-10-01' }));
    if (isDomainError(result)) throw new Error(result.code);
    expect(result[0]?.data.deadline).toEqual({
      rule: 'SupervisionDecisionExecution',
      from: '2026-09-01',
      amount: 0,
      unit: 'Days',
      dueOn: '2026-10-01',
      nonWorkingDay: true,
    });
    expect(config.calendar.isWorkingDay(result[0]?.data.deadline?.dueOn ?? '')).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['impossible', '2026-02-30'],
    ['malformed', '1 Oct'],
  ])('责令限期履行 with a %s performBy is rejected', (_label, performBy) => {
    expectError(decide(command({ escalationType: 'OrderPerformance', performBy })), 'Validation', 'VALIDATION.DATE');
  });

  describe('roles', () => {
    it.each([['RuleOfLawOffice'], ['JusticeBureau'], ['PartyLeadership']] as const)('%s may escalate', (role) => {
      expect(isDomainError(decide(command({ actor: actor(role) })))).toBe(false);
    });

    it('批示 is the party leadership’s alone', () => {
      expect(isDomainError(decide(command({ actor: leader, escalationType: 'LeaderInstruction' })))).toBe(false);
      expectError(decide(command({ escalationType: 'LeaderInstruction' })), 'Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      expectError(
        decide(command({ actor: actor('JusticeBureau'), escalationType: 'LeaderInstruction' })),
        'Forbidden',
        'AUTH.ROLE_NOT_ALLOWED',
      );
    });

    it.each([
      ['Auditor', 'AUTH.READ_ONLY_ROLE'],
      ['Administrator', 'AUTH.READ_ONLY_ROLE'],
      ['EnforcementAgency', 'AUTH.ROLE_NOT_ALLOWED'],
      ['DisciplineCommission', 'AUTH.ROLE_NOT_ALLOWED'],
      ['AppointingAuthority', 'AUTH.ROLE_NOT_ALLOWED'],
    ] as const)('%s may not escalate', (role, code) => {
      expectError(decide(command({ actor: actor(role) })), 'Forbidden', code);
    });

    it('checks the role before anything else', () => {
      expectError(
        decide(command({ actor: actor('Auditor', 'panjin/panshan'), reason: '' }), { ...openCase, open: false }),
        'Forbidden',
        'AUTH.READ_ONLY_ROLE',
      );
    });
  });

  describe('region', () => {
    it('the city covers its counties; a county covers itself', () => {
      expect(isDomainError(decide(command()))).toBe(false);
      expect(isDomainError(decide(command({ actor: actor('JusticeBureau', 'panjin/dawa') })))).toBe(false);
    });

    it.each([
      ['a sibling county', actor('RuleOfLawOffice', 'panjin/panshan'), openCase],
      [
        'a county reaching up to a city case',
        actor('RuleOfLawOffice', 'panjin/dawa'),
        { ...openCase, regionId: 'panjin' },
      ],
      ['another city', actor('RuleOfLawOffice', 'dalian'), openCase],
    ])('rejects %s', (_label, who, target) => {
      expectError(decide(command({ actor: who }), target), 'Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    });

    it('checks the region before validating the input', () => {
      expectError(
        decide(command({ actor: actor('RuleOfLawOffice', 'panjin/panshan'), reason: '' })),
        'Forbidden',
        'AUTH.OUTSIDE_JURISDICTION',
      );
    });
  });

  describe('input', () => {
    it.each<[string, Partial<RaiseEscalation>, string]>([
      ['a blank reason', { reason: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
      ['a blank target organisation', { targetOrgId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['a blank escalation id', { escalationId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['an unknown escalation type', { escalationType: 'Scolding' as never }, 'VALIDATION.UNKNOWN_VALUE'],
    ])('rejects %s', (_label, over, code) => {
      expectError(decide(command(over)), 'Validation', code);
    });
  });

  describe('the case', () => {
    it('rejects a closed case with the aggregate’s own code', () => {
      expectError(decide(command(), { ...openCase, open: false }), 'InvalidTransition', 'CLUE.CLOSED');
      expectError(
        decideEscalation(command(), { ...openCase, open: false }, config, 'REFERRAL'),
        'InvalidTransition',
        'REFERRAL.CLOSED',
      );
    });

    it('rejects an escalation id already used on the case', () => {
      expectError(
        decide(command(), { ...openCase, escalationIds: ['esc-0', 'esc-1'] }),
        'Validation',
        'ESCALATION.DUPLICATE_ID',
      );
      expect(
        isDomainError(decide(command({ escalationId: 'esc-2' }), { ...openCase, escalationIds: ['esc-0', 'esc-1'] })),
      ).toBe(false);
    });
  });

  describe('the target (issue 17 item 4: an escalation is aimed at an organisation the escalating one supervises)', () => {
    it('given no resolved target, when raising, then it is refused as unknown: the check never depends on the caller supplying it', () => {
      const { target: _omitted, ...withoutTarget } = command();
      expectError(decide(withoutTarget as RaiseEscalation), 'Validation', 'ESCALATION.TARGET_UNKNOWN');
    });

    it('given a target the directory resolved to another organisation, then it is refused as unknown', () => {
      expectError(
        decide(command({ targetOrgId: 'panjin/panshan.rol-office' })),
        'Validation',
        'ESCALATION.TARGET_UNKNOWN',
      );
    });

    it('given a county office, when it raises a 约谈 against the city office, then it is refused', () => {
      const county = actor('RuleOfLawOffice', 'panjin/dawa');
      const city = { orgId: 'panjin.rol-office', role: 'RuleOfLawOffice' as const, regionId: 'panjin' };
      expectError(
        decide(command({ actor: county, targetOrgId: city.orgId, target: city }), openCase),
        'Forbidden',
        'AUTH.OUTSIDE_JURISDICTION',
      );
    });
  });

  describe('robustness against malformed input', () => {
    // performBy is only validated for OrderPerformance but used for every type: a malformed one on
    // an Interview reaches the calendar, whose weekdayOf throws RangeError instead of a DomainError.
    it('rejects a malformed performBy on other escalation types instead of throwing', () => {
      expectError(decide(command({ escalationType: 'Interview', performBy: 'soon' })), 'Validation', 'VALIDATION.DATE');
    });

    // The command's `at` is never validated; localDateOf of a malformed instant throws RangeError.
    it('rejects a malformed instant instead of throwing', () => {
      expectError(decide(command({ at: 'now' })), 'Validation', 'VALIDATION.INSTANT');
    });

    // A performBy before today is accepted and yields a deadline that is overdue on creation.
    it('rejects a performBy before the day of the order', () => {
      expect(isDomainError(decide(command({ escalationType: 'OrderPerformance', performBy: '2026-08-01' })))).toBe(
        true,
      );
    });
  });
});
