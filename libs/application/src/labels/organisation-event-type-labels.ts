import { OrganisationEventType } from '@xj/domain';
import { Label } from './code-labels';

/** The organisations stream's types with their names (typed over the union: a new type without a label does not compile). */
export const ORGANISATION_EVENT_TYPE_LABELS: Readonly<Record<OrganisationEventType, Label>> = {
  RegionAdded: { zh: '新增行政区域', en: 'Region added' },
  OrganisationAdded: { zh: '新增机构', en: 'Organisation added' },
  OrganisationRenamed: { zh: '机构更名', en: 'Organisation renamed' },
  OrganisationMoved: { zh: '调整机构隶属', en: 'Organisation moved' },
  OrganisationClosed: { zh: '撤销机构', en: 'Organisation closed' },
};
