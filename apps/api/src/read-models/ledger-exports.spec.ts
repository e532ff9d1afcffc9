import { Readable } from 'node:stream';
import type { Request } from 'express';
import { StreamableFile } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { AccessTarget, LabelCatalogue, LedgerColumn } from '@xj/application';
import { Actor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { ApiProblem } from '../http/problem';
import { LedgerExport, LedgerExports } from './ledger-exports';
import { ledgerWorkbook } from './ledger-workbook';

/** More rows than one access-log batch (1,000), so the records go out in several chunks at once. */
const ROWS = 3_500;

interface Line {
  readonly id: string;
  readonly on: string;
}

const columns: readonly LedgerColumn<Line>[] = [
  { zh: '编号', en: 'Id', cell: (l) => l.id },
  { zh: '日期', en: 'On', cell: (l) => l.on, type: 'date' },
];
const labels: LabelCatalogue = { labelOf: (_n, code) => code, tables: {} as LabelCatalogue['tables'] };
const actor: Actor = {
  userId: 'u-audit',
  role: 'Auditor',
  position: 'Staff',
  orgId: 'panjin.audit',
  regionId: 'panjin',
};
const request = { headers: {}, method: 'GET', originalUrl: '/x' } as unknown as Request;

const file = (rows: number): LedgerExport<Line> => ({
  name: 'test-ledger',
  sheetZh: '测试台账',
  sheetEn: 'Test ledger',
  columns,
  rows: Array.from({ length: rows }, (_, i) => ({ id: `k${i}`, on: '2026-12-07' })),
  caseOf: (l) => ({ kind: 'clue', id: l.id }),
  stale: false,
  today: '2026-12-07',
  filters: {},
});

const bytesOf = async (body: StreamableFile): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const chunk of body.getStream() as Readable) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
};

describe('LedgerExports: every exported case is in the access log before the file is handed out', () => {
  it('given a ledger of several access-log batches, then all its cases are recorded before the answer, and the streamed workbook holds every row', async () => {
    const recorded: AccessTarget[] = [];
    const audit = {
      record: async (_r: unknown, _a: unknown, target: AccessTarget) => {
        await new Promise((resolve) => setImmediate(resolve));
        recorded.push(target);
      },
    } as unknown as ReadAuditService;
    const answer = await new LedgerExports(labels, audit).answer(request, actor, 'xlsx', file(ROWS));
    expect(recorded).toHaveLength(ROWS);
    const workbook = new Workbook();
    await workbook.xlsx.load((await bytesOf(answer.body as StreamableFile)) as never);
    expect(workbook.worksheets[0]?.rowCount).toBe(ROWS + 1);
    expect(workbook.worksheets[0]?.getRow(ROWS + 1).getCell(1).value).toBe(`k${ROWS - 1}`);
  });

  it('given the access log failing in a later chunk, then the export fails with its 503 and no file; the other chunks fail quietly', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      const audit = {
        record: async () => {
          calls += 1;
          await new Promise((resolve) => setImmediate(resolve));
          if (calls > 1_500) throw new ApiProblem(503, 'AUDIT.LOG_UNAVAILABLE', 'down');
        },
      } as unknown as ReadAuditService;
      await expect(new LedgerExports(labels, audit).answer(request, actor, 'xlsx', file(ROWS))).rejects.toMatchObject({
        status: 503,
        code: 'AUDIT.LOG_UNAVAILABLE',
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('ledgerWorkbook: a download the client gives up', () => {
  it('given the stream destroyed mid-file (the client went away), then writing stops and asks for no more rows', async () => {
    let pulled = 0;
    const row = Array.from({ length: 20 }, (_, i) => `一段较长的文字 ${i}`);
    function* chunks(): Generator<string[][]> {
      for (let i = 0; i < 500; i += 1) {
        pulled += 1;
        yield Array.from({ length: 1000 }, () => row);
      }
    }
    const out = ledgerWorkbook(
      { name: 'x', header: row, types: row.map(() => undefined), chunks: chunks() },
      { lang: 'zh', ledger: 'x', exportedOn: '2026-12-07', rows: 500_000, stale: false, filters: {} },
    );
    // Nobody reads: the buffers fill and the writer waits; then the response closes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    out.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const atClose = pulled;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pulled).toBe(atClose);
    expect(pulled).toBeLessThan(500);
  });
});
