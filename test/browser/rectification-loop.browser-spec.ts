import type { Locator, Page } from 'playwright-core';
import { clueBody, plusDays, todayInChina } from '../e2e/support/journey-helpers';
import { act, pick, statusShown } from './support/act';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/**
 * Journey (2) of issue 16, the loop 反馈 → 整改 → 评估 → 销号 (DOMAIN.md §4.3) through the screens
 * only, as the real roles: the city office puts a rectification item on the Dawa emergency
 * bureau's ledger from the clue's page; the bureau's clerk finds it in 我的待办 and starts, its head
 * reports (签字背书); the office evaluates it as failed and sends it back (重新整改); the bureau
 * reports again; the office evaluates it as passed and its head strikes it off (销号). The clue
 * itself is a given (journey 1 registers one through the screens).
 */
describe('Workbench journey (2): the rectification loop with a failed evaluation', () => {
  let w: Workbench;
  let clueId: string;
  let itemId: string;
  let office: Page;
  let clerk: Page;
  const issue = '复议纠错后逾期未撤销违法罚款，未建立纠错台账';
  const today = todayInChina();

  /** The 整改事项 card of 我的待办, freshly read. */
  const itemsCard = async (page: Page): Promise<Locator> => {
    await page.goto(`${w.baseUrl}/`);
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    const card = page.locator('.ant-card', { has: page.getByRole('heading', { name: '整改事项' }) });
    await card.locator('.ant-table').waitFor();
    await card.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    return card;
  };
  /** The item's row in a 我的待办 card (none when it waits for nobody here). */
  const itemRow = (card: Locator): Locator => card.locator('tr', { hasText: issue });
  /** The timeline (办理过程) of the case page shows this line. */
  const timelineShows = (page: Page, line: string | RegExp): Promise<void> =>
    page
      .locator('.ant-card', { has: page.getByRole('heading', { name: '办理过程' }) })
      .locator('.ant-timeline-item', { hasText: line })
      .first()
      .waitFor();

  beforeAll(async () => {
    w = await startWorkbench();
    clueId = (
      await w.given('office', 'post', '/api/v1/clues', clueBody({ summary: '大洼区应急管理局逾期未纠正违法罚款' }))
    ).id as string;
    await w.given('office', 'post', `/api/v1/clues/${clueId}/analysis`, { analystUserId: 'user-office' });
    office = await w.loginAs('office');
  });
  afterAll(() => w?.close());

  it('given a clue, when the office assigns a rectification item to the bureau from the clue page, then the item page shows 已下达 and the clue links it', async () => {
    await act(w, office, 'office', 'clue', clueId, 'AssignRectificationItem', {
      agencyOrgId: 'dawa.emergency',
      mode: 'Deadline',
      issue,
      measures: '撤销违法罚款决定，建立复议纠错台账',
      dueDate: plusDays(today, 30),
      owner: '李某（局长）',
      responsiblePerson: '张某（法制科科长）',
    });
    await statusShown(office, '已下达');
    itemId = decodeURIComponent(new URL(office.url()).pathname.split('/')[3] ?? '');
    expect(itemId).not.toBe(clueId);
    await office.getByText('限期整改', { exact: true }).waitFor();
    await office.getByRole('cell', { name: '大洼区应急管理局' }).waitFor();
    await timelineShows(office, /下达整改事项/);
    await office.getByRole('link', { name: `所属线索 ${clueId.slice(0, 8)}` }).click();
    await office.getByRole('link', { name: `整改事项 ${itemId.slice(0, 8)}` }).waitFor();
  });

  it('given the assigned item, when the bureau clerk opens 我的待办, then it is listed as 已下达 and the clerk starts it', async () => {
    clerk = await w.loginAs('dawa-emergency');
    const row = itemRow(await itemsCard(clerk));
    await row.getByText('已下达').waitFor();
    await row.getByText(`大洼区应急管理局 · ${issue}`).waitFor();
    await expect(seriousViolations(clerk)).resolves.toEqual([]);
    await w.screenshot(clerk, 'work-agency');
    await row.getByRole('link', { name: itemId.slice(0, 8) }).click();
    await statusShown(clerk, '已下达');
    // 落实反馈 is signed by the head (签字背书): the clerk is offered only the start.
    await expect(clerk.locator('[data-command="ReportRectification"]').count()).resolves.toBe(0);
    await act(w, clerk, 'dawa-emergency', 'rectification', itemId, 'StartRectification');
    await statusShown(clerk, '整改中');
    await timelineShows(clerk, '大洼区应急管理局 开始整改');
  });

  it('given the item in progress, when the bureau head reports it, then it is 已反馈 and leaves the bureau’s 我的待办', async () => {
    const head = await w.loginAs('dawa-emergency-head');
    await act(w, head, 'dawa-emergency-head', 'rectification', itemId, 'ReportRectification', {
      report: '已撤销罚款决定，退还罚款',
      evidence: ['doc://2026/0101'],
    });
    await statusShown(head, '已反馈');
    await timelineShows(head, /第 1 次反馈整改情况/);
    await head.context().close();
    const card = await itemsCard(clerk);
    await expect(itemRow(card).count()).resolves.toBe(0);
  });

  it('given the report, when the office evaluates it as failed and reopens the item, then it is 重新整改 with a new deadline', async () => {
    const row = itemRow(await itemsCard(office));
    await row.getByText('已反馈').waitFor();
    await act(w, office, 'office', 'rectification', itemId, 'EvaluateRectification', {
      method: 'OnSite',
      result: 'Fail',
      notes: '现场核查：纠错台账未建立',
      failureReasons: ['纠错台账未建立'],
    });
    await statusShown(office, '已评估');
    await timelineShows(office, /第 1 次评估：未通过（实地核查）/);
    // A failed evaluation cannot be struck off: the office is offered 重新整改, not 销号.
    await expect(office.locator('[data-command="CloseItem"]').count()).resolves.toBe(0);
    await act(w, office, 'office', 'rectification', itemId, 'ReopenItem', {
      reasons: ['纠错台账未建立'],
      newDueDate: plusDays(today, 15),
    });
    await statusShown(office, '重新整改');
    await timelineShows(office, /第 1 次要求重新整改（评估未通过，问题 1 项）/);
  });

  it('given the reopened item, when the bureau works it again, then it is back in the clerk’s 我的待办 and reported a second time', async () => {
    const row = itemRow(await itemsCard(clerk));
    await row.getByText('重新整改').waitFor();
    // The clerk reads why it failed on the item's page.
    await row.getByRole('link', { name: itemId.slice(0, 8) }).click();
    await statusShown(clerk, '重新整改');
    const records = clerk.locator('.ant-card', { has: clerk.getByRole('heading', { name: '整改与评估' }) });
    await expect(records.getByTestId('evaluation-result').textContent()).resolves.toBe('未通过');
    await records.getByRole('listitem').filter({ hasText: '纠错台账未建立' }).waitFor();
    await act(w, clerk, 'dawa-emergency', 'rectification', itemId, 'StartRectification');
    await statusShown(clerk, '整改中');
    const head = await w.loginAs('dawa-emergency-head');
    await act(w, head, 'dawa-emergency-head', 'rectification', itemId, 'ReportRectification', {
      report: '已建立复议纠错台账并报备',
      evidence: ['doc://2026/0102', 'doc://2026/0103'],
    });
    await statusShown(head, '已反馈');
    await timelineShows(head, /第 2 次反馈整改情况（证据 2 份）/);
    await head.context().close();
  });

  it('given the second report, when the office evaluates it as passed and its head strikes it off, then it is 已销号 and leaves the office’s 我的待办', async () => {
    await act(w, office, 'office', 'rectification', itemId, 'EvaluateRectification', {
      method: 'Document',
      result: 'Pass',
      notes: '台账已建立，罚款已退还',
    });
    await statusShown(office, '已评估');
    await timelineShows(office, /第 2 次评估：通过（书面审查）/);
    await expect(office.getByTestId('evaluation-result').textContent()).resolves.toBe('通过');
    const head = await w.loginAs('office-head');
    await act(w, head, 'office-head', 'rectification', itemId, 'CloseItem');
    await statusShown(head, '已销号');
    await timelineShows(head, /予以销号/);
    // The 回头看 is due a period after 销号, counted in its own unit (months by default).
    const closed = (await w.given('office', 'get', `/api/v1/rectification-items/${itemId}`)) as {
      state: { lookBackDue: { amount: number; unit: string } };
    };
    const { amount, unit } = closed.state.lookBackDue;
    const units: Record<string, string> = { Months: '个月', Days: '个自然日', WorkingDays: '个工作日' };
    await head
      .locator('tr', { hasText: '回头看期限' })
      .getByText(`${amount} ${units[unit] ?? unit}）`, { exact: false })
      .waitFor();
    await w.screenshot(head, 'case-rectification');
    await expect(seriousViolations(head)).resolves.toEqual([]);
    await head.context().close();
    await expect(itemRow(await itemsCard(office)).count()).resolves.toBe(0);
    await expect(itemRow(await itemsCard(clerk)).count()).resolves.toBe(0);
  });
  it('given the closed item, when the office filters the 整改台账 by 已销号, then the item is listed; both ledgers pass axe', async () => {
    await office.getByRole('menuitem', { name: '台账' }).click();
    await office.getByRole('tab', { name: '整改台账' }).click();
    const pane = office.getByRole('tabpanel', { name: '整改台账' });
    await pane.getByRole('combobox', { name: /状态/ }).click();
    await pick(office, '已销号');
    await pane.getByRole('button', { name: /查\s*询/ }).click();
    const row = pane.locator('tr', { hasText: issue });
    await row.getByRole('link', { name: itemId.slice(0, 8) }).waitFor();
    await row.getByText('已销号').waitFor();
    await row.getByRole('cell', { name: '大洼区应急管理局' }).waitFor();
    await w.screenshot(office, 'ledger-rectification');
    await expect(seriousViolations(office)).resolves.toEqual([]);
    await office.getByRole('tab', { name: '纠错案件台账' }).click();
    const corrected = office.getByRole('tabpanel', { name: '纠错案件台账' });
    await corrected.getByText(/^共 \d+ 条$/).waitFor();
    await w.screenshot(office, 'ledger-corrected-cases');
    await expect(seriousViolations(office)).resolves.toEqual([]);
  });
});
