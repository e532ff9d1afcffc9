import { FixedClock } from '@xj/application';
import { CLUES, ITEMS, JourneyClient, clueBody, expectAnswer, journeyClient } from './support/journey-helpers';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Issue 15 §2 through the real application: the indexer and the ticker run in the embedded
 * process (RUN_PROJECTIONS defaults to true) on the app's clock, which this spec moves. A
 * rectification item due on 2026-03-31 gets its reminder on the third working day before, and
 * its 逾期 on the working day after, as events on its own history.
 */
describe('deadline timers in the running application (e2e)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00+08:00'));
  let t: TestApp;
  let api: JourneyClient;

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_TICK_MS: '20' }, undefined, [], clock);
    api = journeyClient(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const ladderOf = async (itemId: string): Promise<string[]> => {
    const res = await api.get('office', `/api/v1/rectification-items/${itemId}/history`);
    expect(res.status).toBe(200);
    return (res.body.entries as { type: string }[])
      .map((e) => e.type)
      .filter((type) => type.startsWith('Deadline') || type.startsWith('EscalationRung'));
  };

  /** Polls the history until it shows `expected` (the ticker runs on its own interval). */
  const eventually = async (itemId: string, expected: readonly string[]): Promise<string[]> => {
    let seen: string[] = [];
    for (let attempt = 0; attempt < 200; attempt += 1) {
      seen = await ladderOf(itemId);
      if (seen.length >= expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return seen;
  };

  it('fires DeadlineApproaching, then DeadlineMissed, for a rectification item that runs late', async () => {
    const clue = await api.post('office', CLUES, clueBody({ receivedAt: '2026-03-01T09:00:00+08:00' }));
    expectAnswer(clue, 201, 'Registered', 0);
    const assigned = await api.post('office', ITEMS, {
      itemId: 'item-late',
      clueId: clue.body.id,
      agencyOrgId: 'dawa.emergency',
      mode: 'Deadline',
      issue: '案卷未载明法律依据',
      measures: '逐案补正',
      dueDate: '2026-03-31',
      owner: '张局长',
      responsiblePerson: '李科长',
    });
    expectAnswer(assigned, 201, 'Assigned', 0);

    // Nothing before the reminder window: the ticker runs every 20 ms and sends nothing.
    clock.set(new Date('2026-03-25T12:00:00+08:00'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ladderOf('item-late')).toEqual([]);

    // 提醒 three working days before the due date (Thursday 26 March).
    clock.set(new Date('2026-03-26T08:00:00+08:00'));
    expect(await eventually('item-late', ['DeadlineApproaching'])).toEqual(['DeadlineApproaching']);

    // The ticker was down over the second reminder: on 1 April the case gets its 逾期 and no stale reminder.
    clock.set(new Date('2026-04-01T08:00:00+08:00'));
    expect(await eventually('item-late', ['DeadlineApproaching', 'DeadlineMissed'])).toEqual([
      'DeadlineApproaching',
      'DeadlineMissed',
    ]);
    const item = await api.read('office', `${ITEMS}/item-late`);
    expect(item.state.ladders).toEqual({
      'InspectionFeedbackRectification@2026-03-31': { fired: ['reminder-3', 'missed'] },
    });
  });
});
