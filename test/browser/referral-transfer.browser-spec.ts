import type { Page } from 'playwright-core';
import { RULEBOOK_V1 } from '@xj/domain';
import { failToCorrectClaim, plusDays, todayInChina } from '../e2e/support/journey-helpers';
import { act, pick, statusShown } from './support/act';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/**
 * Journey (1) of issue 16, through the screens only, as the real roles: the city office registers
 * a clue, analyses it, its head orders verification of situation #5, the office proposes and
 * drafts the referral (prefilled from the clue), its head approves, the office sends it; the city
 * commission finds it in its inbox, receives, accepts, decides on preliminary verification, files
 * a case, records an outcome per person and feeds the result back. The API computes every
 * offered action (GET …/actions).
 */
describe('Workbench journey (1): from a clue to the commission’s feedback', () => {
  let w: Workbench;
  let office: Page;
  let clueId: string;
  let referralId: string;
  const rule = RULEBOOK_V1.rules.find((r) => r.code === 'FailToCorrectIllegalAct');
  const today = todayInChina();

  beforeAll(async () => {
    w = await startWorkbench();
    office = await w.loginAs('office');
  });
  afterAll(() => w?.close());

  it('given the office clerk, when a clue is registered with two persons and analysed, then its page shows 线索分析', async () => {
    await office.getByRole('button', { name: '登记线索' }).click();
    const dialog = office.getByRole('dialog', { name: '登记线索' });
    await dialog.locator('#RegisterClue_regionId').fill('panjin/dawa');
    await dialog.locator('#RegisterClue_source').click();
    await pick(office, '行政复议');
    await dialog.locator('#RegisterClue_sourceRef').fill('盘复〔2026〕12号');
    await dialog.locator('#RegisterClue_receivedAt').fill(`${plusDays(today, -1)} 09:00:00`);
    await dialog.locator('#RegisterClue_receivedAt').press('Enter');
    await dialog.locator('#RegisterClue_agency_orgId').fill('dawa.emergency');
    await dialog.locator('#RegisterClue_agency_name').fill('大洼区应急管理局');
    await dialog.locator('#RegisterClue_summary').fill('复议意见书送达后逾期未纠正违法罚款');
    for (const [index, person] of [
      ['s-1', '李某', '局长', false],
      ['s-2', '王某', '副局长', true],
    ].entries()) {
      await dialog.getByRole('button', { name: '添加被反映人' }).click();
      const at = `#RegisterClue_subjects_${index}_`;
      await dialog.locator(`${at}subjectId`).fill(String(person[0]));
      await dialog.locator(`${at}name`).fill(String(person[1]));
      await dialog.locator(`${at}unit`).fill('大洼区应急管理局');
      await dialog.locator(`${at}post`).fill(String(person[2]));
      await dialog.locator(`${at}cadreRank`).click();
      await pick(office, '县处级');
      if (person[3]) await dialog.locator(`${at}isPartyMember`).click();
      await dialog.locator(`${at}isPublicOfficial`).click();
    }
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await statusShown(office, '线索登记');
    clueId = decodeURIComponent(new URL(office.url()).pathname.split('/')[3] ?? '');
    await act(w, office, 'office', 'clue', clueId, 'StartAnalysis', { analystUserId: 'user-office' });
    await statusShown(office, '线索分析');
  });

  it('given the clue, when the office head orders verification of situation #5 with its evidence, then the page says transfer is mandatory', async () => {
    const head = await w.loginAs('office-head');
    await act(w, head, 'office-head', 'clue', clueId, 'StartVerification', {
      category: 'Inaction',
      ...failToCorrectClaim(),
      verificationPlan: '调取复议卷宗并现场核查',
      team: ['user-office'],
    });
    await statusShown(head, '问题核实');
    await head.getByText(`情形5：${rule?.labelZh}`).waitFor();
    await head.getByText('符合', { exact: true }).waitFor();
    await head.context().close();
  });

  it('given the verified clue, when the office proposes and drafts the referral, then the draft form starts from the clue and the referral is 拟移送', async () => {
    await act(w, office, 'office', 'clue', clueId, 'ProposeReferral', {
      ...failToCorrectClaim(),
      legalBasis: ['行政复议法 (2023) art. 85'],
    });
    const draft = await act(w, office, 'office', 'clue', clueId, 'DraftReferral', {
      transferLetter: '关于移送大洼区应急管理局有关人员问题线索的函',
      facts: '复议意见书送达后，逾期未纠正。',
      evidence: [{ title: '行政复议意见书', documentRef: 'doc://2026/0012' }],
      transferorOpinion: '建议依规依纪依法处理',
      contact: '市委法治办 王某 0427-1234567',
      secrecyLevel: 'Internal',
    });
    expect(Object.keys(draft.prefill ?? {}).length).toBeGreaterThan(0);
    await statusShown(office, '拟移送');
    referralId = decodeURIComponent(new URL(office.url()).pathname.split('/')[3] ?? '');
    expect(referralId).not.toBe(clueId);
  });

  it('given the draft, when the head approves and the office sends it to the city commission, then it is 已移送', async () => {
    const head = await w.loginAs('office-head');
    await act(w, head, 'office-head', 'referral', referralId, 'ApproveReferral', { opinion: '同意移送' });
    await statusShown(head, '已审批');
    await head.context().close();
    await act(w, office, 'office', 'referral', referralId, 'SendReferral', {
      target: { orgId: 'panjin.ccdi', kind: 'DisciplineCommission' },
    });
    await statusShown(office, '已移送');
  });

  it('given the sent referral, when the commission works it from its inbox to the feedback, then each step shows and the office sees 已反馈', async () => {
    const ccdi = await w.loginAs('ccdi');
    const inbox = ccdi.locator('.ant-card', { has: ccdi.getByRole('heading', { name: '收件箱' }) });
    await inbox.getByRole('link', { name: referralId.slice(0, 8) }).waitFor();
    await w.screenshot(ccdi, 'work-ccdi-inbox');
    await expect(seriousViolations(ccdi)).resolves.toEqual([]);
    await act(w, ccdi, 'ccdi', 'referral', referralId, 'ReceiveReferral', { registrationNo: '盘纪案登〔2026〕15号' });
    await statusShown(ccdi, '已登记');
    await act(w, ccdi, 'ccdi', 'referral', referralId, 'AcceptReferral');
    await statusShown(ccdi, '已受理');
    const head = await w.loginAs('ccdi-head');
    await act(w, head, 'ccdi-head', 'referral', referralId, 'DecideDisposal', {
      method: 'PreliminaryVerification',
      reason: '线索具体，具备可查性',
    });
    await act(w, head, 'ccdi-head', 'referral', referralId, 'FileCase', { caseNo: '盘监立〔2026〕3号' });
    await statusShown(head, '已立案');
    await head.context().close();
    await act(w, ccdi, 'ccdi', 'referral', referralId, 'RecordOutcomes', {
      outcomes: [
        { subjectId: 's-1', outcome: 'GovSanction.Demerit', decisionDate: today, documentNo: '盘监处〔2026〕8号' },
        {
          subjectId: 's-2',
          outcome: 'PartySanction.SeriousWarning',
          decisionDate: today,
          documentNo: '盘纪处〔2026〕9号',
        },
      ],
    });
    await statusShown(ccdi, '已作出处理');
    await act(w, ccdi, 'ccdi', 'referral', referralId, 'FeedBackResult', { summary: '二人均已处理' });
    await statusShown(ccdi, '已反馈');
    await w.screenshot(ccdi, 'case-referral');
    await expect(seriousViolations(ccdi)).resolves.toEqual([]);
    await office.goto(`${w.baseUrl}/cases/referral/${referralId}`);
    await statusShown(office, '已反馈');
  });
});
