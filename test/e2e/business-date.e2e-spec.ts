import { TestApp, startTestApp } from './support/test-app';
import {
  ITEMS,
  JourneyClient,
  REFERRALS,
  clueUnderAnalysis,
  expectAnswer,
  expectProblem,
  journeyClient,
  plusDays,
  referralBody,
  subject,
  todayInChina,
} from './support/journey-helpers';

/**
 * Issue 17 item 7: an act entered today that happened earlier carries its business date (业务日期),
 * validated (not after today, not before the case began: 422 with a stable code), and the
 * statistics count it in its own year.
 */
describe('business dates through the API', () => {
  let t: TestApp;
  let api: JourneyClient;
  beforeAll(async () => {
    t = await startTestApp();
    api = journeyClient(t);
  });
  afterAll(() => t.close());

  it('given a clue received on 10 March 2025 and sent on 10 April 2025, the 2025 statistics count the referral, and this year none', async () => {
    const clueId = await clueUnderAnalysis(api, { receivedAt: '2025-03-10T09:00:00+08:00' });
    const body = (conditionsMetOn: string) => referralBody(clueId, [subject('s1')], { conditionsMetOn });
    expectProblem(await api.post('office', REFERRALS, body('2025-03-09')), 422, 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    const drafted = await api.post('office', REFERRALS, body('2025-04-01'));
    expectAnswer(drafted, 201, 'Draft', 0);
    const path = `${REFERRALS}/${drafted.body.id as string}`;
    expectAnswer(await api.post('office-head', `${path}/approval`, { opinion: '同意移送' }), 200, 'Approved', 1);

    const send = (occurredOn: string) =>
      api.post('office', `${path}/sending`, {
        target: { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' },
        occurredOn,
      });
    expectProblem(await send(plusDays(todayInChina(), 1)), 422, 'BUSINESS_DATE.IN_FUTURE');
    expectProblem(await send('2025-03-31'), 422, 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    expect((await send('2025-4-10')).status).toBe(400);
    const sent = await send('2025-04-10');
    expectAnswer(sent, 200, 'Sent', 2);

    const statistics = async (year: string) => {
      const res = await api.get(
        'auditor',
        `/api/v1/statistics?from=${year}-01-01&to=${year}-12-31&minPosition=${sent.headers['x-global-position'] as string}`,
      );
      expect(res.status).toBe(200);
      return res.body as { referrals: { total: number }; stale: boolean };
    };
    expect(await statistics('2025')).toMatchObject({ referrals: { total: 1 }, stale: false });
    expect((await statistics(todayInChina().slice(0, 4))).referrals.total).toBe(0);
  });

  it('given a 2025 rectification item entered now, its acts carry their 2025 business dates and the 2025 statistics count it', async () => {
    const clueId = await clueUnderAnalysis(api, { receivedAt: '2025-03-10T09:00:00+08:00' });
    const assign = (occurredOn: string) =>
      api.post('office', ITEMS, {
        clueId,
        agencyOrgId: 'dawa.emergency',
        mode: 'Deadline',
        issue: '行政处罚案卷未载明法律依据',
        measures: '逐案补正',
        dueDate: '2025-06-30',
        owner: '局长',
        responsiblePerson: '科长',
        occurredOn,
      });
    expectProblem(await assign('2025-03-09'), 422, 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    const assigned = await assign('2025-04-01');
    expectAnswer(assigned, 201, 'Assigned', 0);
    const item = `${ITEMS}/${assigned.body.id as string}`;
    const start = (occurredOn: string) => api.post('dawa-emergency', `${item}/start`, { occurredOn });
    expectProblem(await start(plusDays(todayInChina(), 1)), 422, 'BUSINESS_DATE.IN_FUTURE');
    expectProblem(await start('2025-03-31'), 422, 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
    expect((await start('2025-4-2')).status).toBe(400);
    expectAnswer(await start('2025-04-02'), 200, 'InProgress', 1);
    const report = { report: '已补正', evidence: ['整改报告'], occurredOn: '2025-05-06' };
    expectAnswer(await api.post('dawa-emergency-head', `${item}/report`, report), 200, 'Reported', 2);
    const pass = { method: 'Document', result: 'Pass', notes: '书面评估', occurredOn: '2025-05-20' };
    expectAnswer(await api.post('office', `${item}/evaluation`, pass), 200, 'Evaluated', 3);
    const closeOut = (occurredOn: string) => api.post('office-head', `${item}/close-out`, { occurredOn });
    expectProblem(await closeOut('2025-05-19'), 422, 'BUSINESS_DATE.BEFORE_PREVIOUS_ACT');
    const closed = await closeOut('2025-06-03');
    expectAnswer(closed, 200, 'Closed', 4);

    const position = closed.headers['x-global-position'] as string;
    const line = await api.get('auditor', `/api/v1/ledgers/rectification?clueId=${clueId}&minPosition=${position}`);
    expect(line.body.items).toEqual([
      expect.objectContaining({ assignedOn: '2025-04-01', closedOn: '2025-06-03', status: 'Closed' }),
    ]);
    const statistics = async (year: string) => {
      const res = await api.get(
        'auditor',
        `/api/v1/statistics?from=${year}-01-01&to=${year}-12-31&minPosition=${position}`,
      );
      expect(res.status).toBe(200);
      return res.body as { rectification: { total: number; closed: number } };
    };
    expect((await statistics('2025')).rectification).toMatchObject({ total: 1, closed: 1 });
    expect((await statistics(todayInChina().slice(0, 4))).rectification.total).toBe(0);
  });
});
