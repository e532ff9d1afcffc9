import { DEADLINE_LIGHTS, addDays, createDomainConfig, deadlineLight } from '@xj/domain';
import { lightBoundsOf, lightFilter, lightOf } from './deadline-lights';

const config = createDomainConfig();

/** Every day of the first half of 2026 (Spring Festival, 清明, 劳动节, 端午 and their make-up working days). */
const days = Array.from({ length: 181 }, (_, i) => addDays('2026-01-01', i));

/** What a read-model filter on one field keeps, evaluated by hand ($lt / $gte / $lte / $gt on dates). */
const keeps = (filter: Record<string, Record<string, string>>, dueOn: string): boolean =>
  Object.entries(filter.dueOn ?? {}).every(([op, bound]) =>
    op === '$lt' ? dueOn < bound : op === '$lte' ? dueOn <= bound : op === '$gt' ? dueOn > bound : dueOn >= bound,
  );

describe('红黄绿灯 in the lists: the light of a due date as a range of due dates (issue 15 §2)', () => {
  it('agrees with the domain light of every due date on every day, holidays included', () => {
    const disagreements: string[] = [];
    for (const today of days) {
      const bounds = lightBoundsOf(today, config);
      const lookBack = lightBoundsOf(today, config, 'LookBack');
      for (let offset = -5; offset <= 15; offset += 1) {
        const dueOn = addDays(today, offset);
        const expected = deadlineLight(
          { rule: 'InspectionFeedbackRectification', dueOn },
          today,
          config.ladder,
          config.calendar,
        );
        if (lightOf(dueOn, bounds) !== expected) disagreements.push(`${today} ${dueOn}`);
        const lookBackExpected = deadlineLight({ rule: 'LookBack', dueOn }, today, config.ladder, config.calendar);
        if (lightOf(dueOn, lookBack) !== lookBackExpected) disagreements.push(`look-back ${today} ${dueOn}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('filters exactly the due dates of the light asked for, and none without a due date', () => {
    const today = '2026-04-02'; // Thursday before 清明 (4–6 April)
    const bounds = lightBoundsOf(today, config);
    // Three working days ahead: Friday 3, Tuesday 7, Wednesday 8 April.
    expect(bounds).toEqual({ today, yellowUntil: '2026-04-08' });
    for (const light of DEADLINE_LIGHTS) {
      const filter = lightFilter('dueOn', light, bounds) as Record<string, Record<string, string>>;
      const kept = days.filter((dueOn) => keeps(filter, dueOn));
      expect(kept).toEqual(days.filter((dueOn) => lightOf(dueOn, bounds) === light));
    }
    expect(lightFilter('dueOn', undefined, bounds)).toBeUndefined();
    expect(lightOf(undefined, bounds)).toBeNull();
  });
});
