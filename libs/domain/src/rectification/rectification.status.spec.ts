import { RectificationEvent } from './rectification.events';
import { RECTIFICATION_STATUSES, RectificationStatus } from './rectification.state';
import { rectificationStatusAfter } from './rectification.status';

/** Only the fields the status machine reads: the rest of a payload never decides a status. */
const event = (type: RectificationEvent['type'], data: object = {}): RectificationEvent =>
  ({ type, data }) as unknown as RectificationEvent;

describe('rectificationStatusAfter (DOMAIN.md §4.3)', () => {
  it.each([
    ['RectificationItemAssigned', {}, 'None', 'Assigned'],
    ['RectificationStarted', {}, 'Assigned', 'InProgress'],
    ['RectificationReported', {}, 'InProgress', 'Reported'],
    ['RectificationEvaluated', {}, 'Reported', 'Evaluated'],
    ['ItemClosed', {}, 'Evaluated', 'Closed'],
    ['LookBackScheduled', {}, 'Closed', 'LookBackPending'],
    ['LookBackCompleted', { result: 'Pass' }, 'LookBackPending', 'LookBackPassed'],
    ['LookBackCompleted', { result: 'Fail' }, 'LookBackPending', 'LookBackPending'],
    ['RectificationReopened', {}, 'LookBackPending', 'Reopened'],
    ['RectificationReopened', {}, 'Evaluated', 'Reopened'],
  ] as [RectificationEvent['type'], object, RectificationStatus, RectificationStatus][])(
    '%s %j moves %s to %s',
    (type, data, before, after) => {
      expect(rectificationStatusAfter(before, event(type, data))).toBe(after);
    },
  );

  it.each(RECTIFICATION_STATUSES.map((status) => [status]))('in %s, an escalation keeps the status', (status) => {
    expect(rectificationStatusAfter(status, event('EscalationRaised'))).toBe(status);
  });
});
