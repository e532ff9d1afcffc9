import { Actor } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACTORS, COUNTIES, CaseWorld, headOf } from './case-world.fixtures-spec';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { StatisticsQueries } from './statistics.queries';

/**
 * Issue 17 item 7 for rectification: items and 回头看 count on the business date of their acts, not on
 * the day they were entered. A 2024 整改台账 is caught up on 10 February 2025 (`ENTERED`); one item
 * is entered on its own day in 2025.
 *
 * i1 大洼  assigned 2024-03-04, reported 2024-04-15, evaluated (pass) 2024-04-20, 销号 2024-05-06,
 *          回头看 passed 2024-09-02.
 * i2 大洼  assigned 2024-06-03, 销号 2024-09-02; 回头看 failed 2025-01-15, so reopened that day.
 * i3 盘山  assigned 2024-11-04, reported, not yet evaluated.
 * i5 大洼  长期坚持, assigned 2024-07-01, 销号 (into long-term maintenance) 2024-12-02.
 * i4 大洼  assigned and entered on 2025-03-03 (no business date given), still open.
 *
 * Worked out by hand (close rate = items of the period closed at its end / items of the period):
 * - 2024: items i1 i2 i3 i5 (4); closed on 31 Dec 2024: i1, i2 (its reopening came in 2025), and i5
 *   long-term → closed 2, longTerm 1, rate 3/4 = 0.75. 回头看 in 2024: i1 passed → 1 done, 0 failed.
 *   By county: 大洼 3, 盘山 1.
 * - 2025: items i4 (1), none closed → rate 0. 回头看: i2 failed → 1 done, 1 failed, rate 1.
 * - all time: 5 items; closed now i1 and i5 (i2 is reopened) → closed 1, longTerm 1, rate 0.4;
 *   回头看 2 done, 1 failed.
 */
const ENTERED = '2025-02-10T09:30:00+08:00';
const DIRECTORY = { counties: COUNTIES, organisationRegions: {} };
const office = ACTORS.cityOfficeHead;
const dawaAgency = ACTORS.dawaAgencyHead;
const panshanAgency = headOf('EnforcementAgency', 'panshan.urban-mgmt', 'panjin/panshan');

const on = (occurredOn: string | undefined) => (occurredOn !== undefined ? { occurredOn } : {});

const assign = (
  w: CaseWorld,
  itemId: string,
  agency: Actor,
  mode: 'Deadline' | 'LongTerm',
  occurredOn: string | undefined,
  at = ENTERED,
) =>
  w.item({
    type: 'AssignRectificationItem',
    actor: office,
    at,
    itemId,
    clueId: `clue-${itemId}`,
    regionId: agency.regionId,
    agencyOrgId: agency.orgId,
    mode,
    issue: '行政处罚案卷未载明法律依据',
    measures: '逐案补正',
    ...(mode === 'LongTerm' ? { longTermTarget: '执法全过程记录' } : { dueDate: '2025-12-31' }),
    owner: '局长',
    responsiblePerson: '科长',
    ...on(occurredOn),
  });

/** Start and report on `reportedOn`; evaluate (pass) on `evaluatedOn`; 销号 on `closedOn`. */
const work = (
  w: CaseWorld,
  itemId: string,
  agency: Actor,
  dates: { reportedOn: string; evaluatedOn?: string; closedOn?: string },
) => {
  w.item({ type: 'StartRectification', actor: agency, at: ENTERED, itemId, occurredOn: dates.reportedOn });
  w.item({
    type: 'ReportRectification',
    actor: agency,
    at: ENTERED,
    itemId,
    report: '已整改',
    evidence: ['整改报告'],
    occurredOn: dates.reportedOn,
  });
  if (dates.evaluatedOn === undefined) return;
  w.item({
    type: 'EvaluateRectification',
    actor: office,
    at: ENTERED,
    itemId,
    method: 'Document',
    result: 'Pass',
    notes: '书面评估',
    occurredOn: dates.evaluatedOn,
  });
  if (dates.closedOn !== undefined)
    w.item({ type: 'CloseItem', actor: office, at: ENTERED, itemId, occurredOn: dates.closedOn });
};

const lookBack = (w: CaseWorld, itemId: string, result: 'Pass' | 'Fail', occurredOn: string) =>
  w.item({
    type: 'CompleteLookBack',
    actor: office,
    at: ENTERED,
    itemId,
    method: 'OnSite',
    result,
    notes: '实地回头看',
    ...(result === 'Fail' ? { reasons: ['问题反弹'], newDueDate: '2025-06-30' } : {}),
    occurredOn,
  });

const buildDataset = (w: CaseWorld) => {
  assign(w, 'i1', dawaAgency, 'Deadline', '2024-03-04');
  work(w, 'i1', dawaAgency, { reportedOn: '2024-04-15', evaluatedOn: '2024-04-20', closedOn: '2024-05-06' });
  lookBack(w, 'i1', 'Pass', '2024-09-02');

  assign(w, 'i2', dawaAgency, 'Deadline', '2024-06-03');
  work(w, 'i2', dawaAgency, { reportedOn: '2024-08-01', evaluatedOn: '2024-08-20', closedOn: '2024-09-02' });
  lookBack(w, 'i2', 'Fail', '2025-01-15');

  assign(w, 'i3', panshanAgency, 'Deadline', '2024-11-04');
  work(w, 'i3', panshanAgency, { reportedOn: '2024-12-16' });

  assign(w, 'i5', dawaAgency, 'LongTerm', '2024-07-01');
  work(w, 'i5', dawaAgency, { reportedOn: '2024-10-08', evaluatedOn: '2024-11-20', closedOn: '2024-12-02' });

  assign(w, 'i4', dawaAgency, 'Deadline', undefined, '2025-03-03T10:00:00+08:00');
};

describe('rectification and 回头看 figures by business date (issue 17 item 7)', () => {
  let queries: StatisticsQueries;
  beforeAll(async () => {
    const log = new EventLog();
    buildDataset(new CaseWorld(log));
    const store = new InMemoryReadModelStore();
    store.load(rectificationLedgerProjection.name, await foldProjection(rectificationLedgerProjection, log.events));
    queries = new StatisticsQueries(store, new FakeFreshness());
  });
  const year = (y: string) => queries.compute(ACTORS.auditor, { ...DIRECTORY, from: `${y}-01-01`, to: `${y}-12-31` });

  it('counts the items assigned and closed in 2024 in 2024, though entered in 2025', async () => {
    const stats = await year('2024');
    expect(stats.rectification).toEqual({ total: 4, closed: 2, longTerm: 1, closeRate: 0.75, imported: 0 });
    expect(stats.byCounty.map((c) => [c.regionId, c.rectificationItems])).toEqual([
      ['panjin/dawa', 3],
      ['panjin/panshan', 1],
      ['panjin/shuangtaizi', 0],
      ['panjin/xinglongtai', 0],
    ]);
  });

  it('counts a 回头看 in the year it was done', async () => {
    expect((await year('2024')).lookBacks).toEqual({ completed: 1, failed: 0, failureRate: 0 });
    expect((await year('2025')).lookBacks).toEqual({ completed: 1, failed: 1, failureRate: 1 });
  });

  it('in 2025 counts only the item assigned in 2025 (entered on its day)', async () => {
    expect((await year('2025')).rectification).toEqual({ total: 1, closed: 0, longTerm: 0, closeRate: 0, imported: 0 });
  });

  it('an item closed in 2024 and reopened by a failed 回头看 in 2025 is closed at the end of 2024, not now', async () => {
    const all = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(all.rectification).toEqual({ total: 5, closed: 1, longTerm: 1, closeRate: 0.4, imported: 0 });
    expect(all.lookBacks).toEqual({ completed: 2, failed: 1, failureRate: 0.5 });
    const untilMidJanuary = await queries.compute(ACTORS.auditor, { ...DIRECTORY, to: '2025-01-14' });
    expect(untilMidJanuary.rectification).toEqual({ total: 4, closed: 2, longTerm: 1, closeRate: 0.75, imported: 0 });
  });
});
