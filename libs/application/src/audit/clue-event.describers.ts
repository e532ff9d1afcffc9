import { ClueEvent } from '@xj/domain';
import { labelOf } from '../labels/label-catalogue';
import { DEADLINE_ALARM_DESCRIBERS } from './deadline-alarm.describers';
import { DEADLINE_CHANGE_DESCRIBERS } from './deadline-change.describers';
import {
  DescriberTable,
  codesOf,
  describeDeadlineRecomputed,
  describeCarbonCopy,
  describeEscalation,
  dueEn,
  dueZh,
  methodEn,
  methodZh,
  orgOf,
  passEn,
  passZh,
  plural,
} from './event-description';

const verdictZh = (mandatory: boolean): string => (mandatory ? '应当移送' : '不属应当移送');
const verdictEn = (mandatory: boolean): string => (mandatory ? 'transfer mandatory' : 'transfer not mandatory');

/** The clue stream's events (DOMAIN.md §4.1). Subjects are counted, never named. */
export const CLUE_DESCRIBERS: DescriberTable<ClueEvent> = {
  ClueRegistered: (d, ctx) => {
    const by = orgOf(ctx, d.by.orgId);
    const agency = ctx.orgName(d.agency.orgId) ?? { zh: d.agency.name, en: d.agency.name };
    return {
      zh: `${by.zh} 登记线索（来源：${labelOf('clueSource', d.source, 'zh')} ${d.sourceRef}；被监督单位：${agency.zh}；被反映人 ${d.subjects.length} 名）`,
      en: `${by.en} registered a clue (source: ${d.source} ${d.sourceRef}; supervised unit: ${agency.en}; ${plural(d.subjects.length, 'subject')})`,
    };
  },
  ClueHistoryImported: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 历史补录（原台账编号 ${d.ledgerRow.ledgerNo}，第 ${d.ledgerRow.row} 行；办理状态：${labelOf('clueStatus', d.status, 'zh')}${d.statusOn ? `，${d.statusOn}` : ''}）`,
    en: `${orgOf(ctx, d.by.orgId).en} imported the clue from a legacy ledger (ledger no. ${d.ledgerRow.ledgerNo}, row ${d.ledgerRow.row}; status: ${d.status}${d.statusOn ? ` on ${d.statusOn}` : ''})`,
  }),
  ClueAnalysisStarted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 开始线索分析（分析人 ${d.analystUserId}）`,
    en: `${orgOf(ctx, d.by.orgId).en} started the analysis (analyst ${d.analystUserId})`,
  }),
  ClueDismissed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 予以了结（${labelOf('dismissalReason', d.reason, 'zh')}）`,
    en: `${orgOf(ctx, d.by.orgId).en} dismissed the clue (${d.reason})`,
  }),
  VerificationStarted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 启动问题核实（主张情形 ${codesOf(d.situationCodes)}；规则库 ${d.evaluation.rulebookVersion} 评估：${verdictZh(d.evaluation.transferMandatory)}）${dueZh(d.deadline, '核实期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} started verification (situations claimed: ${codesOf(d.situationCodes)}; rulebook ${d.evaluation.rulebookVersion}: ${verdictEn(d.evaluation.transferMandatory)})${dueEn(d.deadline)}`,
  }),
  SupervisionInstrumentIssued: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 发出${labelOf('supervisionInstrument', d.instrument.kind, 'zh')}（${d.instrument.documentNo}）${dueZh(d.deadline, '整改期限至')}${dueZh(d.planDeadline, '整改方案于')}${d.planDeadline ? ' 前提交' : ''}`,
    en: `${orgOf(ctx, d.by.orgId).en} issued a ${d.instrument.kind} (${d.instrument.documentNo})${dueEn(d.deadline)}${dueEn(d.planDeadline, 'plan due')}`,
  }),
  FollowUpInstrumentIssued: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 发出${labelOf('supervisionInstrument', d.instrument.kind, 'zh')}（${d.instrument.documentNo}），取代${labelOf('supervisionInstrument', d.supersedes.kind, 'zh')}（${d.supersedes.documentNo}）${dueZh(d.deadline, '整改期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} issued a ${d.instrument.kind} (${d.instrument.documentNo}) following the ${d.supersedes.kind} (${d.supersedes.documentNo})${dueEn(d.deadline)}`,
  }),
  RectificationPlanSubmitted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 提交整改方案（${d.items.length}项）`,
    en: `${orgOf(ctx, d.by.orgId).en} submitted a rectification plan (${plural(d.items.length, 'item')})`,
  }),
  RectificationFeedbackSubmitted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 提交整改落实反馈（证据 ${d.evidence.length} 份）`,
    en: `${orgOf(ctx, d.by.orgId).en} reported on the rectification (${plural(d.evidence.length, 'piece')} of evidence)`,
  }),
  ClueEvaluationStarted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 开始整改评估`,
    en: `${orgOf(ctx, d.by.orgId).en} started evaluating the rectification`,
  }),
  ClueEvaluated: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 整改评估${passZh(d.result)}（${methodZh(d.method)}）`,
    en: `${orgOf(ctx, d.by.orgId).en}: the rectification ${passEn(d.result)} evaluation (${methodEn(d.method)})`,
  }),
  ClueClosed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 予以销号${dueZh(d.lookBackDeadline, '回头看期限')}`,
    en: `${orgOf(ctx, d.by.orgId).en} closed the clue out${dueEn(d.lookBackDeadline, 'look-back due')}`,
  }),
  ClueReopened: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 要求重新整改（${d.trigger === 'LookBack' ? '回头看未通过' : '评估未通过'}，问题 ${d.failureReasons.length} 项）${dueZh(d.deadline)}`,
    en: `${orgOf(ctx, d.by.orgId).en} reopened the rectification (${d.trigger === 'LookBack' ? 'look-back' : 'evaluation'} failed, ${plural(d.failureReasons.length, 'reason')})${dueEn(d.deadline)}`,
  }),
  ClueLookBackCompleted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 回头看${passZh(d.result)}（${methodZh(d.method)}）`,
    en: `${orgOf(ctx, d.by.orgId).en}: the look-back ${passEn(d.result)} (${methodEn(d.method)})`,
  }),
  ReferralProposed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 提议移送（移送 ${d.referralId}；情形 ${codesOf(d.evaluation.matchedCodes)}；规则库 ${d.rulebookVersion}；${d.discretionary ? '裁量移送' : '应当移送'}）${dueZh(d.transferDeadline, '移送期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} proposed referral ${d.referralId} (situations ${codesOf(d.evaluation.matchedCodes)}; rulebook ${d.rulebookVersion}; ${d.discretionary ? 'discretionary' : 'mandatory'})${dueEn(d.transferDeadline, 'transfer due')}`,
  }),
  ClueReferralSent: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 记录移送 ${d.referralId} 已发出（${d.sentAt}）`,
    en: `${orgOf(ctx, d.by.orgId).en} recorded that referral ${d.referralId} was sent (${d.sentAt})`,
  }),
  AccountabilityCaseLinked: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 就本线索立项${labelOf('accountabilityType', d.accountabilityType, 'zh')}（追责问责案件 ${d.accountabilityId}，由 ${orgOf(ctx, d.decidingOrgId).zh} 决定，${d.openedOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} opened ${labelOf('accountabilityType', d.accountabilityType, 'en')} on this clue (accountability case ${d.accountabilityId}, decided by ${orgOf(ctx, d.decidingOrgId).en}, ${d.openedOn})`,
  }),
  CarbonCopySent: describeCarbonCopy,
  ClueTypicalCasePublished: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 通报典型案例（发布时已匿名，替换 ${d.replacements} 处）`,
    en: `${orgOf(ctx, d.by.orgId).en} published a typical case (anonymised on publication: ${plural(d.replacements, 'replacement')})`,
  }),
  EscalationRaised: describeEscalation,
  ...DEADLINE_CHANGE_DESCRIBERS,
  ...DEADLINE_ALARM_DESCRIBERS,
  DeadlineRecomputed: describeDeadlineRecomputed,
};
