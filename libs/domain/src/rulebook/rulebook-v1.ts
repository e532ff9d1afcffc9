import { Rulebook } from './rulebook';

const item = (code: string, labelZh: string, labelEn: string, required = true) => ({
  code,
  labelZh,
  labelEn,
  required,
});

/**
 * Rulebook v1: the six situations quoted by seed 004 (盘锦 行纪衔接, 2024-07-24) plus #7 `Other`
 * for "…等情形", which must carry its own justification and legal basis. Evidence checklists follow
 * DOMAIN.md §5.2.
 */
export const RULEBOOK_V1: Rulebook = {
  version: 'v1',
  effectiveFrom: '2024-07-24',
  rules: [
    {
      code: 'ImproperPerformance',
      number: 1,
      labelZh: '不履行或不正确履行职责',
      labelEn: 'Not performing, or improperly performing, a duty or binding decision',
      legalBasis: ['公职人员政务处分法 art. 39(2)', '行政复议法 (2023) arts. 80, 83', '监察法 (2024) art. 52(3)'],
      requiresJustification: false,
      evidence: [
        item(
          'IP.DUTY_SOURCE',
          '职责依据（法律条文或权责清单）',
          'Source of the duty (statute or list of powers and duties)',
        ),
        item('IP.ACT_OR_OMISSION', '作为或不作为及其日期', 'The act or omission, with dates'),
        item('IP.BINDING_DECISION', '生效决定及送达证明', 'The binding decision and proof of service', false),
        item('IP.RESPONSIBLE_ROLES', '承办人、审核人、批准人', 'Handler, reviewer and approver', false),
      ],
    },
    {
      code: 'RefuseOrObstructEvidence',
      number: 2,
      labelZh: '拒绝或阻挠取证',
      labelEn: 'Refusing or obstructing the collection of evidence',
      legalBasis: [
        '行政复议法 (2023) art. 84',
        '山东省行政执法监督条例 arts. 37(10), 38(5)(6)',
        '公职人员政务处分法 art. 62(2)',
      ],
      requiresJustification: false,
      evidence: [
        item('RO.REQUEST_SERVED', '取证通知及送达记录', 'The evidence request and its service record'),
        item(
          'RO.REFUSAL_RECORD',
          '拒绝或阻挠的记录（工作记录、现场笔录、证人）',
          'Record of the refusal or obstruction',
        ),
        item('RO.WITHHELD_MATERIAL', '被隐匿或拒交的材料', 'What was withheld', false),
      ],
    },
    {
      code: 'InterferenceInCase',
      number: 3,
      labelZh: '干涉、插手办案',
      labelEn: 'Interfering in the handling of a case',
      legalBasis: [
        '甘肃省法治政府建设重大责任事项约谈和挂牌督办试行办法',
        '行政执法过错责任追究: 授意、指令或干预者承担直接责任',
      ],
      requiresJustification: false,
      evidence: [
        item('IC.CASE', '被干预的案件', 'The case interfered with'),
        item('IC.MEANS', '干预方式（电话、批条、指示、会议）', 'How: call, note, instruction, meeting'),
        item('IC.WITNESS', '干预记录或证人证言', 'Interference record or witness statements', false),
      ],
    },
    {
      code: 'ObstructMarketEntityRights',
      number: 4,
      labelZh: '阻挠市场主体依法维权',
      labelEn: 'Obstructing a market entity from lawfully defending its rights',
      legalBasis: ['行政复议法 (2023) art. 82'],
      requiresJustification: false,
      evidence: [
        item('OM.ENTITY', '市场主体身份', "The market entity's identity"),
        item('OM.RIGHT_EXERCISED', '所行使的权利及时间', 'The right it tried to exercise, and when'),
        item('OM.OBSTRUCTING_ACT', '阻挠行为（拒收、施压撤回、威胁）', 'The obstructing act'),
        item('OM.STATEMENT', '投诉或陈述、录音或文书', 'Complaint, statement, recordings or documents', false),
      ],
    },
    {
      code: 'FailToCorrectIllegalAct',
      number: 5,
      labelZh: '不依法纠正违法行为',
      labelEn: 'Failing to correct an illegal act as required by law',
      legalBasis: ['行政复议法 (2023) arts. 76, 77', '山东省行政执法监督条例 arts. 28, 29, 37(11)'],
      requiresJustification: false,
      evidence: [
        item(
          'FC.INSTRUMENT',
          '认定违法的文书（监督意见书、复议意见书、督察反馈）',
          'The instrument that found the illegality',
        ),
        item('FC.DEADLINE', '送达日期及整改期限', 'Service date and deadline'),
        item('FC.OVERDUE_PROOF', '逾期未纠正的跟踪检查记录', 'Follow-up record proving overdue non-correction'),
        item('FC.ESCALATIONS', '已采取的督办措施', 'Escalations already tried', false),
      ],
    },
    {
      code: 'AssistOrLeakCaseInfo',
      number: 6,
      labelZh: '帮助、泄露案情',
      labelEn: 'Helping a party or leaking case information',
      legalBasis: ['公职人员政务处分法 art. 39(5)'],
      requiresJustification: false,
      evidence: [
        item('AL.INFORMATION', '泄露的信息内容', 'What information'),
        item('AL.RECIPIENT', '泄露对象及时间', 'To whom, and when'),
        item('AL.DUTY_ACCESS', '因职务获取该信息的途径', 'How it was obtained through the duty', false),
        item('AL.COMMUNICATIONS', '通讯证据', 'Communications evidence', false),
      ],
    },
    {
      code: 'Other',
      number: 7,
      labelZh: '其他应当移送的情形',
      labelEn: 'Other situations that must be transferred',
      legalBasis: [],
      requiresJustification: true,
      evidence: [item('OT.FACTS', '违法的事实材料', 'The facts of the illegality (行政复议法 art. 85)')],
    },
  ],
  statutoryGrounds: [
    {
      code: 'CorruptionOrBribery',
      labelZh: '贪污贿赂',
      labelEn: 'Corruption or bribery',
      legalBasis: ['行政复议法 (2023) art. 86', '监察法 (2024) art. 37'],
    },
    {
      code: 'DerelictionOfDuty',
      labelZh: '失职渎职',
      labelEn: 'Dereliction of duty',
      legalBasis: ['行政复议法 (2023) art. 86', '监察法 (2024) art. 37'],
    },
  ],
};
