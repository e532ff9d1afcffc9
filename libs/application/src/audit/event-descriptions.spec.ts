import { DEADLINE_ALARM_EVENT_TYPES, RECTIFICATION_EVENT_TYPES } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { CaseKind } from '../cases/case-aggregates';
import { RecordedEvent } from '../event-store/event-store.types';
import { AuditWorld, SUBJECT_NAMES, buildAuditWorld } from './audit.fixtures-spec';
import { DESCRIBED_EVENT_TYPES, describeEvent } from './describe-event';
import { DescribeContext, noNames } from './event-description';

const NAMES: Record<string, { zh: string; en: string }> = {
  'dawa.emergency': { zh: '大洼区应急管理局', en: 'Dawa District Emergency Management Bureau' },
  'panjin.rol-office': { zh: '盘锦市委法治建设办', en: 'Panjin Rule-of-Law Office' },
  'panjin.ccdi': { zh: '盘锦市纪委监委', en: 'Panjin Discipline Inspection and Supervision Commission' },
};
const directory: DescribeContext = { orgName: (orgId) => NAMES[orgId] };

const KIND_OF: Record<string, CaseKind> = { clue: 'clue', referral: 'referral', rectification: 'rectification' };
const kindOf = (event: RecordedEvent): CaseKind => KIND_OF[event.streamId.split('-')[0] ?? ''] as CaseKind;

/** Stored event types the deciders no longer write: OutcomesRecorded became OutcomesAdded (issue 17 §5). */
const LEGACY: readonly string[] = ['OutcomesRecorded'];

describe('event descriptions', () => {
  const world = new AuditWorld((clock) => new SqliteEventStore({ filename: ':memory:', clock }));
  let events: RecordedEvent[] = [];
  beforeAll(async () => {
    await buildAuditWorld(world);
    events = await world.store.readAll();
  });
  afterAll(() => world.close());

  const producedTypes = (kind: CaseKind): string[] =>
    [...new Set(events.filter((e) => kindOf(e) === kind).map((e) => e.type))].sort();

  it.each<CaseKind>(['clue', 'referral', 'rectification'])(
    'given every event type the %s decider emits in the audit world, then each has a describer and each describer is exercised',
    (kind) => {
      // The describer tables are typed over the domain unions (a missing one does not compile); this
      // checks the same at run time against what the deciders really append.
      // The 督办 ladder's events come from the deadline timer, not from users' commands: their
      // describers are exercised in deadline-alarm.describers.spec.ts.
      const ladder: readonly string[] = DEADLINE_ALARM_EVENT_TYPES;
      // Types no longer written stay described for old streams (checked below).
      expect(producedTypes(kind)).toEqual(
        [...DESCRIBED_EVENT_TYPES[kind]].filter((t) => !ladder.includes(t) && !LEGACY.includes(t)).sort(),
      );
    },
  );

  it('given the exported list of rectification event types, then the describers cover exactly that list', () => {
    expect([...DESCRIBED_EVENT_TYPES.rectification].sort()).toEqual([...RECTIFICATION_EVENT_TYPES].sort());
  });

  it('given every stored event, when described, then both languages are readable lines that never name a subject or a responsible person', () => {
    for (const event of events) {
      const d = describeEvent(kindOf(event), event, directory);
      const both = `${d.zh}\n${d.en}`;
      expect({ type: event.type, unrecognised: both.includes('nrecognised') || both.includes('未能识别') }).toEqual({
        type: event.type,
        unrecognised: false,
      });
      expect(both).not.toMatch(/undefined|\[object Object\]|NaN/);
      for (const name of SUBJECT_NAMES) expect(both).not.toContain(name);
      expect(d.zh.length).toBeGreaterThan(4);
      expect(d.en.length).toBeGreaterThan(4);
    }
  });

  it('given a rectification plan of one item submitted by the agency, then the description names the agency and counts the items', () => {
    const plan = events.find((e) => e.type === 'RectificationPlanSubmitted') as RecordedEvent;
    expect(describeEvent('clue', plan, directory)).toEqual({
      zh: '大洼区应急管理局 提交整改方案（1项）',
      en: 'Dawa District Emergency Management Bureau submitted a rectification plan (1 item)',
    });
  });

  it('given a 销号 entered after the day it happened, then the description names its business date (issue 17 item 7)', () => {
    const closed = events.find((e) => e.type === 'ItemClosed') as RecordedEvent;
    const entered = describeEvent('rectification', closed, directory);
    expect(entered.zh).not.toContain('业务日期');
    const dated = { ...closed, data: { ...closed.data, occurredOn: '2024-05-06' } };
    const d = describeEvent('rectification', dated, directory);
    expect(d.zh).toBe(`${entered.zh}（业务日期 2024-05-06）`);
    expect(d.en).toBe(`${entered.en} (business date 2024-05-06)`);
  });

  it('given an organisation the directory does not know, then its id stands in for the name', () => {
    const sent = events.find((e) => e.type === 'ReferralSent') as RecordedEvent;
    expect(describeEvent('referral', sent, noNames).en).toBe('panjin.rol-office sent the referral to panjin.ccdi');
    expect(describeEvent('referral', sent, directory).zh).toBe('盘锦市委法治建设办 移送至 盘锦市纪委监委');
  });

  it('given a referral drafted for two subjects, then the description counts them and cites the matched situation and the rulebook version', () => {
    const drafted = events.find((e) => e.type === 'ReferralDrafted' && e.streamId === 'referral-R1') as RecordedEvent;
    const d = describeEvent('referral', drafted, directory);
    expect(d.zh).toContain('被反映人 2 名');
    expect(d.en).toContain('2 subjects; situations FailToCorrectIllegalAct; rulebook v1; mandatory');
  });

  it('given an OutcomesRecorded of an old stream, then it is still described, as it was recorded', () => {
    const added = events.find((e) => e.type === 'OutcomesAdded' && e.streamId === 'referral-R1') as RecordedEvent;
    const { complete: _complete, ...data } = added.data as { complete: boolean };
    const legacy = { ...added, type: 'OutcomesRecorded', data };
    expect(describeEvent('referral', legacy, directory).en).toMatch(
      /^Panjin Discipline Inspection and Supervision Commission recorded 2 outcomes for 1 person, feedback due /,
    );
  });

  it('given outcomes left open for the 组织部, then the description says another body still decides', () => {
    const added = events.find((e) => e.type === 'OutcomesAdded' && e.streamId === 'referral-R2') as RecordedEvent;
    expect(describeEvent('referral', added, directory).zh).toContain('尚待其他机关作出处理');
  });

  it('given an event type this build does not know, or a payload it cannot read, then a neutral line is returned instead of an error', () => {
    expect(describeEvent('clue', { type: 'SomethingNew', data: {} }, directory)).toEqual({
      zh: '未能识别的事件（SomethingNew）',
      en: 'Unrecognised event (SomethingNew)',
    });
    expect(
      describeEvent('clue', { type: 'RectificationPlanSubmitted', data: { by: { orgId: 'x' } } }, directory).en,
    ).toBe('Unrecognised event (RectificationPlanSubmitted)');
    expect(describeEvent('clue', { type: 'toString', data: {} }, directory).en).toBe('Unrecognised event (toString)');
  });
});
