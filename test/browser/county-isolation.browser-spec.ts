import type { Page } from 'playwright-core';
import { clueBody } from '../e2e/support/journey-helpers';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/**
 * Journey (4) of issue 16: a county clerk (大洼区法治建设办) works only on the county's cases. The
 * other county's clue is neither listed on the clerk's screens nor opened by typing its address.
 */
describe('Workbench journey (4): a county clerk cannot see or reach another county’s case', () => {
  let w: Workbench;
  let dawaClue: string;
  let panshanClue: string;
  let page: Page;

  const chinaTime = (iso: string): string =>
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso));

  beforeAll(async () => {
    w = await startWorkbench();
    // Given: the city office has registered one clue in each county and started analysing the Dawa one.
    dawaClue = (
      await w.given('office', 'post', '/api/v1/clues', clueBody({ summary: '大洼区应急管理局逾期未纠正违法罚款' }))
    ).id as string;
    await w.given('office', 'post', `/api/v1/clues/${dawaClue}/analysis`, { analystUserId: 'user-office' });
    panshanClue = (
      await w.given(
        'office',
        'post',
        '/api/v1/clues',
        clueBody({
          regionId: 'panjin/panshan',
          agency: { orgId: 'panshan.housing', name: '盘山县住房和城乡建设局' },
          summary: '盘山县住建局违法强制拆除',
        }),
      )
    ).id as string;
    page = await w.loginAs('dawa-office');
  });
  afterAll(() => w?.close());

  it('given a clue in each county, when the Dawa clerk opens 我的待办, then the Dawa clue is listed and the Panshan one is not', async () => {
    const clues = page.locator('.ant-card', { has: page.getByRole('heading', { name: '问题线索' }) });
    await clues.getByText('大洼区应急管理局逾期未纠正违法罚款').waitFor();
    await expect(clues.getByRole('link', { name: dawaClue.slice(0, 8) }).count()).resolves.toBe(1);
    await expect(page.getByText('盘山县住建局违法强制拆除').count()).resolves.toBe(0);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('法治建设办');
    await w.screenshot(page, 'work-dawa-office');
    await expect(seriousViolations(page)).resolves.toEqual([]);
  });

  it('when 我的待办 loads, then each of its lists is one request (every open status in it), not one per status', async () => {
    const ledgerRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/ledgers/')) ledgerRequests.push(decodeURIComponent(new URL(r.url()).search));
    });
    await page.reload();
    const clues = page.locator('.ant-card', { has: page.getByRole('heading', { name: '问题线索' }) });
    await clues.getByText('大洼区应急管理局逾期未纠正违法罚款').waitFor();
    await page
      .locator('.ant-card', { has: page.getByRole('heading', { name: '整改事项' }) })
      .getByText('暂无待办')
      .waitFor();
    page.removeAllListeners('request');
    expect(ledgerRequests).toHaveLength(2);
    expect(ledgerRequests.find((q) => q.includes('step='))).toContain('step=Registered,Analysis,Verification');
    expect(ledgerRequests.find((q) => q.includes('status='))).toContain('status=Assigned,InProgress');
  });

  it('given the Panshan clue, when the Dawa clerk types its address, then the page says it does not exist and shows nothing of it', async () => {
    await page.goto(`${w.baseUrl}/cases/clue/${panshanClue}`);
    await page.getByText('未找到该案件').waitFor();
    await expect(page.getByText('盘山县住建局违法强制拆除').count()).resolves.toBe(0);
    await expect(page.getByText('办理过程').count()).resolves.toBe(0);
    await w.screenshot(page, 'case-other-county-not-found');
  });

  it('given the Dawa clue, when the clerk opens it, then its state is in Chinese and its timeline in China time', async () => {
    await page.goto(`${w.baseUrl}/cases/clue/${dawaClue}`);
    await expect(page.getByTestId('case-status').textContent()).resolves.toBe('线索分析');
    await page.getByText('大洼区应急管理局逾期未纠正违法罚款').first().waitFor();
    const history = (await w.given('office', 'get', `/api/v1/clues/${dawaClue}/history`)) as {
      entries: { recordedAt: string; description: { zh: string } }[];
    };
    const registered = history.entries[0];
    if (!registered) throw new Error('the clue has no history');
    await page.getByText(registered.description.zh).waitFor();
    // The browser runs in London time: the timeline must still read Beijing time.
    await page.getByText(chinaTime(registered.recordedAt)).first().waitFor();
    await w.screenshot(page, 'case-clue');
    await expect(seriousViolations(page)).resolves.toEqual([]);
  });

  it('given the Panshan clue, when the Dawa clerk opens the clue ledger, then only the Dawa clue is in it', async () => {
    await page.getByRole('menuitem', { name: '台账' }).click();
    await page.getByText('共 1 条').waitFor();
    await expect(page.getByRole('link', { name: dawaClue.slice(0, 8) }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: panshanClue.slice(0, 8) }).count()).resolves.toBe(0);
    await w.screenshot(page, 'ledger-clues');
    await expect(seriousViolations(page)).resolves.toEqual([]);
  });

  it('when the clerk logs out, then the login page is shown and the case address no longer opens the case', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('用户名').waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.goto(`${w.baseUrl}/cases/clue/${dawaClue}`);
    await page.getByLabel('用户名').waitFor();
    await expect(page.getByText('大洼区应急管理局逾期未纠正违法罚款').count()).resolves.toBe(0);
  });
});
