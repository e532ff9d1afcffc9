import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CAMPAIGN_EVENT_TYPES,
  CAMPAIGN_PRECONDITIONS,
  CAMPAIGN_STATUSES,
  CADRE_RANKS,
  CASE_KINDS,
  CLUE_CATEGORIES,
  CLUE_EVALUATION_METHODS,
  CLUE_EVALUATION_RESULTS,
  CLUE_PRECONDITIONS,
  CLUE_SOURCES,
  CLUE_STATUSES,
  DEADLINE_RULES,
  DECIDING_BODY_KINDS,
  DISMISSAL_REASONS,
  DISPOSAL_METHODS,
  ESCALATION_TYPES,
  EVALUATION_METHODS,
  EVALUATION_RESULTS,
  OUTCOME_CATALOGUE,
  OUTCOME_LAYERS,
  PLAN_ITEM_MODES,
  POSITIONS,
  RECTIFICATION_EVENT_TYPES,
  RECTIFICATION_MODES,
  RECTIFICATION_PRECONDITIONS,
  RECTIFICATION_STATUSES,
  REFERRAL_PRECONDITIONS,
  REFERRAL_STATUSES,
  ROLES,
  RULEBOOK_V1,
  SECRECY_LEVELS,
  SUBJECT_KINDS,
  SUPERVISION_INSTRUMENT_KINDS,
  TALK_OR_INQUIRY_FORMS,
  TARGET_KINDS,
} from '@xj/domain';
import { ACCOUNT_EVENT_TYPES } from '../accounts/account.events';
import { ORGANISATION_EVENT_TYPES } from '@xj/domain';
import { DESCRIBED_EVENT_TYPES } from '../audit/describe-event';
import {
  BUILT_IN_LABELS,
  LabelNamespace,
  codeNamespaceOf,
  createLabelCatalogue,
  labelOf,
  languageOf,
} from './label-catalogue';

/** Every code list of the domain, by the namespace that labels it. */
const CODE_LISTS: readonly [LabelNamespace, readonly string[]][] = [
  ['caseKind', CASE_KINDS],
  ['clueStatus', CLUE_STATUSES],
  ['referralStatus', REFERRAL_STATUSES],
  ['rectificationStatus', RECTIFICATION_STATUSES],
  ['campaignStatus', CAMPAIGN_STATUSES],
  ['clueSource', CLUE_SOURCES],
  ['supervisionInstrument', SUPERVISION_INSTRUMENT_KINDS],
  ['clueCategory', CLUE_CATEGORIES],
  ['dismissalReason', DISMISSAL_REASONS],
  ['rectificationMode', RECTIFICATION_MODES],
  ['rectificationMode', PLAN_ITEM_MODES],
  ['evaluationMethod', EVALUATION_METHODS],
  ['evaluationMethod', CLUE_EVALUATION_METHODS],
  ['evaluationResult', EVALUATION_RESULTS],
  ['evaluationResult', CLUE_EVALUATION_RESULTS],
  ['disposalMethod', DISPOSAL_METHODS],
  ['talkOrInquiryForm', TALK_OR_INQUIRY_FORMS],
  ['secrecyLevel', SECRECY_LEVELS],
  ['targetKind', TARGET_KINDS],
  ['decidingBody', DECIDING_BODY_KINDS],
  ['outcomeLayer', OUTCOME_LAYERS],
  ['outcome', OUTCOME_CATALOGUE.map((o) => o.code)],
  ['role', ROLES],
  ['position', POSITIONS],
  ['cadreRank', CADRE_RANKS],
  ['subjectKind', SUBJECT_KINDS],
  ['escalationType', ESCALATION_TYPES],
  ['deadlineRule', DEADLINE_RULES],
  ['situation', RULEBOOK_V1.rules.map((r) => r.code)],
  ['evidence', RULEBOOK_V1.rules.flatMap((r) => r.evidence.map((e) => e.code))],
  ['statutoryGround', RULEBOOK_V1.statutoryGrounds.map((g) => g.code)],
  [
    'command',
    [
      ...Object.keys(CLUE_PRECONDITIONS),
      ...Object.keys(REFERRAL_PRECONDITIONS),
      ...Object.keys(RECTIFICATION_PRECONDITIONS),
      ...Object.keys(CAMPAIGN_PRECONDITIONS),
      'PlanCampaign',
      'DraftReferral',
      'AssignRectificationItem',
    ],
  ],
  ['eventType', [...DESCRIBED_EVENT_TYPES.clue, ...DESCRIBED_EVENT_TYPES.referral, ...RECTIFICATION_EVENT_TYPES]],
  ['eventType', CAMPAIGN_EVENT_TYPES],
  ['eventType', ACCOUNT_EVENT_TYPES],
  ['eventType', ORGANISATION_EVENT_TYPES],
  // The routes below /api/v1/accounts/{username} (apps/api/src/accounts/accounts.controller.ts).
  ['accountOperation', ['disable', 'enable', 'reset-password', 'reset-second-factor']],
];

const HAN = /\p{Script=Han}/u;

describe('the label catalogue', () => {
  it.each(CODE_LISTS)('labels every code of %s in Chinese and English', (namespace, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    const missing = codes.filter((code) => {
      const zh = labelOf(namespace, code, 'zh');
      const en = labelOf(namespace, code, 'en');
      return !HAN.test(zh) || en.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('labels every error code the sources raise, in Chinese', () => {
    const roots = ['libs/domain/src', 'libs/application/src', 'apps/api/src', 'libs/sqlite-event-store/src'];
    const raised = new Set<string>();
    // An error constructor with a literal code, an error class's code field, or a mapped problem.
    const patterns = [
      /(?:forbidden|invalidTransition|validation|conflict|notFound|ApiProblem|TooManyRequestsProblem)\(\s*(?:\d+,\s*)?'([A-Z][A-Z_]*(?:\.[A-Z_]+)*)'/g,
      /readonly code = '([A-Z][A-Z_]*(?:\.[A-Z_]+)*)'/g,
      /\bcode: '([A-Z][A-Z_]*(?:\.[A-Z_]+)*)'/g,
    ];
    for (const file of sourceFiles(roots)) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) raised.add(match[1] as string);
      // decideEscalation's `${codePrefix}.CLOSED`, prefixed per aggregate.
      if (text.includes('`${codePrefix}.CLOSED`'))
        ['CLUE', 'REFERRAL', 'RECTIFICATION'].forEach((p) => raised.add(`${p}.CLOSED`));
    }
    expect(raised.size).toBeGreaterThan(60);
    const missing = [...raised].filter((code) => !HAN.test(labelOf('errorCode', code, 'zh')));
    expect(missing).toEqual([]);
  });

  it('gives the code itself for a code it does not know, in any namespace', () => {
    expect(labelOf('clueStatus', 'NoSuchStatus', 'zh')).toBe('NoSuchStatus');
    expect(labelOf('clueStatus', 'constructor', 'zh')).toBe('constructor');
  });

  it('finds the code list an enumeration is drawn from, so a code shared by two lists gets the right label', () => {
    expect(codeNamespaceOf(['DisciplineCommission', 'AppointingAuthority'])).toBe('targetKind');
    expect(codeNamespaceOf(['TalkOrInquiryLetter', 'PreliminaryVerification', 'ShelvedPending', 'Concluded'])).toBe(
      'disposalMethod',
    );
    expect(codeNamespaceOf(['GovSanction.Demerit'])).toBe('outcome');
    expect(codeNamespaceOf(['Pass', 'NoSuchCode'])).toBeUndefined();
    expect(codeNamespaceOf([])).toBeUndefined();
  });

  it("labels the deployment's organisations and regions when given them", () => {
    const catalogue = createLabelCatalogue({
      rulebooks: [RULEBOOK_V1],
      organisations: [{ id: 'dawa.ccdi', nameZh: '大洼区纪委监委', nameEn: 'Dawa Commission' }],
      regions: [{ id: 'panjin/dawa', zh: '大洼区', en: 'Dawa District' }],
    });
    expect(catalogue.labelOf('organisation', 'dawa.ccdi', 'zh')).toBe('大洼区纪委监委');
    expect(catalogue.labelOf('region', 'panjin/dawa', 'en')).toBe('Dawa District');
    expect(BUILT_IN_LABELS.labelOf('organisation', 'dawa.ccdi', 'zh')).toBe('dawa.ccdi');
  });

  it.each([
    [undefined, 'en', 'en'],
    ['zh-CN', 'en', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'en', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'zh', 'en'],
    ['en;q=0.5, zh-Hans', 'en', 'zh'],
    ['fr-FR', 'zh', 'zh'],
    ['zh;q=0, en', 'zh', 'en'],
    ['*', 'en', 'en'],
  ] as const)('reads Accept-Language %p (fallback %s) as %s', (header, fallback, expected) => {
    expect(languageOf(header, fallback)).toBe(expected);
  });
});

function sourceFiles(roots: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.includes('spec')) files.push(path);
    }
  };
  roots.forEach(walk);
  return files;
}
