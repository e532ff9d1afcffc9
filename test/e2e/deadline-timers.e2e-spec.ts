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

    // Inside the reminder window the item's line in the 整改台账 is yellow, and filtered as such.
    const ledger = async (query: string) => {
      const res = await api.get('office', `/api/v1/ledgers/rectification?${query}`);
      expect(res.status).toBe(200);
      return (res.body.items as { itemId: string; light: string }[])
        .filter((i) => i.itemId === 'item-late')
        .map((i) => i.light);
    };
    expect(await ledger('light=yellow&minPosition=' + String(assigned.body.position))).toEqual(['yellow']);
    expect(await ledger('light=green')).toEqual([]);

    // The ticker was down over the second reminder: on 1 April the case gets its 逾期 and no stale reminder.
    clock.set(new Date('2026-04-01T08:00:00+08:00'));
    expect(await eventually('item-late', ['DeadlineApproaching', 'DeadlineMissed'])).toEqual([
      'DeadlineApproaching',
      'DeadlineMissed',
    ]);
    expect(await ledger('light=red')).toEqual(['red']);
    expect(await ledger('light=yellow')).toEqual([]);
    const item = await api.read('office', `${ITEMS}/item-late`);
    expect(item.state.ladders).toEqual({
      'InspectionFeedbackRectification@2026-03-31': { fired: ['reminder-3', 'missed'] },
    });
  });

  it('lists the overdue item for the office and its agency (not for another county), and the proposal for the head, who confirms it', async () => {
    // Five working days overdue: the ladder has urged and proposed 挂牌督办 (inspection feedback) — one rung per tick.
    clock.set(new Date('2026-04-09T08:00:00+08:00'));
    expect(await eventually('item-late', ['Approaching', 'Missed', 'Urged', 'Proposed'])).toEqual([
      'DeadlineApproaching',
      'DeadlineMissed',
      'DeadlineUrged',
      'EscalationRungProposed',
    ]);
    const line = {
      caseKind: 'rectification',
      caseId: 'item-late',
      rule: 'InspectionFeedbackRectification',
      dueOn: '2026-03-31',
      responsibleOrgId: 'dawa.emergency',
      regionId: 'panjin/dawa',
      light: 'red',
      workingDaysOverdue: 6,
      lastStep: 'proposal',
      proposalAwaiting: 'ListedSupervision',
    };
    const overdue = async (user: string, query = '') => {
      const res = await api.get(user, `/api/v1/ledgers/overdue${query}`);
      expect(res.status).toBe(200);
      return (res.body.items as { caseId: string }[]).filter((i) => i.caseId === 'item-late');
    };
    expect(await overdue('office')).toEqual([line]);
    expect(await overdue('dawa-emergency', '?responsibleOrgId=dawa.emergency')).toEqual([line]);
    expect(await overdue('office', '?responsibleOrgId=panjin.urban')).toEqual([]);
    expect(await overdue('panshan-office-head')).toEqual([]);
    expect(await overdue('panjin-urban-head')).toEqual([]);

    const proposals = async (user: string) =>
      ((await api.get(user, '/api/v1/escalation-proposals')).body.items as { caseId: string }[]).map((i) => i.caseId);
    expect(await proposals('dawa-office-head')).toEqual(['item-late']);
    expect(await proposals('office')).toEqual([]); // staff: not theirs to decide
    expect(await proposals('panshan-office-head')).toEqual([]);

    const confirmed = await api.post('dawa-office-head', `${ITEMS}/item-late/escalation-proposals/confirmation`, {
      rule: 'InspectionFeedbackRectification',
      dueOn: '2026-03-31',
      note: '挂牌督办: 限期十个工作日整改到位',
    });
    expect({ http: confirmed.status, events: confirmed.body.events }).toEqual({
      http: 200,
      events: ['EscalationRungConfirmed', 'EscalationRaised'],
    });
    for (let attempt = 0; attempt < 200 && (await proposals('dawa-office-head')).length > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await proposals('dawa-office-head')).toEqual([]);
    // A second answer finds nothing to decide.
    const again = await api.post('dawa-office-head', `${ITEMS}/item-late/escalation-proposals/waiver`, {
      rule: 'InspectionFeedbackRectification',
      dueOn: '2026-03-31',
      reason: '已整改',
    });
    expect({ http: again.status, code: again.body.code }).toEqual({ http: 409, code: 'DEADLINE.NO_PENDING_PROPOSAL' });
  });
});
