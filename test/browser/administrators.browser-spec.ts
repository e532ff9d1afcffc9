import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { clueUnderAnalysis, journeyClient } from '../e2e/support/journey-helpers';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/** The administration log page of the workbench holds 20 entries. */
const PAGE_SIZE = 20;

/**
 * The security and audit administrators (三员分立) in the workbench: each sees only its own duty —
 * 用户管理 for the security administrator, 日志审计 for the audit administrator — and no case list
 * that would answer 403. The audit administrator pages through the administration log in Chinese,
 * queries the access log and exports both. The accounts are created through the API.
 */
describe('Workbench: the security and audit administrators', () => {
  let w: Workbench;
  let clueId: string;

  beforeAll(async () => {
    w = await startWorkbench();
    // After the directory's 64 regions and organisations: the log's fourth page.
    await w.given('admin', 'post', '/api/v1/accounts', {
      username: 'clerk-01',
      displayName: '办事员',
      role: 'RuleOfLawOffice',
      orgId: 'dawa.rol-office',
      position: 'Staff',
    });
    clueId = await clueUnderAnalysis(journeyClient(w.api));
    await w.given('auditor', 'get', `/api/v1/clues/${clueId}/history`);
  });
  afterAll(() => w?.close());

  const menu = async (page: Page): Promise<string[]> =>
    (await page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim());

  it('when the security administrator logs in, then the menu holds 用户管理 only and the accounts offer its duties only', async () => {
    const page = await w.loginAs('secadmin');
    await expect(menu(page)).resolves.toEqual(['用户管理']);
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    // Its share only: role changes and second-factor resets; no creating, disabling or password reset.
    let clerk = page.locator('.ant-table-row', { has: page.getByRole('cell', { name: 'clerk-01', exact: true }) });
    await page.locator('.ant-table-row').first().waitFor();
    if ((await clerk.count()) === 0) await page.locator('.ant-pagination-item-2').click();
    clerk = page.locator('.ant-table-row', { has: page.getByRole('cell', { name: 'clerk-01', exact: true }) });
    await clerk.getByRole('button', { name: /调\s*整/ }).waitFor();
    await expect(clerk.locator('[data-operation="disable"], [data-operation="reset-password"]').count()).resolves.toBe(
      0,
    );
    await expect(page.getByRole('button', { name: '新建用户' }).count()).resolves.toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'security-administrator');
  });

  describe('the audit administrator', () => {
    let page: Page;
    const rows = () => page.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row');

    beforeAll(async () => {
      page = await w.loginAs('auditadmin');
    });

    it('when it logs in, then the menu holds 日志审计 only and the administration log’s first page is in Chinese', async () => {
      await expect(menu(page)).resolves.toEqual(['日志审计']);
      await rows().filter({ hasText: '新增行政区域' }).first().waitFor();
      await rows().filter({ hasText: '新增机构' }).filter({ hasText: '辽宁省纪委监委' }).waitFor();
      await expect(rows().count()).resolves.toBe(PAGE_SIZE);
      // Every event named by the catalogue, none by its code.
      await expect(
        rows()
          .filter({ hasText: /[A-Z][a-z]+Added/ })
          .count(),
      ).resolves.toBe(0);
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await w.screenshot(page, 'audit-administrator-log');
    });

    it('given more entries than a page, when it pages on to the last, then the account creation is there, and it can go back', async () => {
      for (const n of [2, 3, 4]) {
        await page.getByRole('button', { name: '下一页' }).click();
        await page.getByText(`第 ${n} 页`).waitFor();
      }
      const created = rows().filter({ hasText: 'clerk-01' });
      await created.getByText('创建账号', { exact: true }).waitFor();
      await created.getByText('user-admin（系统管理员）').waitFor();
      await expect(page.getByRole('button', { name: '下一页' }).isDisabled()).resolves.toBe(true);
      await page.getByRole('button', { name: '上一页' }).click();
      await page.getByText('第 3 页').waitFor();
      await expect(rows().filter({ hasText: 'clerk-01' }).count()).resolves.toBe(0);
    });

    it('when it exports the administration log as CSV and as signed JSON, then the files hold the entries', async () => {
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      const text = readFileSync(await csv.path(), 'utf8');
      expect(text).toContain('创建账号');
      expect(text).toContain('clerk-01');
      const [bundle] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 签名 JSON' }).click(),
      ]);
      const signed = JSON.parse(readFileSync(await bundle.path(), 'utf8')) as { signature?: unknown };
      expect(signed.signature).toBeDefined();
      expect(JSON.stringify(signed)).toContain('clerk-01');
    });

    it('given the auditor’s read of a clue, when it queries the 访问日志 by the case, then the read is listed', async () => {
      await page.getByRole('tab', { name: '访问日志' }).click();
      const pane = page.getByRole('tabpanel', { name: '访问日志' });
      await pane.getByLabel('案件编号').fill(clueId);
      await pane.getByRole('button', { name: /查\s*询/ }).click();
      await pane
        .locator('.ant-table-tbody tr.ant-table-row', { hasText: '查阅办理过程' })
        .getByText('user-auditor（审计查阅）')
        .first()
        .waitFor();
      await expect(pane.getByRole('button', { name: '导出 XLSX' }).count()).resolves.toBe(1);
      await expect(seriousViolations(page)).resolves.toEqual([]);
    });
  });
});
