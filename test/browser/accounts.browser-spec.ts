import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { loadAppConfig, totpCode } from '@xj/composition';
import { FIRST_ADMINISTRATOR_USERNAME, prepareAccountsOnStart } from '../../apps/api/src/bootstrap';
import { pick } from './support/act';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

const ENV = { DEMO: '0', MFA_REQUIRED_ROLES: 'Administrator' };
const ADMIN_PASSWORD = 'Quiet-river-2026';
const CLERK_PASSWORD = 'Lantern-maple-77';

/**
 * The account pages of the workbench (issue 16 items 2 and 4), on a fresh non-demo install whose
 * administrators must use a second factor: the first administrator's forced password change and
 * TOTP enrolment, the two-step login (a wrong 动态验证码, then the right one), and 用户管理 —
 * creating an account (its one-time password shown once), disabling and enabling it, resetting its
 * password and changing its position — and that user's own first login. Codes are computed here
 * from the secret the enrolment page shows, as the user's authenticator app would.
 */
describe('Workbench accounts: forced password change, second factor, 用户管理', () => {
  let w: Workbench;
  let dataDir: string;
  let oneTimePassword = '';
  let secret = '';
  // The API's clock: the wall clock, moved on 30 s before each code (a code's step is accepted once).
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };
  const codeNow = (): string => totpCode(secret, Math.floor(clock.now().getTime() / 1000));
  const nextStep = (): void => {
    offset += 30_000;
  };

  const signIn = async (page: Page, username: string, password: string): Promise<void> => {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  };
  const changePassword = async (page: Page, current: string, next: string): Promise<void> => {
    await page.getByRole('heading', { name: '修改口令' }).waitFor();
    await page.getByLabel('当前口令').fill(current);
    await page.getByLabel('新口令', { exact: true }).fill(next);
    await page.getByLabel('确认新口令').fill(next);
    await page.getByRole('button', { name: /修改口令/ }).click();
    await page.getByText('口令已修改，请用新口令登录。').waitFor();
  };
  const row = (page: Page, username: string): Locator =>
    page.locator('.ant-table-row', { has: page.getByRole('cell', { name: username, exact: true }) });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xj-browser-accounts-'));
    const first = await prepareAccountsOnStart(loadAppConfig({ DATA_DIR: dataDir, ...ENV }));
    if (first?.kind !== 'administrator') throw new Error(`expected a first administrator, got ${first?.kind}`);
    oneTimePassword = first.oneTimePassword;
    w = await startWorkbench({ env: ENV, dataDir, clock });
  });
  afterAll(async () => {
    await w?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let page: Page;

  it('given the one-time password of the first start, when the administrator logs in, then the page asks for a new password and, once changed, a new login', async () => {
    page = await w.open();
    await signIn(page, FIRST_ADMINISTRATOR_USERNAME, oneTimePassword);
    await page.getByText('您正在使用一次性口令，请设置新口令后重新登录。').waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'account-password-change');
    await changePassword(page, oneTimePassword, ADMIN_PASSWORD);
    await expect(page.getByRole('heading', { name: '行纪衔接工作台' }).count()).resolves.toBe(1);
  });

  it('given MFA_REQUIRED_ROLES=Administrator, when the administrator logs in, then the enrolment page shows the secret once and a first code enables it', async () => {
    await signIn(page, FIRST_ADMINISTRATOR_USERNAME, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: '启用双因素认证' }).waitFor();
    secret = (await page.getByTestId('enrolment-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expect(page.getByTestId('enrolment-uri').innerText()).resolves.toContain(`secret=${secret}`);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'account-second-factor-enrolment');
    await page.getByLabel('动态验证码').fill(codeNow());
    await page.getByRole('button', { name: /确认启用/ }).click();
    await page
      .getByRole('heading', { name: '我的待办' })
      .waitFor()
      .catch(async (e: unknown) => {
        await w.screenshot(page, 'failed-enrolment');
        throw new Error(`${String(e)}: ${JSON.stringify(await page.locator('[role="alert"]').allInnerTexts())}`);
      });
    await page.getByRole('menuitem', { name: '用户管理' }).waitFor();
  });

  it('given an account with a second factor, when a wrong 动态验证码 is entered, then a Chinese error shows, and the right one signs in', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await signIn(page, FIRST_ADMINISTRATOR_USERNAME, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: '双因素认证' }).waitFor();
    nextStep();
    const valid = [-30, 0, 30].map((s) => totpCode(secret, Math.floor(clock.now().getTime() / 1000) + s));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? '444444';
    await page.getByLabel('动态验证码').fill(wrong);
    await page.getByRole('button', { name: /验\s*证/ }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain('动态口令错误或已使用');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'login-second-factor-wrong-code');
    await page.getByLabel('动态验证码').fill(codeNow());
    await page.getByRole('button', { name: /验\s*证/ }).click();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
  });

  it('given the signed-in administrator, when an account is created in 用户管理, then its one-time password is shown once and it is listed', async () => {
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await row(page, FIRST_ADMINISTRATOR_USERNAME).waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('wang.li');
    await dialog.getByLabel('姓名').fill('王莉');
    await dialog.getByLabel('角色').click();
    await pick(page, '法治建设办');
    await dialog.getByLabel('单位').click();
    await pick(page, '大洼区委法治建设办');
    await dialog.getByLabel('职务').click();
    await pick(page, '负责人');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    const clerkOneTime = (await shown.innerText()).trim();
    expect(clerkOneTime.length).toBeGreaterThanOrEqual(12);
    const line = row(page, 'wang.li');
    await expect(line.innerText()).resolves.toMatch(/王莉[\s\S]*法治建设办[\s\S]*大洼区委法治建设办[\s\S]*负责人/);
    await expect(line.getByText('待修改口令').count()).resolves.toBe(1);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'accounts');

    // Disabled, then enabled again: the buttons are the routes the API lists for an account.
    await line.locator('[data-operation="disable"]').click();
    const disable = page.getByRole('dialog', { name: '停用：wang.li' });
    await disable.getByLabel('理由').fill('调离');
    await disable.getByRole('button', { name: /提\s*交/ }).click();
    await line.getByText('已停用').waitFor();
    await line.locator('[data-operation="enable"]').click();
    await line.getByText('正常').waitFor();

    // A reset shows a new one-time password; the change of position shows in the list.
    await line.locator('[data-operation="reset-password"]').click();
    await page.getByText('已重置口令').waitFor();
    const resetPassword = (await page.getByTestId('one-time-password').innerText()).trim();
    expect(resetPassword).not.toBe(clerkOneTime);
    expect(resetPassword.length).toBeGreaterThanOrEqual(12);
    await line.getByRole('button', { name: /调\s*整/ }).click();
    const change = page.getByRole('dialog', { name: '调整角色、单位、职务：wang.li' });
    // The field shows the current position (负责人), which covers its search box.
    await change.locator('.ant-select', { has: page.locator('#account_position') }).click();
    await pick(page, '工作人员');
    await change.getByRole('button', { name: /提\s*交/ }).click();
    await line.getByText('工作人员').waitFor();

    // The clerk's own first login: the one-time password, a new one, then 我的待办.
    const clerk = await w.open();
    await signIn(clerk, 'wang.li', resetPassword);
    await changePassword(clerk, resetPassword, CLERK_PASSWORD);
    await signIn(clerk, 'wang.li', CLERK_PASSWORD);
    await clerk.getByRole('heading', { name: '我的待办' }).waitFor();
    await expect(clerk.getByTestId('current-user').innerText()).resolves.toContain('王莉');
  });
});
