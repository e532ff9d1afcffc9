/**
 * One rectification item (整改事项, DOMAIN.md §4.3) through its own loop: assigned on behalf of the
 * office, started and reported by the agency (its head signs), evaluated by the supervisor —
 * sometimes failed and reopened (重新整改) — struck off (销号), later looked back at (回头看), and
 * reopened again when the look-back fails.
 */
import { Actor, ClueState, PlanItemMode, RectificationPlanItem } from '@xj/domain';
import { CaseRecorder } from './case-recorder';
import { Org, Random, Region, Timeline, headOf, staffOf } from './world';

export interface CaseParties {
  readonly region: Region;
  readonly agency: Org;
  /** The supervising unit that registered the clue (office or justice bureau) and its role. */
  readonly supervisor: Org;
  readonly supervisorRole: 'RuleOfLawOffice' | 'JusticeBureau';
}

export const supervisorStaff = (random: Random, p: CaseParties): Actor =>
  staffOf(random, p.supervisor, p.supervisorRole);
export const supervisorHead = (p: CaseParties): Actor => headOf(p.supervisor, p.supervisorRole);
export const agencyStaff = (random: Random, p: CaseParties): Actor => staffOf(random, p.agency, 'EnforcementAgency');
export const agencyHead = (p: CaseParties): Actor => headOf(p.agency, 'EnforcementAgency');

const ISSUES = [
  '未按规定履行告知义务',
  '处罚裁量明显不当',
  '超期未作出处理决定',
  '执法文书不规范',
  '未依法送达',
  '以罚代管',
];
const MEASURES = ['完善执法程序', '开展案卷自查', '组织执法人员培训', '建立台账逐项销号', '修订裁量基准'];

/** The lines of a plan: 1–3 items; deadline, immediate and long-term modes. */
export const planItemsFor = (random: Random, clueId: string, t: Timeline): RectificationPlanItem[] => {
  const count = random.weighted([
    [1, 52],
    [2, 34],
    [3, 14],
  ] as const);
  return Array.from({ length: count }, (_, i) => {
    const mode: PlanItemMode = random.weighted([
      ['Deadline', 60],
      ['Immediate', 25],
      ['LongTerm', 15],
    ] as const);
    const dueDate =
      mode === 'Deadline'
        ? t.date(random.int(15, 60))
        : mode === 'Immediate'
          ? t.date(random.int(3, 5))
          : random.chance(0.3)
            ? t.date(90)
            : undefined;
    return {
      itemId: `${clueId}-i${i + 1}`,
      issue: random.pick(ISSUES),
      measures: random.pick(MEASURES),
      mode,
      ...(dueDate !== undefined ? { dueDate } : {}),
      ...(mode === 'LongTerm' ? { longTermTarget: '建立长效机制，常态化开展执法监督' } : {}),
      responsiblePerson: `${random.pick(['王', '李', '张', '刘'])}科长`,
    };
  });
};

/** What the plan process of the API does: assign every plan item on behalf of the clue's office. */
export const assignItem = (
  rec: CaseRecorder,
  random: Random,
  clue: ClueState,
  item: RectificationPlanItem,
  at: string,
): void => {
  const office: Actor = {
    userId: 'process:rectification-plan',
    role: 'RuleOfLawOffice',
    position: 'Head',
    orgId: clue.ownerOrgId ?? '',
    regionId: clue.regionId ?? '',
  };
  rec.item({
    type: 'AssignRectificationItem',
    actor: office,
    at,
    itemId: item.itemId,
    clueId: clue.clueId ?? '',
    regionId: clue.regionId ?? '',
    agencyOrgId: clue.agency?.orgId ?? '',
    mode: item.mode,
    issue: item.issue,
    measures: item.measures,
    ...(item.dueDate !== undefined ? { dueDate: item.dueDate } : {}),
    ...(item.longTermTarget !== undefined ? { longTermTarget: item.longTermTarget } : {}),
    owner: `${clue.agency?.name ?? ''}主要负责人`,
    responsiblePerson: item.responsiblePerson,
    ...(random.chance(0.5) ? { evidence: [`监督意见书-${clue.clueId ?? ''}`] } : {}),
  });
};

/** Start → report → evaluate, as often as evaluations fail (each failure reopens the item), then 销号. */
export const rectifyItem = (
  rec: CaseRecorder,
  random: Random,
  p: CaseParties,
  itemId: string,
  t: Timeline,
  escalate: boolean,
): void => {
  rec.item({ type: 'StartRectification', actor: agencyStaff(random, p), at: t.after(0, 3), itemId });
  if (escalate) {
    rec.item({
      type: 'RaiseEscalation',
      actor: supervisorHead(p),
      at: t.after(3, 10),
      itemId,
      escalationId: `${itemId}-e1`,
      escalationType: 'OrderPerformance',
      reason: '整改进度滞后，责令限期履行',
      targetOrgId: p.agency.id,
      target: { orgId: p.agency.id, role: 'EnforcementAgency', regionId: p.agency.regionId },
      performBy: t.date(10),
    });
  }
  for (let round = 1; ; round++) {
    rec.item({
      type: 'ReportRectification',
      actor: agencyHead(p),
      at: t.after(3, 25),
      itemId,
      report: `第${round}次整改情况报告`,
      evidence: [`doc-${itemId}-r${round}`],
    });
    const fail = round < 3 && random.chance(0.15);
    rec.item({
      type: 'EvaluateRectification',
      actor: supervisorStaff(random, p),
      at: t.after(1, 7),
      itemId,
      method: random.chance(0.6) ? 'OnSite' : 'Document',
      result: fail ? 'Fail' : 'Pass',
      notes: fail ? '整改不到位' : '经核查整改到位',
      ...(fail ? { failureReasons: ['问题未整改到位', '佐证材料不足'].slice(0, random.int(1, 2)) } : {}),
    });
    if (!fail) break;
    rec.item({
      type: 'ReopenItem',
      actor: supervisorStaff(random, p),
      at: t.soon(),
      itemId,
      reasons: ['评估未通过，重新整改'],
      newDueDate: t.date(random.int(10, 30)),
    });
    rec.item({ type: 'StartRectification', actor: agencyStaff(random, p), at: t.after(0, 2), itemId });
  }
  rec.item({ type: 'CloseItem', actor: supervisorHead(p), at: t.soon(), itemId });
  if (random.chance(0.3))
    rec.item({
      type: 'ScheduleLookBack',
      actor: supervisorStaff(random, p),
      at: t.soon(),
      itemId,
      lookBackOn: t.date(random.int(60, 100)),
    });
};

/** 回头看 about three months on; a failure reopens the item, which is rectified and closed again. */
export const lookBackItem = (rec: CaseRecorder, random: Random, p: CaseParties, itemId: string, t: Timeline): void => {
  const fail = random.chance(0.1);
  rec.item({
    type: 'CompleteLookBack',
    actor: supervisorStaff(random, p),
    at: t.after(80, 110),
    itemId,
    method: random.chance(0.5) ? 'OnSite' : 'Document',
    result: fail ? 'Fail' : 'Pass',
    notes: fail ? '问题反弹' : '整改成果巩固',
    ...(fail ? { reasons: ['问题反弹'], newDueDate: t.date(random.int(15, 30)) } : {}),
  });
  if (fail) rectifyItem(rec, random, p, itemId, t, false);
};
