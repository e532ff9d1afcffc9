import { AccountabilityEvent } from '@xj/domain';
import { DescriberTable, orgOf } from './event-description';
import { labelOf } from '../labels/label-catalogue';

/**
 * The accountability case's events (issue 17: 行政执法过错责任追究 / 行政错案问责). The persons held
 * accountable are never named: a decision is described by its counts of persons and units.
 */
export const ACCOUNTABILITY_DESCRIBERS: DescriberTable<AccountabilityEvent> = {
  AccountabilityCaseOpened: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 立项${labelOf('accountabilityType', d.accountabilityType, 'zh')}${d.ground !== undefined ? `（${labelOf('wrongfulCaseGround', d.ground, 'zh')}）` : ''}${d.clueId !== undefined ? `，源自线索 ${d.clueId}` : ''}，由 ${orgOf(ctx, d.decidingOrgId).zh} 决定（${d.openedOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} opened a case of ${labelOf('accountabilityType', d.accountabilityType, 'en')}${d.ground !== undefined ? ` (${labelOf('wrongfulCaseGround', d.ground, 'en')})` : ''}${d.clueId !== undefined ? ` from clue ${d.clueId}` : ''}, decided by ${orgOf(ctx, d.decidingOrgId).en} (${d.openedOn})`,
  }),
  AccountabilityInvestigationStarted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 开始调查（${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} started the investigation (${d.occurredOn})`,
  }),
  AccountabilityDecided: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 作出追责决定${d.documentNo !== undefined ? `（${d.documentNo}）` : ''}：责任人 ${d.persons.length} 名，责任单位 ${d.units.length} 个（${d.decisionDate}）`,
    en: `${orgOf(ctx, d.by.orgId).en} decided${d.documentNo !== undefined ? ` (${d.documentNo})` : ''}: ${d.persons.length} person(s) and ${d.units.length} unit(s) held accountable (${d.decisionDate})`,
  }),
  AccountabilityExecuted: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 追责决定执行完毕（${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} recorded the decision as executed (${d.occurredOn})`,
  }),
  AccountabilityArchived: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 归档（${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} archived the case (${d.occurredOn})`,
  }),
  AccountabilityWithdrawn: (d, ctx) => ({
    zh: `${orgOf(ctx, d.by.orgId).zh} 撤销立项，不予追究（${d.occurredOn}）`,
    en: `${orgOf(ctx, d.by.orgId).en} withdrew the case: no accountability (${d.occurredOn})`,
  }),
};
