/**
 * `npm run gen:ledger-templates`: the 线索台账 and 整改台账 import templates (headers only) and the
 * sample ledgers (the 大洼区 office's lines, shaped like the seeds' figures) under docs/templates, written by the
 * same writer the benchmark uses, with fixed document dates so a run gives the same content.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  sampleClueLedgerLines,
  sampleRectificationLedgerLines,
  writeClueLedgerWorkbook,
  writeRectificationLedgerWorkbook,
} from '@xj/composition';

const OUT = join(__dirname, '..', 'docs', 'templates');

const main = async (): Promise<void> => {
  mkdirSync(OUT, { recursive: true });
  await writeClueLedgerWorkbook(join(OUT, '线索台账模板.xlsx'), []);
  await writeClueLedgerWorkbook(join(OUT, '线索台账样例.xlsx'), sampleClueLedgerLines());
  await writeRectificationLedgerWorkbook(join(OUT, '整改台账模板.xlsx'), []);
  await writeRectificationLedgerWorkbook(join(OUT, '整改台账样例.xlsx'), sampleRectificationLedgerLines());
  process.stdout.write(`wrote ${OUT}/线索台账模板.xlsx, 线索台账样例.xlsx, 整改台账模板.xlsx and 整改台账样例.xlsx\n`);
};

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
