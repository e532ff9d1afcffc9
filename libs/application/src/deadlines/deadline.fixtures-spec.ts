import { AssignRectificationItem, createDomainConfig } from '@xj/domain';
import { createCaseAggregates } from '../cases/case-aggregates';

/** The deadline specs' world: the domain's defaults and a Dawa bureau clerk assigning items. */
export const config = createDomainConfig();
export const aggregates = createCaseAggregates(config);
export const bureau = {
  userId: 'u-bureau',
  role: 'JusticeBureau',
  position: 'Staff',
  orgId: 'panjin.dawa.justice',
  regionId: 'panjin/dawa',
} as const;
export const assign = (itemId: string, dueDate: string): AssignRectificationItem => ({
  type: 'AssignRectificationItem',
  actor: bureau,
  at: '2026-03-02T09:00:00+08:00',
  itemId,
  clueId: 'clue-7',
  regionId: 'panjin/dawa',
  agencyOrgId: 'dawa.emergency',
  mode: 'Deadline',
  issue: '案卷未载明法律依据',
  measures: '逐案补正',
  dueDate,
  owner: '张局长',
  responsiblePerson: '李科长',
  evidence: [],
});
