import { assertNever } from '../shared/decider';
import { PersonSubject, UnitSubject } from '../shared/subject';

/**
 * The outcome catalogue of DOMAIN.md §7 as data, ordered roughly from lightest to heaviest. One
 * person can receive several outcomes. Codes are stable: they are stored on OutcomesRecorded events.
 */

/** The layers of §7 (四种形态 and the other tracks). */
export const OUTCOME_LAYERS = [
  /** 第一种形态 — minor handling. */
  'Minor',
  /** 组织处理 / 组织调整. */
  'OrganisationalHandling',
  /** 政务处分 — state sanction, public officials only. */
  'GovSanction',
  /** 党纪处分 — party sanction, party members only. */
  'PartySanction',
  /** 问责 — accountability of leaders. */
  'Accountability',
  /** 监察建议. */
  'SupervisionRecommendation',
  /** 移送检察院 / 司法机关. */
  'Criminal',
  /** 行政执法过错责任追究 — enforcement-fault measures. */
  'EnforcementFault',
  /** 予以了结 / 撤销案件 — ended without a sanction. */
  'NoAction',
] as const;
export type OutcomeLayer = (typeof OUTCOME_LAYERS)[number];

/**
 * Whom an outcome may be imposed on (DOMAIN.md §9.3): 'Any' person, party members, public officials,
 * or a 'Unit' (never a person; and a unit receives no person's outcome).
 */
export type OutcomeAppliesTo = 'Any' | 'PartyMember' | 'PublicOfficial' | 'Unit';

export interface OutcomeDefinition {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly layer: OutcomeLayer;
  readonly appliesTo: OutcomeAppliesTo;
  /** 处分期间 in months where 政务处分法 art. 8 sets one. */
  readonly sanctionPeriodMonths?: number;
  /** Who decides it (DOMAIN.md §7), for the "explain" view. */
  readonly decidedBy: string;
  readonly legalBasis: readonly string[];
}

type Row = [code: string, labelZh: string, labelEn: string, months?: number];

const layer = (
  outcomeLayer: OutcomeLayer,
  appliesTo: OutcomeAppliesTo,
  decidedBy: string,
  legalBasis: readonly string[],
  rows: readonly Row[],
): OutcomeDefinition[] =>
  rows.map(([code, labelZh, labelEn, months]) => ({
    code,
    labelZh,
    labelEn,
    layer: outcomeLayer,
    appliesTo,
    ...(months !== undefined ? { sanctionPeriodMonths: months } : {}),
    decidedBy,
    legalBasis,
  }));

export const OUTCOME_CATALOGUE: readonly OutcomeDefinition[] = [
  ...layer(
    'Minor',
    'Any',
    'Commission, directly or by entrusting the unit',
    ['监察法 (2024) art. 52(1)', '公职人员政务处分法 art. 12', '公务员法 art. 57'],
    [
      ['TalkReminder', '谈话提醒', 'Talk reminder'],
      ['CriticismEducation', '批评教育', 'Criticism and education'],
      ['OrderSelfExamination', '责令检查', 'Ordered self-examination'],
      ['Admonishment', '诫勉', 'Admonishment'],
    ],
  ),
  ...layer(
    'OrganisationalHandling',
    'Any',
    "Party committee / organisation department on the commission's proposal, within 1 month",
    ['[S2] 中国共产党问责条例 art. 9'],
    [
      ['OrganisationalHandling.Suspension', '停职检查', 'Suspension for self-examination'],
      ['OrganisationalHandling.Reassignment', '调整职务', 'Reassignment'],
      ['OrganisationalHandling.OrderedResignation', '责令辞职', 'Ordered resignation'],
      ['OrganisationalHandling.Demotion', '降职', 'Demotion'],
      ['OrganisationalHandling.Removal', '免职', 'Removal from office'],
    ],
  ),
  // 政务处分法 art. 8: 警告 6 个月, 记过 12 个月, 记大过 18 个月, 降级、撤职 24 个月; 开除 has no period.
  ...layer(
    'GovSanction',
    'PublicOfficial',
    'Supervisory commission or the appointing body',
    ['公职人员政务处分法 arts. 7, 8', '监察法 (2024) art. 52(2)'],
    [
      ['GovSanction.Warning', '警告', 'Warning', 6],
      ['GovSanction.Demerit', '记过', 'Demerit', 12],
      ['GovSanction.MajorDemerit', '记大过', 'Major demerit', 18],
      ['GovSanction.Demotion', '降级', 'Demotion in grade', 24],
      ['GovSanction.RemovalFromPost', '撤职', 'Removal from post', 24],
      ['GovSanction.Dismissal', '开除', 'Dismissal'],
    ],
  ),
  ...layer(
    'PartySanction',
    'PartyMember',
    'Discipline commission / party organisation',
    ['[S2] 中国共产党纪律处分条例'],
    [
      ['PartySanction.Warning', '警告', 'Party warning'],
      ['PartySanction.SeriousWarning', '严重警告', 'Serious party warning'],
      ['PartySanction.RemovalFromPartyPost', '撤销党内职务', 'Removal from party post'],
      ['PartySanction.Probation', '留党察看', 'Party probation'],
      ['PartySanction.Expulsion', '开除党籍', 'Expulsion from the party'],
    ],
  ),
  ...layer(
    'Accountability',
    'Any',
    'Party organisation with authority; the commission for 通报 and 诫勉',
    ['[S2] 中国共产党问责条例 arts. 7–8', '监察法 (2024) art. 52(3)'],
    [
      ['Accountability.Circular', '通报', 'Circulated criticism'],
      ['Accountability.Admonishment', '诫勉', 'Admonishment (accountability)'],
      ['Accountability.OrganisationalAdjustment', '组织调整或组织处理', 'Organisational adjustment or handling'],
      ['Accountability.DisciplinarySanction', '纪律处分', 'Disciplinary sanction'],
    ],
  ),
  // DOMAIN.md §7 问责 row: party organisations answer with 检查, 通报, 改组 ([S2] 问责条例 art. 8(1)).
  ...layer(
    'Accountability',
    'Unit',
    'Party organisation with authority',
    ['[S2] 中国共产党问责条例 art. 8(1)'],
    [
      ['Accountability.Unit.Examination', '检查', 'Self-examination (unit)'],
      ['Accountability.Unit.Circular', '通报', 'Circulated criticism (unit)'],
      ['Accountability.Unit.Reorganisation', '改组', 'Reorganisation (unit)'],
    ],
  ),
  // 监察法 art. 52(5): 对监察对象所在单位…提出监察建议 — addressed to the unit, never a sanction of a person.
  ...layer(
    'SupervisionRecommendation',
    'Unit',
    'Commission; refusing it without reason is itself sanctionable',
    ['监察法 (2024) arts. 52(5), 71'],
    [['SupervisionRecommendation', '监察建议', 'Supervision recommendation']],
  ),
  ...layer(
    'Criminal',
    'Any',
    'Commission',
    ['监察法 (2024) art. 52(4)'],
    [['TransferToProcuratorate', '移送检察院', 'Transfer to the procuratorate (suspected duty crime)']],
  ),
  ...layer(
    'EnforcementFault',
    'Any',
    'Justice bureau / agency',
    ['[S2] local 行政执法过错责任追究办法; 宁波'],
    [
      ['EnforcementFault.WrittenSelfExamination', '责令书面检查', 'Written self-examination'],
      ['EnforcementFault.CirculatedCriticism', '通报批评', 'Circulated criticism'],
      ['EnforcementFault.CertificateSuspension', '暂扣执法证件', 'Enforcement certificate suspended'],
      ['EnforcementFault.CertificateRevocation', '缴销执法证件', 'Enforcement certificate cancelled'],
      ['EnforcementFault.OffPostTraining', '离岗培训', 'Off-post training'],
      ['EnforcementFault.RemovalFromEnforcementPost', '调离执法岗位', 'Removal from enforcement post'],
    ],
  ),
  // DOMAIN.md §7 行政执法过错责任追究 row, "unit: 限期整改, 通报批评" ([S2] local 过错责任追究办法; 宁波).
  ...layer(
    'EnforcementFault',
    'Unit',
    'Justice bureau / agency',
    ['[S2] local 行政执法过错责任追究办法; 宁波'],
    [
      ['EnforcementFault.Unit.DeadlineRectification', '限期整改', 'Rectification by a deadline (unit)'],
      ['EnforcementFault.Unit.CirculatedCriticism', '通报批评', 'Circulated criticism (unit)'],
    ],
  ),
  ...layer(
    'NoAction',
    'Any',
    'Commission',
    ['监察法 (2024) art. 52 last para.'],
    [['NoAction', '予以了结 / 撤销案件', 'No action: concluded or case withdrawn']],
  ),
];

const BY_CODE: ReadonlyMap<string, OutcomeDefinition> = new Map(OUTCOME_CATALOGUE.map((o) => [o.code, o]));

export const findOutcome = (code: string): OutcomeDefinition | undefined => BY_CODE.get(code);

/**
 * Outcomes the organisation department must still carry out: [S2] 中国共产党问责条例 art. 9, an
 * accountability decision calling for 组织调整或者组织处理 is to be 办理完毕 within 1 month.
 */
export const requiresOrganisationalHandling = (code: string): boolean =>
  findOutcome(code)?.layer === 'OrganisationalHandling' || code === 'Accountability.OrganisationalAdjustment';

/**
 * Party sanctions only for party members, state sanctions only for public officials (DOMAIN.md §9.3);
 * a unit's outcomes only for a unit and a person's only for a person (监察法 art. 52(5), 问责条例 art. 8).
 */
export type OutcomeRecipient =
  Pick<PersonSubject, 'kind' | 'isPartyMember' | 'isPublicOfficial'> | Pick<UnitSubject, 'kind'>;

export const outcomeApplies = (
  definition: Pick<OutcomeDefinition, 'appliesTo'>,
  subject: OutcomeRecipient,
): boolean => {
  if (subject.kind === 'Unit') return definition.appliesTo === 'Unit';
  switch (definition.appliesTo) {
    case 'Any':
      return true;
    case 'PartyMember':
      return subject.isPartyMember;
    case 'PublicOfficial':
      return subject.isPublicOfficial;
    case 'Unit':
      return false;
    default:
      return assertNever(definition.appliesTo);
  }
};
