import { createDomainConfig } from '@xj/domain';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { createCaseAggregates } from '../cases/case-aggregates';
import { CommandExecutor } from '../command/command-executor';
import { FixedClock } from '../event-store/clock.port';
import { LEDGER_IMPORT_RECORDED, ledgerImportStreamOf } from './ledger-import-record';
import { LedgerImporter, importedClueIdOf, importedRectificationIdOf } from './ledger-importer';
import { AT, CLERK, FILE, HEADERS, LABELS, goodLine, isDawaAgency, sheetOf } from './ledger-import.fixtures-spec';
import { LedgerRow } from './ledger-import.types';
import { RECTIFICATION_HEADERS, goodItemLine } from './rectification-import.fixtures-spec';

describe('LedgerImporter — 历史补录 of a 线索台账 (issue 19 §3)', () => {
  let store: SqliteEventStore;
  let importer: LedgerImporter;
  const aggregates = createCaseAggregates(createDomainConfig());
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:', clock: new FixedClock(new Date(AT)) });
    importer = new LedgerImporter(new CommandExecutor(store), store, aggregates, LABELS, isDawaAgency, {
      concurrency: 4,
    });
  });
  afterEach(() => store.close());

  const lines = (): LedgerRow[] => [
    goodLine(2),
    goodLine(3, { 办理状态: '问题整改', 状态日期: undefined, 被监督单位: '大洼区应急管理局' }),
    goodLine(4, { 被监督单位: '大洼区不存在局', 收到日期: '2023-13-01' }),
    goodLine(5, { 线索编号: 'DW-2023-002' }),
  ];
  const run = (dryRun: boolean, rows = lines(), headers = HEADERS) =>
    importer.run({
      kind: 'clue',
      sheet: sheetOf(rows, headers),
      actor: CLERK,
      at: AT,
      fileSha256: FILE,
      fileName: '线索台账.xlsx',
      dryRun,
    });

  it('given a dry run, then it reports per line what would be created and every problem, and writes nothing', async () => {
    const report = await run(true);
    expect(report.rows.map((r) => [r.row, r.outcome, r.problems.map((p) => p.code)])).toEqual([
      [2, 'would-create', []],
      [3, 'would-create', []],
      [4, 'refused', ['IMPORT.BAD_DATE', 'IMPORT.UNKNOWN_AGENCY']],
      [5, 'refused', ['IMPORT.DUPLICATE_LEDGER_NO']],
    ]);
    expect(report.rows[0]).toMatchObject({
      caseId: importedClueIdOf(CLERK.orgId, 'DW-2023-002'),
      summary: { status: 'Closed', receivedOn: '2023-04-03', agencyOrgId: 'dawa.traffic-police' },
    });
    expect(report.totals).toEqual({ rows: 4, created: 0, 'would-create': 2, 'already-imported': 0, refused: 2 });
    expect(await store.readAll()).toEqual([]);
  });

  it('given a real run, then the good lines become clues at their ledger step and the import is recorded', async () => {
    const report = await run(false);
    expect(report.rows.map((r) => r.outcome)).toEqual(['created', 'created', 'refused', 'refused']);
    const clue = await new CommandExecutor(store).load(aggregates.clue, importedClueIdOf(CLERK.orgId, 'DW-2023-003'));
    expect(clue.state).toMatchObject({ status: 'Rectification', receivedAt: '2023-04-03T00:00:00+08:00' });
    const record = await store.readStream(ledgerImportStreamOf(CLERK.orgId, 'clue', FILE));
    expect(record.map((e) => [e.type, e.data])).toEqual([
      [
        LEDGER_IMPORT_RECORDED,
        expect.objectContaining({
          fileSha256: FILE,
          by: expect.objectContaining({ userId: CLERK.userId }),
          created: 2,
        }),
      ],
    ]);
  });

  it('given the same file again, then nothing new is created: every good line is already imported', async () => {
    await run(false);
    const before = (await store.readAll()).filter((e) => e.type !== LEDGER_IMPORT_RECORDED).length;
    const again = await run(false);
    expect(again.rows.map((r) => r.outcome)).toEqual(['already-imported', 'already-imported', 'refused', 'refused']);
    expect((await store.readAll()).filter((e) => e.type !== LEDGER_IMPORT_RECORDED).length).toBe(before);
    expect((await run(true)).rows.map((r) => r.outcome).slice(0, 2)).toEqual(['already-imported', 'already-imported']);
  });

  it('given a run that stopped half-way, then the re-run creates only the rest', async () => {
    await run(false, [goodLine(2)]);
    const rerun = await run(false);
    expect(rerun.rows.map((r) => r.outcome).slice(0, 2)).toEqual(['already-imported', 'created']);
  });

  it('given a file without a required column, then every line is refused and the column is named', async () => {
    const report = await run(
      true,
      lines(),
      HEADERS.filter((h) => h !== '办理状态'),
    );
    expect(report.fileProblems.map((p) => [p.code, p.column])).toEqual([['IMPORT.MISSING_COLUMN', '办理状态']]);
    expect(report.totals.refused).toBe(4);
  });

  it('given an actor the decider refuses, then the lines are refused with its code (dry run and real run alike)', async () => {
    const agency = { ...CLERK, role: 'EnforcementAgency' as const, orgId: 'dawa.emergency' };
    const report = await importer.run({
      kind: 'clue',
      sheet: sheetOf([goodLine(2)]),
      actor: agency,
      at: AT,
      fileSha256: FILE,
      fileName: 'x.xlsx',
      dryRun: true,
    });
    expect(report.rows[0]?.problems.map((p) => p.code)).toEqual(['AUTH.ROLE_NOT_ALLOWED']);
  });
});

describe('LedgerImporter — 历史补录 of a 整改台账 (issue 19 §3)', () => {
  let store: SqliteEventStore;
  let importer: LedgerImporter;
  const aggregates = createCaseAggregates(createDomainConfig());
  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:', clock: new FixedClock(new Date(AT)) });
    importer = new LedgerImporter(new CommandExecutor(store), store, aggregates, LABELS, isDawaAgency, {
      concurrency: 4,
    });
    // The office's 线索台账 first: the items name their clue DW-2023-002 by its ledger number.
    await importer.run({ ...request('clue', false), sheet: sheetOf([goodLine(2)]) });
  });
  afterEach(() => store.close());

  const request = (kind: 'clue' | 'rectification', dryRun: boolean, rows: LedgerRow[] = []) => ({
    kind,
    sheet: sheetOf(rows, RECTIFICATION_HEADERS),
    actor: CLERK,
    at: AT,
    fileSha256: FILE,
    fileName: '整改台账.xlsx',
    dryRun,
  });
  const items = (): LedgerRow[] => [
    goodItemLine(2),
    goodItemLine(3, {
      整改进展: '整改中',
      评估方式: undefined,
      评估结果: undefined,
      评估日期: undefined,
      销号日期: undefined,
    }),
    goodItemLine(4, { 线索编号: 'DW-2099-999' }),
    goodItemLine(5, { 线索编号: undefined }),
    goodItemLine(6, { 评估结果: '未通过' }),
  ];
  const outcomes = (report: {
    rows: readonly { row: number; outcome: string; problems: readonly { code: string }[] }[];
  }) => report.rows.map((r) => [r.row, r.outcome, r.problems.map((p) => p.code)]);

  it('given a dry run, then it reports per line (an unknown clue, a line without one, 销号 without a passed 评估) and writes nothing', async () => {
    const before = (await store.readAll()).length;
    const report = await importer.run(request('rectification', true, items()));
    expect(outcomes(report)).toEqual([
      [2, 'would-create', []],
      [3, 'would-create', []],
      [4, 'refused', ['IMPORT.UNKNOWN_CLUE']],
      [5, 'refused', ['IMPORT.CLUE_REQUIRED']],
      [6, 'refused', ['RECTIFICATION.EVALUATION_FAILED']],
    ]);
    expect(report.rows[0]).toMatchObject({
      caseId: importedRectificationIdOf(CLERK.orgId, 'DW-ZG-2023-002'),
      summary: {
        status: 'Closed',
        assignedOn: '2023-05-10',
        agencyOrgId: 'dawa.traffic-police',
        clueId: importedClueIdOf(CLERK.orgId, 'DW-2023-002'),
      },
    });
    expect((await store.readAll()).length).toBe(before);
  });

  it('given a real run, then the good lines become items of their clue at their ledger step; a re-run creates nothing', async () => {
    const report = await importer.run(request('rectification', false, items()));
    expect(report.rows.map((r) => r.outcome)).toEqual(['created', 'created', 'refused', 'refused', 'refused']);
    const item = await new CommandExecutor(store).load(
      aggregates.rectification,
      importedRectificationIdOf(CLERK.orgId, 'DW-ZG-2023-003'),
    );
    expect(item.state).toMatchObject({
      status: 'InProgress',
      clueId: importedClueIdOf(CLERK.orgId, 'DW-2023-002'),
      regionId: 'panjin/dawa',
      deadline: { dueOn: '2023-06-30' },
      importedFrom: { ledger: 'rectification', ledgerNo: 'DW-ZG-2023-003', row: 3 },
    });
    const written = (await store.readAll()).filter((e) => e.type !== LEDGER_IMPORT_RECORDED).length;
    const again = await importer.run(request('rectification', false, items()));
    expect(again.rows.map((r) => r.outcome).slice(0, 2)).toEqual(['already-imported', 'already-imported']);
    expect((await store.readAll()).filter((e) => e.type !== LEDGER_IMPORT_RECORDED).length).toBe(written);
    expect(await store.readStream(ledgerImportStreamOf(CLERK.orgId, 'rectification', FILE))).toHaveLength(2);
  });

  it('given a clue of another region named by its id, then it is as unknown as a clue that does not exist', async () => {
    const panshanClerk = { ...CLERK, orgId: 'panshan.rol-office', regionId: 'panjin/panshan' };
    const report = await importer.run({
      ...request('rectification', true, [goodItemLine(2, { 线索编号: importedClueIdOf(CLERK.orgId, 'DW-2023-002') })]),
      actor: panshanClerk,
    });
    expect(outcomes(report)[0]).toEqual([2, 'refused', ['IMPORT.UNKNOWN_CLUE']]);
    const own = await importer.run(
      request('rectification', true, [goodItemLine(2, { 线索编号: importedClueIdOf(CLERK.orgId, 'DW-2023-002') })]),
    );
    expect(outcomes(own)[0]).toEqual([2, 'would-create', []]);
  });
});
