import { ReferralEvent } from './referral.events';
import { REFERRAL_STATUSES, ReferralStatus } from './referral.model';
import { referralStatusAfter } from './referral.status';

/** Only the fields the status machine reads: the rest of a payload never decides a status. */
const event = (type: ReferralEvent['type'], data: object = {}): ReferralEvent =>
  ({ type, data }) as unknown as ReferralEvent;
const EXISTING = REFERRAL_STATUSES.filter((s): s is Exclude<ReferralStatus, 'None'> => s !== 'None');

describe('referralStatusAfter (DOMAIN.md §4.2)', () => {
  it.each([
    ['ReferralDrafted', {}, 'None', 'Draft'],
    ['ForwardedReferralOpened', {}, 'None', 'Forwarded'],
    ['ReferralApproved', {}, 'Draft', 'Approved'],
    ['ReferralSent', {}, 'Approved', 'Sent'],
    ['ReferralRerouted', {}, 'Returned', 'Sent'],
    ['ReferralReceived', {}, 'Sent', 'Received'],
    ['ReferralForwarded', {}, 'Received', 'Forwarded'],
    ['ReferralReturned', {}, 'Received', 'Returned'],
    ['ReferralAccepted', {}, 'Received', 'Accepted'],
    ['ReferralPartiallyAccepted', {}, 'Received', 'PartiallyAccepted'],
    ['DisposalDecided', { method: 'TalkOrInquiryLetter' }, 'Accepted', 'Disposing'],
    ['DisposalDecided', { method: 'Concluded' }, 'Accepted', 'Concluded'],
    ['TalkOrInquiryCompleted', { problemsSurfaced: false }, 'Disposing', 'Concluded'],
    ['TalkOrInquiryCompleted', { problemsSurfaced: true }, 'Disposing', 'Disposing'],
    ['CaseFiled', {}, 'Disposing', 'CaseFiled'],
    ['VerificationConcluded', {}, 'Disposing', 'Concluded'],
    ['OutcomesRecorded', {}, 'CaseFiled', 'Decided'],
    ['OutcomesAdded', { complete: false }, 'CaseFiled', 'Decided'],
    ['OutcomesAdded', { complete: true }, 'Decided', 'Decided'],
    ['OutcomesCompleted', {}, 'Decided', 'Decided'],
    ['ResultFedBack', {}, 'Decided', 'ResultFedBack'],
    ['ReferralClosed', {}, 'ResultFedBack', 'Closed'],
  ] as [ReferralEvent['type'], object, ReferralStatus, ReferralStatus][])(
    '%s %j moves %s to %s',
    (type, data, before, after) => {
      expect(referralStatusAfter(before, event(type, data))).toBe(after);
    },
  );

  it('only a creation event opens a stream: anything else on an empty stream leaves it None', () => {
    expect(referralStatusAfter('None', event('ReferralApproved'))).toBe('None');
    expect(referralStatusAfter('None', event('EscalationRaised'))).toBe('None');
  });

  it.each(EXISTING.map((status) => [status]))(
    'in %s, a creation event, R10, a typical case and an escalation keep the status',
    (status) => {
      for (const type of [
        'ReferralDrafted',
        'ForwardedReferralOpened',
        'ShelvedReferralResumed',
        'TypicalCasePublished',
        'EscalationRaised',
      ] as const) {
        expect(referralStatusAfter(status, event(type))).toBe(status);
      }
    },
  );
});
