import { AddressInfo } from 'node:net';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { EVENT_STORE, EventStore } from '@xj/application';
import { DemoResult, runDemo } from '../../scripts/demo';
import { TestApp, startTestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The last global position in the store: what the read models must reach before we read them. */
const headPosition = async (store: EventStore): Promise<bigint> => {
  let position = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 1000 });
    const last = page[page.length - 1];
    if (!last) return position;
    position = last.position;
  }
};

interface Row {
  figure: string;
  code?: string;
  value: number | null;
  previousYear?: number | null;
}
interface Report {
  year: number;
  region?: string;
  sections: { section: string; rows: Row[] }[];
  countiesWithoutReferrals: string[];
  campaigns: { campaignId: string; unitsInspected: number; findings: number; clues: number; referrals: number }[];
  stale: boolean;
}

const rowOf = (report: Report, figure: string, code?: string): Row | undefined =>
  report.sections.flatMap((s) => s.rows).find((r) => r.figure === figure && r.code === code);

/** The `<w:t>` runs of a DOCX's word/document.xml, in order. */
const docxTexts = async (bytes: Buffer): Promise<string[]> => {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '');
};

/**
 * 年度报告 / 述法 figures (issue 17) through HTTP after `npm run demo`: the Panjin figures of DOMAIN.md
 * §8 for their business year 2024, the Bijie-shaped accountability outside the commission by year, the
 * 蓬江-shaped campaign in 2025; the XLSX and DOCX exports opened and read; bad year or region → 400.
 */
describe('annual report after the demo dataset', () => {
  let t: TestApp;
  let demo: DemoResult;
  let head = 0n;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    demo = await runDemo({ baseUrl: `http://127.0.0.1:${port}`, credentials: t.credentials });
    head = await headPosition(t.app.get<EventStore>(EVENT_STORE));
  }, 240_000);
  afterAll(() => t.close());

  const get = async (path: string, user = 'auditor') =>
    t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await t.token(user)}`);
  const report = async (query: string, user = 'auditor'): Promise<Report> => {
    const res = await get(`/api/v1/reports/annual?minPosition=${head}&${query}`, user);
    expect(res.status).toBe(200);
    return res.body as Report;
  };
  const download = async (path: string) =>
    t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await t.token('auditor')}`)
      .buffer(true)
      .parse((response, done) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () => done(null, Buffer.concat(parts)));
      });

  it('quotes the Panjin figures (DOMAIN.md §8) for 2024, their business year, with 2023 beside them', async () => {
    const y2024 = await report('year=2024');
    expect(y2024.stale).toBe(false);
    expect(rowOf(y2024, 'persons.total')).toMatchObject({ value: 23, previousYear: 0 });
    expect(rowOf(y2024, 'persons.byRank', 'CountyDivision')?.value).toBe(9);
    expect(rowOf(y2024, 'persons.byRank', 'TownshipSectionOrBelow')?.value).toBe(14);
    expect(rowOf(y2024, 'persons.transfersToJudicialOrgans')?.value).toBe(1);
    expect(rowOf(y2024, 'typicalCases.total')?.value).toBe(4);
    // demo-statistics.e2e-spec.ts: five referrals sent in 2024, one (tc1) in October 2023.
    expect(rowOf(y2024, 'referrals.total')).toMatchObject({ value: 5, previousYear: 1 });
    expect(y2024.countiesWithoutReferrals).toContain('panjin/panshan');
  });

  it('gives each figure the value of the statistics of 1 January–31 December (one definition, e.g. rectification)', async () => {
    const y2024 = await report('year=2024');
    const stats = (await get(`/api/v1/statistics?minPosition=${head}&from=2024-01-01&to=2024-12-31`)).body;
    expect(rowOf(y2024, 'rectification.total')?.value).toBe(stats.rectification.total);
    expect(rowOf(y2024, 'rectification.closeRate')?.value).toBe(stats.rectification.closeRate);
    expect(rowOf(y2024, 'lookBacks.completed')?.value).toBe(stats.lookBacks.completed);
    expect(rowOf(y2024, 'referrals.accepted')?.value).toBe(stats.referrals.accepted);
    expect(rowOf(y2024, 'clues.total')?.value).toBe(stats.clues.total);
    expect(y2024.countiesWithoutReferrals).toEqual(stats.countiesWithoutReferrals);
  });

  // scripts/demo/bijie-accountability.ts: the wrong-case matters rotate over 2020–2025, eight in 2020.
  it('counts the Bijie-shaped accountability outside the commission in its business year, apart from the commission', async () => {
    const y2020 = await report('year=2020');
    expect(rowOf(y2020, 'accountability.outsideCasesByType', 'WrongfulCase')?.value).toBe(8);
    expect(rowOf(y2020, 'accountability.outsideCasesByType', 'EnforcementFault')?.value).toBe(0);
    expect(rowOf(y2020, 'accountability.commissionPersons')?.value).toBe(0);
    const years = await Promise.all([2020, 2021, 2022, 2023, 2024, 2025].map((y) => report(`year=${y}`)));
    const sum = (figure: string, code: string) => years.reduce((n, r) => n + (rowOf(r, figure, code)?.value ?? 0), 0);
    // 1 : 10 of DOMAIN.md §8 Bijie: 33 enforcement-fault cases, 47 wrong-case matters (all since 2020).
    expect([
      sum('accountability.outsideCasesByType', 'EnforcementFault'),
      sum('accountability.outsideCasesByType', 'WrongfulCase'),
    ]).toEqual([33, 47]);
  });

  it('quotes the 蓬江-shaped campaign of 2025 (seed 001): 8 units inspected, 8 findings, 8 clues', async () => {
    const y2025 = await report('year=2025');
    expect(y2025.campaigns.map((c) => c.campaignId)).toEqual([demo.campaign.campaignId]);
    expect(rowOf(y2025, 'campaigns.total')).toMatchObject({ value: 1, previousYear: 0 });
    expect(rowOf(y2025, 'campaigns.unitsInspected')?.value).toBe(8);
    expect(rowOf(y2025, 'campaigns.findings')?.value).toBe(8);
    expect(rowOf(y2025, 'campaigns.clues')?.value).toBe(8);
    // Referrals and close-outs as the campaign's own figures read them (the demo may walk its clues on).
    const own = (await get(`/api/v1/campaigns/${demo.campaign.campaignId}/figures`)).body.figures;
    expect([rowOf(y2025, 'campaigns.referrals')?.value, rowOf(y2025, 'campaigns.rectified')?.value]).toEqual([
      own.referrals,
      own.rectified,
    ]);
    expect(rowOf(await report('year=2024'), 'campaigns.total')?.value).toBe(0);
  });

  it('exports the year as XLSX with Chinese headers, sections and definitions', async () => {
    const res = await download('/api/v1/reports/annual.xlsx?year=2024');
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: XLSX });
    expect(res.headers['content-disposition']).toContain('annual-report-2024.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as Parameters<Workbook['xlsx']['load']>[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['年度报告', '法治督察', '统计口径']);
    const lines = (name: string) => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(name)?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const figures = lines('年度报告');
    expect(figures.slice(0, 2)).toEqual([['全市2024年度行纪衔接工作统计表'], ['项目', '2024年', '2023年', '增减']]);
    expect(figures).toContainEqual(['三、处理人员']);
    // Numbers stay numbers: the persons held accountable, 23 against 0 the year before.
    expect(figures).toContainEqual(['被问责人数', 23, 0, '+23']);
    expect(figures).toContainEqual(['按干部级别 — 县处级', 9]);
    const notes = lines('统计口径').map(([line]) => String(line));
    expect(notes.some((line) => line.startsWith('零移送县区：') && line.includes('盘山县'))).toBe(true);
  });

  it('exports the year as a DOCX annex (附件, GB/T 9704-2012 §8) with the tables and the definitions', async () => {
    const res = await download('/api/v1/reports/annual.docx?year=2024&region=panjin');
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: DOCX });
    const texts = await docxTexts(res.body as Buffer);
    expect(texts[0]).toBe('附件');
    expect(texts).toEqual(expect.arrayContaining(['一、问题线索', '三、处理人员', '被问责人数', '23', '注：']));
    expect(texts.some((text) => text.includes('被问责人数：') && text.includes('监察建议'))).toBe(true);
  });

  it('refuses a year out of range or an unknown region with 400 and a stable code', async () => {
    for (const [query, code] of [
      ['year=1999', 'REPORT.YEAR_OUT_OF_RANGE'],
      [`year=${new Date().getUTCFullYear() + 2}`, 'REPORT.YEAR_OUT_OF_RANGE'],
      ['year=2024&region=panjin/nowhere', 'REPORT.UNKNOWN_REGION'],
      ['year=twenty', 'REQUEST.VALIDATION_FAILED'],
      ['', 'REQUEST.VALIDATION_FAILED'],
    ]) {
      const res = await get(`/api/v1/reports/annual?${query}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code });
    }
    const file = await get('/api/v1/reports/annual.docx?year=1999');
    expect([file.status, file.body.code]).toEqual([400, 'REPORT.YEAR_OUT_OF_RANGE']);
  });

  it('answers the statistics readers only, a county office with its county (read-access.ts statisticsFilters)', async () => {
    expect((await get('/api/v1/reports/annual?year=2024', 'admin')).status).toBe(403);
    expect((await get('/api/v1/reports/annual?year=2024', 'dawa-emergency-head')).status).toBe(403);
    const dawa = await report('year=2024', 'dawa-office-head');
    const asked = await report('year=2024&region=panjin/dawa');
    expect(dawa.sections).toEqual(asked.sections);
  });
});
