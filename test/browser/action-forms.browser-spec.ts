import type { Locator, Page, Request, Route } from 'playwright-core';
import { RULEBOOK_V1 } from '@xj/domain';
import { failToCorrectClaim } from '../e2e/support/journey-helpers';
import { pick, statusShown } from './support/act';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/**
 * The generated forms (issue 16, "Actions"): the clue registration form built from the API's
 * request schema, and case actions rendered from action lists of the agreed contract
 * (ui-common.md). This API has no actions route yet, so the lists are answered here, with the
 * real routes as their targets: the server still judges every command. What is tested is the
 * browser's half: fields, Chinese checks, If-Match, Idempotency-Key and the conflict view.
 */
/** A form field's error message (not the placeholder that may read the same). */
const fieldError = (dialog: Locator, text: string): Promise<void> =>
  dialog.locator('.ant-form-item-explain-error', { hasText: text }).waitFor();

describe('Workbench action forms', () => {
  let w: Workbench;
  let clueId: string;
  const sent: { url: string; headers: Record<string, string>; body: string | null }[] = [];

  const rule = RULEBOOK_V1.rules.find((r) => r.code === 'FailToCorrectIllegalAct');
  if (!rule) throw new Error('rulebook v1 lost situation FailToCorrectIllegalAct');

  /** Answers GET …/actions of the clue with `actions`, at the case's real revision. */
  const serveActions = async (page: Page, actions: (id: string) => object[]): Promise<void> => {
    await page.route('**/api/v1/cases/clue/*/actions', async (route: Route) => {
      const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/')[5] ?? '');
      const current = await w.given('office', 'get', `/api/v1/clues/${id}`);
      await route.fulfill({ json: { kind: 'clue', id, revision: current.revision, actions: actions(id) } });
    });
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && request.url().includes('/api/v1/clues'))
        sent.push({ url: request.url(), headers: request.headers(), body: request.postData() });
    });
  };

  const startAnalysis = (id: string) => ({
    command: 'StartAnalysis',
    method: 'POST',
    path: `/api/v1/clues/${id}/analysis`,
    title: '开始分析',
    schema: {
      type: 'object',
      properties: { analystUserId: { type: 'string', title: '承办人', minLength: 1, maxLength: 100 } },
      required: ['analystUserId'],
    },
    prefill: { analystUserId: 'user-office' },
  });

  const orderVerification = (id: string) => ({
    command: 'OrderVerification',
    method: 'POST',
    path: `/api/v1/clues/${id}/verification`,
    title: '启动问题核实',
    schema: {
      type: 'object',
      properties: {
        category: {
          type: 'string',
          title: '问题类别',
          oneOf: [
            { const: 'Inaction', title: '不作为' },
            { const: 'ArbitraryAction', title: '乱作为' },
          ],
        },
        situationCodes: {
          type: 'array',
          title: '涉及情形',
          items: { type: 'string', oneOf: RULEBOOK_V1.rules.map((r) => ({ const: r.code, title: r.labelZh })) },
          minItems: 1,
        },
        evidenceCodes: {
          type: 'array',
          title: '已有证据',
          items: { type: 'string', oneOf: rule.evidence.map((e) => ({ const: e.code, title: e.labelZh })) },
        },
        verificationPlan: { type: 'string', title: '核实方案', minLength: 1, maxLength: 2000 },
        team: { type: 'array', title: '核实组成员', items: { type: 'string' }, minItems: 1 },
      },
      required: ['category', 'situationCodes', 'evidenceCodes', 'verificationPlan', 'team'],
    },
  });

  /** Required lists without minItems, as the API's ProposeReferralDto has them (a discretionary transfer claims none). */
  const proposeReferral = (id: string) => ({
    command: 'ProposeReferral',
    method: 'POST',
    path: `/api/v1/clues/${id}/referral-proposals`,
    title: '移送建议',
    schema: {
      type: 'object',
      properties: {
        situationCodes: {
          type: 'array',
          title: '符合的移送情形',
          items: { type: 'string', oneOf: RULEBOOK_V1.rules.map((r) => ({ const: r.code, title: r.labelZh })) },
          maxItems: 7,
        },
        evidenceCodes: {
          type: 'array',
          title: '已具备的证据',
          items: { type: 'string', oneOf: rule.evidence.map((e) => ({ const: e.code, title: e.labelZh })) },
        },
        justification: { type: 'string', title: '裁量移送理由', minLength: 1, maxLength: 4000 },
        legalBasis: { type: 'array', title: '法律依据', items: { type: 'string', maxLength: 200 }, maxItems: 20 },
      },
      required: ['situationCodes', 'evidenceCodes'],
    },
  });

  /** A schema without the server's length rule on analystUserId (at most 100): the server judges it. */
  const reassignAnalyst = (id: string) => ({
    command: 'StartAnalysis',
    method: 'POST',
    path: `/api/v1/clues/${id}/analysis`,
    title: '重新指定分析人',
    schema: {
      type: 'object',
      properties: {
        analystUserId: { type: 'string', title: '分析人', minLength: 1 },
        remark: { type: 'string', title: '备注', maxLength: 10 },
      },
      required: ['analystUserId'],
    },
  });

  beforeAll(async () => {
    w = await startWorkbench();
  });
  afterAll(() => w?.close());

  it('given the office clerk, when a clue is registered through the form built from the API schema (a subject added to the list), then its case page shows it in Chinese', async () => {
    const page = await w.loginAs('office');
    await page.getByRole('button', { name: '登记线索' }).click();
    const dialog = page.getByRole('dialog', { name: '登记线索' });
    await dialog.getByLabel('所属地区').fill('panjin/dawa');
    await dialog.getByLabel('线索来源').click();
    await pick(page, '行政复议');
    await dialog.getByLabel('来源文号').fill('盘复〔2026〕31号');
    await dialog.getByLabel('收到时间').fill('2026-12-01 09:30:00');
    await dialog.getByLabel('收到时间').press('Enter');
    await dialog.getByLabel('单位', { exact: true }).fill('dawa.emergency');
    await dialog.getByLabel('名称').fill('大洼区应急管理局');
    await dialog.getByRole('button', { name: '添加被反映人' }).click();
    await dialog.getByLabel('人员编号').fill('s-1');
    await dialog.getByLabel('名称').nth(1).fill('张某');
    await dialog.getByLabel('工作单位').fill('大洼区应急管理局');
    await dialog.getByLabel('职务').fill('副局长');
    await dialog.getByLabel('干部层级').click();
    await pick(page, '县处级');
    // The summary is left empty: the form says so in Chinese and sends nothing.
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await fieldError(dialog, '请填写摘要');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'form-register-clue');
    await dialog.getByLabel('摘要').fill('复议纠错后逾期未撤销违法罚款');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await statusShown(page, '线索登记');
    clueId = decodeURIComponent(new URL(page.url()).pathname.split('/')[3] ?? '');
    await page.getByRole('cell', { name: '县处级' }).waitFor();
    await page.getByText('复议纠错后逾期未撤销违法罚款').waitFor();
    // Typed as Beijing time in a browser that runs in London time: read back as typed.
    await page.getByRole('cell', { name: '2026/12/01 09:30' }).waitFor();
    await page.context().close();
  });

  it('given the action form open, when someone else changes the case first, then submitting shows the conflict and what changed, and nothing is overwritten', async () => {
    const page = await w.loginAs('office');
    await serveActions(page, (id) => [startAnalysis(id)]);
    await page.goto(`${w.baseUrl}/cases/clue/${clueId}`);
    await page.getByRole('button', { name: '开始分析' }).click();
    const dialog = page.getByRole('dialog', { name: '开始分析' });
    await expect(dialog.getByLabel('承办人').inputValue()).resolves.toBe('user-office');
    await w.given('office', 'post', `/api/v1/clues/${clueId}/analysis`, { analystUserId: 'user-office' });
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.getByText('案件已被他人更新').waitFor();
    await dialog.getByText('您打开此页面后，案件发生了以下变化：').waitFor();
    await dialog.getByText(/分析/).first().waitFor();
    const attempt = sent.at(-1);
    expect(attempt?.headers['if-match']).toBe('"0"');
    expect(attempt?.headers['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    await w.screenshot(page, 'form-conflict');
    await dialog.getByRole('button', { name: '查看最新情况' }).click();
    await statusShown(page, '线索分析');
    const history = (await w.given('office', 'get', `/api/v1/clues/${clueId}/history`)) as { entries: unknown[] };
    expect(history.entries).toHaveLength(2);
    await page.context().close();
  });

  it('given the office head, when verification is ordered through the generated form with selects and lists, then the Chinese checks guard it and the sent command moves the clue to 问题核实', async () => {
    const page = await w.loginAs('office-head');
    await serveActions(page, (id) => [orderVerification(id)]);
    await page.goto(`${w.baseUrl}/cases/clue/${clueId}`);
    await page.getByRole('button', { name: '启动问题核实' }).click();
    const dialog = page.getByRole('dialog', { name: '启动问题核实' });
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await fieldError(dialog, '请选择问题类别');
    await fieldError(dialog, '请填写核实方案');
    await dialog.getByLabel('问题类别').click();
    await pick(page, '不作为');
    await dialog.getByLabel('涉及情形').click();
    await pick(page, rule.labelZh);
    await page.keyboard.press('Escape');
    await dialog.getByLabel('已有证据').click();
    for (const code of failToCorrectClaim().evidenceCodes) {
      const evidence = rule.evidence.find((e) => e.code === code);
      await pick(page, evidence?.labelZh ?? code);
    }
    await page.keyboard.press('Escape');
    await dialog.getByLabel('核实方案').click();
    await dialog.getByLabel('核实方案').fill('调取复议卷宗并现场核查');
    await dialog.getByLabel('核实组成员').fill('user-office');
    await dialog.getByLabel('核实组成员').press('Enter');
    await dialog.getByLabel('核实组成员').press('Escape');
    await w.screenshot(page, 'form-verification');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();

    await page.getByText('已办理：启动问题核实').waitFor();
    await statusShown(page, '问题核实');
    await page.getByText(rule.labelZh).first().waitFor();
    const command = sent.at(-1);
    expect(command?.headers['if-match']).toBe('"1"');
    expect(JSON.parse(command?.body ?? '{}')).toEqual({
      category: 'Inaction',
      situationCodes: [rule.code],
      evidenceCodes: failToCorrectClaim().evidenceCodes,
      verificationPlan: '调取复议卷宗并现场核查',
      team: ['user-office'],
    });
    await page.context().close();
  });

  it('given a required list with no minimum, when the office proposes a discretionary referral choosing no situation, then the form sends it empty and the proposal is made', async () => {
    const page = await w.loginAs('office');
    await serveActions(page, (id) => [proposeReferral(id)]);
    await page.goto(`${w.baseUrl}/cases/clue/${clueId}`);
    await page.getByRole('button', { name: '移送建议' }).click();
    const dialog = page.getByRole('dialog', { name: '移送建议' });
    await dialog.getByLabel('裁量移送理由').fill('逾期未纠正，情节较重，依裁量移送');
    await dialog.getByLabel('法律依据').fill('行政复议法 (2023) art. 85');
    await dialog.getByLabel('法律依据').press('Enter');
    await dialog.getByLabel('法律依据').press('Escape');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();

    await page.getByText('已办理：移送建议').waitFor();
    const command = sent.at(-1);
    expect(command?.url).toContain('/referral-proposals');
    expect(JSON.parse(command?.body ?? '{}')).toEqual({
      situationCodes: [],
      evidenceCodes: [],
      justification: '逾期未纠正，情节较重，依裁量移送',
      legalBasis: ['行政复议法 (2023) art. 85'],
    });
    await page.context().close();
  });

  it("given a form whose own checks pass, when the API refuses a field, then the API's Chinese message shows under that field; the form's length check speaks the same words", async () => {
    const page = await w.loginAs('office');
    await serveActions(page, (id) => [reassignAnalyst(id)]);
    await page.goto(`${w.baseUrl}/cases/clue/${clueId}`);
    await page.getByRole('button', { name: '重新指定分析人' }).click();
    const dialog = page.getByRole('dialog', { name: '重新指定分析人' });
    await dialog.getByLabel('备注').fill('超过十个字的一段备注内容');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await fieldError(dialog, '「备注」最多 10 个字');
    await dialog.getByLabel('备注').fill('');
    const before = sent.length;
    await dialog.getByLabel('分析人').fill('u'.repeat(101));
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    const underField = dialog
      .locator('.ant-form-item', { has: page.getByLabel('分析人') })
      .locator('.ant-form-item-explain-error', { hasText: '「分析人」最多 100 个字' });
    await underField.waitFor();
    expect(sent.length).toBe(before + 1);
    expect(JSON.parse(sent.at(-1)?.body ?? '{}')).toEqual({ analystUserId: 'u'.repeat(101) });
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.context().close();
  });
});
