import { TestApp, startTestApp } from './support/test-app';
import { MatrixFixtures, Reply, bodies, mapLimit } from './support/matrix-fixtures';

/**
 * 三员分立 (issue 18): every route of the OpenAPI document × each of the three administrators. The
 * table below names what each may do; every other route is refused to them by default — so a new
 * route that lets an administrator in without a decision here fails this spec. Refused: never 2xx
 * or 5xx; a read answers 403 with an AUTH.* code, or 404 as a hidden case. Allowed: never refused
 * for the role (403 AUTH.ROLE_NOT_ALLOWED / AUTH.READ_ONLY_ROLE) and never 5xx; a read answers 2xx.
 * The authorization matrix (authorization-matrix.e2e-spec.ts) runs the same accounts on cases in
 * the state each route needs, with valid bodies.
 */
type Admin = 'admin' | 'secadmin' | 'auditadmin';
const ADMINS: readonly Admin[] = ['admin', 'secadmin', 'auditadmin'];

/** Every account signed in reads these: who it is, its notifications, reference data, the calendar. */
const EVERY_ACCOUNT: readonly string[] = [
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/second-factor/enrolment',
  'POST /api/v1/auth/second-factor/enrolment/confirmation',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/read',
  'POST /api/v1/notifications/{id}/read',
  'GET /api/v1/catalogue',
  'GET /api/v1/lookups/organisations',
  'GET /api/v1/lookups/outcomes',
  'GET /api/v1/lookups/regions',
  'GET /api/v1/lookups/situations',
  'GET /api/v1/lookups/users',
  'GET /api/v1/calendar',
  'GET /api/v1/calendar/{year}',
];

/** What each administrator may do beyond that: the table of ADMINISTRATIVE_DUTIES, route by route. */
const ALLOWED: Readonly<Record<string, readonly Admin[]>> = {
  ...Object.fromEntries(EVERY_ACCOUNT.map((route) => [route, ADMINS])),
  // 系统管理员: users, the calendar, operations.
  'POST /api/v1/accounts': ['admin'],
  'POST /api/v1/accounts/{username}/disable': ['admin'],
  'POST /api/v1/accounts/{username}/enable': ['admin'],
  'POST /api/v1/accounts/{username}/reset-password': ['admin'],
  'PUT /api/v1/calendar/{year}': ['admin'],
  'GET /api/v1/notifications/outbox/parked': ['admin'],
  // 组织机构管理 (organisations as data).
  'GET /api/v1/organisations': ['admin'],
  'POST /api/v1/organisations': ['admin'],
  'PATCH /api/v1/organisations/{id}': ['admin'],
  'POST /api/v1/organisations/{id}/closure': ['admin'],
  // Position and organisation: the system administrator; a role: the security administrator.
  'PATCH /api/v1/accounts/{username}': ['admin', 'secadmin'],
  'GET /api/v1/accounts': ['admin', 'secadmin'],
  'GET /api/v1/accounts/{username}': ['admin', 'secadmin'],
  'GET /api/v1/integrity/breaches': ['admin', 'secadmin'],
  // 安全管理员: second factors, the response to an integrity breach.
  'POST /api/v1/accounts/{username}/reset-second-factor': ['secadmin'],
  'POST /api/v1/integrity/breach-acknowledgements': ['secadmin'],
  // 安全审计员: the logs.
  'GET /api/v1/audit/access-log': ['auditadmin'],
  'GET /api/v1/audit/administration-log': ['auditadmin'],
  'GET /api/v1/audit/administration-log/export.csv': ['auditadmin'],
  'GET /api/v1/audit/administration-log/export.xlsx': ['auditadmin'],
  'GET /api/v1/audit/administration-log/export.json': ['auditadmin'],
  'GET /api/v1/audit/access-log/export.csv': ['auditadmin'],
  'GET /api/v1/audit/access-log/export.xlsx': ['auditadmin'],
  'GET /api/v1/audit/access-log/export.json': ['auditadmin'],
};

/** Routes open without a token: nobody's role is asked. */
const OPEN_ROUTES = [
  'POST /api/v1/auth/token',
  'POST /api/v1/auth/token/second-factor',
  'POST /api/v1/auth/session',
  'POST /api/v1/auth/session/second-factor',
  'DELETE /api/v1/auth/session',
  'GET /health/live',
  'GET /health/ready',
];

/** Queries and bodies that make an allowed call valid; anything else gets none (a refusal comes first). */
const QUERY: Readonly<Record<string, string>> = {
  'GET /api/v1/audit/access-log': 'userId=user-office',
  'GET /api/v1/audit/read-models/{name}/as-of': `at=${encodeURIComponent(new Date().toISOString())}`,
  'GET /api/v1/clues/{id}/as-of': 'revision=0',
  'GET /api/v1/referrals/{id}/as-of': 'revision=0',
  'GET /api/v1/rectification-items/{id}/as-of': 'revision=0',
  'GET /api/v1/campaigns/{id}/as-of': 'revision=0',
  'GET /api/v1/accountability-cases/{id}/as-of': 'revision=0',
  // 年度报告: a valid year, so the refusal is the role's, not the query's.
  'GET /api/v1/reports/annual': 'year=2026',
  'GET /api/v1/reports/annual.xlsx': 'year=2026',
  'GET /api/v1/reports/annual.docx': 'year=2026',
};
const BODY: Readonly<Record<string, (account: Admin) => object>> = {
  'POST /api/v1/accounts': (account) => ({
    username: `three-${account}`,
    displayName: '三员矩阵',
    role: 'RuleOfLawOffice',
    orgId: 'dawa.rol-office',
    position: 'Staff',
  }),
  // A position is the system administrator's to change, a role (with its organisation) the security administrator's.
  'PATCH /api/v1/accounts/{username}': (account) =>
    account === 'secadmin' ? { role: 'JusticeBureau', orgId: 'panjin.justice' } : { position: 'Head' },
  'PUT /api/v1/calendar/{year}': () => bodies.holidayYear2026(),
  'POST /api/v1/auth/password': () => ({ currentPassword: 'not-the-password', newPassword: 'Never-applied-2026' }),
  'POST /api/v1/auth/second-factor/enrolment/confirmation': () => ({ code: '000000' }),
  'POST /api/v1/notifications/read': () => ({ ids: ['00000000-0000-8000-8000-000000000000'] }),
  'POST /api/v1/integrity/breach-acknowledgements': () => ({
    breachId: '00000000-0000-4000-8000-000000000000',
    reason: '三员矩阵',
  }),
};

interface Outcome {
  readonly route: string;
  readonly account: Admin;
  readonly allowed: boolean;
  readonly reply: Reply;
}

const ROLE_REFUSALS = ['AUTH.ROLE_NOT_ALLOWED', 'AUTH.READ_ONLY_ROLE'];
const show = (o: Outcome): string =>
  `${o.route} | ${o.account} | ${o.allowed ? 'allowed' : 'refused'} | got ${o.reply.status} ${o.reply.code ?? '-'}`;

describe('三员分立: every route × the system, security and audit administrators', () => {
  let t: TestApp;
  let fx: MatrixFixtures;
  let routes: string[] = [];
  let outcomes: Outcome[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    fx = new MatrixFixtures(t);
    await fx.login();
    // Real cases for {id}: the administrators must not see them.
    const ids = {
      clues: await fx.make({ kind: 'clue', stage: 'Rectification' }),
      referrals: await fx.make({ kind: 'referral', stage: 'Sent', receiver: 'county' }),
      'rectification-items': await fx.make({ kind: 'item', stage: 'InProgress' }),
    };
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const pathOf = (route: string): string => {
      const template = route.split(' ')[1] as string;
      const kind = (Object.keys(ids) as (keyof typeof ids)[]).find((k) => template.startsWith(`/api/v1/${k}/`));
      const caseKind = template.startsWith('/api/v1/cases/') ? 'clue' : undefined;
      return template
        .replace('{id}', caseKind ? ids.clues : kind ? ids[kind] : '00000000-0000-8000-8000-000000000000')
        .replace('{kind}', 'clue')
        .replace('{name}', 'clue-ledger')
        .replace('{type}', 'rectification-notice')
        .replace('{year}', '2026')
        .replace('{username}', route.startsWith('PATCH') ? 'three-admin' : 'office');
    };
    const pairs = routes
      .filter((route) => !OPEN_ROUTES.includes(route))
      .flatMap((route) => ADMINS.map((account) => ({ route, account })));
    // The system administrator's PATCH acts on an account of its own making, not a demo account (409).
    await fx.send('admin', 'POST', '/api/v1/accounts', BODY['POST /api/v1/accounts']!('admin'));
    outcomes = await mapLimit(pairs, 8, async ({ route, account }) => {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH';
      const query = QUERY[route];
      const path = pathOf(route) + (query ? `?${query}` : '');
      const body = BODY[route]?.(account) ?? (method === 'GET' ? undefined : {});
      return {
        route,
        account,
        allowed: ALLOWED[route]?.includes(account) === true,
        reply: await fx.send(account, method, path, body),
      };
    });
  }, 900_000);
  afterAll(() => t?.close());

  it('decides only routes of the OpenAPI document', () => {
    expect(Object.keys(ALLOWED).filter((route) => !routes.includes(route))).toEqual([]);
    expect(routes.length).toBeGreaterThan(100);
  });

  it('refuses every route the table does not give them: never 2xx or 5xx; a read 403 AUTH.* or 404', () => {
    const refused = outcomes.filter((o) => !o.allowed);
    expect(refused.length).toBeGreaterThan(300);
    expect(refused.filter((o) => o.reply.status < 300 || o.reply.status >= 500).map(show)).toEqual([]);
    expect(
      refused
        .filter((o) => o.route.startsWith('GET '))
        .filter((o) => !(o.reply.status === 404 || (o.reply.status === 403 && o.reply.code?.startsWith('AUTH.'))))
        .map(show),
    ).toEqual([]);
  });

  it('lets each do its own work: never refused for its role, a read answered 2xx', () => {
    const allowed = outcomes.filter((o) => o.allowed);
    expect(
      allowed
        .filter((o) => o.reply.status >= 500 || (o.reply.status === 403 && ROLE_REFUSALS.includes(o.reply.code ?? '')))
        .map(show),
    ).toEqual([]);
    expect(allowed.filter((o) => o.route.startsWith('GET ') && o.reply.status >= 300).map(show)).toEqual([]);
  });

  it('sees no case: every case read answers 404 to all three', () => {
    const caseReads = outcomes.filter((o) =>
      /^GET \/api\/v1\/(clues|referrals|rectification-items|cases)\/\{/.test(o.route),
    );
    expect(caseReads.length).toBeGreaterThan(30);
    expect(caseReads.filter((o) => o.reply.status !== 404).map(show)).toEqual([]);
  });
});
