import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RectificationLedgerLine,
  sampleRectificationLedgerLines,
  writeRectificationLedgerWorkbook,
} from '@xj/composition';
import { journeyClient, JourneyClient } from './support/journey-helpers';
import { startTestApp, TestApp } from './support/test-app';

/**
 * 历史补录 of the 整改台账 through HTTP (issue 19 §3): the 大洼区 office imports its sample 线索台账,
 * then its sample 整改台账 (the items name their clues by 线索编号): dry run, real run, re-run.
 */

const TEMPLATES = join(__dirname, '..', '..', 'docs', 'templates');
const ROUTE = '/api/v1/imports/ledgers';

interface RowResult {
  row: number;
  ledgerNo?: string;
  outcome: string;
  caseId?: string;
  problems: { code: string; column?: string }[];
}

describe('Importing a legacy 整改台账 through HTTP', () => {
  let t: TestApp;
  let api: JourneyClient;
  let broken = Buffer.alloc(0);
  const sample = readFileSync(join(TEMPLATES, '整改台账样例.xlsx'));
  const lines = sampleRectificationLedgerLines();

  const post = async (user: string, query: string, file: Buffer, name = '整改台账.xlsx') =>
    t
      .http()
      .post(`${ROUTE}?${query}`)
      .set({ Authorization: `Bearer ${await t.token(user)}` })
      .attach('file', file, name);

  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    const clues = await post(
      'dawa-office',
      'kind=clue&dryRun=false',
      readFileSync(join(TEMPLATES, '线索台账样例.xlsx')),
    );
    expect(clues.body.totals).toMatchObject({ refused: 0 });
    // The sample with three lines a clerk got wrong: a clue the office never had, no clue at all, 销号 without 评估.
    const wrong: RectificationLedgerLine[] = [
      { ...lines[0], 整改编号: 'DW-ZG-X-1', 线索编号: 'DW-1999-001' },
      { ...lines[0], 整改编号: 'DW-ZG-X-2', 线索编号: undefined },
      { ...lines[0], 整改编号: 'DW-ZG-X-3', 评估方式: undefined, 评估结果: undefined, 评估日期: undefined },
    ];
    const path = join(t.dataDir, 'broken.xlsx');
    await writeRectificationLedgerWorkbook(path, [...lines, ...wrong]);
    broken = readFileSync(path);
  });
  afterAll(() => t.close());

  it('given a dry run, then every line is reported — the wrong ones with their reasons — and nothing is written', async () => {
    const res = await post('dawa-office', 'kind=rectification&dryRun=true', broken);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ rows: lines.length + 3, 'would-create': lines.length, refused: 3 });
    const rows = res.body.rows as RowResult[];
    expect(rows.slice(-3).map((r) => [r.ledgerNo, r.problems.map((p) => [p.code, p.column])])).toEqual([
      ['DW-ZG-X-1', [['IMPORT.UNKNOWN_CLUE', '线索编号']]],
      ['DW-ZG-X-2', [['IMPORT.CLUE_REQUIRED', '线索编号']]],
      ['DW-ZG-X-3', [['RECTIFICATION.EVALUATION_REQUIRED', undefined]]],
    ]);
    const statuses = await Promise.all(
      rows
        .filter((r) => r.outcome === 'would-create')
        .map(async (r) => (await api.get('dawa-office', `/api/v1/rectification-items/${r.caseId}`)).status),
    );
    expect(statuses).toEqual(Array(lines.length).fill(404));
  });

  it('given a real run, then the items exist on their clues with their original dates in history, ledger and statistics, marked imported', async () => {
    const res = await post('dawa-office', 'kind=rectification&dryRun=false', sample);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ rows: lines.length, created: lines.length, refused: 0 });
    const first = (res.body.rows as RowResult[])[0]!;
    const line = lines[0]!;

    const history = await api.get('dawa-office', `/api/v1/rectification-items/${first.caseId}/history`);
    expect(history.status).toBe(200);
    const entries = history.body.entries as { type: string }[];
    expect(entries.map((e) => e.type)).toEqual(['RectificationItemAssigned', 'RectificationHistoryImported']);
    expect(JSON.stringify(entries[1])).toContain('历史补录');

    const ledger = await api.get('dawa-office', '/api/v1/ledgers/rectification?limit=100');
    expect(ledger.status).toBe(200);
    const item = (ledger.body.items as Record<string, unknown>[]).find((i) => i.itemId === first.caseId);
    expect(item).toMatchObject({
      assignedOn: line.下达日期,
      status: 'LookBackPassed',
      closedAt: `${line.销号日期}T00:00:00+08:00`,
      lookBacks: [expect.objectContaining({ on: line.回头看日期, result: 'Pass' })],
      imported: true,
      ledgerNo: line.整改编号,
    });

    const stats = await api.get('dawa-office', '/api/v1/statistics?from=2022-01-01&to=2022-12-31');
    expect(stats.status).toBe(200);
    const in2022 = lines.filter((l) => l.下达日期!.startsWith('2022')).length;
    expect(stats.body.rectification).toMatchObject({ total: in2022, imported: in2022 });
  });

  it('given the same file again, then nothing new is created', async () => {
    const res = await post('dawa-office', 'kind=rectification&dryRun=false', sample);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ created: 0, 'already-imported': lines.length });
  });
});
