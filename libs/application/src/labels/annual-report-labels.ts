import type { AnnualFigureKey, AnnualReportSection } from '../reports/annual-report.figures';
import type { Label, LabelTable } from './code-labels';

/** The sections of the 年度报告 annex (annual-report.figures.ts). */
export const ANNUAL_SECTION: LabelTable<AnnualReportSection> = {
  clues: { zh: '一、问题线索', en: 'Clues' },
  referrals: { zh: '二、线索移送', en: 'Referrals' },
  persons: { zh: '三、处理人员', en: 'Persons dealt with' },
  accountability: { zh: '四、追责问责（委内、委外）', en: 'Accountability inside and outside the commission' },
  rectification: { zh: '五、整改落实', en: 'Rectification' },
  lookBacks: { zh: '六、回头看', en: 'Look-backs' },
  campaigns: { zh: '七、法治督察', en: 'Rule-of-law inspection campaigns' },
  typicalCases: { zh: '八、典型案例', en: 'Typical cases' },
};

/** The name of each figure, as the report prints it. */
export const ANNUAL_FIGURE: LabelTable<AnnualFigureKey> = {
  'clues.total': { zh: '线索总数', en: 'Clues received' },
  'clues.bySource': { zh: '按来源', en: 'By source' },
  'clues.imported': { zh: '其中历史补录', en: 'Of which imported from a legacy ledger' },
  'referrals.total': { zh: '移送线索数', en: 'Referrals sent' },
  'referrals.accepted': { zh: '其中已受理', en: 'Of which accepted' },
  'referrals.bySituation': { zh: '按七种情形', en: 'By situation' },
  'referrals.withoutSituation': { zh: '未列明情形', en: 'Without a situation' },
  'referrals.countiesWithoutReferrals': { zh: '零移送县区数', en: 'Counties without referrals' },
  'persons.total': { zh: '被问责人数', en: 'Persons held accountable' },
  'persons.byRank': { zh: '按干部级别', en: 'By cadre rank' },
  'persons.byOutcome': { zh: '按处理结果（人次）', en: 'By outcome' },
  'persons.transfersToJudicialOrgans': { zh: '移送司法机关人数', en: 'Transferred to judicial organs' },
  'accountability.commissionPersons': { zh: '纪委监委问责人数', en: 'Persons held accountable by the commission' },
  'accountability.commissionUnits': { zh: '纪委监委问责单位数', en: 'Units held accountable by the commission' },
  'accountability.outsideCases': { zh: '委外追责问责案件数', en: 'Accountability cases outside the commission' },
  'accountability.outsideCasesByType': { zh: '案件按类型', en: 'Cases by type' },
  'accountability.outsideWithdrawn': { zh: '其中不予追究', en: 'Of which withdrawn' },
  'accountability.outsidePersons': { zh: '委外追责人数', en: 'Persons held accountable outside the commission' },
  'accountability.outsidePersonsByType': { zh: '人数按类型', en: 'Persons by type' },
  'accountability.outsideUnits': { zh: '委外追责单位数', en: 'Units held accountable outside the commission' },
  'accountability.outsideUnitsByType': { zh: '单位数按类型', en: 'Units by type' },
  'rectification.total': { zh: '整改事项数', en: 'Rectification items' },
  'rectification.closed': { zh: '已销号', en: 'Closed' },
  'rectification.longTerm': { zh: '长期整改', en: 'Long-term' },
  'rectification.closeRate': { zh: '整改销号率', en: 'Close rate' },
  'lookBacks.completed': { zh: '回头看完成数', en: 'Look-backs done' },
  'lookBacks.failed': { zh: '回头看发现问题数', en: 'Look-backs that found the problem again' },
  'lookBacks.failureRate': { zh: '问题反弹率', en: 'Look-back failure rate' },
  'campaigns.total': { zh: '督察次数', en: 'Campaigns' },
  'campaigns.unitsInspected': { zh: '督察单位数', en: 'Units inspected' },
  'campaigns.findings': { zh: '发现问题数', en: 'Findings' },
  'campaigns.feedbackOpinions': { zh: '督察反馈意见书', en: 'Feedback opinions' },
  'campaigns.clues': { zh: '形成线索数', en: 'Clues' },
  'campaigns.referrals': { zh: '移送线索数', en: 'Referrals' },
  'campaigns.rectified': { zh: '已整改销号线索数', en: 'Rectified' },
  'typicalCases.total': { zh: '发布典型案例数', en: 'Typical cases published' },
  'typicalCases.byCommission': { zh: '其中纪委监委发布', en: 'By the commission' },
  'typicalCases.byOffice': { zh: '其中法治办发布', en: 'By the office' },
};

const definition = (zh: string, en: string): Label => ({ zh, en });
const CLUE_DAY = '以收到线索之日（业务日期）计入年度';

/**
 * The definition printed under each figure: what the statistics count (statistics.queries.ts and
 * statistics-accountability.ts hold the computation; this is its wording for the reader).
 */
export const ANNUAL_FIGURE_DEFINITION: LabelTable<AnnualFigureKey> = {
  'clues.total': definition(`本年度登记的问题线索；${CLUE_DAY}。`, 'Clues received in the year.'),
  'clues.bySource': definition(`按线索来源分列；${CLUE_DAY}。`, 'Clues by source.'),
  'clues.imported': definition(
    '其中由历史台账补录、按原收到日期计入的线索。',
    'Imported clues, on their receipt date.',
  ),
  'referrals.total': definition(
    '本年度首次移送的线索移送（部分受理后转送的部分不另计）；以首次移送之日计。',
    'Referrals first sent in the year; a forwarded part is not another referral.',
  ),
  'referrals.accepted': definition(
    '上述移送中，接收机关已全部或部分受理的（监察法实施条例第171条）。',
    'Of those, accepted wholly or in part by the receiver.',
  ),
  'referrals.bySituation': definition(
    '按移送所列七种情形分列，一件移送可列多种情形。',
    'By the situations listed; one referral may list several.',
  ),
  'referrals.withoutSituation': definition('未列明任何情形的移送。', 'Referrals listing no situation.'),
  'referrals.countiesWithoutReferrals': definition(
    '本县区法治办本年度未发出任何移送的县区（非指本县区案件无移送）。',
    'Counties whose own office sent no referral in the year.',
  ),
  'persons.total': definition(
    '本年度作出处理决定、被追究责任的人员，每人计一次；仅有予以了结或监察建议（向单位提出）的不计。',
    'Persons with an outcome decided in the year that holds them to account, each once.',
  ),
  'persons.byRank': definition('被问责人员按干部级别分列。', 'Persons held accountable by cadre rank.'),
  'persons.byOutcome': definition(
    '本年度有处理决定的人员按处理结果分列，一人多种结果分别计入。',
    'Persons with an outcome in the year, per outcome.',
  ),
  'persons.transfersToJudicialOrgans': definition(
    '本年度决定移送检察机关依法审查起诉的人员。',
    'Persons transferred to the procuratorate in the year.',
  ),
  'accountability.commissionPersons': definition(
    '纪委监委、任免机关作出处理的被问责人数（同“三、处理人员”）。',
    'Persons held accountable through referrals (as section 3).',
  ),
  'accountability.commissionUnits': definition(
    '纪委监委、任免机关本年度对单位作出处理（含监察建议）的单位数。',
    'Units with an outcome decided in the year through referrals.',
  ),
  'accountability.outsideCases': definition(
    '司法行政部门或执法机关自行立项的行政执法过错责任追究、行政错案问责案件；以立项之日计。',
    'Enforcement-fault and wrongful-case accountability opened in the year.',
  ),
  'accountability.outsideCasesByType': definition('委外案件按类型分列。', 'Those cases by type.'),
  'accountability.outsideWithdrawn': definition('上述案件中决定不予追究的。', 'Of those, withdrawn.'),
  'accountability.outsidePersons': definition(
    '委外案件以决定之日计入年度的被追责人员，每案每人计一次；不与纪委监委问责人数相加。',
    'Persons held accountable outside the commission, once per case, on the decision date.',
  ),
  'accountability.outsidePersonsByType': definition('委外被追责人员按类型分列。', 'Those persons by type.'),
  'accountability.outsideUnits': definition(
    '委外案件以决定之日计入年度的被追责单位，每案每单位计一次。',
    'Units held accountable outside the commission, once per case.',
  ),
  'accountability.outsideUnitsByType': definition('委外被追责单位按类型分列。', 'Those units by type.'),
  'rectification.total': definition('本年度交办的整改事项，以交办之日计。', 'Rectification items of the year.'),
  'rectification.closed': definition('其中已销号的事项。', 'Of those, closed.'),
  'rectification.longTerm': definition('其中列为长期整改的事项。', 'Of those, long-term.'),
  'rectification.closeRate': definition(
    '（已销号＋长期整改）÷ 整改事项数；无事项时不计。',
    '(closed + long-term) / items; none when there are no items.',
  ),
  'lookBacks.completed': definition('本年度完成的回头看。', 'Look-backs completed in the year.'),
  'lookBacks.failed': definition('回头看发现问题反弹（未通过）的。', 'Look-backs that failed.'),
  'lookBacks.failureRate': definition('发现问题数 ÷ 回头看完成数。', 'Failed / completed.'),
  'campaigns.total': definition(
    '督察期间始于本年度的法治督察（按开展督察的地区计）。',
    'Campaigns whose period begins in the year, in the region that ran them.',
  ),
  'campaigns.unitsInspected': definition(
    '已记录问题或已下发反馈意见的被督察单位。',
    'Supervised units with a finding or a feedback opinion.',
  ),
  'campaigns.findings': definition('督察中记录的问题。', 'Findings recorded.'),
  'campaigns.feedbackOpinions': definition('下发的督察反馈意见书。', 'Feedback opinions issued.'),
  'campaigns.clues': definition('由督察发现问题登记的线索。', 'Clues registered from the findings.'),
  'campaigns.referrals': definition('上述线索向纪委监委或任免机关发出的移送。', 'Referrals sent from those clues.'),
  'campaigns.rectified': definition('上述线索中现已整改销号的。', 'Those clues closed out now.'),
  'typicalCases.total': definition(
    '本年度发布的典型案例（纪委监委与法治办），以发布之日计。',
    'Typical cases published in the year by the commissions and the offices.',
  ),
  'typicalCases.byCommission': definition('纪委监委发布的。', 'Published by a commission.'),
  'typicalCases.byOffice': definition('法治办发布的。', 'Published by an office.'),
};
