import { OrgEscalationEvent } from '@xj/domain';
import { DescriberTable, ESCALATION_EN, dueEn, dueZh, orgOf } from '../audit/event-description';
import { labelOf } from '../labels/label-catalogue';

/** History lines of an escalation against an organisation. The reason is free text and is left out, as on cases. */
export const ORG_ESCALATION_DESCRIBERS: DescriberTable<OrgEscalationEvent> = {
  OrganisationEscalationRaised: (d, ctx) => {
    const by = orgOf(ctx, d.by.orgId);
    const target = orgOf(ctx, d.targetOrgId);
    return {
      zh: `${by.zh} 对 ${target.zh} ${labelOf('escalationType', d.escalationType, 'zh')}（单位督办，不涉具体案件）${dueZh(d.deadline, '限期')}`,
      en: `${by.en} raised ${ESCALATION_EN[d.escalationType] ?? d.escalationType} against ${target.en} (against the organisation, no case)${dueEn(d.deadline, 'perform by')}`,
    };
  },
};
