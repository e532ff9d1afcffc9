/**
 * Runs the import phase alone (until bench/documents.bench.ts wires it into `npm run bench:documents`):
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/documents/import-phase.runner.ts
 * on a fresh temp DATA_DIR (TMPDIR=/dev/shm for tmpfs); BENCH_IMPORT_ROWS lines (10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPhase } from './import-phase';

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-import-'));
  try {
    const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
    const concurrency = process.env.BENCH_IMPORT_CONCURRENCY;
    const cpuBefore = process.cpuUsage();
    const result = await importPhase(dir, rows, concurrency === undefined ? undefined : Number(concurrency));
    // CPU time of the whole phase (the workbook's generation included): on a shared machine it tells
    // what the wall clock cannot, how fast the lines go when the process has a core to itself.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    process.stdout.write(
      `${result.rows} lines in ${result.seconds.toFixed(2)} s, ${result.cpuSeconds.toFixed(2)} s CPU for the import (${Math.round(result.rowsPerCpuS)} lines per CPU-second), ${cpuSeconds.toFixed(2)} s CPU with the generation (load ${load}, ${cpus().length} cpus)\n`,
    );
    process.stdout.write(`RESULT import_rows_per_s=${Math.round(result.rowsPerS)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
