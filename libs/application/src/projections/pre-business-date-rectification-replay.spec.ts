import { createDomainConfig, createRectificationDecider, fold } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACTORS, COUNTIES } from './case-world.fixtures-spec';
import {
  PRE_BUSINESS_DATE_LEDGER_LINE,
  PRE_BUSINESS_DATE_RECTIFICATION_LOG,
} from './pre-business-date-rectification.fixtures-spec';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { StatisticsQueries } from './statistics.queries';

/**
 * A rectification item stored before its acts carried business dates (issue 17 item 7) stays
 * readable: its events have no `occurredOn`, so each act counts on the day it was recorded, as before.
 */
describe('a rectification log written before business dates', () => {
  const replay = () => {
    const log = new EventLog();
    for (const event of PRE_BUSINESS_DATE_RECTIFICATION_LOG) log.append(event.streamId, [event]);
    return log;
  };

  it('folds into the item state, its acts dated by the days they were recorded', () => {
    const decider = createRectificationDecider(createDomainConfig());
    const state = fold(decider, PRE_BUSINESS_DATE_RECTIFICATION_LOG as never[]);
    expect(state).toMatchObject({
      status: 'Reopened',
      reopenCount: 1,
      assignedOn: '2026-03-02',
      // The failed 回头看 and its reopening, recorded on 11 April 2026.
      lastActOn: '2026-04-11',
    });
  });

  it('the item accepts a new act dated no earlier than its last recorded one', () => {
    const decider = createRectificationDecider(createDomainConfig());
    const state = fold(decider, PRE_BUSINESS_DATE_RECTIFICATION_LOG as never[]);
    const start = { type: 'StartRectification', actor: ACTORS.dawaAgencyHead, at: '2026-04-20T09:00:00+08:00' };
    expect(decider.decide({ ...start, itemId: 'I1', occurredOn: '2026-04-11' } as never, state)).toHaveLength(1);
    expect(decider.decide({ ...start, itemId: 'I1', occurredOn: '2026-04-10' } as never, state)).toMatchObject({
      code: 'BUSINESS_DATE.BEFORE_PREVIOUS_ACT',
    });
  });

  it('projects the line the code that wrote it projected, plus the business dates of its acts', async () => {
    const docs = await foldProjection(rectificationLedgerProjection, replay().events);
    const { _position, ...line } = docs.get('items/I1') ?? {};
    expect(_position).toBeDefined();
    const old = PRE_BUSINESS_DATE_LEDGER_LINE as {
      lastReport: object;
      lastEvaluation: object;
    };
    // Every old field reads the same; the new ones are the days the acts were recorded.
    expect(JSON.parse(JSON.stringify(line))).toEqual({
      ...old,
      lastReport: { ...old.lastReport, on: '2026-03-10' },
      lastEvaluation: { ...old.lastEvaluation, on: '2026-03-12' },
      closedOn: '2026-03-14',
      closures: [{ closedOn: '2026-03-14', reopenedOn: '2026-04-11' }],
    });
  });

  it('counts each act on the day it was recorded', async () => {
    const store = new InMemoryReadModelStore();
    store.load(
      rectificationLedgerProjection.name,
      await foldProjection(rectificationLedgerProjection, replay().events),
    );
    const queries = new StatisticsQueries(store, new FakeFreshness());
    const directory = { counties: COUNTIES, organisationRegions: {} };
    // Assigned 2 March, closed 14 March, 回头看 failed (reopened) 11 April 2026 (recorded days).
    const march = await queries.compute(ACTORS.auditor, { ...directory, from: '2026-03-01', to: '2026-03-31' });
    expect(march.rectification).toEqual({ total: 1, closed: 1, longTerm: 0, closeRate: 1, imported: 0 });
    expect(march.lookBacks.completed).toBe(0);
    const april = await queries.compute(ACTORS.auditor, { ...directory, from: '2026-04-01', to: '2026-04-30' });
    expect([april.rectification.total, april.lookBacks.completed, april.lookBacks.failed]).toEqual([0, 1, 1]);
    const untilApril = await queries.compute(ACTORS.auditor, { ...directory, to: '2026-04-30' });
    expect(untilApril.rectification).toEqual({ total: 1, closed: 0, longTerm: 0, closeRate: 0, imported: 0 });
  });
});
