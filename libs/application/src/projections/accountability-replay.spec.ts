import { AccountabilityCommand, Actor, createAccountabilityDecider, fold, isDomainError } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { ACCOUNTABILITY_LEDGER, accountabilityLedgerProjection } from './accountability-ledger.projection';
import { ACTORS, COUNTIES } from './case-world.fixtures-spec';
import { StatisticsQueries } from './statistics.queries';

/**
 * An accountability stream as this code wrote it on 2026-12-07 (issue 17), frozen here as stored
 * JSON: it must stay readable — folded, projected and counted — by every later build. A change of an
 * event's shape needs a new event type or an upcaster, never an edit of this log.
 */
const by = { userId: 'u-justice', role: 'JusticeBureau', orgId: 'panjin.justice' };
const byHead = { userId: 'u-justice-head', role: 'JusticeBureau', orgId: 'panjin.justice' };
const AT = '2026-12-07T10:00:00+08:00';
const STORED_LOG = [
  {
    type: 'AccountabilityCaseOpened',
    data: {
      at: AT,
      by,
      accountabilityId: 'A1',
      accountabilityType: 'WrongfulCase',
      ground: 'ProcuratorateSupervision',
      clueId: 'C1',
      regionId: 'panjin/dawa',
      decidingOrgId: 'panjin.justice',
      decidingOrgRole: 'JusticeBureau',
      decidingOrgRegionId: 'panjin',
      summary: '检察监督纠正的违法行政行为',
      openedOn: '2025-04-01',
    },
  },
  {
    type: 'AccountabilityInvestigationStarted',
    data: { at: AT, by, accountabilityId: 'A1', occurredOn: '2025-04-03' },
  },
  {
    type: 'AccountabilityDecided',
    data: {
      at: AT,
      by: byHead,
      accountabilityId: 'A1',
      decisionDate: '2025-05-20',
      documentNo: '盘司追〔2025〕2号',
      persons: [
        {
          subject: {
            subjectId: 'p1',
            name: '李某',
            unit: '大洼区应急管理局',
            post: '执法队员',
            cadreRank: 'TownshipSectionOrBelow',
            isPartyMember: true,
            isPublicOfficial: true,
          },
          measureCodes: ['Admonishment', 'RemovalFromEnforcementPost'],
        },
      ],
      units: [
        {
          subject: { kind: 'Unit', subjectId: 'u1', name: '大洼区应急管理局执法大队', unit: '大洼区应急管理局' },
          measureCodes: ['Unit.NoAwards'],
        },
      ],
    },
  },
  { type: 'AccountabilityExecuted', data: { at: AT, by, accountabilityId: 'A1', occurredOn: '2025-06-01' } },
] as const;

const actor = (userId: string, position: Actor['position']): Actor => ({
  userId,
  role: 'JusticeBureau',
  position,
  orgId: 'panjin.justice',
  regionId: 'panjin',
});
type Input = AccountabilityCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'at' | 'accountabilityId'>
    : never
  : never;
/** The commands that wrote the log. */
const COMMANDS: readonly Input[] = [
  {
    type: 'OpenAccountabilityCase',
    actor: actor('u-justice', 'Staff'),
    accountabilityType: 'WrongfulCase',
    ground: 'ProcuratorateSupervision',
    clueId: 'C1',
    regionId: 'panjin/dawa',
    decidingOrg: { orgId: 'panjin.justice', role: 'JusticeBureau', regionId: 'panjin' },
    summary: '检察监督纠正的违法行政行为',
    occurredOn: '2025-04-01',
  },
  { type: 'StartAccountabilityInvestigation', actor: actor('u-justice', 'Staff'), occurredOn: '2025-04-03' },
  {
    type: 'DecideAccountability',
    actor: actor('u-justice-head', 'Head'),
    held: [
      { subject: STORED_LOG[2].data.persons[0].subject, measureCodes: ['Admonishment', 'RemovalFromEnforcementPost'] },
      { subject: STORED_LOG[2].data.units[0].subject, measureCodes: ['Unit.NoAwards'] },
    ],
    documentNo: '盘司追〔2025〕2号',
    decisionDate: '2025-05-20',
  },
  { type: 'RecordAccountabilityExecuted', actor: actor('u-justice', 'Staff'), occurredOn: '2025-06-01' },
];

describe('an accountability log written by the current code stays readable (issue 17)', () => {
  const decider = createAccountabilityDecider();
  const stored = JSON.parse(JSON.stringify(STORED_LOG)) as never[];

  it('is what the current decider writes for the commands that made it', () => {
    const written: unknown[] = [];
    for (const command of COMMANDS) {
      const result = decider.decide(
        { ...command, at: AT, accountabilityId: 'A1' } as AccountabilityCommand,
        fold(decider, written as never[]),
      );
      if (isDomainError(result)) throw new Error(result.code);
      written.push(...result);
    }
    expect(JSON.parse(JSON.stringify(written))).toEqual(stored);
  });

  it('folds, projects and counts it', async () => {
    expect(fold(decider, stored)).toMatchObject({
      status: 'Executed',
      clueId: 'C1',
      openedOn: '2025-04-01',
      decision: { decisionDate: '2025-05-20' },
      executedOn: '2025-06-01',
    });
    const log = new EventLog();
    log.append('accountability-A1', stored);
    const docs = await foldProjection(accountabilityLedgerProjection, log.events);
    expect(docs.get('cases/A1')).toMatchObject({
      status: 'Executed',
      countyId: 'panjin/dawa',
      persons: [{ subjectId: 'p1', cadreRank: 'TownshipSectionOrBelow' }],
      units: [{ subjectId: 'u1', measureCodes: ['Unit.NoAwards'] }],
    });
    const store = new InMemoryReadModelStore().load(ACCOUNTABILITY_LEDGER, docs);
    const stats = await new StatisticsQueries(store, new FakeFreshness()).compute(ACTORS.auditor, {
      counties: COUNTIES,
      organisationRegions: {},
    });
    expect([stats.accountability.cases, stats.accountability.persons, stats.accountability.units]).toEqual([1, 1, 1]);
    expect(stats.accountability.byGround.ProcuratorateSupervision).toBe(1);
  });
});
