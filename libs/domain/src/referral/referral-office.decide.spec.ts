import { deciderSpec } from '@xj/testing';
import { RULEBOOK_V1 } from '../rulebook/rulebook-v1';
import { createDomainConfig } from '../domain-config';
import { createReferralDecider } from './referral.decider';
import { ReferralCommand } from './referral.commands';
import {
  APPOINTING,
  CITY_CDI,
  COUNTY_CDI,
  CLUE_ID,
  REFERRAL_ID,
  REGION,
  T0,
  administrator,
  agencyStaff,
  approve,
  atApproved,
  atMixedApproved,
  atDraft,
  atFedBack,
  atClosed,
  atDecided,
  atReceived,
  atSent,
  auditor,
  bureauStaff,
  close,
  cityCdiHead,
  cmd,
  day,
  decider,
  draft,
  eventsOf,
  officeHead,
  officeStaff,
  otherCountyOffice,
  pkg,
  subjects,
  send,
  stateOf,
} from './referral.fixtures-spec';

const spec = deciderSpec(decider);

describe('Referral — office side', () => {
  describe('DraftReferral (R0)', () => {
    it('drafts a mandatory referral, records the rulebook verdict and starts the 15-working-day transfer deadline', () => {
      const [event] = spec.given([]).when(draft()).thenEvents();
      expect(event).toMatchObject({
        type: 'ReferralDrafted',
        data: {
          at: T0,
          by: { userId: officeStaff.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
          referralId: REFERRAL_ID,
          clueId: CLUE_ID,
          regionId: REGION,
          ownerOrgId: 'panjin.rol-office',
          package: pkg,
          rulebookVersion: 'v1',
          discretionary: false,
          conditionsMetOn: '2026-03-02',
          // Mon 2026-03-02 + 15 working days = Mon 2026-03-23.
          transferDeadline: {
            rule: 'TransferAfterConditionsMet',
            from: '2026-03-02',
            amount: 15,
            unit: 'WorkingDays',
            dueOn: '2026-03-23',
          },
        },
      });
      expect(event?.type === 'ReferralDrafted' && event.data.evaluation).toMatchObject({
        rulebookVersion: 'v1',
        matchedCodes: ['ImproperPerformance'],
        transferMandatory: true,
      });
    });

    it('exposes status, owner, drafter and the running deadline in state', () => {
      const state = spec.given([]).when(draft()).thenState();
      expect(state).toMatchObject({
        status: 'Draft',
        ownerOrgId: 'panjin.rol-office',
        draftedBy: { userId: officeStaff.userId },
        acceptedSubjectIds: [],
        forwardings: [],
        deadline: { rule: 'TransferAfterConditionsMet', dueOn: '2026-03-23' },
      });
    });

    it('counts the transfer deadline from conditionsMetOn when given', () => {
      const state = spec
        .given([])
        .when(draft({ conditionsMetOn: '2026-02-13' }))
        .thenState();
      // Fri 2026-02-13: Sat 14 Feb (make-up day) is day 1, 春节 15–23 Feb, 24–27 Feb are days 2–5,
      // Sat 28 Feb (make-up) day 6, then 2–6 and 9–12 March: the 15th working day is 2026-03-12.
      expect(state.status !== 'None' && state.transferDeadline?.dueOn).toBe('2026-03-12');
    });

    it('accepts a referral with no situation on a statutory ground (行政复议法 art. 86)', () => {
      const state = spec
        .given([])
        .when(
          draft({
            package: { ...pkg, situationCodes: [], evidenceCodes: [], statutoryGroundCodes: ['DerelictionOfDuty'] },
          }),
        )
        .thenState();
      expect(state).toMatchObject({
        status: 'Draft',
        discretionary: false,
        evaluation: { statutoryGrounds: [{ code: 'DerelictionOfDuty' }] },
      });
    });

    it('accepts a discretionary referral (行政复议法 art. 85) with a justification and a legal basis', () => {
      const state = spec
        .given([])
        .when(
          draft({ package: { ...pkg, situationCodes: [], evidenceCodes: [], justification: '情节较重，建议追责' } }),
        )
        .thenState();
      expect(state).toMatchObject({ status: 'Draft', discretionary: true, evaluation: { transferMandatory: false } });
    });

    it('lets the justice bureau of the county draft too', () => {
      expect(
        spec
          .given([])
          .when(draft({ actor: bureauStaff }))
          .thenEvents(),
      ).toHaveLength(1);
    });

    it('rejects a transfer that neither the rulebook nor a justification supports', () => {
      spec
        .given([])
        .when(draft({ package: { ...pkg, evidenceCodes: ['IP.DUTY_SOURCE'] } }))
        .thenError('Validation', 'REFERRAL.TRANSFER_CONDITIONS_NOT_MET');
      spec
        .given([])
        .when(
          draft({ package: { ...pkg, situationCodes: [], evidenceCodes: [], legalBasis: [], justification: '理由' } }),
        )
        .thenError('Validation', 'REFERRAL.TRANSFER_CONDITIONS_NOT_MET');
    });

    it('rejects situation codes the rulebook does not know', () => {
      spec
        .given([])
        .when(draft({ package: { ...pkg, situationCodes: ['Bribery'] } }))
        .thenError('Validation', 'REFERRAL.UNKNOWN_SITUATION_CODE');
    });

    it.each<[string, Partial<Extract<ReferralCommand, { type: 'DraftReferral' }>>, string]>([
      ['no referral id', { referralId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['no clue id', { clueId: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
      ['no clue status', { clue: { regionId: REGION, status: '' } }, 'VALIDATION.TEXT_REQUIRED'],
      ['no package', { package: undefined as never }, 'VALIDATION.REQUIRED'],
      ['no subjects', { package: { ...pkg, subjects: [] } }, 'VALIDATION.LIST_REQUIRED'],
      ['subjects not a list', { package: { ...pkg, subjects: undefined as never } }, 'VALIDATION.REQUIRED'],
      ['evidence not a list', { package: { ...pkg, evidence: undefined as never } }, 'VALIDATION.REQUIRED'],
      ['an evidence entry missing', { package: { ...pkg, evidence: [null as never] } }, 'VALIDATION.REQUIRED'],
      [
        'an evidence entry without a reference',
        { package: { ...pkg, evidence: [{ title: 't', documentRef: '' }] } },
        'VALIDATION.TEXT_REQUIRED',
      ],
      [
        'situation codes not a list',
        { package: { ...pkg, situationCodes: 'ImproperPerformance' as never } },
        'VALIDATION.LIST_REQUIRED',
      ],
      ['a blank statutory ground', { package: { ...pkg, statutoryGroundCodes: [''] } }, 'VALIDATION.TEXT_REQUIRED'],
      [
        'a subject without a rank',
        { package: { ...pkg, subjects: [{ ...subjects[0]!, cadreRank: 'Mayor' as never }] } },
        'VALIDATION.UNKNOWN_VALUE',
      ],
      ['no facts', { package: { ...pkg, facts: '' } }, 'VALIDATION.TEXT_REQUIRED'],
      ['a blank verification report', { package: { ...pkg, verificationReport: '' } }, 'VALIDATION.TEXT_REQUIRED'],
      [
        'an unknown secrecy level',
        { package: { ...pkg, secrecyLevel: 'TopSecret' as never } },
        'VALIDATION.UNKNOWN_VALUE',
      ],
      ['a malformed conditionsMetOn', { conditionsMetOn: '2026-02-30' }, 'VALIDATION.DATE'],
      ['conditions met in the future', { conditionsMetOn: '2026-03-03' }, 'REFERRAL.CONDITIONS_MET_IN_FUTURE'],
    ])('rejects %s', (_label, overrides, code) => {
      spec.given([]).when(draft(overrides)).thenError('Validation', code);
    });

    it.each([
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', administrator, 'AUTH.READ_ONLY_ROLE'],
      ['the commission', cityCdiHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the agency', agencyStaff, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an office of another county', otherCountyOffice, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('forbids %s to draft', (_label, actor, code) => {
      spec.given([]).when(draft({ actor })).thenError('Forbidden', code);
    });

    it('rejects a draft without the clue context', () => {
      spec
        .given([])
        .when(draft({ clue: undefined as never }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    });

    it.each(['None', 'Registered', 'Dismissed', 'Archived'])('refuses to refer a clue in status %s', (status) => {
      spec
        .given([])
        .when(draft({ clue: { regionId: REGION, status } }))
        .thenError('Conflict', 'REFERRAL.CLUE_NOT_REFERABLE');
    });

    it('refuses to draft the same referral twice', () => {
      spec.given(atDraft()).when(draft()).thenError('Conflict', 'REFERRAL.ALREADY_EXISTS');
    });

    it('uses the current rulebook of the configuration', () => {
      const v2 = { ...RULEBOOK_V1, version: 'v2' };
      const configured = deciderSpec(createReferralDecider(createDomainConfig({ rulebooks: [RULEBOOK_V1, v2] })));
      expect(configured.given([]).when(draft()).thenState()).toMatchObject({
        rulebookVersion: 'v2',
        evaluation: { rulebookVersion: 'v2' },
      });
    });
  });

  describe('ApproveReferral (R1)', () => {
    it('approves a draft and records proposer and approver', () => {
      const given = atDraft();
      spec
        .given(given)
        .when(approve())
        .then([
          {
            type: 'ReferralApproved',
            data: {
              at: day(1),
              by: { userId: officeHead.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
              opinion: '同意移送',
              proposedBy: { userId: officeStaff.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
            },
          },
        ]);
      expect(spec.given(given).when(approve()).thenState()).toMatchObject({
        status: 'Approved',
        approvedBy: { userId: officeHead.userId },
        approvalOpinion: '同意移送',
        deadline: { rule: 'TransferAfterConditionsMet' },
      });
    });

    it('needs the head', () => {
      spec
        .given(atDraft())
        .when(cmd('ApproveReferral', officeStaff, day(1), { opinion: 'ok' }))
        .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    });

    it.each([
      [auditor, 'AUTH.READ_ONLY_ROLE'],
      [cityCdiHead, 'AUTH.ROLE_NOT_ALLOWED'],
      [otherCountyOffice, 'AUTH.OUTSIDE_JURISDICTION'],
    ])('forbids %p', (actor, code) => {
      spec
        .given(atDraft())
        .when(cmd('ApproveReferral', actor, day(1), { opinion: 'ok' }))
        .thenError('Forbidden', code);
    });

    it('needs an opinion', () => {
      spec
        .given(atDraft())
        .when(cmd('ApproveReferral', officeHead, day(1), { opinion: '' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    });

    it('cannot approve twice', () => {
      spec.given(atApproved()).when(approve()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });

    it('cannot approve a referral that does not exist, or another one', () => {
      spec.given([]).when(approve()).thenError('NotFound', 'REFERRAL.NOT_FOUND');
      spec
        .given(atDraft())
        .when({ ...approve(), referralId: 'ref-other' } as ReferralCommand)
        .thenError('NotFound', 'REFERRAL.NOT_FOUND');
    });
  });

  describe('SendReferral (R2)', () => {
    it('sends within the transfer deadline: the target becomes the holder', () => {
      spec
        .given(atApproved())
        .when(send())
        .then([
          {
            type: 'ReferralSent',
            data: {
              at: day(2),
              by: { userId: officeStaff.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
              target: CITY_CDI,
              sentAt: day(2),
              sentLate: false,
            },
          },
        ]);
      const state = spec.given(atApproved()).when(send()).thenState();
      expect(state).toMatchObject({
        status: 'Sent',
        target: CITY_CDI,
        holder: CITY_CDI,
        sentAt: day(2),
        sentLate: false,
      });
      expect(state.status !== 'None' && state.deadline).toBeUndefined();
    });

    it('flags a send after the deadline as late (the due date itself is in time)', () => {
      expect(spec.given(atApproved()).when(send(CITY_CDI, '2026-03-23T17:00:00+08:00')).thenState()).toMatchObject({
        sentLate: false,
      });
      expect(spec.given(atApproved()).when(send(CITY_CDI, '2026-03-24T09:00:00+08:00')).thenState()).toMatchObject({
        sentLate: true,
      });
    });

    it('may send to the appointing authority', () => {
      expect(spec.given(atApproved()).when(send(APPOINTING)).thenState()).toMatchObject({ holder: APPOINTING });
    });

    it('cannot send an unapproved draft', () => {
      spec.given(atDraft()).when(send()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });

    it.each([
      ['no target', undefined, 'VALIDATION.REQUIRED'],
      ['an unknown kind', { ...CITY_CDI, kind: 'Court' }, 'VALIDATION.UNKNOWN_VALUE'],
      ['no organisation', { ...CITY_CDI, orgId: '' }, 'VALIDATION.TEXT_REQUIRED'],
    ])('rejects %s', (_label, target, code) => {
      spec
        .given(atApproved())
        .when(cmd('SendReferral', officeStaff, day(2), { target: target as never }))
        .thenError('Validation', code);
    });

    it('refuses a receiver without jurisdiction over the case region (another county)', () => {
      const otherCounty = { kind: 'DisciplineCommission', orgId: 'panjin/dawa.cdi', regionId: 'panjin/dawa' } as const;
      spec
        .given(atApproved())
        .when(cmd('SendReferral', officeStaff, day(2), { target: otherCounty }))
        .thenError('Validation', 'REFERRAL.TARGET_OUTSIDE_JURISDICTION');
      const ownCounty = { kind: 'DisciplineCommission', ...COUNTY_CDI } as const;
      expect(
        spec
          .given(atMixedApproved())
          .when(cmd('SendReferral', officeStaff, day(2), { target: ownCounty }))
          .thenState(),
      ).toMatchObject({ status: 'Sent', holder: ownCounty });
    });

    it('forbids the commission and auditors to send', () => {
      spec
        .given(atApproved())
        .when(cmd('SendReferral', cityCdiHead, day(2), { target: CITY_CDI }))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      spec
        .given(atApproved())
        .when(cmd('SendReferral', administrator, day(2), { target: CITY_CDI }))
        .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
    });
  });

  describe('RerouteReferral (行政复议法 art. 85)', () => {
    const returned = () =>
      eventsOf([cmd('ReturnReferral', cityCdiHead, day(4), { reason: '无监察管辖权' })], atReceived());
    const reroute = (target: unknown, actor = officeHead) =>
      cmd('RerouteReferral', actor, day(5), { target: target as never });

    it('re-routes a returned referral to the appointing authority', () => {
      spec
        .given(returned())
        .when(reroute(APPOINTING))
        .then([
          {
            type: 'ReferralRerouted',
            data: {
              at: day(5),
              by: { userId: officeHead.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
              target: APPOINTING,
              sentAt: day(5),
            },
          },
        ]);
      expect(spec.given(returned()).when(reroute(APPOINTING)).thenState()).toMatchObject({
        status: 'Sent',
        holder: APPOINTING,
        target: APPOINTING,
        returnReason: '无监察管辖权',
        sentLate: false,
      });
    });

    it('only to an appointing authority with jurisdiction over the case region', () => {
      const otherCounty = { kind: 'AppointingAuthority', orgId: 'panjin/dawa.gov', regionId: 'panjin/dawa' } as const;
      spec.given(returned()).when(reroute(otherCounty)).thenError('Validation', 'REFERRAL.TARGET_OUTSIDE_JURISDICTION');
    });

    it('only to an appointing authority', () => {
      spec
        .given(returned())
        .when(reroute(CITY_CDI))
        .thenError('Validation', 'REFERRAL.REROUTE_TARGET_NOT_APPOINTING_AUTHORITY');
    });

    it('needs the head and a target', () => {
      spec.given(returned()).when(reroute(APPOINTING, officeStaff)).thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
      spec.given(returned()).when(reroute(undefined)).thenError('Validation', 'VALIDATION.REQUIRED');
    });

    it('only after a return', () => {
      spec.given(atSent()).when(reroute(APPOINTING)).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('CloseReferral (R14)', () => {
    it('closes after feedback when every rectification item is closed or long-term', () => {
      const items = [
        { itemId: 'i1', status: 'Closed', mode: 'Deadline' },
        { itemId: 'i2', status: 'LookBackPassed', mode: 'Immediate' },
        { itemId: 'i3', status: 'LookBackPending', mode: 'Deadline' },
        { itemId: 'i4', status: 'InProgress', mode: 'LongTerm' },
      ] as const;
      spec
        .given(atFedBack())
        .when(close(day(70), items))
        .then([
          {
            type: 'ReferralClosed',
            data: {
              at: day(70),
              by: { userId: officeStaff.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
              linkedRectification: items,
            },
          },
        ]);
      expect(
        spec
          .given(atFedBack())
          .when(close(day(70), items))
          .thenState(),
      ).toMatchObject({
        status: 'Closed',
        closure: { linkedRectification: items, closedAt: day(70) },
      });
    });

    it('refuses while a rectification item is open (对事 and 对人 both)', () => {
      const error = spec
        .given(atFedBack())
        .when(
          close(day(70), [
            { itemId: 'i1', status: 'Reported', mode: 'Deadline' },
            { itemId: 'i2', status: 'Closed', mode: 'Deadline' },
          ]),
        )
        .thenError('Conflict', 'REFERRAL.RECTIFICATION_OPEN');
      expect(error.details).toEqual({ itemIds: ['i1'] });
    });

    it('cannot close without feedback, nor twice', () => {
      spec.given(atDecided()).when(close()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given(atClosed()).when(close()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });

    it.each([
      ['no list', undefined, 'VALIDATION.REQUIRED'],
      ['a missing entry', [null], 'VALIDATION.REQUIRED'],
      ['an unknown mode', [{ itemId: 'i1', status: 'Closed', mode: 'Forever' }], 'VALIDATION.UNKNOWN_VALUE'],
      ['a blank status', [{ itemId: 'i1', status: '', mode: 'Deadline' }], 'VALIDATION.TEXT_REQUIRED'],
    ])('rejects %s', (_label, items, code) => {
      spec
        .given(atFedBack())
        .when(cmd('CloseReferral', officeStaff, day(70), { linkedRectification: items as never }))
        .thenError('Validation', code);
    });

    it('is the office side only', () => {
      spec
        .given(atFedBack())
        .when(cmd('CloseReferral', cityCdiHead, day(70), { linkedRectification: [] }))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      spec
        .given(atFedBack())
        .when(cmd('CloseReferral', otherCountyOffice, day(70), { linkedRectification: [] }))
        .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    });
  });

  describe('RaiseEscalation (督办 overlay)', () => {
    const escalate = (escalationId: string, actor = officeHead, extra: object = {}) =>
      cmd('RaiseEscalation', actor, day(40), {
        escalationId,
        escalationType: 'Interview',
        reason: '逾期未反馈',
        targetOrgId: 'panjin.cdi',
        target: { orgId: 'panjin.cdi', role: 'DisciplineCommission', regionId: 'panjin' },
        ...extra,
      } as never);

    it('records escalations on an open referral', () => {
      const events = eventsOf(
        [escalate('e1'), escalate('e2', officeHead, { escalationType: 'OrderPerformance', performBy: '2026-04-18' })],
        atSent(),
      );
      expect(stateOf(events)).toMatchObject({
        status: 'Sent',
        escalationIds: ['e1', 'e2'],
        escalations: [
          { escalationId: 'e1' },
          { escalationId: 'e2', deadline: { dueOn: '2026-04-18', nonWorkingDay: true } },
        ],
      });
    });

    it('rejects a reused id, a closed referral, a missing referral and the commission', () => {
      spec
        .given(eventsOf([escalate('e1')], atSent()))
        .when(escalate('e1'))
        .thenError('Validation', 'ESCALATION.DUPLICATE_ID');
      spec.given(atClosed()).when(escalate('e1')).thenError('InvalidTransition', 'REFERRAL.CLOSED');
      spec.given([]).when(escalate('e1')).thenError('NotFound', 'REFERRAL.NOT_FOUND');
      spec.given(atSent()).when(escalate('e1', cityCdiHead)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      spec.given(atSent()).when(escalate('e1', otherCountyOffice)).thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    });
  });

  it('rejects a command whose time is not an instant, before anything else', () => {
    spec
      .given([])
      .when(draft({ at: 'yesterday' }))
      .thenError('Validation', 'VALIDATION.INSTANT');
  });

  it('shows the state reached along the main path', () => {
    expect(stateOf(atFedBack())).toMatchObject({
      status: 'ResultFedBack',
      caseNo: '盘纪立〔2026〕5号',
      holder: CITY_CDI,
    });
  });
});
