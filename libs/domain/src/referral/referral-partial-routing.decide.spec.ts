import { deciderSpec } from '@xj/testing';
import { ReferralCommand } from './referral.commands';
import { availableReferralCommands } from './referral.preconditions';
import {
  APPOINTING,
  CHILD_ID,
  appointingHead,
  atMixedReceived,
  cityCdiHead,
  cmd,
  day,
  decider,
  eventsOf,
  officeHead,
  receive,
  stateOf,
} from './referral.fixtures-spec';

/**
 * 监察法实施条例 art. 171(3): on partial acceptance the commission 转送有管辖权的机关 — the competent
 * commission, or the 任免机关 (行政复议法 art. 85), which the rank rule does not bind (issue 17 item 3).
 */
const spec = deciderSpec(decider);

/** The city commission keeps the 县处级 s1 and sends the 乡科级 s2, s3 on. */
const keepS1 = (forwardTo: object) =>
  cmd('PartiallyAcceptReferral', cityCdiHead, day(4), {
    acceptedSubjectIds: ['s1'],
    forwardTo: forwardTo as never,
    childReferralId: CHILD_ID,
    reason: '其余人员转送任免机关处理',
  });

describe('Referral — the rest of a partial acceptance to the 任免机关 (实施条例 art. 171(3))', () => {
  it('given a mixed referral at the city commission, when it keeps s1 and names the 任免机关, then the event names it by kind', () => {
    const [event] = spec.given(atMixedReceived()).when(keepS1(APPOINTING)).thenEvents();
    expect(event).toMatchObject({
      type: 'ReferralPartiallyAccepted',
      data: { acceptedSubjectIds: ['s1'], forwardedSubjectIds: ['s2', 's3'], forwardTo: APPOINTING },
    });
  });

  it('the 任免机关 is not bound by the rank rule; a commission of the same level is (art. 171(3) vs 监察法 art. 16)', () => {
    const { kind: _kind, ...cityLevelCommission } = APPOINTING;
    spec
      .given(atMixedReceived())
      .when(keepS1(cityLevelCommission))
      .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
  });

  it('refuses a kind that is no receiver, and a 任免机关 outside the case region', () => {
    spec
      .given(atMixedReceived())
      .when(keepS1({ ...APPOINTING, kind: 'Agency' }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
    spec
      .given(atMixedReceived())
      .when(keepS1({ ...APPOINTING, orgId: 'jinzhou.gov', regionId: 'jinzhou' }))
      .thenError('Validation', 'REFERRAL.TARGET_OUTSIDE_JURISDICTION');
  });

  it('the child opens held by the 任免机关, which registers and accepts it and records outcomes straight away', () => {
    const parent = eventsOf([keepS1(APPOINTING)], atMixedReceived());
    const parentState = stateOf(parent);
    if (parentState.status === 'None') throw new Error('setup');
    const open: ReferralCommand = {
      type: 'OpenForwardedReferral',
      actor: cityCdiHead,
      at: day(4),
      referralId: CHILD_ID,
      parentReferralId: parentState.referralId,
      clueId: parentState.clueId,
      regionId: parentState.regionId,
      ownerOrgId: parentState.ownerOrgId,
      package: { ...parentState.package, subjects: parentState.package.subjects.slice(1) },
      rulebookVersion: parentState.rulebookVersion,
      evaluation: parentState.evaluation,
      forwardedBy: 'panjin.cdi',
      forwardTo: APPOINTING,
      reason: '其余人员转送任免机关处理',
    };
    const opened = eventsOf([open]);
    expect(stateOf(opened)).toMatchObject({ status: 'Forwarded', holder: APPOINTING });
    const child = eventsOf(
      [
        { ...receive(appointingHead, day(5)), referralId: CHILD_ID } as ReferralCommand,
        { ...cmd('AcceptReferral', appointingHead, day(6), {}), referralId: CHILD_ID } as ReferralCommand,
      ],
      opened,
    );
    const accepted = stateOf(child);
    expect(accepted).toMatchObject({ status: 'Accepted', acceptedSubjectIds: ['s2', 's3'] });
    // An appointing authority has no disposal methods: it records its 组织处理 next (R11).
    expect(availableReferralCommands(accepted, appointingHead)).toContain('RecordOutcomes');
  });

  it('a child opened before `kind` existed still reads as held by a commission (stored events stay readable)', () => {
    const received = stateOf(atMixedReceived());
    if (received.status === 'None') throw new Error('setup');
    expect(
      decider.evolve(decider.initialState(), {
        type: 'ForwardedReferralOpened',
        data: {
          at: day(4),
          by: { userId: cityCdiHead.userId, role: cityCdiHead.role, orgId: cityCdiHead.orgId },
          referralId: CHILD_ID,
          parentReferralId: 'ref-1',
          clueId: 'clue-1',
          regionId: 'panjin/xinglongtai',
          ownerOrgId: 'panjin.rol-office',
          package: received.package,
          rulebookVersion: 'v1',
          evaluation: received.evaluation,
          discretionary: false,
          forwardedBy: 'panjin.cdi',
          forwardTo: { orgId: 'panjin/xinglongtai.cdi', regionId: 'panjin/xinglongtai' },
          reason: '管辖',
        },
      }),
    ).toMatchObject({ holder: { kind: 'DisciplineCommission', orgId: 'panjin/xinglongtai.cdi' } });
  });
});

/**
 * 部分退回 — 实施条例 art. 171 (1) for some persons and (4) for the others: the commission accepts the
 * persons it has supervisory jurisdiction over and returns the rest to the owning office, which may
 * re-route them to the 任免机关 (行政复议法 art. 85; issue 17 item 3).
 */
describe('Referral — partial return (实施条例 art. 171(1)(4))', () => {
  const partialReturn = (returnedSubjectIds: readonly string[], by = cityCdiHead) =>
    cmd('PartiallyReturnReferral', by, day(4), {
      returnedSubjectIds,
      childReferralId: CHILD_ID,
      reason: '不属于监察对象，无监察管辖权',
    });

  it('given a mixed referral at the city commission, when it keeps s1 and returns s2, s3, then the parent is partly accepted', () => {
    const [event] = spec
      .given(atMixedReceived())
      .when(partialReturn(['s3', 's2']))
      .thenEvents();
    expect(event).toMatchObject({
      type: 'ReferralPartiallyReturned',
      data: {
        acceptedSubjectIds: ['s1'],
        returnedSubjectIds: ['s2', 's3'],
        childReferralId: CHILD_ID,
        disposalDeadline: { rule: 'DisposalProposal' },
      },
    });
    const state = spec
      .given(atMixedReceived())
      .when(partialReturn(['s2', 's3']))
      .thenState();
    expect(state).toMatchObject({
      status: 'PartiallyAccepted',
      acceptedSubjectIds: ['s1'],
      returnedSubjectIds: ['s2', 's3'],
      childReferralIds: [CHILD_ID],
    });
    expect(availableReferralCommands(state, cityCdiHead)).toContain('DecideDisposal');
  });

  it.each<[string, readonly string[], string]>([
    ['every subject', ['s1', 's2', 's3'], 'REFERRAL.NOT_A_PARTIAL_RETURN'],
    ['no subject', [], 'REFERRAL.NOT_A_PARTIAL_RETURN'],
    ['an unknown subject', ['s9'], 'REFERRAL.UNKNOWN_SUBJECT'],
    ['a subject twice', ['s2', 's2'], 'REFERRAL.DUPLICATE_SUBJECT'],
    // Decision 5: keeping the 乡科级 s2 means accepting a person the city commission does not manage.
    ['keeping a person it does not manage', ['s1', 's3'], 'REFERRAL.RECEIVER_NOT_COMPETENT'],
  ])('refuses %s', (_name, returned, code) => {
    spec.given(atMixedReceived()).when(partialReturn(returned)).thenError('Validation', code);
  });

  it('is the receiving commission’s step, on a registered referral only', () => {
    spec
      .given(atMixedReceived())
      .when(partialReturn(['s2', 's3'], appointingHead))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    const accepted = eventsOf([partialReturn(['s2', 's3'])], atMixedReceived());
    spec
      .given(accepted)
      .when(partialReturn(['s2', 's3']))
      .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
  });

  it('the child opens Returned with the owning office, which re-routes it to the 任免机关 (行政复议法 art. 85)', () => {
    const parent = stateOf(atMixedReceived());
    if (parent.status === 'None') throw new Error('setup');
    const open: ReferralCommand = {
      type: 'OpenReturnedReferral',
      actor: cityCdiHead,
      at: day(4),
      referralId: CHILD_ID,
      parentReferralId: parent.referralId,
      clueId: parent.clueId,
      regionId: parent.regionId,
      ownerOrgId: parent.ownerOrgId,
      package: { ...parent.package, subjects: parent.package.subjects.slice(1) },
      rulebookVersion: parent.rulebookVersion,
      evaluation: parent.evaluation,
      returnedBy: 'panjin.cdi',
      reason: '不属于监察对象，无监察管辖权',
    };
    const opened = eventsOf([open]);
    expect(opened.map((e) => e.type)).toEqual(['ReturnedReferralOpened']);
    const child = stateOf(opened);
    expect(child).toMatchObject({
      status: 'Returned',
      referralId: CHILD_ID,
      parentReferralId: parent.referralId,
      ownerOrgId: parent.ownerOrgId,
      returnReason: '不属于监察对象，无监察管辖权',
      package: { subjects: [{ subjectId: 's2' }, { subjectId: 's3' }] },
    });
    expect(child.status !== 'None' && child.holder).toBeFalsy();
    expect(availableReferralCommands(child, officeHead)).toContain('RerouteReferral');
    const rerouted = eventsOf(
      [{ ...cmd('RerouteReferral', officeHead, day(5), { target: APPOINTING }), referralId: CHILD_ID }],
      opened,
    );
    expect(stateOf(rerouted)).toMatchObject({ status: 'Sent', holder: APPOINTING });
    // Opened once: a second open of the same id is a conflict, not a second child.
    spec.given(opened).when(open).thenError('Conflict', 'REFERRAL.ALREADY_EXISTS');
    spec
      .given([])
      .when({ ...open, returnedBy: 'panjin/xinglongtai.cdi' })
      .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
  });
});
