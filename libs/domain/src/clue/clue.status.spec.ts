import { ClueEvent } from './clue.events';
import { CLUE_STATUSES, ClueStatus } from './clue.state';
import { clueStatusAfter } from './clue.status';

/** Only the fields the status machine reads: the rest of a payload never decides a status. */
const event = (type: ClueEvent['type'], data: object = {}): ClueEvent => ({ type, data }) as unknown as ClueEvent;

describe('clueStatusAfter (DOMAIN.md §4.1)', () => {
  it.each([
    ['ClueRegistered', 'None', 'Registered'],
    ['ClueAnalysisStarted', 'Registered', 'Analysis'],
    ['ClueDismissed', 'Analysis', 'Dismissed'],
    ['ClueDismissed', 'Verification', 'Dismissed'],
    ['VerificationStarted', 'Analysis', 'Verification'],
    ['SupervisionInstrumentIssued', 'Verification', 'Supervision'],
    ['RectificationPlanSubmitted', 'Supervision', 'Rectification'],
    ['RectificationFeedbackSubmitted', 'Rectification', 'Feedback'],
    ['ClueEvaluationStarted', 'Feedback', 'Evaluation'],
    ['ClueClosed', 'Evaluation', 'Closed'],
    ['ClueReopened', 'Evaluation', 'Rectification'],
    ['ClueReopened', 'Closed', 'Rectification'],
  ] as [ClueEvent['type'], ClueStatus, ClueStatus][])('%s moves %s to %s', (type, before, after) => {
    expect(clueStatusAfter(before, event(type))).toBe(after);
  });

  it('a passed look-back archives the clue; a failed one leaves it closed until ClueReopened', () => {
    expect(clueStatusAfter('Closed', event('ClueLookBackCompleted', { result: 'Pass' }))).toBe('Archived');
    expect(clueStatusAfter('Closed', event('ClueLookBackCompleted', { result: 'Fail' }))).toBe('Closed');
  });

  it.each(CLUE_STATUSES.map((status) => [status]))(
    'in %s, an evaluation record, referrals and escalations keep the status',
    (status) => {
      for (const type of ['ClueEvaluated', 'ReferralProposed', 'ClueReferralSent', 'EscalationRaised'] as const) {
        expect(clueStatusAfter(status, event(type))).toBe(status);
      }
    },
  );
});
