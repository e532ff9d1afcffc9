import { Actor, ROLES, Role } from './actor';
import { requireHead, requireOrg, requireRegion, requireRole } from './authorize';
import { DomainError } from './domain-error';

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.dawa.rol-office',
  regionId: 'panjin/dawa',
  ...over,
});
const codeOf = (error: DomainError | undefined) => error && { kind: error.kind, code: error.code };

describe('authorize', () => {
  describe('requireRole', () => {
    it('passes a listed role', () => {
      expect(requireRole(actor(), ['JusticeBureau', 'RuleOfLawOffice'], 'register a clue')).toBeUndefined();
    });

    it('rejects a role that is not listed, naming the action and role', () => {
      const error = requireRole(actor({ role: 'EnforcementAgency' }), ['RuleOfLawOffice'], 'register a clue');
      expect(codeOf(error)).toEqual({ kind: 'Forbidden', code: 'AUTH.ROLE_NOT_ALLOWED' });
      expect(error?.details).toEqual({ action: 'register a clue', role: 'EnforcementAgency' });
    });

    it.each([['Auditor'], ['Administrator']] as [Role][])(
      'always rejects the read-only role %s, even when listed',
      (role) => {
        expect(codeOf(requireRole(actor({ role }), ROLES, 'anything'))).toEqual({
          kind: 'Forbidden',
          code: 'AUTH.READ_ONLY_ROLE',
        });
        expect(codeOf(requireRole(actor({ role }), ['RuleOfLawOffice'], 'anything'))).toEqual({
          kind: 'Forbidden',
          code: 'AUTH.READ_ONLY_ROLE',
        });
      },
    );
  });

  it('requireHead passes a head and rejects staff', () => {
    expect(requireHead(actor({ position: 'Head' }), 'approve')).toBeUndefined();
    expect(codeOf(requireHead(actor(), 'approve'))).toEqual({ kind: 'Forbidden', code: 'AUTH.HEAD_REQUIRED' });
  });

  describe('requireRegion', () => {
    it.each([
      ['panjin', 'panjin/dawa', undefined],
      ['panjin/dawa', 'panjin/dawa', undefined],
      ['panjin/dawa', 'panjin', 'AUTH.OUTSIDE_JURISDICTION'],
      ['panjin/dawa', 'panjin/panshan', 'AUTH.OUTSIDE_JURISDICTION'],
      ['panjin', 'panjinx/dawa', 'AUTH.OUTSIDE_JURISDICTION'],
    ])('an actor of %s acting on %s → %s', (actorRegion, caseRegion, code) => {
      expect(requireRegion(actor({ regionId: actorRegion }), caseRegion, 'act')?.code).toBe(code);
    });
  });

  it('requireOrg requires exactly the organisation', () => {
    expect(requireOrg(actor(), 'panjin.dawa.rol-office', 'report')).toBeUndefined();
    expect(codeOf(requireOrg(actor(), 'panjin.rol-office', 'report'))).toEqual({
      kind: 'Forbidden',
      code: 'AUTH.WRONG_ORGANISATION',
    });
  });
});
