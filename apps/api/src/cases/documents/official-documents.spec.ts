import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import {
  AttachedEvidence,
  CaseKind,
  DOCUMENTS_OF_KIND,
  DOCUMENT_TYPES,
  DocumentNotAvailableError,
  DocumentTemplates,
  DocumentType,
  composeDocument,
} from '@xj/application';
import { ClueState, ExistingReferral, RectificationState, initialClueState } from '@xj/domain';
import { writeOfficialDocx } from './gbt9704-docx.writer';

const NAMES: Record<string, string> = {
  'panjin/dawa.rol-office': '盘锦市大洼区法治建设委员会办公室',
  'panjin/dawa.ccdi': '盘锦市大洼区纪委监委',
  'panjin/dawa.emergency': '盘锦市大洼区应急管理局',
  'panjin.ccdi': '盘锦市纪委监委',
};
const TODAY = '2026-12-07';
const SHA = 'ab'.repeat(32);
const deadline = (dueOn: string) =>
  ({ rule: 'ReconsiderationOpinionCorrection', from: '2026-10-01', amount: 60, unit: 'Days', dueOn }) as never;
const subjects = [
  {
    subjectId: 's1',
    name: '张某',
    unit: '应急管理局',
    post: '局长',
    cadreRank: 'CountyDivision',
    isPartyMember: true,
    isPublicOfficial: true,
  },
  {
    subjectId: 's2',
    name: '李某',
    unit: '应急管理局',
    post: '科长',
    cadreRank: 'Section',
    isPartyMember: false,
    isPublicOfficial: true,
  },
] as const;

const referral = {
  status: 'Sent',
  referralId: 'r-2026-0007',
  clueId: 'c-2026-0001',
  regionId: 'panjin/dawa',
  ownerOrgId: 'panjin/dawa.rol-office',
  package: {
    transferLetter: '关于移送张某等人问题线索的函',
    clueSummary: '拒不履行行政复议决定',
    source: 'Reconsideration',
    sourceRef: '大洼复决字〔2026〕3号',
    situationCodes: ['ImproperPerformance'],
    subjects,
    facts: '2026年1月起拒不履行行政复议决定，致申请人权益持续受损。',
    evidence: [{ title: '行政复议决定书', documentRef: '大洼复决字〔2026〕3号' }],
    evidenceCodes: ['IP.DUTY_SOURCE'],
    verificationReport: '核查报告（2026年9月）',
    legalBasis: ['行政复议法第八十三条'],
    transferorOpinion: '建议依规依纪依法处理。',
    contact: '王某 0427-0000000',
    secrecyLevel: 'Confidential',
  },
  target: { orgId: 'panjin/dawa.ccdi', regionId: 'panjin/dawa', kind: 'Commission' },
  sentAt: '2026-11-02T01:00:00.000Z',
  registrationNo: '大洼纪受〔2026〕15号',
  escalations: [],
  copiedTo: ['panjin.ccdi'],
  feedback: {
    summary: '经初步核实，问题属实，已作出处理。',
    perSubject: [
      {
        subjectId: 's1',
        outcomes: [{ outcome: 'GovSanction.Demerit', decisionDate: '2026-11-20', documentNo: '大洼监处〔2026〕4号' }],
      },
      { subjectId: 's2', outcomes: [] },
    ],
    fedBackAt: '2026-11-25T02:00:00.000Z',
    late: false,
  },
} as unknown as ExistingReferral;

const clue: ClueState = {
  ...initialClueState(),
  status: 'Supervision',
  clueId: 'c-2026-0001',
  regionId: 'panjin/dawa',
  ownerOrgId: 'panjin/dawa.rol-office',
  agency: { orgId: 'panjin/dawa.emergency', name: '应急管理局' },
  source: 'Reconsideration',
  sourceRef: '大洼复决字〔2026〕3号',
  summary: '对行政复议决定确认违法的行政处罚未依法纠正。',
  justification: '该局作出的行政处罚经行政复议确认违法，至今未予纠正。',
  legalBasis: ['行政复议法第七十六条'],
  instrument: { kind: 'ReconsiderationOpinion', documentNo: '大洼复意〔2026〕2号', deadline: deadline('2026-12-30') },
  copiedTo: ['panjin/dawa.ccdi'],
  escalations: [
    {
      escalationId: 'e-1',
      escalationType: 'ListedSupervision',
      reason: '逾期未报送整改方案。',
      targetOrgId: 'panjin/dawa.emergency',
      deadline: deadline('2027-01-15'),
    } as never,
  ],
};

const item = {
  status: 'Evaluated',
  itemId: 'i-2026-0003',
  clueId: 'c-2026-0001',
  regionId: 'panjin/dawa',
  supervisorOrgId: 'panjin/dawa.rol-office',
  agencyOrgId: 'panjin/dawa.emergency',
  mode: 'Deadline',
  issue: '行政处罚案卷未载明法律依据。',
  measures: '逐卷补正，建立法制审核台账。',
  owner: '张某',
  responsiblePerson: '李某',
  evidence: [],
  deadline: deadline('2026-12-20'),
  reportCount: 1,
  lastReport: {
    reportNo: 1,
    report: '已补正案卷12件，建立审核台账。',
    evidence: [],
    at: '2026-12-01T02:00:00.000Z',
    by: { userId: 'u', role: 'AgencyHead', orgId: 'panjin/dawa.emergency' },
    late: false,
  },
  evaluationCount: 1,
  lastEvaluation: {
    evaluationNo: 1,
    reportNo: 1,
    evaluatorUserId: 'u2',
    method: 'Document',
    result: 'Pass',
    notes: '整改到位。',
    at: '2026-12-05T02:00:00.000Z',
  },
  reopenCount: 0,
  escalations: [],
} as unknown as RectificationState;

const evidence: AttachedEvidence[] = [
  {
    sha256: SHA,
    hashAlgorithm: 'sha256',
    fileName: '复议决定书.pdf',
    mediaType: 'application/pdf',
    size: 10,
    attachedAt: '2026-11-01T00:00:00.000Z',
    attachedBy: { userId: 'u', role: 'OfficeStaff', orgId: 'panjin/dawa.rol-office' },
    revision: '3',
  },
];

/** The case each document type is drawn from here. */
const CASES: Record<DocumentType, { kind: CaseKind; state: unknown }> = {
  'transfer-letter': { kind: 'referral', state: referral },
  'result-feedback': { kind: 'referral', state: referral },
  'supervision-instrument': { kind: 'clue', state: clue },
  'escalation-notice': { kind: 'clue', state: clue },
  'rectification-notice': { kind: 'rectification', state: item },
  'closure-approval': { kind: 'rectification', state: item },
};

const compose = (type: DocumentType, templates = new DocumentTemplates(), state?: unknown) =>
  composeDocument(type, {
    kind: CASES[type].kind,
    state: (state ?? CASES[type].state) as never,
    today: TODAY,
    evidence,
    orgName: (id) => NAMES[id],
    template: templates.get(type),
  });

const documentXml = async (type: DocumentType): Promise<string> => {
  const zip = await JSZip.loadAsync(await writeOfficialDocx(compose(type)));
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('no word/document.xml');
  return xml;
};

/** The text of every paragraph, in order. */
const paragraphs = (xml: string): string[] =>
  [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );

/** One tag a line, and the parts that change from run to run (dates, the year in 文号) replaced. */
const normalised = (xml: string): string =>
  xml
    .replace(/></g, '>\n<')
    .replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '<DATE>')
    .replace(/〔\d{4}〕/g, '〔<YEAR>〕');

describe('official documents (文书) as DOCX after GB/T 9704-2012', () => {
  it('every document type belongs to at least one kind of case', () => {
    const produced = new Set(Object.values(DOCUMENTS_OF_KIND).flat());
    expect([...produced].sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it('lays out the page: A4, margins per §5.2.2 (37/35/28/26 mm), even and odd page numbers', async () => {
    const xml = await documentXml('transfer-letter');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const zip = await JSZip.loadAsync(await writeOfficialDocx(compose('transfer-letter')));
    expect(await zip.file('word/settings.xml')?.async('string')).toContain('<w:evenAndOddHeaders/>');
    expect(await zip.file('word/footer1.xml')?.async('string')).toContain('PAGE');
  });

  it('the transfer letter (问题线索移送函): red issuer mark, 文号, title, 主送, body, 清单, 附件说明, 落款, 日期, 抄送', async () => {
    const xml = await documentXml('transfer-letter');
    const texts = paragraphs(xml).filter((t) => t.length > 0);
    expect(texts.slice(0, 4)).toEqual([
      '盘锦市大洼区法治建设委员会办公室',
      '法办移〔2026〕　号',
      '关于移送张某、李某问题线索的函',
      '盘锦市大洼区纪委监委：',
    ]);
    expect(texts).toContain(
      '我单位在行政复议工作中（大洼复决字〔2026〕3号），发现应急管理局局长张某、应急管理局科长李某涉嫌违纪违法问题线索。',
    );
    expect(texts).toContain('联系人及电话：王某 0427-0000000');
    expect(texts).toContain('问题线索移送材料清单');
    // The list: the package's documents, the verification report, then the files attached to the case.
    expect(xml).toContain('行政复议决定书');
    expect(xml).toContain('核查报告（2026年9月）');
    expect(xml).toContain('复议决定书.pdf');
    expect(xml).toContain(`SHA-256 ${SHA.slice(0, 16)}…`);
    expect(texts.slice(-4)).toEqual([
      '附件：问题线索移送材料清单',
      '盘锦市大洼区法治建设委员会办公室',
      '2026年12月7日',
      '抄送：盘锦市纪委监委。',
    ]);
    // 发文机关标志 in red 小标宋; 正文 in 三号仿宋 on the 28.95 pt grid; the red separator line.
    expect(xml).toMatch(/<w:rFonts w:ascii="方正小标宋简体"[^>]*\/><w:color w:val="FF0000"\/><w:sz w:val="84"\/>/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(xml).toMatch(/<w:rFonts w:ascii="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    expect(xml).toContain('w:line="580" w:lineRule="exact"');
    expect(xml).toContain('<w:ind w:firstLine="640"/>');
  });

  it('the supervision instrument takes its title from the instrument kind and its 文号 from the case', async () => {
    const texts = paragraphs(await documentXml('supervision-instrument')).filter((t) => t.length > 0);
    expect(texts.slice(0, 4)).toEqual([
      '盘锦市大洼区法治建设委员会办公室',
      '大洼复意〔2026〕2号',
      '行政复议意见书',
      '盘锦市大洼区应急管理局：',
    ]);
    expect(texts).toContain(
      '依据行政复议法第七十六条的规定，请你单位于2026年12月30日前依法予以纠正或者整改，并将整改方案及落实情况书面报送我单位。逾期不整改或者整改不到位的，将依规予以督办、通报。',
    );
    expect(texts.at(-1)).toBe('抄送：盘锦市大洼区纪委监委。');
  });

  it('a 督察意见书 (inspection feedback) is titled as such', () => {
    const inspection = {
      ...clue,
      instrument: { ...clue.instrument!, kind: 'InspectionFeedbackOpinion' as const },
    };
    expect(compose('supervision-instrument', undefined, inspection).title).toBe('督察意见书');
  });

  it('the other documents carry their own facts', () => {
    expect(compose('rectification-notice').body).toContain(
      '整改方式：限期整改；整改责任人：李某（张某）；整改期限：2026年12月20日。',
    );
    expect(compose('escalation-notice')).toMatchObject({
      title: '督办单',
      recipient: '盘锦市大洼区应急管理局',
      body: expect.arrayContaining([
        '督办事由：逾期未报送整改方案。',
        '请于2027年1月15日前办结，并将办理情况书面报告我单位。',
      ]),
    });
    expect(compose('closure-approval').table?.rows).toContainEqual(['评估结果', '通过']);
    expect(compose('result-feedback')).toMatchObject({
      signatory: '盘锦市大洼区纪委监委',
      recipient: '盘锦市大洼区法治建设委员会办公室',
      body: expect.arrayContaining(['张某：记过（大洼监处〔2026〕4号，2026年11月20日）；李某：不予处理']),
    });
  });

  it('a document the case has not reached is DOCUMENT.NOT_AVAILABLE', () => {
    expect(() => compose('supervision-instrument', undefined, initialClueState())).toThrow(DocumentNotAvailableError);
    expect(() => compose('transfer-letter', undefined, { ...referral, status: 'Draft' })).toThrow(
      DocumentNotAvailableError,
    );
    expect(() => compose('result-feedback', undefined, { ...referral, feedback: undefined })).toThrow(
      DocumentNotAvailableError,
    );
    expect(() => compose('closure-approval', undefined, { ...item, lastEvaluation: undefined })).toThrow(
      DocumentNotAvailableError,
    );
    expect(() => compose('escalation-notice', undefined, { ...clue, escalations: [] })).toThrow(
      DocumentNotAvailableError,
    );
  });

  describe.each(DOCUMENT_TYPES)('golden file: %s', (type) => {
    it('word/document.xml matches the stored one (UPDATE_GOLDEN=1 rewrites it)', async () => {
      const dir = join(__dirname, 'golden');
      const file = join(dir, `${type}.document.xml`);
      const actual = normalised(await documentXml(type));
      if (process.env['UPDATE_GOLDEN'] === '1') {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, actual);
      }
      expect(existsSync(file)).toBe(true);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  });
});
