import { CLUE_STATUSES, ClueState, ClueStatus, initialClueState } from '../clue/clue.state';
import { EscalationRaisedData } from '../escalation/escalation';
import { RectificationState, initialRectificationState } from '../rectification/rectification.state';
import { ExistingReferral, ReferralState } from '../referral/referral.state';
import { Actor, ROLES, Role } from '../shared/actor';
import { CASE_VISIBILITY } from './case-visibility.rules';
import { CASE_KINDS } from './case-visibility.types';
import {
  canSeeCase,
  canSeeClue,
  canSeeRectificationItem,
  canSeeReferral,
  caseSight,
  caseViewFor,
  hiddenPartsFor,
  historyEntryVisible,
} from './case-visibility';

const actor = (role: Role, orgId: string, regionId: string): Actor => ({
  userId: `u-${orgId}`,
  role,
  position: 'Head',
  orgId,
  regionId,
});
const CITY_OFFICE = actor('RuleOfLawOffice', 'panjin.rol-office', 'panjin');
const DAWA_OFFICE = actor('RuleOfLawOffice', 'dawa.rol-office', 'panjin/dawa');
const PANSHAN_JUSTICE = actor('JusticeBureau', 'panshan.justice', 'panjin/panshan');
const DAWAX_OFFICE = actor('RuleOfLawOffice', 'dawax.rol-office', 'panjin/dawax');
const SECRETARY = actor('PartyLeadership', 'panjin', 'panjin');
const AGENCY = actor('EnforcementAgency', 'dawa.emergency', 'panjin/dawa');
const OTHER_AGENCY = actor('EnforcementAgency', 'dawa.urban-mgmt', 'panjin/dawa');
const CITY_CCDI = actor('DisciplineCommission', 'panjin.ccdi', 'panjin');
const DAWA_CCDI = actor('DisciplineCommission', 'dawa.ccdi', 'panjin/dawa');
const ORG_DEPT = actor('AppointingAuthority', 'panjin.org-dept', 'panjin');
const AUDITOR = actor('Auditor', 'panjin.audit', 'panjin');
const ADMIN = actor('Administrator', 'panjin.it', 'panjin');

const escalation = (escalationId: string, targetOrgId: string): EscalationRaisedData => ({
  at: '2026-03-05T09:30:00+08:00',
  by: { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
  escalationId,
  escalationType: 'Interview',
  reason: '逾期未整改',
  targetOrgId,
});

const clue = (status: ClueStatus, over: Partial<ClueState> = {}): ClueState => ({
  ...initialClueState(),
  status,
  clueId: 'k1',
  regionId: 'panjin/dawa',
  ownerOrgId: 'panjin.rol-office',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕1号',
  receivedAt: '2026-03-02T08:00:00+08:00',
  summary: '未履行复议决定',
  situationCodes: ['ImproperPerformance'],
  referralIds: ['R1'],
  transferredAt: '2026-03-04T09:30:00+08:00',
  feedbackCount: 1,
  escalationIds: ['e1', 'e2'],
  escalations: [escalation('e1', 'dawa.emergency'), escalation('e2', 'dawa.rol-office')],
  ...over,
});

const referral = (over: Partial<ExistingReferral> = {}): ReferralState =>
  ({
    status: 'Sent',
    referralId: 'R1',
    clueId: 'k1',
    regionId: 'panjin/dawa',
    ownerOrgId: 'panjin.rol-office',
    forwardings: [],
    package: { secrecyLevel: 'Internal' },
    ...over,
  }) as unknown as ExistingReferral;

const item = (over: Partial<RectificationState> = {}): RectificationState => ({
  ...initialRectificationState(),
  status: 'InProgress',
  itemId: 'i1',
  clueId: 'k1',
  regionId: 'panjin/dawa',
  supervisorOrgId: 'panjin.rol-office',
  agencyOrgId: 'dawa.emergency',
  ...over,
});

describe('case visibility — the rule table (DOMAIN.md Decision 6)', () => {
  it('decides every role for every kind of case, each rule with its reason and source', () => {
    for (const kind of CASE_KINDS) {
      for (const role of ROLES) {
        const rule = CASE_VISIBILITY[kind][role];
        expect(rule.reason).toMatch(/DOMAIN\.md|Decision/);
      }
    }
  });

  it('never shows a case that does not exist, not even to an auditor', () => {
    for (const who of [AUDITOR, CITY_OFFICE, AGENCY, CITY_CCDI]) {
      expect(canSeeCase(who, 'clue', initialClueState())).toBe(false);
      expect(canSeeCase(who, 'referral', { status: 'None' })).toBe(false);
      expect(canSeeCase(who, 'rectification', initialRectificationState())).toBe(false);
    }
  });

  describe('the supervising side sees its region and everything below it', () => {
    it.each([
      ['the city office covers the county', CITY_OFFICE, true],
      ['so does the party leadership of the city', SECRETARY, true],
      ['the county office its own county', DAWA_OFFICE, true],
      ['not a sibling county', PANSHAN_JUSTICE, false],
      ['not a region that merely starts the same (panjin/dawax)', DAWAX_OFFICE, false],
    ] as const)('%s', (_who, who, expected) => {
      expect(canSeeClue(who, clue('Registered'))).toBe(expected);
      expect(canSeeReferral(who, referral({ status: 'Draft' }))).toBe(expected);
      expect(canSeeRectificationItem(who, item())).toBe(expected);
    });
  });

  it('auditors see every existing case; administrators none', () => {
    expect([
      canSeeClue(AUDITOR, clue('Analysis')),
      canSeeReferral(AUDITOR, referral()),
      canSeeRectificationItem(AUDITOR, item()),
    ]).toEqual([true, true, true]);
    expect([
      canSeeClue(ADMIN, clue('Closed')),
      canSeeReferral(ADMIN, referral()),
      canSeeRectificationItem(ADMIN, item()),
    ]).toEqual([false, false, false]);
  });

  describe('the supervised agency', () => {
    it.each(CLUE_STATUSES.filter((s) => s !== 'None').map((s) => [s]))(
      'sees its own clue in %s only from the supervision instrument on',
      (status) => {
        const served = ['Supervision', 'Rectification', 'Feedback', 'Evaluation', 'Closed', 'Archived'].includes(
          status,
        );
        expect(caseSight(AGENCY, 'clue', clue(status))).toBe(served ? 'see-without-fields' : 'not-see');
        expect(canSeeClue(OTHER_AGENCY, clue(status))).toBe(false);
      },
    );

    it('sees its own rectification items, whole, and no other agency does', () => {
      expect(caseSight(AGENCY, 'rectification', item())).toBe('see');
      expect(canSeeRectificationItem(OTHER_AGENCY, item())).toBe(false);
    });

    it('never sees a referral, even one about its own officials', () => {
      expect(
        canSeeReferral(
          AGENCY,
          referral({ target: { kind: 'DisciplineCommission', orgId: 'dawa.emergency', regionId: 'panjin/dawa' } }),
        ),
      ).toBe(false);
    });
  });

  describe('commissions and the appointing authority see referrals sent, re-routed or forwarded to them', () => {
    const toCity = { kind: 'DisciplineCommission', orgId: 'panjin.ccdi', regionId: 'panjin' } as const;
    const dawa = { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' };
    it.each([
      ['a draft, sent to nobody yet', referral({ status: 'Draft' }), [false, false, false]],
      ['sent to the city commission', referral({ target: toCity, holder: toCity }), [true, false, false]],
      ['returned by it (it was the target)', referral({ status: 'Returned', target: toCity }), [true, false, false]],
      [
        're-routed to the appointing authority',
        referral({ target: { kind: 'AppointingAuthority', orgId: 'panjin.org-dept', regionId: 'panjin' } }),
        [false, false, true],
      ],
      [
        'forwarded by the city to Dawa',
        referral({
          status: 'Forwarded',
          target: toCity,
          holder: { kind: 'DisciplineCommission', ...dawa },
          forwardings: [{ from: 'panjin.ccdi', to: dawa, reason: 'r', at: 'x' }],
        }),
        [true, true, false],
      ],
      [
        'the part split off to Dawa (its parent commission does not see it)',
        referral({
          status: 'Received',
          holder: { kind: 'DisciplineCommission', ...dawa },
          forwardings: [{ from: 'panjin.ccdi', to: dawa, reason: 'r', at: 'x' }],
        }),
        [false, true, false],
      ],
    ])('%s', (_what, state, [city, county, orgDept]) => {
      expect([
        canSeeReferral(CITY_CCDI, state),
        canSeeReferral(DAWA_CCDI, state),
        canSeeReferral(ORG_DEPT, state),
      ]).toEqual([city, county, orgDept]);
    });

    it('and never a clue or a rectification item', () => {
      for (const who of [CITY_CCDI, DAWA_CCDI, ORG_DEPT]) {
        expect(canSeeClue(who, clue('Closed'))).toBe(false);
        expect(canSeeRectificationItem(who, item())).toBe(false);
      }
    });
  });
});

describe("the agency's field-restricted view of a clue", () => {
  it('shows the instrument and the rectification loop and its own escalations, nothing of the analysis or of any referral', () => {
    const state = clue('Rectification');
    expect(caseViewFor(AGENCY, 'clue', state)).toEqual({
      status: 'Rectification',
      clueId: 'k1',
      regionId: 'panjin/dawa',
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕1号',
      rectificationItems: [],
      feedbackCount: 1,
      evaluationCount: 0,
      lookBackCount: 0,
      reopenCount: 0,
      escalations: [escalation('e1', 'dawa.emergency')],
    });
  });

  it('names every shown field, present or not, in the order of the view', () => {
    expect(Object.keys(caseViewFor(AGENCY, 'clue', clue('Supervision')))).toEqual([
      'status',
      'clueId',
      'regionId',
      'agency',
      'source',
      'sourceRef',
      'instrument',
      'deadline',
      'planDeadline',
      'rectificationItems',
      'feedbackCount',
      'evaluationCount',
      'lastEvaluationResult',
      'lookBackCount',
      'lastLookBackResult',
      'reopenCount',
      'closedAt',
      'escalations',
      'copiedTo',
    ]);
  });

  it('leaves every other view whole (the same state)', () => {
    const state = clue('Rectification');
    expect(caseViewFor(CITY_OFFICE, 'clue', state)).toBe(state);
    expect(caseViewFor(AUDITOR, 'clue', state)).toBe(state);
    const own = item();
    expect(caseViewFor(AGENCY, 'rectification', own)).toBe(own);
    expect(hiddenPartsFor(AGENCY, 'rectification')).toBeUndefined();
  });

  it('keeps in the history only the supervision loop and the escalations aimed at the agency', () => {
    const entry = (type: string, data: object = {}) => ({ type, data });
    expect(historyEntryVisible(AGENCY, 'clue', entry('SupervisionInstrumentIssued'))).toBe(true);
    expect(historyEntryVisible(AGENCY, 'clue', entry('ClueLookBackCompleted'))).toBe(true);
    expect(historyEntryVisible(AGENCY, 'clue', entry('VerificationStarted'))).toBe(false);
    expect(historyEntryVisible(AGENCY, 'clue', entry('ReferralProposed'))).toBe(false);
    expect(historyEntryVisible(AGENCY, 'clue', entry('EscalationRaised', { targetOrgId: 'dawa.emergency' }))).toBe(
      true,
    );
    expect(historyEntryVisible(AGENCY, 'clue', entry('EscalationRaised', { targetOrgId: 'dawa.rol-office' }))).toBe(
      false,
    );
    expect(historyEntryVisible(AGENCY, 'clue', entry('SomeFutureEvent'))).toBe(false);
    expect(historyEntryVisible(CITY_OFFICE, 'clue', entry('VerificationStarted'))).toBe(true);
    expect(historyEntryVisible(AGENCY, 'rectification', entry('RectificationReported'))).toBe(true);
  });
});
