import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportReport } from '@xj/application';
import {
  sampleClueLedgerLines,
  sampleRectificationLedgerLines,
  writeClueLedgerWorkbook,
  writeRectificationLedgerWorkbook,
} from '@xj/composition';
import { startTestApp } from '../../../../test/e2e/support/test-app';
import { run as runCli } from '../cli-run.fixtures-spec';

/** `import-ledger` run in-process (cli-run.fixtures-spec.ts), on a data directory with the demo accounts. */
const run = async (dataDir: string, args: string[]) => {
  const { exitCode, json } = await runCli(dataDir, args);
  return { exitCode, report: json as ImportReport | undefined };
};

describe('cli import-ledger (历史补录)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-cli-import-'));
  const sample = join(dir, 'sample.xlsx');
  const broken = join(dir, 'broken.xlsx');
  const lines = sampleClueLedgerLines();

  beforeAll(async () => {
    // The API's first start writes the demo accounts the CLI acts as.
    await (await startTestApp({}, dir)).close();
    await writeClueLedgerWorkbook(sample, lines);
    await writeClueLedgerWorkbook(broken, [...lines, { ...lines[0], 线索编号: 'X-1', 线索来源: '群众来信' }]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given --dry-run with a wrong line, then it reports every line, writes nothing and exits 2', async () => {
    const dry = await run(dir, ['import-ledger', broken, '--kind', 'clue', '--as', 'dawa-office', '--dry-run']);
    expect(dry.exitCode).toBe(2);
    expect(dry.report?.totals).toMatchObject({ 'would-create': lines.length, refused: 1, created: 0 });
    expect(dry.report?.rows.at(-1)?.problems.map((p) => p.code)).toEqual(['IMPORT.UNKNOWN_SOURCE']);
    // Nothing was written: the same file imported for real still creates every good line.
    const real = await run(dir, ['import-ledger', sample, '--kind', 'clue', '--as', 'dawa-office']);
    expect(real.exitCode).toBe(0);
    expect(real.report?.totals).toMatchObject({ created: lines.length, refused: 0 });
  });

  it('given the same file again, then it creates nothing and exits 0', async () => {
    const again = await run(dir, ['import-ledger', sample, '--kind', 'clue', '--as', 'dawa-office']);
    expect({ exit: again.exitCode, totals: again.report?.totals }).toMatchObject({
      exit: 0,
      totals: { created: 0, 'already-imported': lines.length },
    });
  });

  it('given --kind rectification after the clues, then the 整改台账 lines become items of their clues; a line without a clue exits 2', async () => {
    const items = sampleRectificationLedgerLines();
    const ledger = join(dir, 'rectification.xlsx');
    await writeRectificationLedgerWorkbook(ledger, [...items, { ...items[0], 整改编号: 'ZG-X', 线索编号: undefined }]);
    const dry = await run(dir, [
      'import-ledger',
      ledger,
      '--kind',
      'rectification',
      '--as',
      'dawa-office',
      '--dry-run',
    ]);
    expect(dry.exitCode).toBe(2);
    expect(dry.report?.totals).toMatchObject({ 'would-create': items.length, refused: 1, created: 0 });
    expect(dry.report?.rows.at(-1)?.problems.map((p) => p.code)).toEqual(['IMPORT.CLUE_REQUIRED']);
    const good = join(dir, 'rectification-good.xlsx');
    await writeRectificationLedgerWorkbook(good, items);
    const real = await run(dir, ['import-ledger', good, '--kind', 'rectification', '--as', 'dawa-office']);
    expect({ exit: real.exitCode, totals: real.report?.totals }).toMatchObject({
      exit: 0,
      totals: { created: items.length, refused: 0 },
    });
    const again = await run(dir, ['import-ledger', good, '--kind', 'rectification', '--as', 'dawa-office']);
    expect(again.report?.totals).toMatchObject({ created: 0, 'already-imported': items.length });
  });

  it('refuses an unknown account, an account that may not import and a file that is no workbook, with exit 2', async () => {
    expect((await run(dir, ['import-ledger', sample, '--as', 'nobody'])).exitCode).toBe(2);
    const agency = await run(dir, ['import-ledger', sample, '--as', 'dawa-emergency-head']);
    expect({ exit: agency.exitCode, report: agency.report }).toEqual({ exit: 2, report: undefined });
    expect((await run(dir, ['import-ledger', join(dir, 'events.sqlite'), '--as', 'dawa-office'])).exitCode).toBe(2);
  });
});
