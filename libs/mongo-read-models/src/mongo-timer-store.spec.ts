import { DeadlineTimer } from '@xj/application';
import { FakeMongoDatabase } from '@xj/testing/fake-mongo-database';
import { DEADLINE_TIMERS, DEADLINE_TIMER_CHECKPOINT, MongoTimerStore } from './mongo-timer-store';

/** The MongoDB mapping of the timer index (the behaviour is the contract suite's, run on this fake too). */
const timer = (caseId: string, over: Partial<DeadlineTimer> = {}): DeadlineTimer => ({
  caseKind: 'rectification',
  caseId,
  rule: 'InspectionFeedbackRectification',
  from: '2026-03-02',
  dueOn: '2026-03-31',
  responsibleOrgId: 'dawa.emergency',
  regionId: 'panjin/dawa',
  progress: { fired: ['reminder-3'] },
  fireAt: 100,
  ...over,
});

describe('MongoTimerStore mapping', () => {
  let db: FakeMongoDatabase;
  let store: MongoTimerStore;
  beforeEach(() => {
    db = new FakeMongoDatabase();
    store = new MongoTimerStore(db);
  });

  it('stores one document per case and rule, with the fields its indexes read; an unarmed timer has no fireAt', async () => {
    await store.replaceCases(
      [
        {
          caseKind: 'rectification',
          caseId: 'a',
          timers: [timer('a'), timer('a', { rule: 'LookBack', fireAt: undefined, progress: { fired: ['proposal'] } })],
        },
      ],
      7n,
    );
    const docs = [...db.collection(DEADLINE_TIMERS).docs.values()];
    expect(docs).toContainEqual(
      expect.objectContaining({
        _id: 'rectification|a|InspectionFeedbackRectification',
        caseKey: 'rectification|a',
        fireAt: 100,
        fired: false,
        awaitingDecision: false,
        progressKey: '{"fired":["reminder-3"]}',
      }),
    );
    const unarmed = docs.find((d) => d.rule === 'LookBack');
    expect(unarmed).not.toHaveProperty('fireAt');
    expect(unarmed).toMatchObject({ awaitingDecision: true });
    expect(db.collection(DEADLINE_TIMER_CHECKPOINT).docs.get('checkpoint')).toEqual({
      _id: 'checkpoint',
      position: '7',
    });
    // One bulk write for the page of cases.
    expect(db.collection(DEADLINE_TIMERS).bulkCalls).toHaveLength(1);
  });

  it('creates the indexes the ticker and the 督办 lists read through, once per process', async () => {
    await store.replaceCases([{ caseKind: 'rectification', caseId: 'a', timers: [timer('a')] }]);
    await store.due(1_000, 10);
    await store.list({ dueBefore: '2026-04-01', limit: 10 });
    expect(db.collection(DEADLINE_TIMERS).indexes).toEqual([
      { fired: 1, fireAt: 1, caseKind: 1, caseId: 1, rule: 1 },
      { caseKey: 1 },
      { dueOn: 1, caseKind: 1, caseId: 1, rule: 1 },
      { responsibleOrgId: 1, dueOn: 1 },
      { awaitingDecision: 1, dueOn: 1 },
    ]);
  });

  it('reads due timers by (fired, fireAt) in that order, and lists by due date', async () => {
    await store.due(1_000, 10);
    await store.list({ region: 'panjin', awaitingDecision: true, skip: 5, limit: 10 });
    expect(db.finds.filter((f) => f.collection === DEADLINE_TIMERS).map((f) => [f.filter, f.options])).toEqual([
      [
        { fired: false, fireAt: { $exists: true, $lte: 1_000 } },
        { sort: { fireAt: 1, caseKind: 1, caseId: 1, rule: 1 }, limit: 10 },
      ],
      [
        { $or: [{ regionId: 'panjin' }, { regionId: { $regex: '^panjin/' } }], awaitingDecision: true },
        { sort: { dueOn: 1, caseKind: 1, caseId: 1, rule: 1 }, skip: 5, limit: 10 },
      ],
    ]);
  });

  it('marks fired only the timer as it was read: a re-indexed one stays armed', async () => {
    await store.replaceCases([{ caseKind: 'rectification', caseId: 'a', timers: [timer('a')] }]);
    await store.replaceCases([
      {
        caseKind: 'rectification',
        caseId: 'a',
        timers: [timer('a', { fireAt: 200, progress: { fired: ['reminder-3', 'reminder-1'] } })],
      },
    ]);
    await store.markFired([timer('a')]);
    expect((await store.due(1_000, 10)).map((t) => t.fireAt)).toEqual([200]);
  });
});
