import { CampaignEvent } from '@xj/domain';
import { DescriberTable, orgOf, plural } from './event-description';

/**
 * The 法治督察 campaign stream's events (issue 17). Team leads and members are persons: they are
 * never part of a description; the findings' and the opinions' texts are left out as on cases.
 */
export const CAMPAIGN_DESCRIBERS: DescriberTable<CampaignEvent> = {
  CampaignPlanned: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 制定督察方案「${d.title}」（${d.periodFrom} 至 ${d.periodTo}；督察组 ${d.teams.length} 个，专题 ${d.topics.length} 项，被督察单位 ${d.units.length} 家）`,
    en: `${orgOf(ctx, d.by.orgId).en} planned the inspection "${d.title}" (${d.periodFrom} to ${d.periodTo}; ${plural(d.teams.length, 'team')}, ${plural(d.topics.length, 'topic')}, ${plural(d.units.length, 'unit')})`,
  }),
  CampaignStarted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 督察组进驻（${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} started the inspection on ${d.occurredOn}`,
  }),
  CampaignFindingRecorded: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 记录对 ${orgOf(ctx, d.unitOrgId).zh} 的督察发现，形成线索 ${d.clueId}`,
    en: `${orgOf(ctx, d.by.orgId).en} recorded a finding at ${orgOf(ctx, d.unitOrgId).en}, opening clue ${d.clueId}`,
  }),
  CampaignFeedbackIssued: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 向 ${orgOf(ctx, d.unitOrgId).zh} 印发督察反馈意见（${d.documentNo}，${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} issued the inspection feedback opinion ${d.documentNo} to ${orgOf(ctx, d.unitOrgId).en} on ${d.occurredOn}`,
  }),
  CampaignCircularIssued: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 印发督察通报（${d.documentNo}，共性问题 ${d.commonProblems.length} 类）`,
    en: `${orgOf(ctx, d.by.orgId).en} issued the inspection circular ${d.documentNo} (${plural(d.commonProblems.length, 'common problem')})`,
  }),
  CampaignClosed: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 督察办结（${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} closed the inspection on ${d.occurredOn}`,
  }),
};
