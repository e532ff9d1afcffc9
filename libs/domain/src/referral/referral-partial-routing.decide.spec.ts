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
