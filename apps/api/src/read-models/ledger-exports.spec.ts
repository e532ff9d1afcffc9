import { Readable } from 'node:stream';
import type { Request } from 'express';
import { StreamableFile } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { AccessExport, LabelCatalogue, LedgerColumn } from '@xj/application';
import { Actor } from '@xj/domain';
import { ReadAuditService } from '../audit/read-audit.service';
import { ApiProblem } from '../http/problem';
import { LedgerExport, LedgerExports } from './ledger-exports';
import { ledgerWorkbook } from './ledger-workbook';

/** More rows than several of the read-model store's batches, and more than one access-log batch used to hold. */
const ROWS = 3_500;
const BATCH = 500;

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

/** The rows in batches, as a query streams them; `read` counts the batches handed out. */
const file = (rows: number, read: { batches: number } = { batches: 0 }): LedgerExport<Line> => ({
  name: 'test-ledger',
  sheetZh: '测试台账',
  sheetEn: 'Test ledger',
  columns,
  rows: {
    stale: false,
    batches: (async function* () {
      for (let i = 0; i < rows; i += BATCH) {
        read.batches += 1;
        await new Promise((resolve) => setImmediate(resolve));
        yield Array.from({ length: Math.min(BATCH, rows - i) }, (_, n) => ({ id: `k${i + n}`, on: '2026-12-07' }));
      }
    })(),
  },
  caseKind: 'clue',
  // Two rows per case: the record lists each case once and counts the rows.
  caseOf: (l) => `c${Math.floor(Number(l.id.slice(1)) / 2)}`,
  today: '2026-12-07',
  filters: { county: 'panjin/dawa' },
});

const bytesOf = async (body: StreamableFile): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const chunk of body.getStream() as Readable) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
};

interface Recorded {
  readonly exported: AccessExport;
  readonly detail: string;
  readonly batchesRead: number;
}

const auditInto = (recorded: Recorded[], read: { batches: number }, fail = false): ReadAuditService =>
  ({
    recordExport: async (_r: unknown, _a: unknown, exported: AccessExport, detail: string) => {
      await new Promise((resolve) => setImmediate(resolve));
      recorded.push({ exported, detail, batchesRead: read.batches });
      if (fail) throw new ApiProblem(503, 'AUDIT.LOG_UNAVAILABLE', 'down');
    },
  }) as unknown as ReadAuditService;

describe('LedgerExports: streamed from the query, one access-log record per export', () => {
  it('given a ledger of several batches, then the workbook holds every row in order and one record lists each case once', async () => {
    const recorded: Recorded[] = [];
    const read = { batches: 0 };
    const answer = new LedgerExports(labels, auditInto(recorded, read)).answer(
      request,
      actor,
      'xlsx',
      file(ROWS, read),
    );
    // Nothing is read before the response takes the stream.
    expect(read.batches).toBe(0);
    const workbook = new Workbook();
    await workbook.xlsx.load((await bytesOf(answer.body)) as never);
    expect(workbook.worksheets[0]?.rowCount).toBe(ROWS + 1);
    expect(workbook.worksheets[0]?.getRow(2).getCell(1).value).toBe('k0');
    expect(workbook.worksheets[0]?.getRow(ROWS + 1).getCell(1).value).toBe(`k${ROWS - 1}`);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.detail).toBe('test-ledger.xlsx');
    expect(recorded[0]?.batchesRead).toBe(ROWS / BATCH);
    expect(recorded[0]?.exported).toMatchObject({ kind: 'clue', rows: ROWS, filters: { county: 'panjin/dawa' } });
    expect(new Set(recorded[0]?.exported.ids).size).toBe(ROWS / 2);
    expect(recorded[0]?.exported.ids).toHaveLength(ROWS / 2);
  });

  it.each(['xlsx', 'csv'] as const)(
    'given the access log failing, then the %s download breaks off before its end (no complete file)',
    async (format) => {
      const recorded: Recorded[] = [];
      const read = { batches: 0 };
      const answer = new LedgerExports(labels, auditInto(recorded, read, true)).answer(
        request,
        actor,
        format,
        file(ROWS, read),
      );
      const received: Buffer[] = [];
      await expect(
        (async () => {
          for await (const chunk of answer.body.getStream() as Readable) received.push(chunk as Buffer);
        })(),
      ).rejects.toMatchObject({ status: 503, code: 'AUDIT.LOG_UNAVAILABLE' });
      expect(recorded).toHaveLength(1);
      if (format === 'csv') {
        const lines = Buffer.concat(received).toString('utf8').trimEnd().split('\r\n');
        // The header and every batch but the last: the last is only sent once the export is recorded.
        expect(lines).toHaveLength(1 + ROWS - BATCH);
      } else {
        await expect(new Workbook().xlsx.load(Buffer.concat(received) as never)).rejects.toThrow();
      }
    },
  );

  it('streams CSV with the BOM, the header and every row, recorded once', async () => {
    const recorded: Recorded[] = [];
    const read = { batches: 0 };
    const answer = new LedgerExports(labels, auditInto(recorded, read)).answer(request, actor, 'csv', file(ROWS, read));
    const text = (await bytesOf(answer.body)).toString('utf8');
    expect(text.startsWith('\uFEFF编号,日期\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[ROWS]).toBe(`k${ROWS - 1},2026-12-07`);
    expect(recorded.map((r) => [r.detail, r.exported.rows])).toEqual([['test-ledger.csv', ROWS]]);
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
      { lang: 'zh', ledger: 'x', exportedOn: '2026-12-07', stale: false, filters: {} },
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
