import { deciderSpec } from '@xj/testing';
import { ReferralCommand } from './referral.commands';
import {
  APPOINTING,
  CHILD_ID,
  CITY_CDI,
  CLUE_ID,
  COUNTY_CDI,
  REFERRAL_ID,
  REGION,
  accept,
  administrator,
  appointingHead,
  approve,
  atAccepted,
  atApproved,
  atDraft,
  atMixedReceived,
  atReceived,
  atSent,
  auditor,
  cityCdiHead,
  cityCdiStaff,
  cmd,
  countyCdiHead,
  countyCdiStaff,
  day,
  decider,
  draft,
  eventsOf,
  officeHead,
  pkg,
  receive,
  send,
  stateOf,
  mixedSubjects,
  subjects,
} from './referral.fixtures-spec';

const spec = deciderSpec(decider);
const cityCdiRef = (actor = cityCdiStaff) =>
  ({ userId: actor.userId, role: 'DisciplineCommission', orgId: 'panjin.cdi' }) as const;

const forward = (actor = cityCdiHead, forwardTo: unknown = COUNTY_CDI, at = day(4)) =>
  cmd('ForwardReferral', actor, at, { forwardTo: forwardTo as never, reason: '被反映人属县管干部' });
const returnIt = (actor = cityCdiHead, reason = '不属于监察管辖范围') =>
  cmd('ReturnReferral', actor, day(4), { reason });
const partially = (
  overrides: Partial<Extract<ReferralCommand, { type: 'PartiallyAcceptReferral' }>> = {},
  actor = cityCdiHead,
) =>
  cmd('PartiallyAcceptReferral', actor, day(4), {
    acceptedSubjectIds: ['s1'],
    forwardTo: COUNTY_CDI,
    childReferralId: CHILD_ID,
    reason: '乡科级干部由县纪委监委管辖',
    ...overrides,
  });

describe('Referral — receiving side', () => {
  describe('ReceiveReferral (R3)', () => {
    it('registers receipt and starts the 5-working-day acceptance deadline', () => {
      spec
        .given(atSent())
        .when(receive())
        .then([
          {
            type: 'ReferralReceived',
            data: {
              at: day(3),
              by: cityCdiRef(),
              registrationNo: 'JW-2026-001',
              // Thu 2026-03-05 + 5 working days = Thu 2026-03-12 (实施条例 arts. 169, 171).
              acceptanceDeadline: {
                rule: 'CommissionAcceptance',
                from: '2026-03-05',
                amount: 5,
                unit: 'WorkingDays',
                dueOn: '2026-03-12',
              },
            },
          },
        ]);
      expect(spec.given(atSent()).when(receive()).thenState()).toMatchObject({
        status: 'Received',
        registrationNo: 'JW-2026-001',
        acceptanceDeadline: { dueOn: '2026-03-12' },
        deadline: { rule: 'CommissionAcceptance', dueOn: '2026-03-12' },
      });
    });

    it('lets an appointing authority receive what was sent to it, and only it', () => {
      const sentToAa = eventsOf([draft(), approve(), send(APPOINTING)]);
      expect(spec.given(sentToAa).when(receive(appointingHead)).thenState()).toMatchObject({
        status: 'Received',
        holder: APPOINTING,
      });
      spec.given(sentToAa).when(receive(cityCdiStaff)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });

    it.each([
      ['another commission', countyCdiStaff, 'AUTH.WRONG_ORGANISATION'],
      ['an appointing authority', appointingHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['the office', officeHead, 'AUTH.ROLE_NOT_ALLOWED'],
      ['an auditor', auditor, 'AUTH.READ_ONLY_ROLE'],
      ['an administrator', administrator, 'AUTH.READ_ONLY_ROLE'],
    ])('forbids %s to receive', (_label, actor, code) => {
      spec.given(atSent()).when(receive(actor)).thenError('Forbidden', code);
    });

    it('needs a registration number', () => {
      spec
        .given(atSent())
        .when(cmd('ReceiveReferral', cityCdiStaff, day(3), { registrationNo: '' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    });

    it('is out of order before sending (nobody holds it) and after receipt', () => {
      spec.given(atApproved()).when(receive()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given(atReceived()).when(receive()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given([]).when(receive()).thenError('NotFound', 'REFERRAL.NOT_FOUND');
    });
  });

  describe('ForwardReferral (R4)', () => {
    it('passes the referral to the competent commission, which becomes the holder', () => {
      spec
        .given(atMixedReceived())
        .when(forward())
        .then([
          {
            type: 'ReferralForwarded',
            data: { at: day(4), by: cityCdiRef(cityCdiHead), forwardTo: COUNTY_CDI, reason: '被反映人属县管干部' },
          },
        ]);
      const state = spec.given(atMixedReceived()).when(forward()).thenState();
      expect(state).toMatchObject({
        status: 'Forwarded',
        holder: { kind: 'DisciplineCommission', ...COUNTY_CDI },
        target: CITY_CDI,
        forwardings: [{ from: 'panjin.cdi', to: COUNTY_CDI, reason: '被反映人属县管干部', at: day(4) }],
      });
      expect(state.status !== 'None' && state.acceptanceDeadline).toBeUndefined();
    });

    it('the new holder receives it; the old one no longer can', () => {
      const forwarded = eventsOf([forward()], atMixedReceived());
      expect(
        spec
          .given(forwarded)
          .when(receive(countyCdiStaff, day(5)))
          .thenState(),
      ).toMatchObject({
        status: 'Received',
        acceptanceDeadline: { from: '2026-03-07' },
      });
      spec
        .given(forwarded)
        .when(receive(cityCdiStaff, day(5)))
        .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
    });

    it('keeps the whole trail when forwarded again', () => {
      const back = eventsOf(
        [
          forward(),
          receive(countyCdiStaff, day(5)),
          forward(countyCdiHead, { orgId: 'panjin.cdi', regionId: 'panjin' }, day(6)),
        ],
        atMixedReceived(),
      );
      expect(stateOf(back)).toMatchObject({
        holder: CITY_CDI,
        forwardings: [{ from: 'panjin.cdi' }, { from: 'panjin/xinglongtai.cdi', to: { orgId: 'panjin.cdi' } }],
      });
    });

    it('cannot forward to the holder itself', () => {
      spec
        .given(atReceived())
        .when(forward(cityCdiHead, { orgId: 'panjin.cdi', regionId: 'panjin' }))
        .thenError('Validation', 'REFERRAL.FORWARD_TO_SELF');
    });

    it('needs where to and why', () => {
      spec.given(atReceived()).when(forward(cityCdiHead, null)).thenError('Validation', 'VALIDATION.REQUIRED');
      spec
        .given(atReceived())
        .when(forward(cityCdiHead, { orgId: 'x' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec
        .given(atReceived())
        .when(cmd('ForwardReferral', cityCdiHead, day(4), { forwardTo: COUNTY_CDI, reason: ' ' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    });

    it('is a commission step: an appointing authority cannot forward', () => {
      const aaReceived = eventsOf([draft(), approve(), send(APPOINTING), receive(appointingHead)]);
      spec.given(aaReceived).when(forward(appointingHead)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });

    it('only right after receipt', () => {
      spec.given(atAccepted()).when(forward()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given(atSent()).when(forward()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('ReturnReferral (R5)', () => {
    it('returns it: nobody holds it any more, the reason is kept', () => {
      spec
        .given(atReceived())
        .when(returnIt())
        .then([
          { type: 'ReferralReturned', data: { at: day(4), by: cityCdiRef(cityCdiHead), reason: '不属于监察管辖范围' } },
        ]);
      const state = spec.given(atReceived()).when(returnIt()).thenState();
      expect(state).toMatchObject({ status: 'Returned', returnReason: '不属于监察管辖范围', target: CITY_CDI });
      expect(state.status !== 'None' && state.holder).toBeUndefined();
    });

    it('an appointing authority may return too', () => {
      const aaReceived = eventsOf([draft(), approve(), send(APPOINTING), receive(appointingHead)]);
      expect(spec.given(aaReceived).when(returnIt(appointingHead)).thenState()).toMatchObject({ status: 'Returned' });
    });

    it('rejects a missing reason, another organisation and the wrong state', () => {
      spec.given(atReceived()).when(returnIt(cityCdiHead, '')).thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec.given(atReceived()).when(returnIt(countyCdiHead)).thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec.given(atSent()).when(returnIt()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec
        .given(eventsOf([returnIt()], atReceived()))
        .when(returnIt())
        .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('AcceptReferral (R6)', () => {
    it('accepts every subject and starts the one-week disposal-proposal deadline', () => {
      spec
        .given(atReceived())
        .when(accept())
        .then([
          {
            type: 'ReferralAccepted',
            data: {
              at: day(4),
              by: cityCdiRef(),
              acceptedSubjectIds: ['s1', 's2', 's3'],
              // Fri 2026-03-06 + 7 days = Fri 2026-03-13 (大理: proposal within a week).
              disposalDeadline: {
                rule: 'DisposalProposal',
                from: '2026-03-06',
                amount: 7,
                unit: 'Days',
                dueOn: '2026-03-13',
              },
            },
          },
        ]);
      expect(spec.given(atReceived()).when(accept()).thenState()).toMatchObject({
        status: 'Accepted',
        acceptedSubjectIds: ['s1', 's2', 's3'],
        forwardedSubjectIds: [],
        deadline: { rule: 'DisposalProposal' },
      });
    });

    it('an appointing authority accepts without a disposal deadline (it has no disposal methods)', () => {
      const aaReceived = eventsOf([draft(), approve(), send(APPOINTING), receive(appointingHead)]);
      const [event] = spec.given(aaReceived).when(accept(appointingHead)).thenEvents();
      expect(event).toEqual({
        type: 'ReferralAccepted',
        data: {
          at: day(4),
          by: { userId: appointingHead.userId, role: 'AppointingAuthority', orgId: 'panjin.gov' },
          acceptedSubjectIds: ['s1', 's2', 's3'],
        },
      });
    });

    it('rejects another organisation, read-only roles and the wrong state', () => {
      spec.given(atReceived()).when(accept(countyCdiStaff)).thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec.given(atReceived()).when(accept(auditor)).thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
      spec.given(atAccepted()).when(accept()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('PartiallyAcceptReferral (R6, 实施条例 art. 171(3))', () => {
    it('keeps some subjects and forwards the rest to a child referral', () => {
      // s1 and s3 县处级 (kept by the city), s2 乡科级 (the county's).
      const twoCityOneCounty = [subjects[0]!, mixedSubjects[1]!, subjects[2]!];
      const received = eventsOf([
        draft({ package: { ...pkg, subjects: twoCityOneCounty } }),
        approve(),
        send(),
        receive(),
      ]);
      const [event] = spec
        .given(received)
        .when(partially({ acceptedSubjectIds: ['s3', 's1'] }))
        .thenEvents();
      expect(event).toEqual({
        type: 'ReferralPartiallyAccepted',
        data: {
          at: day(4),
          by: cityCdiRef(cityCdiHead),
          acceptedSubjectIds: ['s1', 's3'],
          forwardedSubjectIds: ['s2'],
          forwardTo: COUNTY_CDI,
          childReferralId: CHILD_ID,
          reason: '乡科级干部由县纪委监委管辖',
          disposalDeadline: {
            rule: 'DisposalProposal',
            from: '2026-03-06',
            amount: 7,
            unit: 'Days',
            dueOn: '2026-03-13',
          },
        },
      });
      expect(spec.given(atMixedReceived()).when(partially()).thenState()).toMatchObject({
        status: 'PartiallyAccepted',
        holder: CITY_CDI,
        acceptedSubjectIds: ['s1'],
        forwardedSubjectIds: ['s2', 's3'],
        childReferralIds: [CHILD_ID],
      });
    });

    it.each<[string, Partial<Extract<ReferralCommand, { type: 'PartiallyAcceptReferral' }>>, string]>([
      ['an unknown subject', { acceptedSubjectIds: ['s1', 's9'] }, 'REFERRAL.UNKNOWN_SUBJECT'],
      ['a subject listed twice', { acceptedSubjectIds: ['s1', 's1'] }, 'REFERRAL.DUPLICATE_SUBJECT'],
      ['every subject', { acceptedSubjectIds: ['s1', 's2', 's3'] }, 'REFERRAL.NOT_A_PARTIAL_ACCEPTANCE'],
      ['no subject', { acceptedSubjectIds: [] }, 'REFERRAL.NOT_A_PARTIAL_ACCEPTANCE'],
      ['no list', { acceptedSubjectIds: undefined as never }, 'VALIDATION.LIST_REQUIRED'],
      ['the parent id as child id', { childReferralId: REFERRAL_ID }, 'REFERRAL.CHILD_ID_IS_PARENT'],
      ['no child id', { childReferralId: '' }, 'VALIDATION.TEXT_REQUIRED'],
      ['forwarding to itself', { forwardTo: { orgId: 'panjin.cdi', regionId: 'panjin' } }, 'REFERRAL.FORWARD_TO_SELF'],
      ['no reason', { reason: '' }, 'VALIDATION.TEXT_REQUIRED'],
    ])('rejects %s', (_label, overrides, code) => {
      spec.given(atReceived()).when(partially(overrides)).thenError('Validation', code);
    });

    it('is a commission step of the holder, right after receipt', () => {
      const aaReceived = eventsOf([draft(), approve(), send(APPOINTING), receive(appointingHead)]);
      spec.given(aaReceived).when(partially({}, appointingHead)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      spec.given(atReceived()).when(partially({}, countyCdiHead)).thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec.given(atAccepted()).when(partially()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('OpenForwardedReferral (child of a partial acceptance)', () => {
    const parent = stateOf(atDraft());
    if (parent.status === 'None') throw new Error('setup');
    const childPackage = { ...pkg, subjects: mixedSubjects.filter((s) => s.subjectId !== 's1') };
    const open = (
      overrides: Partial<Extract<ReferralCommand, { type: 'OpenForwardedReferral' }>> = {},
    ): ReferralCommand => ({
      type: 'OpenForwardedReferral',
      actor: cityCdiHead,
      at: day(4),
      referralId: CHILD_ID,
      parentReferralId: REFERRAL_ID,
      clueId: CLUE_ID,
      regionId: REGION,
      ownerOrgId: 'panjin.rol-office',
      package: childPackage,
      rulebookVersion: parent.rulebookVersion,
      evaluation: parent.evaluation,
      forwardedBy: 'panjin.cdi',
      forwardTo: COUNTY_CDI,
      reason: '乡科级干部由县纪委监委管辖',
      ...overrides,
    });

    it('opens the child as Forwarded, held by the competent commission', () => {
      const [event] = spec.given([]).when(open()).thenEvents();
      expect(event).toEqual({
        type: 'ForwardedReferralOpened',
        data: {
          at: day(4),
          by: cityCdiRef(cityCdiHead),
          referralId: CHILD_ID,
          parentReferralId: REFERRAL_ID,
          clueId: CLUE_ID,
          regionId: REGION,
          ownerOrgId: 'panjin.rol-office',
          package: childPackage,
          rulebookVersion: 'v1',
          evaluation: parent.evaluation,
          discretionary: false,
          forwardedBy: 'panjin.cdi',
          forwardTo: COUNTY_CDI,
          reason: '乡科级干部由县纪委监委管辖',
        },
      });
      expect(spec.given([]).when(open()).thenState()).toMatchObject({
        status: 'Forwarded',
        referralId: CHILD_ID,
        parentReferralId: REFERRAL_ID,
        holder: { kind: 'DisciplineCommission', ...COUNTY_CDI },
        forwardings: [{ from: 'panjin.cdi', to: COUNTY_CDI, at: day(4) }],
        draftedBy: { userId: cityCdiHead.userId },
        acceptedSubjectIds: [],
      });
    });

    it('the county commission then receives and accepts its subjects', () => {
      const child = eventsOf([
        open(),
        { ...receive(countyCdiStaff, day(5)), referralId: CHILD_ID } as ReferralCommand,
        { ...accept(countyCdiStaff, day(6)), referralId: CHILD_ID } as ReferralCommand,
      ]);
      expect(stateOf(child)).toMatchObject({ status: 'Accepted', acceptedSubjectIds: ['s2', 's3'] });
    });

    it.each<[string, Partial<Extract<ReferralCommand, { type: 'OpenForwardedReferral' }>>, string]>([
      ['no evaluation', { evaluation: undefined as never }, 'REFERRAL.EVALUATION_REQUIRED'],
      ['an evaluation of another rulebook', { rulebookVersion: 'v0' }, 'REFERRAL.EVALUATION_REQUIRED'],
      [
        'an unknown rulebook',
        { rulebookVersion: 'v9', evaluation: { ...parent.evaluation, rulebookVersion: 'v9' } },
        'REFERRAL.UNKNOWN_RULEBOOK',
      ],
      ['the parent id as own id', { parentReferralId: CHILD_ID }, 'REFERRAL.CHILD_ID_IS_PARENT'],
      ['forwarding to itself', { forwardTo: { orgId: 'panjin.cdi', regionId: 'panjin' } }, 'REFERRAL.FORWARD_TO_SELF'],
      ['a package without subjects', { package: { ...childPackage, subjects: [] } }, 'VALIDATION.LIST_REQUIRED'],
      ['no owner', { ownerOrgId: '' }, 'VALIDATION.TEXT_REQUIRED'],
    ])('rejects %s', (_label, overrides, code) => {
      spec.given([]).when(open(overrides)).thenError('Validation', code);
    });

    it('is the forwarding commission only', () => {
      spec
        .given([])
        .when(open({ actor: countyCdiHead }))
        .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec
        .given([])
        .when(open({ actor: officeHead }))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
      spec
        .given([])
        .when(open({ actor: auditor }))
        .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
    });

    it('opens a stream once', () => {
      spec
        .given(eventsOf([open()]))
        .when(open())
        .thenError('Conflict', 'REFERRAL.ALREADY_EXISTS');
    });
  });
});
