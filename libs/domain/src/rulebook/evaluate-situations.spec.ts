import fc from 'fast-check';
import { SituationClaim, evaluateSituations } from './evaluate-situations';
import { Rulebook } from './rulebook';
import { RULEBOOK_V1 } from './rulebook-v1';

const evaluate = (claim: Partial<SituationClaim>) =>
  evaluateSituations(RULEBOOK_V1, { situationCodes: [], evidenceCodes: [], ...claim });

/**
 * The required checklist of each rule, written out independently of rulebook-v1.ts (DOMAIN.md §5.2),
 * so a silent change to the rulebook data shows up here.
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  ImproperPerformance: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
  RefuseOrObstructEvidence: ['RO.REQUEST_SERVED', 'RO.REFUSAL_RECORD'],
  InterferenceInCase: ['IC.CASE', 'IC.MEANS'],
  ObstructMarketEntityRights: ['OM.ENTITY', 'OM.RIGHT_EXERCISED', 'OM.OBSTRUCTING_ACT'],
  FailToCorrectIllegalAct: ['FC.INSTRUMENT', 'FC.DEADLINE', 'FC.OVERDUE_PROOF'],
  AssistOrLeakCaseInfo: ['AL.INFORMATION', 'AL.RECIPIENT'],
  Other: ['OT.FACTS'],
};
const SIX = Object.keys(REQUIRED).filter((c) => c !== 'Other');
const justified = { justification: '多次拒不执行复议决定且打击报复申请人', legalBasis: ['行政复议法 (2023) art. 82'] };

describe('RULEBOOK_V1 (七种情形 as data)', () => {
  it('has seven rules numbered 1–7 in order, ending with Other', () => {
    expect(RULEBOOK_V1.version).toBe('v1');
    expect(RULEBOOK_V1.rules.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(RULEBOOK_V1.rules.map((r) => r.code)).toEqual(Object.keys(REQUIRED));
  });

  it('uses unique rule codes and unique evidence codes across the whole rulebook', () => {
    const codes = RULEBOOK_V1.rules.map((r) => r.code);
    const evidence = RULEBOOK_V1.rules.flatMap((r) => r.evidence.map((e) => e.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(evidence).size).toBe(evidence.length);
  });

  it.each(Object.entries(REQUIRED))(
    '%s requires exactly its checklist items and has bilingual labels',
    (code, required) => {
      const rule = RULEBOOK_V1.rules.find((r) => r.code === code);
      expect(rule?.evidence.filter((e) => e.required).map((e) => e.code)).toEqual(required);
      expect(rule?.labelZh).toMatch(/\S/);
      expect(rule?.labelEn).toMatch(/\S/);
      for (const item of rule?.evidence ?? [])
        expect([item.labelZh.length > 0, item.labelEn.length > 0]).toEqual([true, true]);
    },
  );

  it('gives every situation but Other its own legal basis; only Other asks for a justification', () => {
    for (const rule of RULEBOOK_V1.rules) {
      expect({ code: rule.code, requiresJustification: rule.requiresJustification }).toEqual({
        code: rule.code,
        requiresJustification: rule.code === 'Other',
      });
      if (rule.code !== 'Other') expect(rule.legalBasis.length).toBeGreaterThan(0);
    }
  });

  it('lists the statutory grounds of 行政复议法 art. 86 and 监察法 art. 37', () => {
    expect(RULEBOOK_V1.statutoryGrounds.map((g) => g.code)).toEqual(['CorruptionOrBribery', 'DerelictionOfDuty']);
    for (const ground of RULEBOOK_V1.statutoryGrounds) {
      expect(ground.legalBasis).toEqual(expect.arrayContaining(['行政复议法 (2023) art. 86', '监察法 (2024) art. 37']));
    }
  });
});

describe('evaluateSituations', () => {
  describe.each(SIX)('%s', (code) => {
    const required = REQUIRED[code] ?? [];

    it('matches with its required evidence and makes transfer mandatory', () => {
      const result = evaluate({ situationCodes: [code], evidenceCodes: [...required] });
      expect(result.matchedCodes).toEqual([code]);
      expect(result.transferMandatory).toBe(true);
      expect(result.rules).toHaveLength(1);
      expect(result.rules[0]).toMatchObject({
        code,
        matched: true,
        evidencePresent: required,
        evidenceMissing: [],
        reasonZh: '必备证据齐全，符合该情形',
      });
      const rule = RULEBOOK_V1.rules.find((r) => r.code === code);
      expect(result.rules[0]?.legalBasis).toEqual(rule?.legalBasis);
      expect(result.rules[0]?.evidenceRecommended).toEqual(
        rule?.evidence.filter((e) => !e.required).map((e) => e.code),
      );
    });

    it('does not match without evidence, and lists exactly the missing items', () => {
      const result = evaluate({ situationCodes: [code] });
      expect(result.rules[0]).toMatchObject({ matched: false, evidencePresent: [], evidenceMissing: required });
      expect(result.matchedCodes).toEqual([]);
      expect(result.transferMandatory).toBe(false);
      expect(result.rules[0]?.reasonZh).toBe(`缺少必备证据：${required.join('、')}`);
      expect(result.rules[0]?.reasonEn).toBe(`missing required evidence: ${required.join(', ')}`);
    });

    it.each(required.map((missing) => [missing]))('does not match when only %s is missing', (missing) => {
      const result = evaluate({ situationCodes: [code], evidenceCodes: required.filter((e) => e !== missing) });
      expect(result.rules[0]).toMatchObject({ matched: false, evidenceMissing: [missing] });
    });
  });

  it('does not count evidence of another rule', () => {
    const result = evaluate({
      situationCodes: ['InterferenceInCase'],
      evidenceCodes: [...(REQUIRED.ImproperPerformance ?? [])],
    });
    expect(result.rules[0]).toMatchObject({
      matched: false,
      evidencePresent: [],
      evidenceMissing: ['IC.CASE', 'IC.MEANS'],
    });
  });

  it('evaluates only the claimed rules, once each, in rulebook order', () => {
    const result = evaluate({
      situationCodes: ['AssistOrLeakCaseInfo', 'ImproperPerformance', 'AssistOrLeakCaseInfo'],
      evidenceCodes: ['AL.INFORMATION', 'AL.RECIPIENT'],
    });
    expect(result.rules.map((r) => r.code)).toEqual(['ImproperPerformance', 'AssistOrLeakCaseInfo']);
    expect(result.matchedCodes).toEqual(['AssistOrLeakCaseInfo']);
  });

  describe('Other (其他应当移送的情形)', () => {
    it('matches with the facts, a justification and a legal basis, citing the analyst’s basis', () => {
      const result = evaluate({ situationCodes: ['Other'], evidenceCodes: ['OT.FACTS'], ...justified });
      expect(result.rules[0]).toMatchObject({ matched: true, legalBasis: ['行政复议法 (2023) art. 82'] });
      expect(result.transferMandatory).toBe(true);
    });

    it.each<[string, Partial<SituationClaim>]>([
      ['no justification', { legalBasis: justified.legalBasis }],
      ['a blank justification', { justification: '   ', legalBasis: justified.legalBasis }],
      ['no legal basis', { justification: justified.justification }],
      ['only blank legal bases', { justification: justified.justification, legalBasis: ['', ' '] }],
    ])('does not match with %s', (_label, extra) => {
      const result = evaluate({ situationCodes: ['Other'], evidenceCodes: ['OT.FACTS'], ...extra });
      expect(result.rules[0]).toMatchObject({
        matched: false,
        evidenceMissing: [],
        reasonZh: '须说明理由并列明法律依据',
        reasonEn: 'a justification and a legal basis are required',
      });
      expect(result.transferMandatory).toBe(false);
    });

    it('does not match on a justification alone without the facts, and says both', () => {
      const result = evaluate({ situationCodes: ['Other'] });
      expect(result.rules[0]).toMatchObject({
        matched: false,
        evidenceMissing: ['OT.FACTS'],
        reasonZh: '缺少必备证据：OT.FACTS；须说明理由并列明法律依据',
        reasonEn: 'missing required evidence: OT.FACTS; a justification and a legal basis are required',
      });
      expect(evaluate({ situationCodes: ['Other'], ...justified }).rules[0]?.matched).toBe(false);
    });
  });

  describe('statutory grounds (行政复议法 art. 86, 监察法 art. 37)', () => {
    it('make transfer mandatory on their own, without any situation', () => {
      const result = evaluate({ statutoryGroundCodes: ['DerelictionOfDuty'] });
      expect(result).toMatchObject({
        rules: [],
        matchedCodes: [],
        statutoryGrounds: [
          { code: 'DerelictionOfDuty', legalBasis: ['行政复议法 (2023) art. 86', '监察法 (2024) art. 37'] },
        ],
        transferMandatory: true,
        summaryZh: '符合移送条件：DerelictionOfDuty，应当移送',
        summaryEn: 'Transfer is mandatory: DerelictionOfDuty',
      });
    });

    it('stay mandatory when the claimed situation lacks evidence', () => {
      const result = evaluate({
        situationCodes: ['InterferenceInCase'],
        statutoryGroundCodes: ['CorruptionOrBribery'],
      });
      expect(result.matchedCodes).toEqual([]);
      expect(result.transferMandatory).toBe(true);
    });
  });

  it('reports unknown situation codes and unknown statutory grounds', () => {
    const result = evaluate({ situationCodes: ['Bribery', 'ImproperPerformance'], statutoryGroundCodes: ['Theft'] });
    expect(result.unknownCodes).toEqual(['Bribery', 'Theft']);
    expect(result.rules.map((r) => r.code)).toEqual(['ImproperPerformance']);
    expect(result.statutoryGrounds).toEqual([]);
    expect(result.transferMandatory).toBe(false);
  });

  it('summarises in Chinese and English', () => {
    const none = evaluate({});
    expect(none).toMatchObject({
      rulebookVersion: 'v1',
      transferMandatory: false,
      summaryZh: '未认定符合移送情形',
      summaryEn: 'No situation or statutory ground established; transfer not mandatory',
    });
    const both = evaluate({
      situationCodes: ['InterferenceInCase'],
      evidenceCodes: ['IC.CASE', 'IC.MEANS'],
      statutoryGroundCodes: ['CorruptionOrBribery'],
    });
    expect(both.summaryZh).toBe('符合移送条件：InterferenceInCase, CorruptionOrBribery，应当移送');
    expect(both.summaryEn).toBe('Transfer is mandatory: InterferenceInCase, CorruptionOrBribery');
  });

  it('records the version of the rulebook it used', () => {
    const v2: Rulebook = { ...RULEBOOK_V1, version: 'v2' };
    expect(evaluateSituations(v2, { situationCodes: [], evidenceCodes: [] }).rulebookVersion).toBe('v2');
  });

  it('property: a claimed situation matches exactly when its required evidence is a subset of the file', () => {
    const allEvidence = RULEBOOK_V1.rules.flatMap((r) => r.evidence.map((e) => e.code));
    fc.assert(
      fc.property(fc.constantFrom(...SIX), fc.subarray(allEvidence), (code, evidenceCodes) => {
        const result = evaluate({ situationCodes: [code], evidenceCodes });
        const required = REQUIRED[code] ?? [];
        const missing = required.filter((e) => !evidenceCodes.includes(e));
        expect(result.rules[0]?.evidenceMissing).toEqual(missing);
        expect(result.rules[0]?.matched).toBe(missing.length === 0);
        expect(result.transferMandatory).toBe(missing.length === 0);
      }),
      { numRuns: 300 },
    );
  });
});
