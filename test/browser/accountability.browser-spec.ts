import type { Page } from 'playwright-core';
import { clueBody, todayInChina } from '../e2e/support/journey-helpers';
import { act, statusShown } from './support/act';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/**
 * The accountability case kind in the workbench (issue 17, 行政执法过错责任追究): the city office
 * opens one from a clue's page (the action's `creates` leads to the new case), the deciding bureau
 * finds it in 追责问责台账, starts the investigation through the generated form and then has it in
 * 我的待办. The clue is
 * given through the API.
 */
describe('Workbench: an accountability case opened from a clue', () => {
  let w: Workbench;
  let clueId: string;
  let caseId: string;
  let office: Page;

  beforeAll(async () => {
    w = await startWorkbench();
    clueId = (
      await w.given('office', 'post', '/api/v1/clues', clueBody({ summary: '大洼区应急管理局违法罚款被复议撤销' }))
    ).id as string;
    office = await w.loginAs('office');
  });
  afterAll(() => w?.close());

  it('given a clue, when the office opens an accountability case from its page, then the new case shows its facts in Chinese and the clue links it', async () => {
    await act(w, office, 'office', 'clue', clueId, 'OpenAccountabilityCase', {
      accountabilityType: 'EnforcementFault',
      decidingOrgId: 'dawa.emergency',
      summary: '执法人员违法作出罚款决定',
    });
    await office.waitForURL(/\/cases\/accountability\//);
    caseId = decodeURIComponent(new URL(office.url()).pathname.split('/')[3] ?? '');
    expect(caseId).not.toBe(clueId);
    await statusShown(office, '已立项');
    await office.getByText('行政执法过错责任追究', { exact: true }).waitFor();
    await office.getByText('执法人员违法作出罚款决定').waitFor();
    await office.getByRole('link', { name: clueId }).waitFor();
    await office.getByText('尚未作出追责决定').waitFor();
    // Its timeline comes from the history route, as for the other kinds (the opening, linked to the clue).
    await office
      .locator('.ant-card', { hasText: '办理过程' })
      .getByText(`立项行政执法过错责任追究，源自线索 ${clueId}`, { exact: false })
      .waitFor();
    await expect(seriousViolations(office)).resolves.toEqual([]);
    await w.screenshot(office, 'accountability-case');
    // And the clue links it back.
    await office.getByRole('link', { name: clueId }).click();
    await office.getByRole('link', { name: `追责问责 ${caseId.slice(0, 8)}` }).waitFor();
  });

  it('given the case, when the deciding bureau opens 追责问责台账, then it is listed and the bureau starts the investigation', async () => {
    const bureau = await w.loginAs('dawa-emergency');
    await bureau.getByRole('menuitem', { name: '台账' }).click();
    await bureau.getByRole('tab', { name: '追责问责台账' }).click();
    const pane = bureau.getByRole('tabpanel', { name: '追责问责台账' });
    const row = pane.locator('.ant-table-row', { hasText: '执法人员违法作出罚款决定' });
    await row.getByText('已立项', { exact: true }).waitFor();
    await expect(seriousViolations(bureau)).resolves.toEqual([]);
    await row.getByRole('link', { name: caseId.slice(0, 8) }).click();
    await statusShown(bureau, '已立项');
    await act(w, bureau, 'dawa-emergency', 'accountability', caseId, 'StartAccountabilityInvestigation', {
      occurredOn: todayInChina(),
    });
    await statusShown(bureau, '调查中');
  });

  it('given the case under investigation, when the bureau head decides through the generated form, then the page lists the person held and the measure', async () => {
    const head = await w.loginAs('dawa-emergency-head');
    await act(w, head, 'dawa-emergency-head', 'accountability', caseId, 'DecideAccountability', {
      held: [
        {
          subject: {
            subjectId: 's-1',
            name: '王某',
            unit: '大洼区应急管理局',
            post: '执法队员',
            cadreRank: 'TownshipSectionOrBelow',
            isPartyMember: false,
            isPublicOfficial: true,
          },
          measureCodes: ['OrderSelfExamination'],
        },
      ],
      documentNo: '洼应急追〔2026〕1号',
      decisionDate: todayInChina(),
    });
    await statusShown(head, '已作出决定');
    const held = head
      .locator('.ant-card', { hasText: '追责对象与处理' })
      .locator('.ant-table-row', { hasText: '王某' });
    await held.getByText('执法队员').waitFor();
    await expect(held.locator('.ant-tag').allInnerTexts()).resolves.toEqual(['责令（书面）检查']);
    await head.locator('.ant-card', { hasText: '追责对象与处理' }).getByText('洼应急追〔2026〕1号').waitFor();
    // The timeline has the decision too, from the history route (persons counted, never named).
    await head
      .locator('.ant-card', { hasText: '办理过程' })
      .getByText('作出追责决定（洼应急追〔2026〕1号）：责任人 1 名，责任单位 0 个', { exact: false })
      .waitFor();
    await expect(seriousViolations(head)).resolves.toEqual([]);
    await w.screenshot(head, 'accountability-decided');
  });

  it('given the decided case, when the deciding bureau opens 我的待办, then the case waits there for its execution', async () => {
    const bureau = await w.loginAs('dawa-emergency');
    const list = bureau.locator('.ant-card', { hasText: '追责问责案件' });
    const row = list.locator('.ant-table-row', { hasText: '执法人员违法作出罚款决定' });
    await row.getByText('已作出决定', { exact: true }).waitFor();
    await row.getByRole('link', { name: caseId.slice(0, 8) }).waitFor();
    await expect(seriousViolations(bureau)).resolves.toEqual([]);
    await w.screenshot(bureau, 'accountability-work');
  });
});
