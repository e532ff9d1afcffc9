/**
 * The ledger-import phase of `npm run bench:documents` (issue 19 §3): generates an N-line 线索台账
 * workbook (default 10,000 lines, BENCH_IMPORT_ROWS) in the import template's shape and imports it
 * for real, as the 大洼区 office's clerk, into the embedded store of DATA_DIR — the same importer,
 * reader and command path as POST /api/v1/imports/ledgers and `cli import-ledger`. The store is
 * opened here, so DATA_DIR must not be in use by a running server (SQLite allows one writer process
 * at a time: give a fresh directory or one of a stopped server). The workbook is written to DATA_DIR
 * and removed; only the import (read, decide, append) is timed. Target: >= 2,000 lines/s.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CommandExecutor, createCaseAggregates, systemClock } from '@xj/application';
import {
  createEventStore,
  createLedgerImporter,
  generatedClueLedgerLines,
  inspectWorkbookFile,
  loadAppConfig,
  loadOrganisationDirectory,
  readLedgerWorkbook,
  writeClueLedgerWorkbook,
} from '@xj/composition';
import { Actor, createDomainConfig } from '@xj/domain';

export interface ImportPhaseResult {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerS: number;
  /** CPU time (user + system) of this process during the import: on a loaded machine, the figure that holds. */
  readonly cpuSeconds: number;
  readonly rowsPerCpuS: number;
}

const CLERK: Actor = {
  userId: 'bench-dawa-clerk',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'dawa.rol-office',
  regionId: 'panjin/dawa',
};

export const importPhase = async (
  dataDir: string,
  rows = 10_000,
  /** Lines in flight at once (the importer's default when absent). */
  concurrency?: number,
): Promise<ImportPhaseResult> => {
  const config = loadAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const directory = loadOrganisationDirectory(config);
  const agencies = directory.find('EnforcementAgency', CLERK.regionId).map((o) => o.nameZh);
  const path = join(dataDir, `bench-ledger-${process.pid}.xlsx`);
  await writeClueLedgerWorkbook(path, generatedClueLedgerLines(rows, agencies));
  const store = createEventStore(config);
  try {
    const domainConfig = createDomainConfig();
    const importer = createLedgerImporter(
      new CommandExecutor(store),
      store,
      createCaseAggregates(domainConfig),
      directory,
      domainConfig,
      concurrency === undefined ? undefined : { concurrency },
    );
    const file = await inspectWorkbookFile(path);
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const report = await importer.run({
      kind: 'clue',
      sheet: await readLedgerWorkbook(path),
      actor: CLERK,
      at: systemClock.now().toISOString(),
      fileSha256: file.sha256,
      fileName: 'bench-ledger.xlsx',
      dryRun: false,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const done = report.totals.created + report.totals['already-imported'];
    if (report.totals.refused > 0)
      throw new Error(
        `bench ledger: ${report.totals.refused} lines refused, e.g. ${JSON.stringify(report.rows.find((r) => r.outcome === 'refused'))}`,
      );
    return { rows: done, seconds, rowsPerS: done / seconds, cpuSeconds, rowsPerCpuS: done / cpuSeconds };
  } finally {
    await store.close();
    rmSync(path, { force: true });
  }
};
