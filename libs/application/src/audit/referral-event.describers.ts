import { DEADLINE_ALARM_DESCRIBERS } from './deadline-alarm.describers';
import { DisposalMethod, ReferralEvent } from '@xj/domain';
import { labelOf } from '../labels/label-catalogue';
import { DEADLINE_CHANGE_DESCRIBERS } from './deadline-change.describers';
import {
  DescriberTable,
  codesOf,
  describeDeadlineRecomputed,
  describeEscalation,
  dueEn,
  dueZh,
  orgOf,
  plural,
} from './event-description';

const DISPOSAL_EN: Readonly<Record<DisposalMethod, string>> = {
  TalkOrInquiryLetter: 'a talk or written inquiry',
  PreliminaryVerification: 'preliminary verification',
  ShelvedPending: 'shelving pending further evidence',
  Concluded: 'concluding the matter',
};

const lateZh = (late: boolean): string => (late ? '（逾期）' : '');
const lateEn = (late: boolean): string => (late ? ' (late)' : '');

/** Distinct persons among recorded outcomes, without naming them. */
const personsOf = (outcomes: readonly { readonly subjectId: string }[]): number =>
  new Set(outcomes.map((o) => o.subjectId)).size;

/** The referral stream's events (DOMAIN.md §4.2). Subjects are counted, never named. */
export const REFERRAL_DESCRIBERS: DescriberTable<ReferralEvent> = {
  ReferralDrafted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 拟制移送材料（线索 ${d.clueId}；被反映人 ${d.package.subjects.length} 名；符合情形 ${codesOf(d.evaluation.matchedCodes)}；规则库 ${d.rulebookVersion}；${d.discretionary ? '裁量移送' : '应当移送'}）${dueZh(d.transferDeadline, '移送期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} drafted a referral of clue ${d.clueId} (${plural(d.package.subjects.length, 'subject')}; situations ${codesOf(d.evaluation.matchedCodes)}; rulebook ${d.rulebookVersion}; ${d.discretionary ? 'discretionary' : 'mandatory'})${dueEn(d.transferDeadline, 'transfer due')}`,
  }),
  ReferralApproved: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 负责人审批同意移送`,
    en: `${orgOf(ctx, d.by.orgId).en} approved the referral (head)`,
  }),
  ReferralSent: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 移送至 ${orgOf(ctx, d.target.orgId).zh}${lateZh(d.sentLate)}`,
    en: `${orgOf(ctx, d.by.orgId).en} sent the referral to ${orgOf(ctx, d.target.orgId).en}${lateEn(d.sentLate)}`,
  }),
  ReferralReceived: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 登记收件（${d.registrationNo}）${dueZh(d.acceptanceDeadline, '受理期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} registered receipt (${d.registrationNo})${dueEn(d.acceptanceDeadline, 'acceptance due')}`,
  }),
  ReferralForwarded: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 转送至 ${orgOf(ctx, d.forwardTo.orgId).zh}`,
    en: `${orgOf(ctx, d.by.orgId).en} forwarded the referral to ${orgOf(ctx, d.forwardTo.orgId).en}`,
  }),
  ReferralReturned: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 退回移送（无管辖权）`,
    en: `${orgOf(ctx, d.by.orgId).en} returned the referral (no jurisdiction)`,
  }),
  ReferralRerouted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 改送至 ${orgOf(ctx, d.target.orgId).zh}`,
    en: `${orgOf(ctx, d.by.orgId).en} re-routed the referral to ${orgOf(ctx, d.target.orgId).en}`,
  }),
  ReferralAccepted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 受理（被反映人 ${d.acceptedSubjectIds.length} 名）${dueZh(d.disposalDeadline, '处置期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} accepted the referral (${plural(d.acceptedSubjectIds.length, 'subject')})${dueEn(d.disposalDeadline, 'disposal due')}`,
  }),
  ReferralPartiallyAccepted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 部分受理（受理 ${d.acceptedSubjectIds.length} 名，转送 ${d.forwardedSubjectIds.length} 名至 ${orgOf(ctx, d.forwardTo.orgId).zh}，子移送 ${d.childReferralId}）${dueZh(d.disposalDeadline, '处置期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} partially accepted the referral (kept ${plural(d.acceptedSubjectIds.length, 'subject')}, forwarded ${d.forwardedSubjectIds.length} to ${orgOf(ctx, d.forwardTo.orgId).en} as referral ${d.childReferralId})${dueEn(d.disposalDeadline, 'disposal due')}`,
  }),
  ForwardedReferralOpened: (d, ctx) => ({
    zh: `${orgOf(ctx, d.forwardedBy).zh} 部分受理移送 ${d.parentReferralId} 后，转送 ${d.package.subjects.length} 名被反映人至 ${orgOf(ctx, d.forwardTo.orgId).zh}`,
    en: `${orgOf(ctx, d.forwardedBy).en} opened this referral for ${plural(d.package.subjects.length, 'subject')} forwarded from referral ${d.parentReferralId} to ${orgOf(ctx, d.forwardTo.orgId).en}`,
  }),
  DisposalDecided: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 决定处置方式：${labelOf('disposalMethod', d.method, 'zh')}${dueZh(d.disposalDeadline)}${dueZh(d.resultFeedbackDeadline, '结果反馈期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} decided on ${DISPOSAL_EN[d.method] ?? d.method}${dueEn(d.disposalDeadline)}${dueEn(d.resultFeedbackDeadline, 'feedback due')}`,
  }),
  ShelvedReferralResumed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 因新证据恢复初步核实${dueZh(d.disposalDeadline)}`,
    en: `${orgOf(ctx, d.by.orgId).en} resumed the shelved referral on new evidence${dueEn(d.disposalDeadline)}`,
  }),
  TalkOrInquiryHeld: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} ${d.form === 'Talk' ? '已谈话' : '已收到书面回复'}（${d.heldOn}）${dueZh(d.disposalDeadline, '谈话函询办结期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} ${d.form === 'Talk' ? 'held the talk' : 'received the written reply'} on ${d.heldOn}${dueEn(d.disposalDeadline, 'conclusion due')}`,
  }),
  TalkOrInquiryCompleted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 完成谈话函询（${d.problemsSurfaced ? '发现问题，转初步核实' : '予以了结'}；处理结果 ${d.outcomes.length} 项）${dueZh(d.disposalDeadline)}${dueZh(d.resultFeedbackDeadline, '结果反馈期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} completed the talk or inquiry (${d.problemsSurfaced ? 'problems surfaced: preliminary verification' : 'concluded'}; ${plural(d.outcomes.length, 'outcome')})${dueEn(d.disposalDeadline)}${dueEn(d.resultFeedbackDeadline, 'feedback due')}`,
  }),
  CaseFiled: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 立案（${d.caseNo}）`,
    en: `${orgOf(ctx, d.by.orgId).en} filed a case (${d.caseNo})`,
  }),
  VerificationConcluded: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 初步核实后予以了结${dueZh(d.resultFeedbackDeadline, '结果反馈期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} concluded after preliminary verification${dueEn(d.resultFeedbackDeadline, 'feedback due')}`,
  }),
  OutcomesRecorded: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 作出处理（${d.outcomes.length} 项处理结果，涉及 ${personsOf(d.outcomes)} 人）${dueZh(d.resultFeedbackDeadline, '结果反馈期限至')}${dueZh(d.organisationalHandlingDeadline, '组织处理期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} recorded ${plural(d.outcomes.length, 'outcome')} for ${plural(personsOf(d.outcomes), 'person', 'persons')}${dueEn(d.resultFeedbackDeadline, 'feedback due')}${dueEn(d.organisationalHandlingDeadline, 'organisational handling due')}`,
  }),
  OutcomesAdded: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 录入处理结果（${d.outcomes.length} 项，涉及 ${personsOf(d.outcomes)} 人；${d.complete ? '处理结果已齐备' : '尚待其他机关作出处理'}）${dueZh(d.resultFeedbackDeadline, '结果反馈期限至')}${dueZh(d.organisationalHandlingDeadline, '组织处理期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} added ${plural(d.outcomes.length, 'outcome')} for ${plural(personsOf(d.outcomes), 'person', 'persons')} (${d.complete ? 'outcomes complete' : 'another body still decides'})${dueEn(d.resultFeedbackDeadline, 'feedback due')}${dueEn(d.organisationalHandlingDeadline, 'organisational handling due')}`,
  }),
  OutcomesCompleted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 确认处理结果已齐备${dueZh(d.resultFeedbackDeadline, '结果反馈期限至')}`,
    en: `${orgOf(ctx, d.by.orgId).en} declared the outcomes complete${dueEn(d.resultFeedbackDeadline, 'feedback due')}`,
  }),
  OrganisationalHandlingCarriedOut: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 登记组织处理已办理完毕（${d.documentNo}，${d.doneOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} recorded the organisational handling carried out (${d.documentNo}, ${d.doneOn})`,
  }),
  ResultFedBack: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 反馈处理结果（涉及 ${d.perSubject.length} 人）${lateZh(d.late)}`,
    en: `${orgOf(ctx, d.by.orgId).en} fed the result back (${plural(d.perSubject.length, 'person', 'persons')})${lateEn(d.late)}`,
  }),
  TypicalCasePublished: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 通报典型案例（${d.anonymised ? '已匿名' : '未匿名'}）`,
    en: `${orgOf(ctx, d.by.orgId).en} published a typical case (${d.anonymised ? 'anonymised' : 'not anonymised'})`,
  }),
  ReferralClosed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 办结（关联整改事项 ${d.linkedRectification.length} 项）`,
    en: `${orgOf(ctx, d.by.orgId).en} closed the referral (${plural(d.linkedRectification.length, 'linked rectification item')})`,
  }),
  EscalationRaised: describeEscalation,
  ...DEADLINE_CHANGE_DESCRIBERS,
  ...DEADLINE_ALARM_DESCRIBERS,
  DeadlineRecomputed: describeDeadlineRecomputed,
};
