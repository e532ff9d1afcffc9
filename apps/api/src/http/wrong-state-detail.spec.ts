import { CommandRejectedError } from '@xj/application';
import { DomainError } from '@xj/domain';
import { wrongStateDetail } from './wrong-state-detail';

const rejected = (code: string, details: Record<string, unknown>, kind: DomainError['kind'] = 'InvalidTransition') =>
  new CommandRejectedError(new DomainError(kind, code, 'cannot …', details));

describe('wrongStateDetail — a wrong-state refusal in plain words', () => {
  it('names the current status and the statuses that allow the action', () => {
    const error = rejected('REFERRAL.WRONG_STATE', { status: 'Accepted', allowed: ['Sent', 'Forwarded'] });
    expect(wrongStateDetail(error, 'zh')).toBe('移送当前状态为「已受理」，该操作仅在「已移送」「已转送」状态下可用');
    expect(wrongStateDetail(error, 'en')).toBe(
      'The referral is accepted; this action is only available when it is sent or forwarded.',
    );
  });

  it('names the disposal method a step needs when the status alone does not say it', () => {
    const error = rejected('REFERRAL.WRONG_STATE', {
      status: 'Disposing',
      method: 'TalkOrInquiryLetter',
      required: 'PreliminaryVerification',
      allowed: ['Disposing'],
    });
    expect(wrongStateDetail(error, 'zh')).toBe(
      '移送当前处置方式为「谈话函询」，该操作仅在处置方式为「初步核实」时可用',
    );
  });

  it('says the action is not available when the domain names no allowed status', () => {
    const error = rejected('REFERRAL.WRONG_STATE', { status: 'Returned' });
    expect(wrongStateDetail(error, 'zh')).toBe('移送当前状态为「已退回」，该操作当前不可用');
  });

  it('covers clues and rectification items', () => {
    expect(wrongStateDetail(rejected('CLUE.WRONG_STATE', { status: 'Registered', allowed: ['Analysis'] }), 'zh')).toBe(
      '线索当前状态为「线索登记」，该操作仅在「线索分析」状态下可用',
    );
    expect(
      wrongStateDetail(
        rejected('RECTIFICATION.WRONG_STATE', { status: 'Assigned', allowed: ['Closed', 'LookBackPending'] }),
        'zh',
      ),
    ).toBe('整改事项当前状态为「已下达」，该操作仅在「已销号」「待回头看」状态下可用');
  });

  it('leaves every other error alone', () => {
    expect(wrongStateDetail(rejected('REFERRAL.CLOSED', { status: 'Closed' }), 'zh')).toBeUndefined();
    expect(wrongStateDetail(rejected('REFERRAL.WRONG_STATE', { status: 'Sent' }, 'Validation'), 'zh')).toBeUndefined();
    expect(wrongStateDetail(rejected('CLUE.WRONG_STATE', {}), 'zh')).toBeUndefined();
    expect(wrongStateDetail(new Error('boom'), 'zh')).toBeUndefined();
  });
});
