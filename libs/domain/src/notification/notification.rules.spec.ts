import { historyEntryVisible } from '../access/case-visibility';
import { DEADLINE_RULES } from '../calendar/deadline-policy';
import { CaseEventLike, CaseParties, evolveCaseParties } from './case-parties';
import { DEADLINE_RESPONSIBLE, deadlineRuleOf, inAudience, notificationsFor } from './notification.rules';

const by = (role: string, orgId: string) => ({ userId: `u-${orgId}`, role, orgId });
const at = '2026-03-02T09:00:00+08:00';
const deadline = (rule: string) => ({ rule, startsOn: '2026-03-02', dueOn: '2026-03-09' });

const fold = (kind: CaseParties['kind'], caseId: string, events: readonly CaseEventLike[]): CaseParties => {
  let parties: CaseParties | undefined;
  for (const e of events) parties = evolveCaseParties(parties, kind, caseId, e);
  if (parties === undefined) throw new Error('no events');
  return parties;
};

const told = (kind: CaseParties['kind'], caseId: string, history: readonly CaseEventLike[], event: CaseEventLike) =>
  notificationsFor(event, fold(kind, caseId, [...history, event])).map((n) => n.audience);

const CLUE_REGISTERED: CaseEventLike = {
  type: 'ClueRegistered',
  data: {
    at,
    by: by('RuleOfLawOffice', 'dawa.rol-office'),
    clueId: 'k1',
    regionId: 'panjin/dawa',
    ownerOrgId: 'dawa.rol-office',
    agency: { orgId: 'dawa.emergency', name: '应急局' },
  },
};
const INSTRUMENT: CaseEventLike = {
  type: 'SupervisionInstrumentIssued',
  data: { at, by: by('RuleOfLawOffice', 'dawa.rol-office'), deadline: deadline('SupervisionOpinionCorrection') },
};
const REFERRAL_DRAFTED: CaseEventLike = {
  type: 'ReferralDrafted',
  data: {
    at,
    by: by('JusticeBureau', 'dawa.justice'),
    referralId: 'R1',
    clueId: 'k1',
    regionId: 'panjin/dawa',
    ownerOrgId: 'dawa.justice',
  },
};
const SENT: CaseEventLike = {
  type: 'ReferralSent',
  data: {
    at,
    by: by('JusticeBureau', 'dawa.justice'),
    target: { kind: 'DisciplineCommission', orgId: 'dawa.ccdi', regionId: 'panjin/dawa' },
    sentAt: at,
    sentLate: false,
  },
};
const ITEM_ASSIGNED: CaseEventLike = {
  type: 'RectificationItemAssigned',
  data: {
    at,
    by: by('RuleOfLawOffice', 'dawa.rol-office'),
    itemId: 'i1',
    clueId: 'k1',
    regionId: 'panjin/dawa',
    supervisorOrgId: 'dawa.rol-office',
    agencyOrgId: 'dawa.emergency',
  },
};

describe('who is told (issue 15 §3): derived from the case, never from free text', () => {
  it("tells the commission's intake of a referral sent to it, in the role it was sent to", () => {
    expect(told('referral', 'R1', [REFERRAL_DRAFTED, { type: 'ReferralApproved', data: { at } }], SENT)).toEqual([
      { orgId: 'dawa.ccdi', role: 'DisciplineCommission' },
    ]);
  });

  it("tells the agency's head of its rectification item, and the supervising office of the agency's report", () => {
    expect(told('rectification', 'i1', [], ITEM_ASSIGNED)).toEqual([
      { orgId: 'dawa.emergency', role: 'EnforcementAgency', position: 'Head' },
    ]);
    const report = { type: 'RectificationReported', data: { at, reportNo: 1, late: false } };
    expect(told('rectification', 'i1', [ITEM_ASSIGNED], report)).toEqual([
      { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice' },
    ]);
  });

  it('tells the supervising office of a plan submitted, in the role that registered the clue', () => {
    const plan = { type: 'RectificationPlanSubmitted', data: { at, deadline: deadline('RectificationPlan') } };
    expect(told('clue', 'k1', [CLUE_REGISTERED, INSTRUMENT], plan)).toEqual([
      { orgId: 'dawa.rol-office', role: 'RuleOfLawOffice' },
    ]);
  });

  it("tells the target organisation's head of an escalation aimed at it", () => {
    const escalation = {
      type: 'EscalationRaised',
      data: { at, escalationId: 'e1', escalationType: 'Interview', reason: '逾期', targetOrgId: 'dawa.emergency' },
    };
    expect(told('rectification', 'i1', [ITEM_ASSIGNED], escalation)).toEqual([
      { orgId: 'dawa.emergency', position: 'Head' },
    ]);
  });

  it("never tells the agency of what its view of the clue leaves out (a deadline of the clue's transfer)", () => {
    // The agency's view shows the instrument but no deadline event it does not name (AGENCY_CLUE_VIEW).
    const missed = { type: 'DeadlineMissed', data: { at, rule: 'RectificationPlan' } };
    expect(told('clue', 'k1', [CLUE_REGISTERED, INSTRUMENT], missed)).toEqual([]);
    expect(told('clue', 'k1', [CLUE_REGISTERED], INSTRUMENT)).toEqual([
      { orgId: 'dawa.emergency', role: 'EnforcementAgency', position: 'Head' },
    ]);
  });

  it("tells the agency of the 督办 ladder's events on its own deadlines only (their responsibleOrgId), the office of its own", () => {
    const ladder = (type: string, rule: string, responsibleOrgId: string) => ({
      type,
      data: { at, rule, dueOn: '2026-03-31', responsibleOrgId },
    });
    const history = [CLUE_REGISTERED, INSTRUMENT];
    const agencyHead = { orgId: 'dawa.emergency', role: 'EnforcementAgency', position: 'Head' };
    for (const type of ['DeadlineApproaching', 'DeadlineMissed', 'DeadlineUrged', 'DeadlineCircularIssued']) {
      expect(
        told('clue', 'k1', history, ladder(type, 'SupervisionOpinionCorrection', 'dawa.emergency')),
      ).toContainEqual(agencyHead);
      expect(
        told('clue', 'k1', history, ladder(type, 'TransferAfterConditionsMet', 'dawa.rol-office')),
      ).not.toContainEqual(expect.objectContaining({ orgId: 'dawa.emergency' }));
    }
    // …nor does the agency read the office's deadlines' ladder in the clue's history.
    const agency = {
      userId: 'u',
      role: 'EnforcementAgency',
      position: 'Head',
      orgId: 'dawa.emergency',
      regionId: 'dawa',
    } as const;
    expect(
      historyEntryVisible(agency, 'clue', ladder('DeadlineMissed', 'TransferAfterConditionsMet', 'dawa.rol-office')),
    ).toBe(false);
    expect(historyEntryVisible(agency, 'clue', ladder('DeadlineMissed', 'RectificationPlan', 'dawa.emergency'))).toBe(
      true,
    );
    expect(
      told('clue', 'k1', history, ladder('EscalationRungProposed', 'RectificationPlan', 'dawa.emergency')),
    ).toEqual([{ orgId: 'dawa.rol-office', role: 'RuleOfLawOffice', position: 'Head' }]);
  });

  it('tells the holder of a referral of its acceptance deadline (提醒 / 逾期), and nobody of an event not in the table', () => {
    const received = { type: 'ReferralReceived', data: { at, acceptanceDeadline: deadline('CommissionAcceptance') } };
    const history = [REFERRAL_DRAFTED, SENT, received];
    const approaching = { type: 'DeadlineApproaching', data: { at, deadline: deadline('CommissionAcceptance') } };
    expect(told('referral', 'R1', history, approaching)).toEqual([
      { orgId: 'dawa.ccdi', role: 'DisciplineCommission' },
    ]);
    expect(told('referral', 'R1', [REFERRAL_DRAFTED, SENT], received)).toEqual([]);
  });

  it('keeps the holder of a forwarded referral without a role, and drops it when the referral is returned', () => {
    const forwarded = {
      type: 'ReferralForwarded',
      data: { at, forwardTo: { orgId: 'panjin.ccdi', regionId: 'panjin' }, reason: 'r' },
    };
    expect(told('referral', 'R1', [REFERRAL_DRAFTED, SENT], forwarded)).toEqual([{ orgId: 'panjin.ccdi' }]);
    const parties = fold('referral', 'R1', [REFERRAL_DRAFTED, SENT, forwarded, { type: 'ReferralReturned', data: {} }]);
    expect(parties.holder).toBeUndefined();
    expect(parties.forwardedTo).toEqual(['panjin.ccdi']);
  });

  it('names a party for every deadline of the catalogue, and reads the rule from `rule` or `deadline.rule`', () => {
    expect(Object.keys(DEADLINE_RESPONSIBLE).sort()).toEqual([...DEADLINE_RULES].sort());
    expect(deadlineRuleOf({ rule: 'LookBack' })).toBe('LookBack');
    expect(deadlineRuleOf({ deadline: { rule: 'ResultFeedback' } })).toBe('ResultFeedback');
    expect(deadlineRuleOf({ rule: '通报' })).toBeUndefined();
  });

  it('resolves an audience against a reader by organisation, role and position', () => {
    const head = { orgId: 'dawa.emergency', role: 'EnforcementAgency', position: 'Head' } as const;
    expect(inAudience(head, { orgId: 'dawa.emergency', position: 'Head' })).toBe(true);
    expect(inAudience({ ...head, position: 'Staff' }, { orgId: 'dawa.emergency', position: 'Head' })).toBe(false);
    expect(inAudience(head, { orgId: 'dawa.emergency', role: 'RuleOfLawOffice' })).toBe(false);
    expect(inAudience({ ...head, orgId: 'x' }, { orgId: 'dawa.emergency' })).toBe(false);
  });
});
