import { OUTCOME_CATALOGUE, OUTCOME_LAYERS, findOutcome, outcomeApplies } from './outcomes';

describe('Outcome catalogue (DOMAIN.md §7)', () => {
  it('has unique codes, each in a known layer, with labels and a legal basis', () => {
    const codes = OUTCOME_CATALOGUE.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of OUTCOME_CATALOGUE) {
      expect(OUTCOME_LAYERS).toContain(o.layer);
      expect(o.labelZh.length).toBeGreaterThan(0);
      expect(o.labelEn.length).toBeGreaterThan(0);
      expect(o.legalBasis.length).toBeGreaterThan(0);
    }
  });

  it('covers every layer of §7', () => {
    expect(new Set(OUTCOME_CATALOGUE.map((o) => o.layer))).toEqual(new Set(OUTCOME_LAYERS));
  });

  it('carries the 政务处分 periods of 政务处分法 art. 8 and none elsewhere', () => {
    const periods = Object.fromEntries(
      OUTCOME_CATALOGUE.filter((o) => o.sanctionPeriodMonths !== undefined).map((o) => [
        o.code,
        o.sanctionPeriodMonths,
      ]),
    );
    expect(periods).toEqual({
      'GovSanction.Warning': 6,
      'GovSanction.Demerit': 12,
      'GovSanction.MajorDemerit': 18,
      'GovSanction.Demotion': 24,
      'GovSanction.RemovalFromPost': 24,
    });
  });

  it('limits party sanctions to party members and state sanctions to public officials', () => {
    for (const o of OUTCOME_CATALOGUE) {
      const expected = o.code.startsWith('PartySanction.')
        ? 'PartyMember'
        : o.code.startsWith('GovSanction.')
          ? 'PublicOfficial'
          : o.code.includes('.Unit.') || o.code === 'SupervisionRecommendation'
            ? 'Unit'
            : 'Any';
      expect([o.code, o.appliesTo]).toEqual([o.code, expected]);
    }
    const party = findOutcome('PartySanction.Expulsion')!;
    const gov = findOutcome('GovSanction.Dismissal')!;
    const talk = findOutcome('TalkReminder')!;
    const nobody = { isPartyMember: false, isPublicOfficial: false };
    expect(outcomeApplies(party, { isPartyMember: true, isPublicOfficial: false })).toBe(true);
    expect(outcomeApplies(party, nobody)).toBe(false);
    expect(outcomeApplies(gov, { isPartyMember: false, isPublicOfficial: true })).toBe(true);
    expect(outcomeApplies(gov, nobody)).toBe(false);
    expect(outcomeApplies(talk, nobody)).toBe(true);
  });

  it('looks codes up exactly', () => {
    expect(findOutcome('NoAction')?.layer).toBe('NoAction');
    expect(findOutcome('noaction')).toBeUndefined();
  });
});
