import {
  AccountabilityCommand,
  AccountabilityEvent,
  Actor,
  createAccountabilityDecider,
  fold,
  isDomainError,
} from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { accountabilityLedgerProjection } from './accountability-ledger.projection';
import { ACTORS, COUNTIES } from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { rectificationLedgerProjection } from './rectification-ledger.projection';
import { StatisticsQueries } from './statistics.queries';

/*
 * Accountability outside the commission (issue 17: 行政执法过错责任追究 / 行政错案问责) is counted apart
 * from the commission's outcomes, each fact on its business date, on a dataset worked out by hand.
 * Everything is entered on 2026-03-02; the acts carry their own dates:
 *
 * a1 大洼, 行政错案问责 (court-ruled loss), opened by the city justice bureau 2025-03-01, decided
 *    2025-06-01: person p1 (乡科级; 责令检查 + 扣减绩效) and unit u1 (通报批评).
 * a2 盘山, 行政执法过错责任追究, opened by the Panshan justice bureau 2025-11-20, decided 2026-01-10:
 *    person p2 (县处级; 诫勉).
 * a3 大洼, 行政错案问责 (corrected by reconsideration), opened 2026-02-01, withdrawn 2026-02-20 (不予追究).
 *
 * By hand: 3 cases (2 wrong-case, 1 enforcement fault), 1 withdrawn, 2 persons, 1 unit. 2025: cases
 * a1, a2 (2); persons p1 (1); units u1 (1). 2026: case a3 (1); person p2 (1); no unit. 大洼: 2 cases,
 * 1 person, 1 unit; 盘山: 1 case, 1 person. The commission's own persons and units: none.
 */
const AT = '2026-03-02T10:00:00+08:00';
const justice = (position: Actor['position'], orgId: string, regionId: string): Actor => ({
  userId: `u-${orgId}-${position}`,
  role: 'JusticeBureau',
  position,
  orgId,
  regionId,
});
const city = justice('Staff', 'panjin.justice', 'panjin');
const cityHead = justice('Head', 'panjin.justice', 'panjin');
const panshan = justice('Staff', 'panshan.justice', 'panjin/panshan');
const panshanHead = justice('Head', 'panshan.justice', 'panjin/panshan');
const person = (subjectId: string, cadreRank: 'CountyDivision' | 'TownshipSectionOrBelow') => ({
  subjectId,
  name: `某${subjectId}`,
  unit: '某执法局',
  post: '执法队员',
  cadreRank,
  isPartyMember: false,
  isPublicOfficial: true,
});

type Input = AccountabilityCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'at' | 'accountabilityId'>
    : never
  : never;
const decider = createAccountabilityDecider();
const run = (log: EventLog, id: string, commands: readonly Input[]) => {
  const events: AccountabilityEvent[] = [];
  for (const command of commands) {
    const result = decider.decide(
      { ...command, at: AT, accountabilityId: id } as AccountabilityCommand,
      fold(decider, events),
    );
    if (isDomainError(result)) throw new Error(`${id}: ${result.code}`);
    events.push(...result);
  }
  log.append(`accountability-${id}`, events);
};

const buildDataset = (log: EventLog): void => {
  const cityBureau = { orgId: 'panjin.justice', role: 'JusticeBureau' as const, regionId: 'panjin' };
  run(log, 'a1', [
    {
      type: 'OpenAccountabilityCase',
      actor: city,
      accountabilityType: 'WrongfulCase',
      ground: 'CourtRuledLoss',
      regionId: 'panjin/dawa',
      decidingOrg: cityBureau,
      summary: '行政处罚被判决撤销',
      occurredOn: '2025-03-01',
    },
    { type: 'StartAccountabilityInvestigation', actor: city, occurredOn: '2025-03-05' },
    {
      type: 'DecideAccountability',
      actor: cityHead,
      held: [
        {
          subject: person('p1', 'TownshipSectionOrBelow'),
          measureCodes: ['OrderSelfExamination', 'PerformancePayDeduction'],
        },
        {
          subject: { kind: 'Unit', subjectId: 'u1', name: '大洼区应急管理局执法大队', unit: '大洼区应急管理局' },
          measureCodes: ['Unit.CirculatedCriticism'],
        },
      ],
      decisionDate: '2025-06-01',
    },
  ]);
  run(log, 'a2', [
    {
      type: 'OpenAccountabilityCase',
      actor: panshan,
      accountabilityType: 'EnforcementFault',
      regionId: 'panjin/panshan',
      decidingOrg: { orgId: 'panshan.justice', role: 'JusticeBureau', regionId: 'panjin/panshan' },
      summary: '执法程序违法',
      occurredOn: '2025-11-20',
    },
    { type: 'StartAccountabilityInvestigation', actor: panshan, occurredOn: '2025-12-01' },
    {
      type: 'DecideAccountability',
      actor: panshanHead,
      held: [{ subject: person('p2', 'CountyDivision'), measureCodes: ['Admonishment'] }],
      decisionDate: '2026-01-10',
    },
  ]);
  run(log, 'a3', [
    {
      type: 'OpenAccountabilityCase',
      actor: city,
      accountabilityType: 'WrongfulCase',
      ground: 'ReconsiderationCorrected',
      regionId: 'panjin/dawa',
      decidingOrg: cityBureau,
      summary: '行政复议纠错',
      occurredOn: '2026-02-01',
    },
    { type: 'WithdrawAccountability', actor: cityHead, reason: '经调查不存在执法过错', occurredOn: '2026-02-20' },
  ]);
};

describe('accountability outside the commission in the statistics (issue 17), on a hand-computed dataset', () => {
  let queries: StatisticsQueries;
  const DIRECTORY = { counties: COUNTIES, organisationRegions: {} };
  beforeAll(async () => {
    const log = new EventLog();
    buildDataset(log);
    const store = new InMemoryReadModelStore();
    for (const projection of [
      clueLedgerProjection,
      commissionInboxProjection,
      rectificationLedgerProjection,
      accountabilityLedgerProjection,
    ])
      store.load(projection.name, await foldProjection(projection, log.events));
    queries = new StatisticsQueries(store, new FakeFreshness());
  });
  const year = (y: string) => queries.compute(ACTORS.auditor, { ...DIRECTORY, from: `${y}-01-01`, to: `${y}-12-31` });

  it('counts cases, persons (with rank) and units by type, ground and measure, apart from the commission’s outcomes', async () => {
    const stats = await queries.compute(ACTORS.auditor, DIRECTORY);
    expect(stats.accountability).toEqual({
      cases: 3,
      byType: { EnforcementFault: 1, WrongfulCase: 2 },
      byGround: { CourtRuledLoss: 1, ProcuratorateSupervision: 0, ReconsiderationCorrected: 1 },
      withdrawn: 1,
      persons: 2,
      personsByType: { EnforcementFault: 1, WrongfulCase: 1 },
      personsByRank: { DepartmentBureau: 0, CountyDivision: 1, TownshipSectionOrBelow: 1 },
      personsByMeasure: { OrderSelfExamination: 1, PerformancePayDeduction: 1, Admonishment: 1 },
      units: 1,
      unitsByType: { EnforcementFault: 0, WrongfulCase: 1 },
      unitsByMeasure: { 'Unit.CirculatedCriticism': 1 },
      byYear: [
        { year: '2025', cases: 2, persons: 1, units: 1 },
        { year: '2026', cases: 1, persons: 1, units: 0 },
      ],
      byCounty: [
        { regionId: 'panjin/dawa', cases: 2, persons: 1, units: 1 },
        { regionId: 'panjin/panshan', cases: 1, persons: 1, units: 0 },
        { regionId: 'panjin/shuangtaizi', cases: 0, persons: 0, units: 0 },
        { regionId: 'panjin/xinglongtai', cases: 0, persons: 0, units: 0 },
      ],
    });
    expect(stats.persons.total).toBe(0);
    expect(stats.units.total).toBe(0);
  });

  it('dates each fact by its business date: a case on its 立项, persons and units on the decision', async () => {
    const [y2025, y2026] = [await year('2025'), await year('2026')];
    expect([y2025.accountability.cases, y2025.accountability.persons, y2025.accountability.units]).toEqual([2, 1, 1]);
    expect([y2026.accountability.cases, y2026.accountability.persons, y2026.accountability.units]).toEqual([1, 1, 0]);
  });

  it('the commission counts none of it (it cannot open these cases); a county office only its county’s', async () => {
    expect((await queries.compute(ACTORS.cityCcdi, DIRECTORY)).accountability.cases).toBe(0);
    const dawa = await queries.compute(ACTORS.dawaOfficeHead, DIRECTORY);
    expect([dawa.accountability.cases, dawa.accountability.persons]).toEqual([2, 1]);
  });
});
