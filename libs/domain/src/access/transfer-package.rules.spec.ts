import { Actor } from '../shared/actor';
import { isDomainError } from '../shared/domain-error';
import { requirePackageExchanger, transferPackageKindFor } from './organisation-access.rules';

/** 移送材料包 (issue 19 §4): the owning office sends the referral, the holder its feedback, nobody else either. */
const actor = (orgId: string, role: Actor['role'] = 'RuleOfLawOffice'): Actor => ({
  userId: `u-${orgId}`,
  role,
  position: 'Staff',
  orgId,
  regionId: 'panjin',
});
const OWNER = 'panjin.rol-office';
const HOLDER = 'panjin.ccdi';

const codeOf = (value: unknown): string | undefined => (isDomainError(value) ? value.code : undefined);

describe('who exchanges transfer packages', () => {
  it('the owning office sends a referral package, the holder a feedback package', () => {
    expect(transferPackageKindFor(actor(OWNER), OWNER, HOLDER)).toBe('referral');
    expect(transferPackageKindFor(actor(HOLDER, 'DisciplineCommission'), OWNER, HOLDER)).toBe('feedback');
  });

  it('another organisation, even one that sees the referral, is no party; nor is anyone before a holder exists but the owner', () => {
    expect(codeOf(transferPackageKindFor(actor('panjin.justice', 'JusticeBureau'), OWNER, HOLDER))).toBe(
      'AUTH.NOT_PACKAGE_PARTY',
    );
    expect(codeOf(transferPackageKindFor(actor(HOLDER, 'DisciplineCommission'), OWNER, undefined))).toBe(
      'AUTH.NOT_PACKAGE_PARTY',
    );
  });

  it('the read-only roles exchange nothing, whatever their organisation', () => {
    expect(codeOf(transferPackageKindFor(actor(OWNER, 'Auditor'), OWNER, HOLDER))).toBe('AUTH.READ_ONLY_ROLE');
    expect(codeOf(requirePackageExchanger(actor(OWNER, 'Administrator')))).toBe('AUTH.READ_ONLY_ROLE');
    expect(requirePackageExchanger(actor(OWNER))).toBeUndefined();
  });
});
