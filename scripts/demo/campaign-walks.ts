import type { DemoClue, DemoReferral, DemoSubject } from './dataset-types';

/**
 * How the 蓬江-shaped campaign's clues go on after the 督察通报 (issue 17; DOMAIN.md §8, seed 001:
 * feedback → rectify → evaluate → 销号, and problems handed on for accountability), by finding
 * number (campaign-flow.ts FINDINGS). Findings 2 and 8 are rectified and closed out (their agency
 * heads sign the plan and the feedback); 5 and 6 are referred to the city commission, which accepts
 * them and begins 谈话函询 (no outcomes yet, so no person is counted as held accountable); the other
 * four wait at registration. Every name is the root of the step's Idempotency-Keys.
 */
const CITY_NR = '盘锦市自然资源局';
const CITY_HOUSING = '盘锦市住房和城乡建设局';

const officer = (subjectId: string, name: string, unit: string, post: string): DemoSubject => ({
  subjectId,
  name,
  unit,
  post,
  cadreRank: 'TownshipSectionOrBelow',
  isPartyMember: true,
  isPublicOfficial: true,
});

/** Fields of the clue as the campaign-finding workflow registered it: read by nothing but the transfer letter. */
const found = (
  name: string,
  agency: DemoClue['agency'],
  regionId: DemoClue['regionId'],
  feedbackNo: number,
  summary: string,
) => ({
  name,
  office: 'city' as const,
  regionId,
  agency,
  source: 'RuleOfLawInspection' as const,
  sourceRef: `盘法督反〔2025〕${feedbackNo}号`,
  receivedAt: '2025-01-20T00:00:00+08:00',
  summary,
});

/** A closed-out (销号) clue: 督察反馈意见书, the agency's plan of one item carried through, evaluated and closed. */
const rectified = (base: ReturnType<typeof found>, agencyHead: string, issue: string, measures: string): DemoClue => ({
  ...base,
  stage: 'Closed',
  verification: {
    category: 'ArbitraryAction',
    plan: '督察组调阅案卷，现场核查。',
    situationCodes: [],
    evidenceCodes: [],
  },
  instrument: { kind: 'InspectionFeedbackOpinion', documentNo: base.sourceRef, report: `${issue}，责令整改。` },
  agencyHead,
  plan: [
    {
      itemId: `${base.name}-item`,
      issue,
      measures,
      mode: 'Deadline',
      due: 'instrument-due',
      responsiblePerson: '法制科',
      owner: '局长',
      progress: 'closed',
    },
  ],
});

/** A clue referred to the city commission (competent: a city case, Decision 5), accepted and in 谈话函询. */
const referred = (base: ReturnType<typeof found>, referral: Omit<DemoReferral, 'handling' | 'target'>): DemoClue => ({
  ...base,
  stage: 'Verification',
  verification: {
    category: 'ArbitraryAction',
    plan: '督察组调阅委托执法协议及执法案卷。',
    situationCodes: referral.situationCodes,
    evidenceCodes: referral.evidenceCodes,
  },
  referral: { ...referral, target: 'panjin.ccdi', handling: { kind: 'in-disposal', method: 'TalkOrInquiryLetter' } },
});

const DELEGATION = {
  situationCodes: ['ImproperPerformance'],
  evidenceCodes: ['IP.DUTY_SOURCE', 'IP.ACT_OR_OMISSION'],
  legalBasis: ['行政处罚法 (2021) arts. 20, 21: 委托执法的监督与责任'],
  transferorOpinion: '符合"不履行或不正确履行职责"情形，建议依规依纪依法处理。',
} as const;

export const CAMPAIGN_WALKS: readonly (readonly [number, DemoClue])[] = [
  [
    2,
    rectified(
      found(
        'campaign-pj-f2-urban',
        { orgId: 'panjin.urban-mgmt', name: '盘锦市城市管理综合行政执法局' },
        'panjin',
        2,
        '涉企乱罚款问题（第2项）',
      ),
      'panjin-urban-head',
      '对企业同一违法行为重复罚款',
      '撤销重复罚款决定并退还罚款，修订裁量基准',
    ),
  ],
  [
    8,
    rectified(
      found(
        'campaign-pj-f8-dawa-emergency',
        { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
        'panjin/dawa',
        7,
        '委托执法问题（第8项）',
      ),
      'dawa-emergency-head',
      '委托乡镇执法未签订委托书、未公示',
      '补签委托书并向社会公示，开展委托执法专项检查',
    ),
  ],
  [
    5,
    referred(
      found(
        'campaign-pj-f5-natural',
        { orgId: 'panjin.natural-resources', name: CITY_NR },
        'panjin',
        5,
        '委托执法问题（第5项）',
      ),
      {
        ...DELEGATION,
        referralId: 'demo-campaign-ref-f5',
        conditionsMetOn: '2025-02-24',
        sentOn: '2025-02-28',
        subjects: [officer('cf5-section-lu', '卢某', CITY_NR, '执法监察科科长')],
        facts: '执法监察科将非法占地查处委托不具资格的组织实施，委托后未监督，致多起处罚被撤销。',
        evidence: [{ title: '委托执法协议', documentRef: 'doc://campaign/2025/zr-01' }],
      },
    ),
  ],
  [
    6,
    referred(
      found(
        'campaign-pj-f6-housing',
        { orgId: 'panjin.housing', name: CITY_HOUSING },
        'panjin',
        4,
        '委托执法问题（第6项）',
      ),
      {
        ...DELEGATION,
        referralId: 'demo-campaign-ref-f6',
        conditionsMetOn: '2025-02-24',
        sentOn: '2025-02-28',
        subjects: [officer('cf6-section-gao', '高某', CITY_HOUSING, '建筑市场监管科科长')],
        facts: '建筑市场监管科以委托名义由中介机构代行检查并据此处罚，未履行法制审核。',
        evidence: [{ title: '委托检查报告', documentRef: 'doc://campaign/2025/zj-01' }],
      },
    ),
  ],
];
