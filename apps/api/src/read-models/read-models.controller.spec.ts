import { CanActivate, ExecutionContext, INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  AccessExport,
  CLOCK,
  FixedClock,
  createLabelCatalogue,
  labelOf,
  READ_MODEL_FRESHNESS,
  READ_MODEL_STORE,
  clueLedgerProjection,
  commissionInboxProjection,
  correctedCasesProjection,
  rectificationLedgerProjection,
} from '@xj/application';
import { Actor, RULEBOOK_V1 } from '@xj/domain';
import { EventLog, foldProjection } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  DAWA_URBAN,
  TRAFFIC,
  buildPanjin,
  clueToSupervision,
} from '../../../../libs/application/src/projections/case-world.fixtures-spec';
import { FakeFreshness, InMemoryReadModelStore } from '@xj/testing/in-memory-read-model-store';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { ReadAuditService } from '../audit/read-audit.service';
import { ValueType, Workbook } from 'exceljs';
import { XLSX_TYPE } from './ledger-exports';
import { LABEL_CATALOGUE } from '../catalogue/label-catalogue.provider';
import { DEMO_ORGANISATIONS, OrganisationDirectory } from '@xj/composition';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { createValidationPipe } from '../http/validation';
import { READ_MODEL_CONTROLLERS, READ_MODEL_QUERY_PROVIDERS } from './read-models.providers';

/** Stands in for the token guard: the test names the actor in a header. */
const actors: Record<string, Actor> = { ...ACTORS, trafficHead: TRAFFIC.head, urbanHead: DAWA_URBAN.head };
class HeaderActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    req.actor = actors[String(req.headers['x-test-actor'])];
    return true;
  }
}

let app: INestApplication;
const freshness = new FakeFreshness();
/** The exports' access-log records: who exported which cases, in which file. */
const exported: { userId: string; exported: AccessExport; detail: string }[] = [];
const audit = {
  recordExport: async (_req: unknown, actor: Actor, what: AccessExport, detail: string) => {
    exported.push({ userId: actor.userId, exported: what, detail });
  },
};

beforeAll(async () => {
  const log = new EventLog();
  const world = new CaseWorld(log);
  buildPanjin(world);
  clueToSupervision(
    world,
    { clueId: 'k11', regionId: TRAFFIC.regionId, agency: TRAFFIC.agency, summary: '=cmd|calc, "x"\nnext' },
    40,
  );
  const store = new InMemoryReadModelStore();
  for (const projection of [
    clueLedgerProjection,
    commissionInboxProjection,
    rectificationLedgerProjection,
    correctedCasesProjection,
  ]) {
    store.load(projection.name, await foldProjection(projection, log.events));
  }
  const moduleRef = await Test.createTestingModule({
    controllers: READ_MODEL_CONTROLLERS,
    providers: [
      ...READ_MODEL_QUERY_PROVIDERS,
      { provide: READ_MODEL_STORE, useValue: store },
      { provide: READ_MODEL_FRESHNESS, useValue: freshness },
      { provide: CLOCK, useValue: new FixedClock(new Date('2026-03-20T02:00:00Z')) },
      { provide: OrganisationDirectory, useValue: new OrganisationDirectory(DEMO_ORGANISATIONS) },
      {
        provide: LABEL_CATALOGUE,
        useValue: createLabelCatalogue({
          rulebooks: [RULEBOOK_V1],
          organisations: DEMO_ORGANISATIONS,
          regions: new OrganisationDirectory(DEMO_ORGANISATIONS).regions(),
        }),
      },
      { provide: ReadAuditService, useValue: audit },
      { provide: APP_GUARD, useClass: HeaderActorGuard },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    ],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.init();
});

afterAll(async () => {
  await app.close();
});

const get = (path: string, actor: keyof typeof actors) =>
  request(app.getHttpServer()).get(path).set('x-test-actor', actor);
const idsOf = (body: { items: Record<string, unknown>[] }, field: string) => body.items.map((i) => i[field]).sort();

describe('GET /api/v1/inbox', () => {
  it('answers the commission its referrals with overdue flags and stale: false', async () => {
    const res = await get('/api/v1/inbox', 'cityCcdiHead').expect(200);
    // Not R1a or R2a, the parts it split off and forwarded: it may not open them (the domain's CASE_VISIBILITY).
    // R4a is the part of Dawa's R4 forwarded to it: its 县处级 persons (DOMAIN.md Decision 5).
    expect(idsOf(res.body, 'referralId')).toEqual(['R1', 'R2', 'R4a']);
    expect(res.body).toMatchObject({ total: 3, limit: 20, skip: 0, stale: false });
    expect(res.body.items[0].overdue).toEqual({
      any: false,
      acceptance: false,
      disposal: false,
      resultFeedback: false,
      organisationalHandling: false,
    });
  });

  it('accepts repeated or comma-separated statuses and boolean flags', async () => {
    const res = await get(
      '/api/v1/inbox?status=ResultFedBack,Closed&fedBack=true&county=panjin/dawa',
      'auditor',
    ).expect(200);
    expect(idsOf(res.body, 'referralId')).toEqual(['R3', 'R4', 'R4a']);
  });

  // 抄送 (issue 17 item 8): an agency lists the referrals copied to it; the administrator none at all.
  it('is 403 problem+json for the administrator', async () => {
    const res = await get('/api/v1/inbox', 'admin').expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('waits for minPosition and reports stale when the read model is behind', async () => {
    freshness.reached = false;
    const res = await get('/api/v1/inbox?minPosition=123456789012345678', 'auditor').expect(200);
    freshness.reached = true;
    expect(res.body.stale).toBe(true);
    expect(freshness.calls[freshness.calls.length - 1]).toEqual({ position: 123456789012345678n, timeoutMs: 2000 });
  });
});

describe('GET /api/v1/ledgers/*', () => {
  it('clue ledger: filters, text search and paging; overdue as of today (2026-03-20, China time)', async () => {
    const res = await get(
      '/api/v1/ledgers/clues?county=panjin/shuangtaizi&source=Reconsideration&sort=clueId&limit=2&skip=1',
      'cityOfficeHead',
    ).expect(200);
    expect(res.body.items.map((i: { clueId: string }) => i.clueId)).toEqual(['k11', 'k6']);
    expect(res.body.total).toBe(4);
    const search = await get(`/api/v1/ledgers/clues?q=${encodeURIComponent('(违法) 50%')}`, 'auditor').expect(200);
    expect(idsOf(search.body, 'clueId')).toEqual(['k4']);
  });

  it('both ledgers take several statuses at once, repeated or comma-separated (one query for 我的待办)', async () => {
    const one = async (path: string, field: string): Promise<unknown[]> =>
      idsOf((await get(path, 'auditor').expect(200)).body, field);
    const steps = await one('/api/v1/ledgers/clues?step=Registered,Verification&limit=100', 'clueId');
    expect(steps).toEqual(
      [
        ...(await one('/api/v1/ledgers/clues?step=Registered&limit=100', 'clueId')),
        ...(await one('/api/v1/ledgers/clues?step=Verification&limit=100', 'clueId')),
      ].sort(),
    );
    expect(steps.length).toBeGreaterThan(0);
    const items = await one('/api/v1/ledgers/rectification?status=Reopened&status=Assigned&limit=100', 'itemId');
    expect(items).toEqual(
      [
        ...(await one('/api/v1/ledgers/rectification?status=Reopened&limit=100', 'itemId')),
        ...(await one('/api/v1/ledgers/rectification?status=Assigned&limit=100', 'itemId')),
      ].sort(),
    );
  });

  it('rectification ledger: an agency sees its own items only', async () => {
    const res = await get('/api/v1/ledgers/rectification', 'urbanHead').expect(200);
    expect(idsOf(res.body, 'itemId')).toEqual(['i4', 'i5']);
  });

  it('administrators see no case data', async () => {
    for (const path of [
      '/api/v1/ledgers/clues',
      '/api/v1/ledgers/rectification',
      '/api/v1/ledgers/corrected-cases',
      '/api/v1/inbox',
      '/api/v1/statistics',
    ]) {
      const res = await get(path, 'admin').expect(403);
      expect(res.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    }
  });

  it('corrected cases as JSON, and as CSV (?format=csv and /export.csv) with a header row and defused formulas', async () => {
    const json = await get('/api/v1/ledgers/corrected-cases', 'auditor').expect(200);
    expect(idsOf(json.body, 'clueId')).toEqual(['k1', 'k11', 'k4']);
    for (const path of ['/api/v1/ledgers/corrected-cases?format=csv', '/api/v1/ledgers/corrected-cases/export.csv']) {
      const res = await get(path, 'auditor').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="corrected-cases-2026-03-20.csv"');
      expect(res.headers['x-read-model-stale']).toBe('false');
      expect(res.text.startsWith('\uFEFF线索编号,区域,被监督单位,')).toBe(true);
      expect(res.text).toContain(`"'=cmd|calc, ""x""\nnext"`);
      expect(res.text.split('\r\n')).toHaveLength(5);
    }
  });
});

describe('ledger exports: CSV and XLSX with Chinese headers and labels, audited per case', () => {
  const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void): void => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const sheetOf = async (path: string, actor: keyof typeof actors): Promise<string[][]> => {
    const res = await get(path, actor).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as Parameters<Workbook['xlsx']['load']>[0]);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  const workbookOf = async (path: string, actor: keyof typeof actors): Promise<Workbook> => {
    const res = await get(path, actor).buffer(true).parse(binary).expect(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as Parameters<Workbook['xlsx']['load']>[0]);
    return workbook;
  };

  it('writes the dates of the XLSX as Excel dates (yyyy-mm-dd), not text, and China time for instants', async () => {
    let instants = 0;
    for (const [ledger, id, dateColumn, dateField] of [
      ['clues', 'clueId', '收到日期', 'receivedOn'],
      ['rectification', 'itemId', '下达日期', 'assignedOn'],
    ] as const) {
      const json = await get(`/api/v1/ledgers/${ledger}?limit=100`, 'auditor').expect(200);
      const sheet = (await workbookOf(`/api/v1/ledgers/${ledger}/export.xlsx`, 'auditor')).worksheets[0];
      const header = (sheet?.getRow(1).values as unknown[]).slice(1);
      const dates = header.indexOf(dateColumn) + 1;
      const closedAt = header.indexOf('销号时间') + 1;
      const byId = new Map<string, Record<string, string>>(
        json.body.items.map((i: Record<string, string>) => [i[id], i] as const),
      );
      expect(sheet?.rowCount).toBe(json.body.total + 1);
      for (let r = 2; r <= (sheet?.rowCount ?? 0); r += 1) {
        const row = sheet?.getRow(r);
        const item = byId.get(String(row?.getCell(1).value));
        const cell = row?.getCell(dates);
        expect(cell?.type).toBe(ValueType.Date);
        expect(cell?.numFmt).toBe('yyyy-mm-dd');
        expect((cell?.value as Date).toISOString().slice(0, 10)).toBe(item?.[dateField]);
        const closed = item?.['closedAt'];
        if (closed !== undefined) {
          instants += 1;
          expect(row?.getCell(closedAt).type).toBe(ValueType.Date);
          expect((row?.getCell(closedAt).value as Date).getTime()).toBe(Date.parse(closed) + 8 * 3600 * 1000);
        }
      }
    }
    expect(instants).toBeGreaterThan(0);
  });

  it('freezes the header row, sizes the columns, and notes the applied filters on a second sheet', async () => {
    const workbook = await workbookOf('/api/v1/ledgers/clues/export.xlsx?county=panjin/dawa&overdue=false', 'auditor');
    const [sheet, note] = workbook.worksheets;
    expect(sheet?.name).toBe('线索台账');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getRow(1).getCell(1).value).toBe('线索编号');
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    // 问题摘要 holds long Chinese text: wider than the short code column after it.
    expect(sheet?.getColumn(6).width).toBeGreaterThan(sheet?.getColumn(1).width ?? 0);
    expect(sheet?.getColumn(7).width).toBeGreaterThanOrEqual(10);
    expect(note?.name).toBe('筛选条件');
    const lines: string[][] = [];
    // Array.from: an empty cell is a hole in `values`, which map would skip.
    note?.eachRow((row) => lines.push(Array.from(row.values as unknown[], (v) => String(v ?? '')).slice(1)));
    expect(lines).toContainEqual(['台账', '', '线索台账']);
    expect(lines).toContainEqual(['区县', 'county', 'panjin/dawa']);
    expect(lines).toContainEqual(['是否逾期', 'overdue', 'false']);
    expect(lines.find((l) => l[0] === '行数')?.[2]).toBe(String((sheet?.rowCount ?? 0) - 1));
  });

  it('notes an export without filters as covering every visible row', async () => {
    const workbook = await workbookOf('/api/v1/ledgers/rectification/export.xlsx', 'auditor');
    const note = workbook.getWorksheet('筛选条件');
    const first: string[] = [];
    note?.eachRow((row) => first.push(String(row.getCell(1).value ?? '')));
    expect(first).toContain('无（全部可见记录）');
    expect(workbook.worksheets[0]?.getRow(2).getCell(9).type).toBe(ValueType.Date);
  });

  it('exports every clue of the ledger (no paging) as XLSX, labels in Chinese, one access-log record listing every clue', async () => {
    exported.length = 0;
    const json = await get('/api/v1/ledgers/clues?limit=100', 'cityOffice').expect(200);
    const rows = await sheetOf('/api/v1/ledgers/clues/export.xlsx?limit=1', 'cityOffice');
    expect(rows[0]?.slice(0, 4)).toEqual(['线索编号', '区域', '被监督单位', '线索来源']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(idsOf(json.body, 'clueId'));
    const k1 = rows.find((r) => r[0] === 'k1');
    const k1Json = json.body.items.find((i: { clueId: string }) => i.clueId === 'k1');
    expect(k1?.[7]).toBe(labelOf('clueStatus', k1Json.status, 'zh'));
    expect(k1?.[7]).not.toBe(k1Json.status);
    expect(exported).toHaveLength(1);
    expect([...(exported[0]?.exported.ids ?? [])].sort()).toEqual(idsOf(json.body, 'clueId'));
    expect(exported[0]).toMatchObject({
      userId: 'u-office',
      detail: 'clue-ledger.xlsx',
      exported: { kind: 'clue', rows: json.body.total, filters: {} },
    });
  });

  it("applies the JSON ledger's filters and an agency's view to the file", async () => {
    const json = await get('/api/v1/ledgers/clues?limit=100', 'trafficHead').expect(200);
    const rows = await sheetOf('/api/v1/ledgers/clues/export.xlsx', 'trafficHead');
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(idsOf(json.body, 'clueId'));
    const filtered = await get('/api/v1/ledgers/clues?limit=100&county=panjin/dawa', 'auditor').expect(200);
    const csv = await get('/api/v1/ledgers/clues/export.csv?county=panjin/dawa', 'auditor').expect(200);
    expect(csv.text.startsWith('\uFEFF线索编号,')).toBe(true);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(filtered.body.total + 1);
  });

  it('writes English headers and the codes themselves when English is asked for', async () => {
    const res = await get('/api/v1/ledgers/rectification/export.csv', 'auditor')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .expect(200);
    expect(res.headers['content-language']).toBe('en');
    const [header, first] = res.text.replace('\uFEFF', '').split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['Item', 'Clue', 'Region']);
    expect(first).toMatch(/,(Assigned|InProgress|Reported|Evaluated|Closed|LookBackPending|LookBackPassed|Reopened),/);
  });

  it('exports the rectification ledger and the corrected cases as XLSX too', async () => {
    const items = await get('/api/v1/ledgers/rectification?limit=100', 'auditor').expect(200);
    const sheet = await sheetOf('/api/v1/ledgers/rectification/export.xlsx', 'auditor');
    expect(sheet).toHaveLength(items.body.total + 1);
    expect(sheet[0]?.[0]).toBe('整改事项编号');
    for (const path of ['/api/v1/ledgers/corrected-cases?format=xlsx', '/api/v1/ledgers/corrected-cases/export.xlsx']) {
      const rows = await sheetOf(path, 'auditor');
      expect(rows.slice(1).map((r) => r[0])).toEqual(['k1', 'k4', 'k11']);
      // A cell that would be a formula in CSV is a plain text value in the workbook.
      expect(rows.find((r) => r[0] === 'k11')?.[5]).toBe('=cmd|calc, "x"\nnext');
    }
  });

  it('refuses roles that may not read the ledger, and records nothing', async () => {
    exported.length = 0;
    for (const path of ['/api/v1/ledgers/clues/export.xlsx', '/api/v1/ledgers/corrected-cases/export.xlsx']) {
      const res = await get(path, 'admin').expect(403);
      expect(res.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    }
    expect(exported).toEqual([]);
  });
});

describe('GET /api/v1/statistics', () => {
  it('reads back the Panjin figures, with the counties from the organisation directory', async () => {
    const res = await get('/api/v1/statistics', 'secretary').expect(200);
    expect(res.body).toMatchObject({
      persons: { total: 23, byRank: { CountyDivision: 9, TownshipSectionOrBelow: 14 } },
      transfersToJudicialOrgans: 1,
      typicalCasesPublished: 4,
      // By the sending office's county (issue 17 item 7): the city office sent every referral of this history.
      countiesWithoutReferrals: ['panjin/dawa', 'panjin/panshan', 'panjin/shuangtaizi', 'panjin/xinglongtai'],
      stale: false,
    });
  });

  it('filters by period and county', async () => {
    const res = await get('/api/v1/statistics?from=2026-03-01&to=2026-12-31&county=panjin/dawa', 'auditor').expect(200);
    expect(res.body).toMatchObject({
      period: { from: '2026-03-01', to: '2026-12-31' },
      county: 'panjin/dawa',
      persons: { total: 12 },
    });
  });
});

describe('query validation (problem+json, field names only)', () => {
  it.each([
    ['/api/v1/inbox?limit=101', 'limit'],
    ['/api/v1/inbox?limit=abc', 'limit'],
    ['/api/v1/inbox?skip=-1', 'skip'],
    ['/api/v1/inbox?status=Bogus', 'status'],
    ['/api/v1/inbox?overdue=yes', 'overdue'],
    ['/api/v1/inbox?minPosition=-5', 'minPosition'],
    ['/api/v1/inbox?whatever=1', 'whatever'],
    ['/api/v1/ledgers/clues?sort=summary', 'sort'],
    ['/api/v1/ledgers/clues?county=..%2Fx', 'county'],
    ['/api/v1/ledgers/clues?step=None', 'step'],
    ['/api/v1/ledgers/clues?step=Registered,Bogus', 'step'],
    ['/api/v1/ledgers/rectification?status=Assigned&status=Finished', 'status'],
    ['/api/v1/ledgers/clues?source=Rumour', 'source'],
    ['/api/v1/ledgers/rectification?mode=Sometimes', 'mode'],
    ['/api/v1/ledgers/corrected-cases?format=pdf', 'format'],
    ['/api/v1/statistics?from=2026-02-30', 'from'],
    ['/api/v1/statistics?from=2026-05-01&to=2026-04-01', 'to'],
  ])('%s → 400 naming %s', async (path, field) => {
    const res = await get(path, 'auditor').expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
