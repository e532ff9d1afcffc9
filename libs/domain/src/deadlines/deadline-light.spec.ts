import { createDomainConfig } from '../domain-config';
import { deadlineLight, reminderWindowStart } from './deadline-light';

const { ladder, calendar } = createDomainConfig();
const light = (rule: Parameters<typeof deadlineLight>[0]['rule'], dueOn: string, today: string) =>
  deadlineLight({ rule, dueOn }, today, ladder, calendar);

describe('红黄绿灯 of a deadline (issue 15 §2)', () => {
  it('is green before the reminder window, yellow from its first day to the due date, red the day after', () => {
    // Due Tuesday 31 March 2026; reminders 3 and 1 working days before: the window opens Thursday 26 March.
    expect(reminderWindowStart('InspectionFeedbackRectification', '2026-03-31', ladder, calendar)).toBe('2026-03-26');
    expect(light('InspectionFeedbackRectification', '2026-03-31', '2026-03-25')).toBe('green');
    expect(light('InspectionFeedbackRectification', '2026-03-31', '2026-03-26')).toBe('yellow');
    expect(light('InspectionFeedbackRectification', '2026-03-31', '2026-03-31')).toBe('yellow');
    expect(light('InspectionFeedbackRectification', '2026-03-31', '2026-04-01')).toBe('red');
  });

  it('counts the window in working days over holidays, and per rule (the look-back reminds 5 working days before)', () => {
    // Due Wednesday 8 April 2026: 4–6 April is the 清明 holiday, so 3 working days before is 2 April.
    expect(reminderWindowStart('InspectionFeedbackRectification', '2026-04-08', ladder, calendar)).toBe('2026-04-02');
    expect(light('InspectionFeedbackRectification', '2026-04-08', '2026-04-01')).toBe('green');
    expect(light('InspectionFeedbackRectification', '2026-04-08', '2026-04-03')).toBe('yellow');
    expect(reminderWindowStart('LookBack', '2026-03-31', ladder, calendar)).toBe('2026-03-24');
    expect(light('LookBack', '2026-03-31', '2026-03-24')).toBe('yellow');
  });
});
