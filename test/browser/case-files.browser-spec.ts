import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { clueUnderAnalysis, journeyClient, sentReferral, subject } from '../e2e/support/journey-helpers';
import { seriousViolations, startWorkbench, type Workbench } from './support/workbench';

/** A one-page PDF as a scanner writes its start: the type comes from the bytes (%PDF-), not the name. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const FILE_NAME = '现场检查记录.pdf';

/**
 * 证据材料 and 文书 on a case page (issue 16 item 3): the office uploads a file to a sent referral
 * through the upload action the API offers; the file is listed, the timeline shows its
 * EvidenceAttached, it downloads byte for byte; the transfer letter (问题线索移送函) downloads as
 * DOCX and, drawn up onto the case, is listed among the evidence.
 */
describe('Workbench: evidence attachments and official documents on a case page', () => {
  let w: Workbench;
  let referralId = '';
  let page: Page;

  beforeAll(async () => {
    w = await startWorkbench();
    const api = journeyClient(w.api);
    const clueId = await clueUnderAnalysis(api);
    referralId = await sentReferral(api, clueId, [subject('s-1')], 'panjin.ccdi');
    page = await w.loginAs('office');
    await page.goto(`${w.baseUrl}/cases/referral/${referralId}`);
  });
  afterAll(() => w?.close());

  const files = (p: Page) => p.getByTestId('attachments');

  it('given a sent referral, when the office uploads a file, then it is listed, the timeline shows it, and it downloads unchanged', async () => {
    await files(page).getByText('暂无证据材料').waitFor();
    await page.locator(`#upload-referral-${referralId}`).setInputFiles({
      name: FILE_NAME,
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await files(page).getByText(FILE_NAME).waitFor();
    const history = (await w.given('office', 'get', `/api/v1/referrals/${referralId}/history`)) as {
      entries: { type: string; description: { zh: string } }[];
    };
    const attached = history.entries.find((e) => e.type === 'EvidenceAttached');
    expect(attached?.description.zh).toContain(FILE_NAME);
    await page.getByText(attached?.description.zh ?? '—').waitFor();

    const [downloaded] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `下载 ${FILE_NAME}` }).click(),
    ]);
    expect(downloaded.suggestedFilename()).toBe(FILE_NAME);
    expect(readFileSync(await downloaded.path())).toEqual(PDF);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await w.screenshot(page, 'case-referral-evidence');
  });

  it('given the approved referral, when the office downloads its transfer letter and draws it up onto the case, then a DOCX downloads and the letter is listed as evidence', async () => {
    // Not reached yet: the result feedback letter is offered but cannot be drawn up.
    await expect(page.locator('[data-document="result-feedback"]').innerText()).resolves.toContain('尚未到生成环节');
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载问题线索移送函' }).click(),
    ]);
    expect(letter.suggestedFilename()).toBe('问题线索移送函.docx');
    // A DOCX is a ZIP (PK\x03\x04) with the Word document part.
    const bytes = readFileSync(await letter.path());
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

    await page.getByRole('button', { name: '生成并归档问题线索移送函' }).click();
    await files(page).getByText('问题线索移送函.docx').waitFor();
    await expect(files(page).getByText(FILE_NAME).count()).resolves.toBe(1);
  });
});
