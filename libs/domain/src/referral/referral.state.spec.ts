import { fold } from '../shared/decider';
import { ReferralEvent } from './referral.events';
import { evolveReferral, initialReferralState } from './referral.state';
import { atDraft, atFedBack, officeHead } from './referral.fixtures-spec';

/** evolve trusts stored events and never throws; these are the edges the deciders never produce. */
describe('Referral state (evolve)', () => {
  const by = { userId: officeHead.userId, role: officeHead.role, orgId: officeHead.orgId };

  it('starts empty', () => {
    expect(initialReferralState()).toEqual({ status: 'None' });
  });

  it('ignores a non-creating event on an empty stream', () => {
    const event: ReferralEvent = {
      type: 'ReferralApproved',
      data: { at: '2026-03-02T09:00:00+08:00', by, opinion: 'ok', proposedBy: by },
    };
    expect(evolveReferral(initialReferralState(), event)).toEqual({ status: 'None' });
  });

  it('ignores a creation event on an existing stream', () => {
    const [drafted] = atDraft();
    const state = fold({ evolve: evolveReferral, initialState: initialReferralState }, atFedBack());
    expect(evolveReferral(state, drafted!)).toBe(state);
  });

  it('ignores an event type it does not know instead of throwing', () => {
    const state = fold({ evolve: evolveReferral, initialState: initialReferralState }, atDraft());
    expect(
      evolveReferral(state, {
        type: 'SomethingElse',
        data: { at: '2026-03-02T09:00:00+08:00', by },
      } as unknown as ReferralEvent),
    ).toBe(state);
  });

  it('is JSON-serialisable plain data', () => {
    const state = fold({ evolve: evolveReferral, initialState: initialReferralState }, atFedBack());
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
