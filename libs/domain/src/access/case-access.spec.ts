import { deciderSpec } from '@xj/testing';
import { ClueCommand } from '../clue/clue.commands';
import { createClueDecider } from '../clue/clue.decider';
import { ClueEvent } from '../clue/clue.events';
import { createDomainConfig } from '../domain-config';
import { availableReferralCommands } from '../referral/referral.preconditions';
import {
  CITY_CDI,
  accept,
  agencyStaff,
  approve,
  atApproved,
  atDraft,
  atReceived,
  atSent,
  auditor,
  cityCdiHead,
  cityCdiStaff,
  cmd,
  day,
  decider,
  draft,
  eventsOf,
  officeHead,
  officeStaff,
  pkg,
  receive,
  send,
  stateOf,
} from '../referral/referral.fixtures-spec';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { ClueState, initialClueState } from '../clue/clue.state';
import { canSeeClue, canSeeReferral, caseSight, caseViewFor } from './case-visibility';

const spec = deciderSpec(decider);
const orgDept: Actor = {
  userId: 'u-org-dept',
  role: 'AppointingAuthority',
  position: 'Staff',
  orgId: 'panjin.org-dept',
  regionId: 'panjin',
};
const ORG_DEPT = { orgId: 'panjin.org-dept', regionId: 'panjin' };
const copy = (by: Actor, orgIds: readonly string[] = [ORG_DEPT.orgId], at = day(3)) =>
  cmd('SendCarbonCopy', by, at, {
    copyTo: orgIds.map((orgId) => ({ orgId, regionId: 'panjin' })),
    note: '抄送移送函',
  });
/** The head names users of its own organisation unless told where they work. */
const name = (by: Actor, userIds: readonly string[], at = day(5), orgId: string | null = by.orgId) =>
  cmd('NameCaseHandlers', by, at, { handlers: userIds.map((userId) => ({ userId, orgId })) });
const secretDraft = () => draft({ package: { ...pkg, secrecyLevel: 'Secret' } });

describe('抄送 of a referral (DOMAIN.md §3 CarbonCopy, §9.5: for information only)', () => {
  it('the office copies an approved referral to the 组织部, which then reads it and can do nothing with it', () => {
    const events = spec
      .given(atApproved())
      .when(copy(officeStaff))
      .then([
        {
          type: 'CarbonCopySent',
          data: {
            at: day(3),
            by: { userId: officeStaff.userId, role: officeStaff.role, orgId: officeStaff.orgId },
            copyTo: [ORG_DEPT],
            note: '抄送移送函',
          },
        },
      ]);
    const state = stateOf([...atApproved(), ...events]);
    expect(canSeeReferral(orgDept, stateOf(atApproved()))).toBe(false);
    expect(canSeeReferral(orgDept, state)).toBe(true);
    expect(availableReferralCommands(state, orgDept)).toEqual([]);
  });

  it('the holding commission copies its case on; a copy never reaches the administrator', () => {
    const state = stateOf(eventsOf([copy(cityCdiStaff, ['panjin.it'])], atReceived()));
    expect(state.status !== 'None' && state.copiedTo).toEqual(['panjin.it']);
    expect(
      canSeeReferral(
        { userId: 'u-admin', role: 'Administrator', position: 'Head', orgId: 'panjin.it', regionId: 'panjin' },
        state,
      ),
    ).toBe(false);
  });

  it('a second copy to the same organisation is a conflict; new ones are added', () => {
    const copied = eventsOf([copy(officeStaff)], atSent());
    spec.given(copied).when(copy(officeStaff)).thenError('Conflict', 'REFERRAL.ALREADY_COPIED');
    const more = spec
      .given(copied)
      .when(copy(officeStaff, [ORG_DEPT.orgId, 'panjin.justice']))
      .thenEvents();
    expect(more.map((e) => e.type === 'CarbonCopySent' && e.data.copyTo.map((r) => r.orgId))).toEqual([
      ['panjin.justice'],
    ]);
  });

  it('a draft is not copied yet, nobody but the parties copies, and a copy names someone', () => {
    spec.given(atDraft()).when(copy(officeStaff)).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    spec.given(atSent()).when(copy(agencyStaff)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given(atSent()).when(copy(officeStaff, [])).thenError('Validation', 'VALIDATION.LIST_REQUIRED');
  });
});

describe('密级 机密 restricts reads to the 知悉范围 (issue 17 item 8; 保密法 2010 art. 16)', () => {
  const officeColleague: Actor = { ...officeStaff, userId: 'u-office-colleague' };
  const secretSent = () => eventsOf([secretDraft(), approve(), send()]);

  it('the drafter, the owning office head and the auditor read a 机密 draft; a colleague and the city leadership do not', () => {
    const state = stateOf(eventsOf([secretDraft()]));
    expect([officeStaff, officeHead, auditor].map((a) => canSeeReferral(a, state))).toEqual([true, true, true]);
    const leader: Actor = { ...officeHead, userId: 'u-sec', role: 'PartyLeadership', orgId: 'panjin' };
    expect([officeColleague, leader].map((a) => canSeeReferral(a, state))).toEqual([false, false]);
  });

  it('at the commission only its head reads it until the head names the handlers', () => {
    const sent = secretSent();
    expect(canSeeReferral(cityCdiHead, stateOf(sent))).toBe(true);
    expect(canSeeReferral(cityCdiStaff, stateOf(sent))).toBe(false);
    const named = spec
      .given(sent)
      .when(name(cityCdiHead, [cityCdiStaff.userId, cityCdiStaff.userId]))
      .thenEvents();
    expect(named).toEqual([
      {
        type: 'CaseHandlersNamed',
        data: {
          at: day(5),
          by: { userId: cityCdiHead.userId, role: cityCdiHead.role, orgId: cityCdiHead.orgId },
          orgId: CITY_CDI.orgId,
          userIds: [cityCdiStaff.userId],
        },
      },
    ]);
    const state = stateOf([...sent, ...named]);
    expect(canSeeReferral(cityCdiStaff, state)).toBe(true);
    // A commission's naming never names the office's people, nor drops the office's own handlers.
    expect(canSeeReferral(officeStaff, state)).toBe(true);
    expect(canSeeReferral(officeColleague, state)).toBe(false);
  });

  it("a new naming replaces the organisation's earlier list", () => {
    const first = eventsOf([name(cityCdiHead, [cityCdiStaff.userId])], secretSent());
    const second = eventsOf([name(cityCdiHead, ['u-other-staff'], day(6))], first);
    expect(canSeeReferral(cityCdiStaff, stateOf(second))).toBe(false);
  });

  it('a copy to a 机密 referral reaches the recipient head, who names its own handlers', () => {
    const copied = eventsOf([copy(officeStaff)], secretSent());
    expect(canSeeReferral(orgDept, stateOf(copied))).toBe(false);
    expect(canSeeReferral({ ...orgDept, userId: 'u-org-head', position: 'Head' }, stateOf(copied))).toBe(true);
    const named = eventsOf([name({ ...orgDept, userId: 'u-org-head', position: 'Head' }, [orgDept.userId])], copied);
    expect(canSeeReferral(orgDept, stateOf(named))).toBe(true);
  });

  it('only a head of an organisation working on it names handlers, only on a 机密 referral', () => {
    spec
      .given(secretSent())
      .when(name(cityCdiStaff, ['u-x']))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    const otherHead: Actor = { ...cityCdiHead, userId: 'u-dawa-head', orgId: 'dawa.ccdi', regionId: 'panjin/dawa' };
    spec
      .given(secretSent())
      .when(name(otherHead, ['u-x']))
      .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
    spec
      .given(atSent())
      .when(name(cityCdiHead, ['u-x']))
      .thenError('Conflict', 'REFERRAL.NOT_CLASSIFIED');
    spec.given(secretSent()).when(name(cityCdiHead, [])).thenError('Validation', 'VALIDATION.LIST_REQUIRED');
    spec
      .given(secretSent())
      .when(name(cityCdiHead, [officeStaff.userId], day(5), officeStaff.orgId))
      .thenError('Forbidden', 'AUTH.HANDLER_OUTSIDE_ORGANISATION');
    spec
      .given(secretSent())
      .when(name(cityCdiHead, ['u-nobody'], day(5), null))
      .thenError('Validation', 'CASE.UNKNOWN_HANDLER');
  });

  it('秘密 (Confidential) and 内部 restrict nothing beyond the table', () => {
    const state = stateOf(eventsOf([receive(), accept()], atSent()));
    expect(canSeeReferral(cityCdiStaff, state)).toBe(true);
    expect(state.status !== 'None' && state.handlers).toBeUndefined();
  });

  it('a restriction never opens a case the table closes: the agency sees no 机密 referral', () => {
    const state = stateOf(secretSent());
    expect([agencyStaff, cityCdiHead].map((a) => caseSight(a, 'referral', state))).toEqual(['not-see', 'see']);
  });
});

describe('抄送 of a clue’s supervision instrument', () => {
  const clueDecider = createClueDecider(createDomainConfig());
  const clueSpec = deciderSpec(clueDecider);
  const office: Actor = {
    userId: 'u-office',
    role: 'RuleOfLawOffice',
    position: 'Head',
    orgId: 'panjin.rol-office',
    regionId: 'panjin',
  };
  const commission: Actor = { ...cityCdiStaff };
  const base = { actor: office, clueId: 'k1' };
  const through = (commands: readonly Omit<ClueCommand, 'actor' | 'clueId'>[]): ClueEvent[] => {
    const events: ClueEvent[] = [];
    for (const c of commands) {
      const result = clueDecider.decide({ ...base, ...c } as ClueCommand, fold(clueDecider, events));
      if (isDomainError(result)) throw new Error(`setup: ${c.type} ${result.code}`);
      events.push(...result);
    }
    return events;
  };
  const verifying = [
    {
      type: 'RegisterClue',
      at: day(0),
      regionId: 'panjin/dawa',
      source: 'Reconsideration',
      sourceRef: '盘复〔2026〕1号',
      receivedAt: day(0),
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      summary: '未履行复议决定',
    },
    { type: 'StartAnalysis', at: day(1), analystUserId: 'u-office' },
    {
      type: 'StartVerification',
      at: day(1),
      situationCodes: ['ImproperPerformance'],
      evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
      category: 'Inaction',
      verificationPlan: '调阅案卷',
      team: ['u-office'],
    },
  ] as unknown as Omit<ClueCommand, 'actor' | 'clueId'>[];
  const issue = {
    type: 'IssueSupervisionInstrument',
    at: day(2),
    verificationReport: '复议决定未履行',
    responsibleUnits: ['dawa.emergency'],
    instrument: { kind: 'SupervisionOpinion', documentNo: '督〔2026〕1号' },
  } as unknown as Omit<ClueCommand, 'actor' | 'clueId'>;
  const copyClue = (at = day(3)): ClueCommand => ({
    type: 'SendCarbonCopy',
    ...base,
    at,
    copyTo: [{ orgId: commission.orgId, regionId: 'panjin' }],
    note: '抄送意见书 督〔2026〕1号',
  });

  it('once the instrument is issued the office copies it; the commission then reads the whole clue', () => {
    const issued = through([...verifying, issue]);
    const copied = clueSpec.given(issued).when(copyClue()).thenState();
    expect(canSeeClue(commission, fold(clueDecider, issued))).toBe(false);
    expect(caseSight(commission, 'clue', copied)).toBe('see');
    expect(copied.copiedTo).toEqual([commission.orgId]);
  });

  it('there is nothing to copy before the instrument', () => {
    clueSpec.given(through(verifying)).when(copyClue()).thenError('InvalidTransition', 'CLUE.WRONG_STATE');
  });
});

describe('the 组织部 reads the 行政不作为 clues of its region (DOMAIN.md §8 Panjin, seed 004)', () => {
  const orgDeptHead: Actor = { ...orgDept, position: 'Head' };
  const clueOf = (category: string, regionId = 'panjin/dawa') =>
    ({
      ...initialClueState(),
      status: 'Verification',
      clueId: 'k1',
      regionId,
      agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
      category,
      summary: '未履行复议决定',
    }) as ClueState;

  it('sees an inaction clue through its restricted view: the unit and category, never the summary', () => {
    expect(caseSight(orgDeptHead, 'clue', clueOf('Inaction'))).toBe('see-without-fields');
    const view = caseViewFor(orgDeptHead, 'clue', clueOf('Inaction'));
    expect([view.category, view.agency?.orgId, 'summary' in view, 'subjects' in view]).toEqual([
      'Inaction',
      'dawa.emergency',
      false,
      false,
    ]);
  });

  it('sees no other category, no clue before its category is set, and nothing outside its region', () => {
    expect(caseSight(orgDeptHead, 'clue', clueOf('ArbitraryAction'))).toBe('not-see');
    expect(caseSight(orgDeptHead, 'clue', { ...clueOf('Inaction'), category: undefined })).toBe('not-see');
    expect(caseSight({ ...orgDeptHead, regionId: 'panjin/panshan' }, 'clue', clueOf('Inaction'))).toBe('not-see');
  });
});
