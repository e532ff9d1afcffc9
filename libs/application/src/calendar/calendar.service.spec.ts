import { PRC_2026_FOR_TESTS, TEST_2027, admin, table2027 } from './calendar.fixtures-spec';
import { inMemoryEventStore } from '@xj/testing';
import { CalendarService, holidayYearFileCommandId } from './calendar.service';

const context = (commandId: string) => ({ commandId, correlationId: commandId });

describe('CalendarService: the calendar follows the calendar stream at run time (issue 15 §4)', () => {
  const base = [{ table: PRC_2026_FOR_TESTS, origin: 'Shipped' as const }];

  it('decides with a year set through the service from the next command on, without a restart', async () => {
    const store = inMemoryEventStore();
    const service = new CalendarService(store, base);
    await service.start();
    expect(service.current().isWorkingDay('2027-01-01')).toBe(true); // weekends only: no 2027 table
    await service.set(table2027(), context('c-1'));
    expect(service.current().isWorkingDay('2027-01-01')).toBe(false);
    expect(service.inForce().map((e) => [e.table.year, e.origin])).toEqual([
      [2026, 'Shipped'],
      [2027, 'Api'],
    ]);
    await service.stop();
  });

  it('follows a table set by another process (an API replica) through its subscription', async () => {
    const store = inMemoryEventStore();
    const replica = new CalendarService(store, base);
    const worker = new CalendarService(store, base);
    await worker.start();
    await replica.set(table2027(), context('c-1'));
    for (let i = 0; i < 50 && !worker.current().hasTableFor(2027); i += 1) await new Promise((r) => setImmediate(r));
    expect(worker.current().hasTableFor(2027)).toBe(true);
    await worker.stop();
  });

  it('reads what the stream holds on refresh(), e.g. after a restart', async () => {
    const store = inMemoryEventStore();
    await new CalendarService(store, base).set(table2027(), context('c-1'));
    const restarted = new CalendarService(store, base);
    expect(restarted.current().hasTableFor(2027)).toBe(false);
    await restarted.refresh();
    expect(restarted.current().hasTableFor(2027)).toBe(true);
  });

  it('reports a missing year from 60 days before it starts, and this year when it has none', () => {
    const service = new CalendarService(inMemoryEventStore(), base);
    expect(service.missingYears('2026-11-01')).toEqual([]); // 2027 starts in 61 days
    expect(service.missingYears('2026-11-02')).toEqual([2027]);
    expect(service.missingYears('2026-12-07')).toEqual([2027]);
    expect(service.missingYears('2027-06-01')).toEqual([2027]);
  });

  it('refuses a non-administrator and writes nothing', async () => {
    const store = inMemoryEventStore();
    const service = new CalendarService(store, base);
    await expect(
      service.set({ ...table2027(), actor: { ...admin, role: 'RuleOfLawOffice' } }, context('c-1')),
    ).rejects.toMatchObject({ domainError: { code: 'AUTH.ROLE_NOT_ALLOWED' } });
    expect(await store.readStream('calendar-prc')).toEqual([]);
  });

  describe('a year added by file (recorded at start-up so its provisional deadlines are recounted)', () => {
    const withFile = [...base, { table: TEST_2027, origin: 'File' as const }];
    const fileEvents = async (store: ReturnType<typeof inMemoryEventStore>) =>
      (await store.readStream('calendar-prc')).filter((e) => e.data['origin'] === 'File');

    it('records the file year once, by the system, with the id of the year: two processes at once and a restart', async () => {
      const store = inMemoryEventStore();
      const at = '2026-12-07T09:00:00+08:00';
      const [a, b] = await Promise.all([
        new CalendarService(store, withFile).recordFileYears(at),
        new CalendarService(store, withFile).recordFileYears(at),
      ]);
      // Both may report the year (the loser's append is recognised as the same events); the stream holds it once.
      expect(new Set([...a, ...b])).toEqual(new Set([2027]));
      expect(await new CalendarService(store, withFile).recordFileYears(at)).toEqual([]);
      const events = await fileEvents(store);
      expect(events).toHaveLength(1);
      expect(events[0]?.data).toMatchObject({ year: 2027, by: { userId: 'system:calendar-files' } });
      expect(events[0]?.metadata.commandId).toBe(holidayYearFileCommandId(2027));
    });

    it('records nothing for a year set through the API before its file arrived, and nothing without files', async () => {
      const store = inMemoryEventStore();
      await new CalendarService(store, base).set(table2027(), context('c-1'));
      expect(await new CalendarService(store, withFile).recordFileYears('2026-12-08T09:00:00+08:00')).toEqual([]);
      expect(
        await new CalendarService(inMemoryEventStore(), base).recordFileYears('2026-12-08T09:00:00+08:00'),
      ).toEqual([]);
      expect(await fileEvents(store)).toEqual([]);
    });
  });
});
