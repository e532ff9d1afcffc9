import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClueLedgerLine, sampleClueLedgerLines, writeClueLedgerWorkbook } from '@xj/composition';
import { expectProblem, journeyClient, JourneyClient } from './support/journey-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** 历史补录 through HTTP (issue 19 §3): the sample 线索台账 of the 大洼区 office, dry run, real run, re-run. */

const SAMPLE = join(__dirname, '..', '..', 'docs', 'templates', '线索台账样例.xlsx');
const ROUTE = '/api/v1/imports/ledgers';

interface RowResult {
  row: number;
  ledgerNo?: string;
  outcome: string;
  caseId?: string;
  problems: { code: string; column?: string }[];
}

describe('Importing a legacy 线索台账 through HTTP', () => {
  let t: TestApp;
  let api: JourneyClient;
  let broken = Buffer.alloc(0);
  const sample = readFileSync(SAMPLE);
  const lines = sampleClueLedgerLines();

  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
    // The sample with two lines a clerk got wrong: an agency the directory does not know and a date in the future.
    const wrong: ClueLedgerLine[] = [
      { ...lines[0], 线索编号: 'DW-X-1', 被监督单位: '大洼区不存在局' },
      { ...lines[1], 线索编号: 'DW-X-2', 收到日期: '2099-01-01', 状态日期: undefined },
    ];
    const path = join(t.dataDir, 'broken.xlsx');
    await writeClueLedgerWorkbook(path, [...lines, ...wrong]);
    broken = readFileSync(path);
  });
  afterAll(() => t.close());

  const post = async (user: string, query: string, file: Buffer, name = '线索台账.xlsx') =>
    t
      .http()
      .post(`${ROUTE}?${query}`)
      .set({ Authorization: `Bearer ${await t.token(user)}` })
      .attach('file', file, name);

  it('given a dry run, then every line is reported — the wrong ones with their problems — and nothing is written', async () => {
    const res = await post('dawa-office', 'kind=clue&dryRun=true', broken);
    expect(res.status).toBe(200);
    const rows = res.body.rows as RowResult[];
    expect(res.body.totals).toMatchObject({
      rows: lines.length + 2,
      'would-create': lines.length,
      refused: 2,
      created: 0,
    });
    expect(rows.slice(-2).map((r) => [r.ledgerNo, r.outcome, r.problems.map((p) => [p.code, p.column])])).toEqual([
      ['DW-X-1', 'refused', [['IMPORT.UNKNOWN_AGENCY', '被监督单位']]],
      ['DW-X-2', 'refused', [['IMPORT.DATE_IN_FUTURE', '收到日期']]],
    ]);
    // Nothing written: no case a line would become exists (read from the event store itself).
    const statuses = await Promise.all(
      rows
        .filter((r) => r.outcome === 'would-create')
        .map(async (r) => (await api.get('dawa-office', `/api/v1/clues/${r.caseId}`)).status),
    );
    expect(statuses).toEqual(Array(lines.length).fill(404));
  });

  it('given a real run, then the cases exist with their original dates in history, ledger and statistics, marked imported', async () => {
    const res = await post('dawa-office', 'kind=clue&dryRun=false', sample);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ rows: lines.length, created: lines.length, refused: 0 });
    const rows = res.body.rows as RowResult[];
    const first = rows[0]!;
    const position = res.headers['x-global-position'] as string | undefined;

    const history = await api.get('dawa-office', `/api/v1/clues/${first.caseId}/history`);
    expect(history.status).toBe(200);
    const entries = history.body.entries as { type: string; description?: { zh: string }; summary?: string }[];
    expect(entries.map((e) => e.type)).toEqual(['ClueRegistered', 'ClueHistoryImported']);
    expect(JSON.stringify(entries[1])).toContain('历史补录');

    const ledger = await api.get(
      'dawa-office',
      `/api/v1/ledgers/clues?limit=100${position ? `&minPosition=${position}` : ''}`,
    );
    expect(ledger.status).toBe(200);
    const line = (ledger.body.items as Record<string, unknown>[]).find((i) => i.clueId === first.caseId);
    expect(line).toMatchObject({
      receivedOn: lines[0]!.收到日期,
      status: 'Closed',
      imported: true,
      ledgerNo: 'DW-2022-001',
    });

    const stats = await api.get('dawa-office', '/api/v1/statistics?from=2022-01-01&to=2022-12-31');
    expect(stats.status).toBe(200);
    const in2022 = lines.filter((l) => l.收到日期!.startsWith('2022')).length;
    expect(stats.body.clues).toMatchObject({ total: in2022, imported: in2022 });
  });

  it('given the same file again, then nothing new is created', async () => {
    const res = await post('dawa-office', 'kind=clue&dryRun=false', sample);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ created: 0, 'already-imported': lines.length });
  });

  it('refuses a file that is not a workbook, an unknown kind, and anyone but the office and the justice bureau', async () => {
    expectProblem(
      await post('dawa-office', 'kind=clue', Buffer.from('线索编号,收到日期\n'), '台账.xlsx'),
      415,
      'IMPORT.NOT_A_WORKBOOK',
    );
    expectProblem(await post('dawa-office', 'kind=cases', sample), 400, 'IMPORT.UNKNOWN_KIND');
    expectProblem(await post('dawa-emergency-head', 'kind=clue', sample), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await post('auditor', 'kind=clue', sample), 403, 'AUTH.READ_ONLY_ROLE');
  });
});
