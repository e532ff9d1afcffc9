import { deciderSpec, workflowSpec } from '@xj/testing';
import { createDomainConfig } from '../domain-config';
import { createRectificationDecider } from '../rectification/rectification.decider';
import { Actor } from '../shared/actor';
import { isDomainError } from '../shared/domain-error';
import {
  LOOK_BACK_ROUND_ACTOR_ID,
  lookBackRoundWorkflow,
  roundLookBackKey,
} from '../workflow/look-back-round.workflow';
import { LaunchLookBackRound, canSeeLookBackRound, createLookBackRoundDecider } from './look-back-round';

/*
 * 回头看 as a campaign over closed items (issue 17; DOMAIN.md §1.3 回头看 and §4.1 C12; seed 001 蓬江:
 * "对已基本完成的整改任务，适时组织回头看"): one command picks the items closed in a period and
 * assigns a look-back to each through the items' own ScheduleLookBack.
 */
const spec = deciderSpec(createLookBackRoundDecider());
const head: Actor = {
  userId: 'u-head',
  role: 'RuleOfLawOffice',
  position: 'Head',
  orgId: 'dawa.rol-office',
  regionId: 'panjin/dawa',
};
const AT = '2026-09-01T10:00:00+08:00';
const item = (itemId: string, agencyOrgId = 'dawa.emergency') => ({ itemId, regionId: 'panjin/dawa', agencyOrgId });
const launch = (over: Partial<LaunchLookBackRound> = {}): LaunchLookBackRound => ({
  type: 'LaunchLookBackRound',
  actor: head,
  at: AT,
  roundId: 'lb-1',
  regionId: 'panjin/dawa',
  closedFrom: '2026-01-01',
  closedTo: '2026-06-30',
  items: [item('I1'), item('I2')],
  ...over,
});

describe('回头看 round (issue 17)', () => {
  it('a supervising head launches a round over the items closed in the period; one event names them all', () => {
    const [event] = spec.given([]).when(launch()).thenEvents();
    expect(event?.data).toMatchObject({ roundId: 'lb-1', ownerOrgId: 'dawa.rol-office', itemIds: ['I1', 'I2'] });
  });

  it('refuses staff, another region, an item outside the agency filter, a past look-back date, a used id', () => {
    spec
      .given([])
      .when(launch({ actor: { ...head, position: 'Staff' } }))
      .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
    spec
      .given([])
      .when(launch({ regionId: 'panjin/panshan' }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
    spec
      .given([])
      .when(launch({ agencyOrgId: 'dawa.housing' }))
      .thenError('Validation', 'LOOKBACK.ITEM_OUTSIDE_FILTER');
    spec
      .given([])
      .when(launch({ lookBackOn: '2026-08-01' }))
      .thenError('Validation', 'LOOKBACK.DATE_IN_PAST');
    const once = spec.given([]).when(launch()).thenEvents();
    spec.given(once).when(launch()).thenError('Conflict', 'LOOKBACK.DUPLICATE_ID');
  });

  it('records a round that found nothing waiting (a re-run after the first): it assigns nothing', () => {
    const [event] = spec
      .given([])
      .when(launch({ items: [] }))
      .thenEvents();
    expect(event?.data.itemIds).toEqual([]);
  });

  it('the workflow schedules each item once, keyed by round and item, as the round’s supervisor', () => {
    const [event] = spec
      .given([])
      .when(launch({ lookBackOn: '2026-10-08' }))
      .thenEvents();
    const input = {
      category: 'lookbackround',
      streamId: 'lb-1',
      eventId: 'e1',
      type: event?.type ?? '',
      data: event?.data ?? {},
    };
    const commands = workflowSpec(lookBackRoundWorkflow).given([]).when(input).thenCommands();
    expect(commands.map((c) => [c.id, c.key])).toEqual([
      ['I1', roundLookBackKey('lb-1', 'I1')],
      ['I2', roundLookBackKey('lb-1', 'I2')],
    ]);
    expect(commands[0]?.command).toEqual({
      type: 'ScheduleLookBack',
      actor: { ...head, userId: LOOK_BACK_ROUND_ACTOR_ID },
      at: AT,
      itemId: 'I1',
      lookBackOn: '2026-10-08',
    });
  });

  it('sends the item its own ScheduleLookBack (C12): the item’s decider judges it, e.g. refuses an item not closed', () => {
    const [event] = spec.given([]).when(launch()).thenEvents();
    const input = {
      category: 'lookbackround',
      streamId: 'lb-1',
      eventId: 'e1',
      type: event?.type ?? '',
      data: event?.data ?? {},
    };
    const [first] = workflowSpec(lookBackRoundWorkflow).given([]).when(input).thenCommands();
    const items = createRectificationDecider(createDomainConfig());
    const closedItem = items.evolve(items.initialState(), {
      type: 'RectificationItemAssigned',
      data: {
        at: '2026-03-01T10:00:00+08:00',
        by: { userId: 'u', role: 'RuleOfLawOffice', orgId: 'dawa.rol-office' },
        itemId: 'I1',
        clueId: 'c1',
        regionId: 'panjin/dawa',
        supervisorOrgId: 'dawa.rol-office',
        agencyOrgId: 'dawa.emergency',
        mode: 'Immediate',
        issue: 'x',
        measures: 'y',
        owner: 'o',
        responsiblePerson: 'r',
        evidence: [],
      },
    } as never);
    const result = items.decide(first?.command as never, closedItem);
    // Not closed yet: refused for its state, not for who sends it.
    expect(isDomainError(result) && result.code).toBe('RECTIFICATION.WRONG_STATE');
  });

  describe('with its business date (业务日期, issue 17 item 7)', () => {
    it('records the day of the launch; the look-back date may not precede it (not the day of entry)', () => {
      const [event] = spec
        .given([])
        .when(launch({ occurredOn: '2026-07-06', lookBackOn: '2026-08-03' }))
        .thenEvents();
      expect(event?.data).toMatchObject({ occurredOn: '2026-07-06', lookBackOn: '2026-08-03', at: AT });
      spec
        .given([])
        .when(launch({ occurredOn: '2026-07-06', lookBackOn: '2026-07-03' }))
        .thenError('Validation', 'LOOKBACK.DATE_IN_PAST');
    });

    it('refuses a day after the day of entry, before the end of the period looked back on, or not a date', () => {
      spec
        .given([])
        .when(launch({ occurredOn: '2026-09-02' }))
        .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
      spec
        .given([])
        .when(launch({ occurredOn: '2026-06-29' }))
        .thenError('Validation', 'LOOKBACK.BEFORE_PERIOD_END');
      spec
        .given([])
        .when(launch({ occurredOn: '2026-06-31' }))
        .thenError('Validation', 'VALIDATION.DATE');
      expect(
        spec
          .given([])
          .when(launch({ occurredOn: '2026-06-30' }))
          .thenEvents(),
      ).toHaveLength(1);
    });

    it('the workflow schedules each item on the round’s business date', () => {
      const [event] = spec
        .given([])
        .when(launch({ occurredOn: '2026-07-06' }))
        .thenEvents();
      const input = { category: 'lookbackround', streamId: 'lb-1', eventId: 'e1', type: 'LookBackRoundLaunched' };
      const commands = workflowSpec(lookBackRoundWorkflow)
        .given([])
        .when({ ...input, data: event?.data ?? {} })
        .thenCommands();
      expect(commands.map((c) => (c.command as { occurredOn?: string }).occurredOn)).toEqual([
        '2026-07-06',
        '2026-07-06',
      ]);
    });
  });

  it('is read by the supervising side of its region and the auditor only', () => {
    const state = spec.given([]).when(launch()).thenState();
    expect(canSeeLookBackRound(head, state)).toBe(true);
    expect(canSeeLookBackRound({ role: 'Auditor', regionId: '' }, state)).toBe(true);
    expect(canSeeLookBackRound({ role: 'RuleOfLawOffice', regionId: 'panjin/panshan' }, state)).toBe(false);
    expect(canSeeLookBackRound({ role: 'EnforcementAgency', regionId: 'panjin/dawa' }, state)).toBe(false);
  });
});
