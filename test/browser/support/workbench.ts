import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Clock } from '@xj/application';
import { startTestApp, type TestApp } from '../../e2e/support/test-app';

/** Debian's chromium; CHROMIUM_PATH for another. Flags that work on this project's machines (headless, no sandbox as root). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export interface Workbench {
  readonly api: TestApp;
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh browser context (its own cookies and storage), logged in through the login page as a demo account. */
  loginAs(username: string): Promise<Page>;
  /** A fresh browser context on the login page, logged in as nobody. */
  open(): Promise<Page>;
  /** Calls the API directly as a demo account: only for a journey's givens, never for what it asserts. */
  given(username: string, method: 'post' | 'get', path: string, body?: object): Promise<Record<string, unknown>>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Settings of the API (e.g. `DEMO: '0'` with accounts prepared in `dataDir`). */
  readonly env?: Record<string, string>;
  readonly dataDir?: string;
  readonly clock?: Clock;
}

export const startWorkbench = async (options: WorkbenchOptions = {}): Promise<Workbench> => {
  const api = await startTestApp(options.env, options.dataDir, [], options.clock);
  const server = await api.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  let keys = 0;
  const open = async (): Promise<Page> => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Europe/London',
      viewport: { width: 1440, height: 900 },
      // The workbench turns its animations off for those who ask (WCAG 2.3.3): a list still sliding
      // shut otherwise covers the field below it for a moment on a loaded machine.
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(baseUrl);
    return page;
  };
  return {
    api,
    baseUrl,
    browser,
    open,
    async loginAs(username) {
      const password = api.credentials.find((c) => c.username === username)?.password;
      if (!password) throw new Error(`no demo account ${username}`);
      const page = await open();
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      // Each role's first page: 我的待办, or the security and audit administrators' only section.
      await page.getByRole('heading', { name: /我的待办|用户管理|日志审计/ }).waitFor();
      return page;
    },
    async given(username, method, path, body) {
      const token = await api.token(username);
      const request = api.http()[method](path).set('Authorization', `Bearer ${token}`);
      if (method === 'post') request.set('Idempotency-Key', `given-${process.pid}-${++keys}`).send(body ?? {});
      const res = await request;
      if (res.status >= 300)
        throw new Error(`given ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
};

/** axe-core's serious and critical violations on the page as it is now. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  // Evaluated through the DevTools protocol, not an inline <script>: the page's CSP allows none.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(', ')})`,
    );
};
