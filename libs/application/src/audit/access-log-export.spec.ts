import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { FixedClock } from '../event-store/clock.port';
import { AccessLog } from './access-log';
import { ACCESS_EXPORT_TYPE, EXPORT_IDS_PER_EVENT, exportCovers, exportEventsData } from './access-log-export.codec';
import { packUuid } from './access-log.codec';
import { AccessRecord } from './access-log.types';

const auditor = { userId: 'u-auditor', role: 'Auditor', orgId: 'panjin.audit', position: 'Staff', regionId: 'panjin' };
const exportRead: AccessRecord = {
  target: { kind: 'clue', id: '*' },
  action: 'export',
  outcome: 'allowed',
  reader: auditor,
  request: { method: 'GET', path: '/api/v1/ledgers/clues/export.xlsx', correlationId: 'corr-x', clientIp: '10.0.0.7' },
  detail: 'clue-ledger.xlsx',
};
const window = { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z', limit: 100 };

describe('AccessLog: a ledger export is one record, its cases listed once (issue 19 §3)', () => {
  let store: SqliteEventStore;
  let log: AccessLog;
  beforeEach(() => {
    const clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
    store = new SqliteEventStore({ filename: ':memory:', clock });
    log = new AccessLog(store, clock);
  });
  afterEach(() => store.close());

  it('given an export larger than one event holds, then its ids are split over events appended together, and every case finds the export', async () => {
    const ids = Array.from({ length: EXPORT_IDS_PER_EVENT + 1_234 }, () => randomUUID());
    const others = ['legacy-7', 'CLUE-2026-001'];
    await log.record({
      ...exportRead,
      target: { kind: 'clue', id: ids[5] as string },
      action: 'details',
      detail: undefined,
    });
    await log.recordExport(exportRead, {
      kind: 'clue',
      ids: [...ids, ...others],
      rows: ids.length + others.length + 3,
      filters: { county: 'panjin/dawa' },
    });
    const events = await store.readStream('accesslog-20260302.main');
    expect(events.map((e) => e.type)).toEqual(['AccessLogBatchRecorded', ACCESS_EXPORT_TYPE, ACCESS_EXPORT_TYPE]);
    // Stored compactly: 16 bytes per UUID, in base64url.
    const stored = JSON.stringify(events.slice(1).map((e) => e.data)).length;
    expect(stored).toBeLessThan((ids.length * 16 * 4) / 3 + 10_000);

    for (const id of [ids[0], ids[EXPORT_IDS_PER_EVENT + 100], ...others] as string[]) {
      const { entries } = await log.byTarget({ kind: 'clue', id }, window);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        target: { kind: 'clue', id },
        action: 'export',
        reader: auditor,
        detail: expect.stringMatching(/^clue-ledger\.xlsx; rows=31239; cases=31236; sha256=[0-9a-f]{16}$/),
        export: { rows: 31_239, cases: 31_236, filters: { county: 'panjin/dawa' } },
      });
    }
    // The case read before as well as exported: both entries, in order.
    expect((await log.byTarget({ kind: 'clue', id: ids[5] as string }, window)).entries.map((e) => e.action)).toEqual([
      'details',
      'export',
    ]);
    // Neither another case nor another kind with the same id.
    expect((await log.byTarget({ kind: 'clue', id: randomUUID() }, window)).entries).toEqual([]);
    expect((await log.byTarget({ kind: 'clue', id: 'CLUE-2026-002' }, window)).entries).toEqual([]);
    expect((await log.byTarget({ kind: 'rectification', id: ids[0] as string }, window)).entries).toEqual([]);
    // The reader's and the whole log: the export once, target `*`.
    const mine = await log.byReader('u-auditor', window);
    expect(mine.entries.map((e) => [e.action, e.target.id])).toEqual([
      ['details', ids[5]],
      ['export', '*'],
    ]);
    expect((await log.everything(window)).entries).toHaveLength(2);
  });

  it('finds a case at either end of the sorted id list, and none between', () => {
    const ids = Array.from({ length: 50 }, () => randomUUID()).sort();
    const [data] = exportEventsData(exportRead, { kind: 'clue', ids, rows: 50, filters: {} }, 0);
    const x = data?.x;
    if (x === undefined) throw new Error('no export data');
    for (const id of [ids[0], ids[49], ids[17]] as string[])
      expect(exportCovers(x, { i: id, iu: packUuid(id) })).toBe(true);
    const absent = '00000000-0000-4000-8000-000000000000';
    expect(exportCovers(x, { i: absent, iu: packUuid(absent) })).toBe(false);
    expect(x.c).toBe(50);
    expect(x.h).toMatch(/^[0-9a-f]{64}$/);
  });
});
