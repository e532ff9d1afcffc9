import { deciderSpec } from '@xj/testing';
import { Actor, Role, actorRef } from '../shared/actor';
import { fold } from '../shared/decider';
import { PersonSubject, UnitSubject } from '../shared/subject';
import { createAccountabilityDecider } from './accountability.decider';
import { AccountabilityEvent, DecideAccountability, OpenAccountabilityCase } from './accountability.events';
import { ACCOUNTABILITY_MEASURES } from './accountability.measures';
import { availableAccountabilityCommands } from './accountability.preconditions';

/*
 * Accountability outside the commission (issue 17, "missing mechanisms"): 行政执法过错责任追究 and
 * 行政错案问责 ([S2] 毕节市行政错案问责追责办法, 2023 scope), decided by the justice bureau or the
 * agency itself (DOMAIN.md §7 last row), 立项 → 调查 → 决定 → 执行 → 归档.
 */
const decider = createAccountabilityDecider();
const spec = deciderSpec(decider);
const stateOf = (events: readonly AccountabilityEvent[]) => fold(decider, events);

const actor = (role: Role, orgId: string, regionId: string, position: Actor['position'] = 'Staff'): Actor => ({
  userId: `u-${orgId}-${position}`,
  role,
  position,
  orgId,
  regionId,
});
const qxgJustice = actor('JusticeBureau', 'bijie.qxg.justice', 'bijie/qxg');
const qxgJusticeHead = actor('JusticeBureau', 'bijie.qxg.justice', 'bijie/qxg', 'Head');
const qxgBureau = { orgId: 'bijie.qxg.justice', role: 'JusticeBureau' as const, regionId: 'bijie/qxg' };
const AT = '2026-12-01T10:00:00+08:00';

const officer: PersonSubject = {
  subjectId: 's-1',
  name: '张某',
  unit: '七星关区市场监管局',
  post: '执法队员',
  cadreRank: 'TownshipSectionOrBelow',
  isPartyMember: false,
  isPublicOfficial: true,
};
const brigade: UnitSubject = {
  kind: 'Unit',
  subjectId: 'u-1',
  name: '七星关区市场监管局执法大队',
  unit: '七星关区市场监管局',
};

const open = (over: Partial<OpenAccountabilityCase> = {}): OpenAccountabilityCase => ({
  type: 'OpenAccountabilityCase',
  actor: qxgJustice,
  at: AT,
  accountabilityId: 'acc-1',
  accountabilityType: 'WrongfulCase',
  ground: 'CourtRuledLoss',
  clueId: 'clue-9',
  regionId: 'bijie/qxg',
  decidingOrg: qxgBureau,
  summary: '行政处罚决定被法院判决撤销',
  occurredOn: '2026-11-02',
  ...over,
});
const opened: AccountabilityEvent = {
  type: 'AccountabilityCaseOpened',
  data: {
    at: AT,
    by: actorRef(qxgJustice),
    accountabilityId: 'acc-1',
    accountabilityType: 'WrongfulCase',
    ground: 'CourtRuledLoss',
    clueId: 'clue-9',
    regionId: 'bijie/qxg',
    decidingOrgId: 'bijie.qxg.justice',
    decidingOrgRole: 'JusticeBureau',
    decidingOrgRegionId: 'bijie/qxg',
    summary: '行政处罚决定被法院判决撤销',
    openedOn: '2026-11-02',
  },
};
const act = (type: AccountabilityEvent['type'], occurredOn: string, by = qxgJustice): AccountabilityEvent =>
  ({ type, data: { at: AT, by: actorRef(by), accountabilityId: 'acc-1', occurredOn } }) as AccountabilityEvent;
const investigating = [opened, act('AccountabilityInvestigationStarted', '2026-11-05')];

const decide = (over: Partial<DecideAccountability> = {}): DecideAccountability => ({
  type: 'DecideAccountability',
  actor: qxgJusticeHead,
  at: AT,
  accountabilityId: 'acc-1',
  held: [
    { subject: officer, measureCodes: ['OrderSelfExamination', 'PerformancePayDeduction'] },
    { subject: brigade, measureCodes: ['Unit.CirculatedCriticism'] },
  ],
  documentNo: '七司追〔2026〕3号',
  decisionDate: '2026-11-20',
  ...over,
});
const decided: AccountabilityEvent = {
  type: 'AccountabilityDecided',
  data: {
    at: AT,
    by: actorRef(qxgJusticeHead),
    accountabilityId: 'acc-1',
    decisionDate: '2026-11-20',
    documentNo: '七司追〔2026〕3号',
    persons: [{ subject: officer, measureCodes: ['OrderSelfExamination', 'PerformancePayDeduction'] }],
    units: [{ subject: brigade, measureCodes: ['Unit.CirculatedCriticism'] }],
  },
};

describe('accountability outside the commission: 立项 → 调查 → 决定 → 执行 → 归档 (issue 17)', () => {
  it('the justice bureau opens a 行政错案问责 for a court-ruled loss on a clue, dated by its business date', () => {
    spec.given([]).when(open()).then([opened]);
  });

  it('walks the whole lifecycle, each act on its own business date', () => {
    const state = stateOf([
      ...investigating,
      decided,
      act('AccountabilityExecuted', '2026-11-25'),
      act('AccountabilityArchived', '2026-11-30'),
    ]);
    expect(state).toMatchObject({
      status: 'Archived',
      openedOn: '2026-11-02',
      investigatedOn: '2026-11-05',
      executedOn: '2026-11-25',
      archivedOn: '2026-11-30',
      decision: { decisionDate: '2026-11-20' },
    });
  });

  it('the decision holds persons (with cadre rank) and units apart, each with measures of its own kind (DOMAIN.md §7)', () => {
    spec.given(investigating).when(decide()).then([decided]);
  });

  it('an agency opens its own 行政执法过错责任追究 and decides it itself; it names no ground', () => {
    const agency = actor('EnforcementAgency', 'bijie.qxg.amr', 'bijie/qxg');
    const own = { orgId: 'bijie.qxg.amr', role: 'EnforcementAgency' as const, regionId: 'bijie/qxg' };
    const [event] = spec
      .given([])
      .when(open({ actor: agency, accountabilityType: 'EnforcementFault', ground: undefined, decidingOrg: own }))
      .thenEvents();
    expect(event?.data).toMatchObject({ decidingOrgId: 'bijie.qxg.amr', accountabilityType: 'EnforcementFault' });
    expect(event?.data).not.toHaveProperty('ground');
  });

  it('an agency cannot open a case another organisation decides', () => {
    const agency = actor('EnforcementAgency', 'bijie.qxg.amr', 'bijie/qxg');
    spec
      .given([])
      .when(open({ actor: agency }))
      .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
  });

  it('the rule-of-law office opens a case the justice bureau decides', () => {
    const office = actor('RuleOfLawOffice', 'bijie.qxg.rol-office', 'bijie/qxg');
    const [event] = spec
      .given([])
      .when(open({ actor: office }))
      .thenEvents();
    expect(event?.data).toMatchObject({ by: actorRef(office), decidingOrgId: 'bijie.qxg.justice' });
  });

  it.each<[string, Actor]>([
    [
      'the commission (its accountability runs through referrals)',
      actor('DisciplineCommission', 'bijie.qxg.cdi', 'bijie/qxg'),
    ],
    ['the appointing authority', actor('AppointingAuthority', 'bijie.org', 'bijie')],
    ['the party leadership', actor('PartyLeadership', 'bijie.qxg', 'bijie/qxg')],
  ])('%s does not open one', (_label, who) => {
    spec
      .given([])
      .when(open({ actor: who }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('a county justice bureau does not open a case of another county', () => {
    spec
      .given([])
      .when(open({ regionId: 'bijie/dafang' }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
  });

  it.each([
    ['without a ground', { ground: undefined }, 'ACCOUNTABILITY.GROUND_REQUIRED'],
    ['with an unknown ground', { ground: 'Rumour' as never }, 'ACCOUNTABILITY.GROUND_REQUIRED'],
    [
      'an enforcement fault with a ground',
      { accountabilityType: 'EnforcementFault' as const },
      'ACCOUNTABILITY.GROUND_NOT_APPLICABLE',
    ],
    ['with an unknown deciding organisation', { decidingOrg: undefined }, 'ACCOUNTABILITY.DECIDING_ORG_UNKNOWN'],
    [
      'decided by the commission',
      { decidingOrg: { orgId: 'bijie.qxg.cdi', role: 'DisciplineCommission' as const, regionId: 'bijie/qxg' } },
      'ACCOUNTABILITY.DECIDING_ORG_NOT_ALLOWED',
    ],
    ['dated tomorrow', { occurredOn: '2026-12-02' }, 'BUSINESS_DATE.IN_FUTURE'],
    ['with an unknown type', { accountabilityType: 'Other' as never }, 'VALIDATION.UNKNOWN_VALUE'],
  ])('opening %s is refused', (_label, over, code) => {
    spec
      .given([])
      .when(open(over as Partial<OpenAccountabilityCase>))
      .thenError('Validation', code);
  });

  it('an id is opened once', () => {
    spec.given([opened]).when(open()).thenError('Conflict', 'ACCOUNTABILITY.ALREADY_OPENED');
  });

  it('a decision dated before the case was opened, or in the future, is refused (issue 17 item 7)', () => {
    spec
      .given(investigating)
      .when(decide({ decisionDate: '2026-11-01' }))
      .thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    spec
      .given(investigating)
      .when(decide({ decisionDate: '2026-12-02' }))
      .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
  });

  it.each([
    ['nobody', { held: [] }, 'ACCOUNTABILITY.NOBODY_HELD'],
    ['a person without measures', { held: [{ subject: officer, measureCodes: [] }] }, 'VALIDATION.LIST_REQUIRED'],
    [
      'an unknown measure',
      { held: [{ subject: officer, measureCodes: ['Flogging'] }] },
      'ACCOUNTABILITY.MEASURE_UNKNOWN',
    ],
    [
      "a unit's measure for a person",
      { held: [{ subject: officer, measureCodes: ['Unit.NoAwards'] }] },
      'ACCOUNTABILITY.MEASURE_NOT_APPLICABLE',
    ],
    [
      "a person's measure for a unit",
      { held: [{ subject: brigade, measureCodes: ['CertificateSuspension'] }] },
      'ACCOUNTABILITY.MEASURE_NOT_APPLICABLE',
    ],
    [
      'a person without cadre rank',
      { held: [{ subject: { ...officer, cadreRank: undefined as never }, measureCodes: ['CriticismEducation'] }] },
      'VALIDATION.UNKNOWN_VALUE',
    ],
  ])('a decision naming %s is refused', (_label, over, code) => {
    spec
      .given(investigating)
      .when(decide(over as Partial<DecideAccountability>))
      .thenError('Validation', code);
  });

  it('the decision is the deciding organisation head’s (集体研究, 负责人批准)', () => {
    spec
      .given(investigating)
      .when(decide({ actor: qxgJustice }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec
      .given(investigating)
      .when(decide({ actor: actor('JusticeBureau', 'bijie.justice', 'bijie', 'Head') }))
      .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
  });

  it('nothing is decided before the investigation, nor executed before the decision', () => {
    spec.given([opened]).when(decide()).thenError('InvalidTransition', 'ACCOUNTABILITY.WRONG_STATE');
    spec
      .given(investigating)
      .when({ type: 'RecordAccountabilityExecuted', actor: qxgJustice, at: AT, accountabilityId: 'acc-1' })
      .thenError('InvalidTransition', 'ACCOUNTABILITY.WRONG_STATE');
  });

  it('withdrawn before a decision (不予追究), with a reason, then archived; never after a decision', () => {
    const withdraw = {
      type: 'WithdrawAccountability' as const,
      actor: qxgJusticeHead,
      at: AT,
      accountabilityId: 'acc-1',
    };
    spec
      .given(investigating)
      .when({ ...withdraw, reason: '经调查不存在执法过错', occurredOn: '2026-11-10' })
      .then([
        {
          type: 'AccountabilityWithdrawn',
          data: {
            at: AT,
            by: actorRef(qxgJusticeHead),
            accountabilityId: 'acc-1',
            occurredOn: '2026-11-10',
            reason: '经调查不存在执法过错',
          },
        },
      ]);
    spec
      .given(investigating)
      .when({ ...withdraw, reason: ' ' })
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    spec
      .given([...investigating, decided])
      .when({ ...withdraw, reason: 'x' })
      .thenError('InvalidTransition', 'ACCOUNTABILITY.WRONG_STATE');
    spec
      .given([...investigating, act('AccountabilityWithdrawn', '2026-11-10')])
      .when({
        type: 'ArchiveAccountability',
        actor: qxgJustice,
        at: AT,
        accountabilityId: 'acc-1',
        occurredOn: '2026-11-30',
      })
      .then([act('AccountabilityArchived', '2026-11-30')]);
  });

  it('a later act dated before the case was opened is refused', () => {
    spec
      .given([opened])
      .when({
        type: 'StartAccountabilityInvestigation',
        actor: qxgJustice,
        at: AT,
        accountabilityId: 'acc-1',
        occurredOn: '2026-11-01',
      })
      .thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
  });

  it('acts on a case that does not exist are refused as not found', () => {
    spec
      .given([])
      .when({ type: 'StartAccountabilityInvestigation', actor: qxgJustice, at: AT, accountabilityId: 'acc-1' })
      .thenError('NotFound', 'ACCOUNTABILITY.NOT_FOUND');
  });

  it('the action list follows the lifecycle and the deciding organisation', () => {
    expect(availableAccountabilityCommands(stateOf([opened]), qxgJustice)).toEqual([
      'StartAccountabilityInvestigation',
    ]);
    expect(availableAccountabilityCommands(stateOf(investigating), qxgJusticeHead)).toEqual([
      'DecideAccountability',
      'WithdrawAccountability',
    ]);
    expect(availableAccountabilityCommands(stateOf(investigating), actor('Auditor', 'audit', 'bijie'))).toEqual([]);
    expect(
      availableAccountabilityCommands(
        stateOf(investigating),
        actor('RuleOfLawOffice', 'bijie.qxg.rol-office', 'bijie/qxg'),
      ),
    ).toEqual([]);
  });

  it('every measure has a label and a source; persons and units have their own', () => {
    for (const m of ACCOUNTABILITY_MEASURES) expect(m.zh.length * m.source.length).toBeGreaterThan(0);
    expect(new Set(ACCOUNTABILITY_MEASURES.map((m) => m.appliesTo))).toEqual(new Set(['Person', 'Unit']));
  });
});
