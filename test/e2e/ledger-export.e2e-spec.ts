import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { Clock, DEFAULT_STREAM_BATCH, FixedClock } from '@xj/application';
import { EVENTS_DB_FILENAME, SqliteEventStore } from '@xj/sqlite-event-store';
import { clueLifecycle } from '../../bench/replay/clue-lifecycle';
import { Random, epochOf } from '../../bench/replay/world';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Issue 19 §3 through HTTP on the embedded default: a ledger of more lines than the read-model
 * store's export batch, exported as XLSX and CSV from the store's cursor, and the export recorded
 * in the access log as one record that the query by case still finds.
 */
const ROWS = 2 * DEFAULT_STREAM_BATCH + 137;
const FIRST_DAY = 334;
const DAYS = 3;

/** The registration of `rows` generated clues (bench:replay's), appended before the API starts. */
const seed = async (dataDir: string, rows: number): Promise<string[]> => {
  let now = epochOf(FIRST_DAY, 0);
  const clock: Clock = { now: () => new Date(now) };
  const store = new SqliteEventStore({ filename: join(dataDir, EVENTS_DB_FILENAME), clock });
  const ids: string[] = [];
  try {
    for (let n = 0; n < rows; n += 1) {
      const clueId = `2026-${String(n + 1).padStart(6, '0')}`;
      const first = clueLifecycle(
        new Random(11 * 1_000_003 + n),
        clueId,
        FIRST_DAY + Math.floor((n * DAYS) / rows),
      ).next();
      if (first.done) throw new Error('nothing generated');
      now = first.value.epoch;
      await store.append(first.value.streamId, first.value.events, first.value.expected);
      ids.push(first.value.streamId.replace(/^clue-/, ''));
    }
  } finally {
    await store.close();
  }
  return ids;
};

type Line = { clueId: string; regionId: string; receivedAt: string };

describe('Ledger exports streamed through HTTP (issue 19 §3)', () => {
  let t: TestApp;
  let dataDir = '';
  let seeded: string[] = [];
  let token = '';
  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  /** Every line of the JSON ledger, page by page (100 at most per page), in its order. */
  const jsonLedger = async (query = ''): Promise<Line[]> => {
    const lines: Line[] = [];
    for (let skip = 0; ; skip += 100) {
      const res = await get(`/api/v1/ledgers/clues?limit=100&skip=${skip}${query}`).expect(200);
      lines.push(...(res.body.items as Line[]));
      if (lines.length >= res.body.total) return lines;
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xj-e2e-export-'));
    seeded = await seed(dataDir, ROWS);
    t = await startTestApp({}, dataDir, [], new FixedClock(new Date(epochOf(FIRST_DAY + DAYS, 8 * 60))));
    token = await t.token('auditor');
    for (let tries = 0; ; tries += 1) {
      const res = await get('/api/v1/ledgers/clues?limit=1').expect(200);
      if (res.body.total === ROWS) break;
      if (tries > 600) throw new Error(`the ledger holds ${res.body.total} lines, not ${ROWS}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a ledger of several batches, when the auditor exports it as XLSX, then every line is there in the ledger order, with Chinese headers', async () => {
    const res = await get('/api/v1/ledgers/clues/export.xlsx')
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () => done(null, Buffer.concat(parts)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['x-read-model-stale']).toBe('false');
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as Parameters<Workbook['xlsx']['load']>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('线索编号');
    const ids: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(1).value));
    });
    expect(ids).toEqual((await jsonLedger()).map((l) => l.clueId));
    expect([...ids].sort()).toEqual([...seeded].sort());
    expect(workbook.getWorksheet('筛选条件')?.getRow(3).getCell(3).value).toBe(ROWS);
  });

  it('given a county filter, when the ledger is exported as CSV, then it holds exactly the filtered lines, in order', async () => {
    const all = await jsonLedger();
    const county = all[0]?.regionId.split('/').slice(0, 2).join('/') ?? '';
    const filtered = await jsonLedger(`&county=${county}`);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(ROWS);
    const res = await get(`/api/v1/ledgers/clues/export.csv?county=${county}`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.text.replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('线索编号,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(filtered.map((l) => l.clueId));
  });

  it('then the access log holds one record per export, found by any case it showed, naming the file, rows and filters', async () => {
    const window = `from=${encodeURIComponent(new Date(epochOf(FIRST_DAY, 0)).toISOString())}`;
    const byCase = async (id: string) =>
      (await get(`/api/v1/audit/access-log?caseKind=clue&caseId=${id}&${window}`).expect(200)).body.entries as {
        action: string;
        target: { id: string };
        reader: { userId: string };
        detail: string;
        export?: { rows: number; cases: number; filters: Record<string, unknown> };
      }[];
    const last = seeded[seeded.length - 1] as string;
    const exports = (await byCase(last)).filter((e) => e.action === 'export');
    expect(exports[0]).toMatchObject({
      target: { id: last },
      detail: expect.stringMatching(new RegExp(`^clue-ledger\\.xlsx; rows=${ROWS}; cases=${ROWS}; sha256=`)),
      export: { rows: ROWS, cases: ROWS, filters: {} },
    });
    const userId = exports[0]?.reader.userId ?? '';
    const reader = (await get(`/api/v1/audit/access-log?userId=${userId}&${window}`).expect(200)).body.entries as {
      action: string;
      target: { id: string };
    }[];
    expect(reader.filter((e) => e.action === 'export').map((e) => e.target.id)).toEqual(['*', '*']);
  });
});
