import { deciderSpec } from '@xj/testing';
import {
  approve,
  atReceived,
  cityCdiHead,
  cityCdiStaff,
  cmd,
  countyCdiHead,
  day,
  decider,
  draft,
  eventsOf,
  officeHead,
  officeStaff,
  send,
  stateOf,
} from './referral.fixtures-spec';

/** 延期申请 and 中止/恢复 on a referral's running deadline (issue 15 §2). */
const spec = deciderSpec(decider);

const request = (by = cityCdiStaff, at = day(4), rule = 'CommissionAcceptance', proposedDueOn = '2026-03-20') =>
  cmd('RequestDeadlineExtension', by, at, {
    requestId: 'ext-1',
    rule: rule as 'CommissionAcceptance',
    proposedDueOn,
    reason: '需核实被移送人干部管理权限',
  });
const grant = (by = cityCdiHead, at = day(5)) => cmd('ApproveDeadlineExtension', by, at, { requestId: 'ext-1' });

describe('Referral — deadline changes', () => {
  it('the holding commission asks for more time to decide on acceptance; its head grants it', () => {
    // 5 working days from receipt on 2026-03-05 (实施条例 arts. 169, 171).
    expect(stateOf(atReceived())).toMatchObject({ deadline: { rule: 'CommissionAcceptance', dueOn: '2026-03-12' } });
    const state = spec
      .given(eventsOf([request()], atReceived()))
      .when(grant())
      .thenState();
    expect(state).toMatchObject({
      acceptanceDeadline: { dueOn: '2026-03-20', originalDueOn: '2026-03-12' },
      deadline: { dueOn: '2026-03-20', originalDueOn: '2026-03-12' },
    });
  });

  it('the office does not decide on the commission’s periods, nor does another commission', () => {
    const pending = eventsOf([request()], atReceived());
    spec.given(pending).when(grant(officeHead)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec.given(pending).when(grant(countyCdiHead)).thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
    spec.given(pending).when(grant(cityCdiStaff)).thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
  });

  it('the next step replaces the running deadline: the moved one is gone once met', () => {
    const accepted = eventsOf([request(), grant(), cmd('AcceptReferral', cityCdiStaff, day(6), {})], atReceived());
    expect(stateOf(accepted)).toMatchObject({ acceptanceDeadline: undefined, deadline: { rule: 'DisposalProposal' } });
  });

  it('the transfer period is the office’s: an extension granted by its head makes a later send timely', () => {
    const drafted = eventsOf([draft({ conditionsMetOn: '2026-03-02' }), approve()]);
    const transfer = stateOf(drafted);
    expect(transfer).toMatchObject({ deadline: { rule: 'TransferAfterConditionsMet', dueOn: '2026-03-23' } });
    spec
      .given(drafted)
      .when(request(cityCdiStaff, day(10), 'TransferAfterConditionsMet', '2026-04-10'))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    const extended = eventsOf(
      [request(officeStaff, day(10), 'TransferAfterConditionsMet', '2026-04-10'), grant(officeHead, day(11))],
      drafted,
    );
    const [sent] = spec
      .given(extended)
      .when(send(undefined, day(25)))
      .thenEvents();
    expect(sent).toMatchObject({ type: 'ReferralSent', data: { sentLate: false } });
  });

  it('a paused acceptance period leaves the deadline in place, marked paused, until resumed', () => {
    const pause = cmd('PauseDeadline', cityCdiHead, day(4), { rule: 'CommissionAcceptance', reason: '等待材料补正' });
    const paused = spec.given(atReceived()).when(pause).thenState();
    expect(paused).toMatchObject({ deadline: { dueOn: '2026-03-12', paused: { since: '2026-03-06' } } });
    const resumed = spec
      .given(eventsOf([pause], atReceived()))
      .when(cmd('ResumeDeadline', cityCdiHead, day(14), { rule: 'CommissionAcceptance' }))
      .thenState();
    // Four working days were left after Friday 2026-03-06; resumed Monday 2026-03-16.
    expect(resumed).toMatchObject({ deadline: { dueOn: '2026-03-20', originalDueOn: '2026-03-12' } });
    expect(resumed.status !== 'None' && resumed.deadline?.paused).toBeUndefined();
  });

  it('a referral that does not exist is not found', () => {
    spec.given([]).when(request()).thenError('NotFound', 'REFERRAL.NOT_FOUND');
  });
});
