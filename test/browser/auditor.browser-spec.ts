import type { Page } from 'playwright-core';
import { clueUnderAnalysis, journeyClient, sentReferral, subject } from '../e2e/support/journey-helpers';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/**
 * Journey (3) of issue 16: the auditor reads a case's history, its state as of a moment and a
 * referral's explanation, and verifies the hash chains — on the 审计 page only. Also the 统计 page
 * as the city office sees it. The cases are given through the API.
 */
describe('Workbench journey (3): the auditor’s console, and the statistics', () => {
  let w: Workbench;
  let clueId: string;
  let referralId: string;
  let accountabilityId: string;
  let accountabilityClueId: string;
  let auditor: Page;

  beforeAll(async () => {
    w = await startWorkbench();
    const api = journeyClient(w.api);
    clueId = await clueUnderAnalysis(api);
    // A referral drafted straight from the analysed clue (discretionary), approved and sent.
    referralId = await sentReferral(api, clueId, [subject('s-1')], 'panjin.ccdi');
    // On a clue of its own: the link the workflow records on it would add a line to the first clue's history.
    accountabilityClueId = await clueUnderAnalysis(api);
    accountabilityId = (
      await w.given('office', 'post', '/api/v1/accountability-cases', {
        accountabilityType: 'EnforcementFault',
        clueId: accountabilityClueId,
        decidingOrgId: 'dawa.emergency',
        summary: '执法人员违法作出罚款决定',
      })
    ).id as string;
    auditor = await w.loginAs('auditor');
    await auditor.getByRole('menuitem', { name: '审计' }).click();
  });
  afterAll(() => w?.close());

  it('given a clue, when the auditor asks for its history, then every event is listed with who, Beijing time and its hash', async () => {
    await auditor.getByLabel('案件编号').fill(clueId);
    await auditor.getByRole('button', { name: '查看历史' }).click();
    const rows = auditor.locator('.ant-table-tbody tr');
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await auditor.getByText('登记线索', { exact: false }).first().waitFor();
    await auditor.getByText('user-office（法治建设办）').first().waitFor();
    await w.screenshot(auditor, 'audit-history');
    await expect(seriousViolations(auditor)).resolves.toEqual([]);
  });

  it('given the clue, when the auditor asks for its state as of now, then the state shown is 线索分析', async () => {
    // Typed in Beijing time while the browser runs in London time.
    const beijingNow = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    await auditor.getByPlaceholder('时点（北京时间）').fill(beijingNow);
    await auditor.getByPlaceholder('时点（北京时间）').press('Enter');
    await auditor.getByRole('button', { name: '查看当时状态' }).click();
    await auditor.getByText('当时状态：线索分析').waitFor();
  });

  it('given the sent referral, when the auditor asks for its explanation, then it shows who approved it', async () => {
    await auditor.getByRole('combobox', { name: '案件类型' }).click({ force: true });
    await auditor
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '移送' })
      .click();
    await auditor.getByLabel('案件编号').fill(referralId);
    await auditor.getByRole('button', { name: '移送说明' }).click();
    const explanation = auditor.locator('.ant-card', { hasText: '移送说明' });
    await explanation.getByText('user-office-head').first().waitFor();
  });

  it('given an accountability case (issue 17), when the auditor asks for its history, then its opening is listed in Chinese', async () => {
    await auditor.getByRole('combobox', { name: '案件类型' }).click({ force: true });
    await auditor
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '追责问责' })
      .click();
    await auditor.getByLabel('案件编号').fill(accountabilityId);
    await auditor.getByRole('button', { name: '查看历史' }).click();
    await auditor
      .getByText(`立项行政执法过错责任追究，源自线索 ${accountabilityClueId}`, { exact: false })
      .first()
      .waitFor();
    await expect(seriousViolations(auditor)).resolves.toEqual([]);
  });

  it('when the auditor verifies the whole store, then the report says the data is intact', async () => {
    await auditor.getByRole('tab', { name: '完整性校验' }).click();
    await auditor.getByRole('button', { name: '校验全部数据' }).click();
    await auditor.getByText('校验通过：数据未被篡改').waitFor();
    await w.screenshot(auditor, 'audit-verification');
    await expect(seriousViolations(auditor)).resolves.toEqual([]);
  });

  it('given the auditor’s reads of the clue, when the auditor queries the 访问日志 by the case, then they are listed in Chinese', async () => {
    await auditor.getByRole('tab', { name: '访问日志' }).click();
    const pane = auditor.getByRole('tabpanel', { name: '访问日志' });
    await pane.getByLabel('案件编号').fill(clueId);
    await pane.getByRole('button', { name: /查\s*询/ }).click();
    const rows = pane.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    // The history read of the first step, in Chinese: who (and the role), what, allowed.
    const read = rows.filter({ hasText: '查阅办理过程' }).first();
    await read.getByText('user-auditor（审计查阅）').waitFor();
    await read.getByText(`问题线索 ${clueId}`).waitFor();
    await read.getByText('允许', { exact: true }).waitFor();
    await w.screenshot(auditor, 'audit-access-log');
    await expect(seriousViolations(auditor)).resolves.toEqual([]);
  });

  it('given the cases, when the city office opens 统计, then the figures and the county table show them', async () => {
    const office = await w.loginAs('office');
    await office.getByRole('menuitem', { name: '统计' }).click();
    const byCounty = office.locator('.ant-card', { hasText: '各地区情况' });
    const dawa = byCounty.locator('tr', { hasText: '大洼区' });
    // Two Dawa clues (the referred one and the accountability case's), one referral.
    await expect(dawa.locator('td').nth(1).textContent()).resolves.toBe('2');
    await expect(dawa.locator('td').nth(2).textContent()).resolves.toBe('1');
    await office.locator('canvas').first().waitFor();
    await w.screenshot(office, 'statistics');
    await expect(seriousViolations(office)).resolves.toEqual([]);
  });

  it('given the two clues received this year, when the city office opens 年度报告 for this year, then the figures count them with their definitions', async () => {
    const office = await w.loginAs('office');
    await office.getByRole('menuitem', { name: '年度报告' }).click();
    // Both clues (the referred one and the accountability case's) were received yesterday
    // (journey-helpers.ts): their business year in China time.
    const year = String(new Date(Date.now() - 86_400_000 + 8 * 3_600_000).getUTCFullYear());
    await office.getByLabel('统计年度').fill(year);
    await office.getByLabel('统计年度').press('Enter');
    const clues = office.locator('.ant-card', { hasText: '一、问题线索' }).locator('tr', { hasText: '线索总数' });
    await expect(clues.locator('td').nth(1).textContent()).resolves.toBe('2');
    await office.getByText('以收到线索之日（业务日期）计入年度', { exact: false }).first().waitFor();
    await office.getByRole('button', { name: '导出 Excel' }).waitFor();
    await w.screenshot(office, 'annual-report');
    await expect(seriousViolations(office)).resolves.toEqual([]);
  });
});
