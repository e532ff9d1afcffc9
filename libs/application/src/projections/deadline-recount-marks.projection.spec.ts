import {
  BusinessCalendar,
  HolidayYear,
  RectificationCommand,
  RectificationEvent,
  SHIPPED_HOLIDAY_YEARS,
  createDomainConfig,
  createRectificationDecider,
  fold,
} from '@xj/domain';
import { EventLog, projectionSpec } from '@xj/testing';
import { ACTORS, CaseWorld, day } from './case-world.fixtures-spec';
import { rectificationLedgerProjection } from './rectification-ledger.projection';

/**
 * A resumed (中止 → 恢复) due date that ran into a year without a table is provisional; when the
 * table arrives the recount (DeadlineRecomputed, issue 15 §4) moves it, and the ledger line keeps
 * its 延期 / 中止 mark at the new date instead of dropping it as stale.
 */

/** A table made up for tests: NOT the State Council's 2027 notice, which has not been published. */
const TEST_2027: HolidayYear = {
  year: 2027,
  source: 'test table (not an official notice)',
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  makeUpWorkdays: ['2027-01-02'],
};
const with2027 = new BusinessCalendar([...SHIPPED_HOLIDAY_YEARS, TEST_2027]);
const recounting = createRectificationDecider(createDomainConfig({ calendarSource: { current: () => with2027 } }));

const office = ACTORS.cityOfficeHead;
const RULE = 'InspectionFeedbackRectification';

describe('a recounted resumed due date on the rectification ledger', () => {
  it('moves the date, drops the provisional flag and keeps the mark at the new date', async () => {
    const log = new EventLog();
    const w = new CaseWorld(log);
    const at = day(280); // 2026-12-07
    const history = [
      ...w.item({
        type: 'AssignRectificationItem',
        actor: office,
        at,
        itemId: 'i1',
        clueId: 'c1',
        regionId: 'panjin/dawa',
        agencyOrgId: 'dawa.emergency',
        mode: 'Deadline',
        issue: '罚款未履行告知程序',
        measures: '重新告知',
        dueDate: '2027-02-26',
        owner: '王局长',
        responsiblePerson: '张科长',
      }),
      ...w.item({ type: 'PauseDeadline', actor: office, at: day(290), itemId: 'i1', rule: RULE, reason: '等待鉴定' }),
      ...w.item({ type: 'ResumeDeadline', actor: office, at: day(294), itemId: 'i1', rule: RULE }),
    ] as RectificationEvent[];
    const items = projectionSpec(rectificationLedgerProjection);
    const item = { collection: 'items', id: 'i1' };
    const resumed = await items.given(log.events).thenMatch(item, {
      dueProvisional: true,
      dueMark: { paused: false, extended: false, originalDueOn: '2027-02-26' },
    });
    const command: RectificationCommand = {
      type: 'RecomputeDeadline',
      actor: ACTORS.admin,
      at: day(300),
      itemId: 'i1',
      slot: 'deadline',
      rule: RULE,
      cause: { year: 2027, calendarEventId: 'evt-2027', source: TEST_2027.source },
    };
    const recount = recounting.decide(command, fold(recounting, history)) as RectificationEvent[];
    expect(recount.map((e) => e.type)).toEqual(['DeadlineRecomputed']);
    log.append('rectification-i1', recount);
    const doc = await items.given(log.events).thenMatch(item, {
      dueMark: { paused: false, extended: false, originalDueOn: '2027-02-26' },
    });
    // The 2027 holidays of 5 and 8 February push the resumed date back two working days.
    expect(doc['dueOn']).toBe(with2027.addWorkingDays(String(resumed['dueOn']), 2));
    expect((doc['dueMark'] as { dueOn: string }).dueOn).toBe(doc['dueOn']);
    expect(doc['dueProvisional']).toBeUndefined();
    await items.given(log.events).thenReplayChangesNothing();
  });
});
