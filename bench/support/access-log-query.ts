import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessLog, AccessLogFilter, AccessRecord, AccessTarget, FixedClock } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';

/**
 * The access-log query over a large log: `records` reads spread evenly over one day (one segment),
 * appended through the AccessLog as the API appends them (batches of up to 1,000), reading 5,000
 * cases in turn, by 20 readers. Then queries of one case, following the cursors to the end: over the
 * whole day (every batch of the segment is scanned) and over one hour (the segment is entered by
 * bisection); and one reader's page over an hour.
 */
export interface QueryFigures {
  readonly records: number;
  readonly writeMs: number;
  readonly dayMs: number;
  readonly dayRequests: number;
  readonly dayEntries: number;
  readonly hourMs: number;
  readonly hourRequests: number;
  readonly hourEntries: number;
  readonly readerHourMs: number;
}

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T00:00:00.000Z');

const drain = async (
  query: (filter: AccessLogFilter) => Promise<{ entries: readonly unknown[]; nextCursor: string | null }>,
  filter: AccessLogFilter,
) => {
  const started = performance.now();
  let requests = 0;
  let entries = 0;
  for (let cursor: string | undefined; ;) {
    const page = await query({ ...filter, ...(cursor !== undefined ? { cursor } : {}) });
    requests += 1;
    entries += page.entries.length;
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return { ms: performance.now() - started, requests, entries };
};

export const measureAccessLogQueries = async (records: number): Promise<QueryFigures> => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-query-'));
  const clock = new FixedClock(new Date(T0));
  const store = new SqliteEventStore({ filename: join(dir, EVENTS_DB_FILENAME), clock });
  try {
    const log = new AccessLog(store, clock, { maxRecords: 1_000 });
    const started = performance.now();
    const step = DAY / records;
    for (let done = 0; done < records; done += 1_000) {
      const batch: Promise<unknown>[] = [];
      for (let n = done; n < Math.min(records, done + 1_000); n += 1) {
        clock.set(new Date(T0 + Math.floor(n * step)));
        const record: AccessRecord = {
          target: { kind: 'clue', id: `c-${n % 5_000}` },
          action: 'details',
          outcome: n % 2 === 0 ? 'allowed' : 'denied',
          reader: { userId: `user-${n % 20}`, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
          request: { correlationId: `corr-${n}`, clientIp: '10.0.0.1' },
        };
        batch.push(log.record(record));
      }
      await Promise.all(batch);
    }
    const writeMs = performance.now() - started;
    clock.set(new Date(T0 + DAY - 1));
    const target: AccessTarget = { kind: 'clue', id: 'c-42' };
    const day = await drain((f) => log.byTarget(target, f), {
      limit: 100,
      from: new Date(T0).toISOString(),
      to: new Date(T0 + DAY - 1).toISOString(),
    });
    const hourWindow = {
      from: new Date(T0 + 12 * 3_600_000).toISOString(),
      to: new Date(T0 + 13 * 3_600_000).toISOString(),
    };
    const hour = await drain((f) => log.byTarget(target, f), { limit: 100, ...hourWindow });
    const readerStarted = performance.now();
    await log.byReader('user-7', { limit: 100, ...hourWindow });
    const readerHourMs = performance.now() - readerStarted;
    await log.close();
    return {
      records,
      writeMs,
      dayMs: day.ms,
      dayRequests: day.requests,
      dayEntries: day.entries,
      hourMs: hour.ms,
      hourRequests: hour.requests,
      hourEntries: hour.entries,
      readerHourMs,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
