import { CanActivate, ExecutionContext, INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  CLOCK,
  FixedClock,
  READ_MODEL_FRESHNESS,
  READ_MODEL_STORE,
  clueLedgerProjection,
  commissionInboxProjection,
  correctedCasesProjection,
  rectificationLedgerProjection,
} from '@xj/application';
import { Actor } from '@xj/domain';
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
    // Not R2a, the part it split off and forwarded: it may not open it (the domain's CASE_VISIBILITY).
    expect(idsOf(res.body, 'referralId')).toEqual(['R1', 'R2']);
    expect(res.body).toMatchObject({ total: 2, limit: 20, skip: 0, stale: false });
    expect(res.body.items[0].overdue).toEqual({
      any: false,
      acceptance: false,
      disposal: false,
      resultFeedback: false,
    });
  });

  it('accepts repeated or comma-separated statuses and boolean flags', async () => {
    const res = await get(
      '/api/v1/inbox?status=ResultFedBack,Closed&fedBack=true&county=panjin/dawa',
      'auditor',
    ).expect(200);
    expect(idsOf(res.body, 'referralId')).toEqual(['R3', 'R4']);
  });

  it('is 403 problem+json for an agency', async () => {
    const res = await get('/api/v1/inbox', 'dawaAgencyHead').expect(403);
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

describe('GET /api/v1/statistics', () => {
  it('reads back the Panjin figures, with the counties from the organisation directory', async () => {
    const res = await get('/api/v1/statistics', 'secretary').expect(200);
    expect(res.body).toMatchObject({
      persons: { total: 23, byRank: { CountyDivision: 9, TownshipSectionOrBelow: 14 } },
      transfersToJudicialOrgans: 1,
      typicalCasesPublished: 4,
      countiesWithoutReferrals: ['panjin/panshan'],
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
    ['/api/v1/ledgers/clues?source=Rumour', 'source'],
    ['/api/v1/ledgers/rectification?mode=Sometimes', 'mode'],
    ['/api/v1/ledgers/corrected-cases?format=xlsx', 'format'],
    ['/api/v1/statistics?from=2026-02-30', 'from'],
    ['/api/v1/statistics?from=2026-05-01&to=2026-04-01', 'to'],
  ])('%s → 400 naming %s', async (path, field) => {
    const res = await get(path, 'auditor').expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
