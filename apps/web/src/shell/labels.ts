import { get } from '../api/api-client';

/**
 * Chinese labels for the API's codes. The API's label catalogue (GET /api/v1/catalogue) is the one
 * source; until it answers, these few groups keep the pages readable. A code with no label is
 * shown as it is.
 */
const FALLBACK: Record<string, Record<string, string>> = {
  clueStatus: {
    Registered: '线索登记',
    Analysis: '线索分析',
    Verification: '问题核实',
    Supervision: '问题监督',
    Rectification: '问题整改',
    Feedback: '落实反馈',
    Evaluation: '评估',
    Closed: '已销号',
    Archived: '已归档',
    Dismissed: '予以了结',
  },
  referralStatus: {
    Draft: '拟移送',
    Approved: '已审批',
    Sent: '已移送',
    Received: '已登记',
    Forwarded: '已转送',
    Returned: '已退回',
    Accepted: '已受理',
    PartiallyAccepted: '部分受理',
    Disposing: '处置中',
    CaseFiled: '已立案',
    Decided: '已作出处理',
    Concluded: '予以了结',
    ResultFedBack: '已反馈',
    Closed: '已办结',
  },
  rectificationStatus: {
    Assigned: '已交办',
    InProgress: '整改中',
    Reported: '已报告',
    Evaluated: '已评估',
    Closed: '已销号',
    LookBackPending: '待回头看',
    LookBackPassed: '回头看通过',
    Reopened: '重新整改',
  },
  clueSource: {
    RuleOfLawInspection: '法治督察',
    Reconsideration: '行政复议',
    EnforcementSupervision: '行政执法监督',
    CaseFileReview: '案卷评查',
    SpecialSupervision: '专项监督',
    Complaint: '投诉举报',
    CaseFollowUp: '案件回访',
    StatisticalAnalysis: '执法统计分析',
    LitigationLossOrReversal: '诉讼败诉/复议纠错',
    JudicialSuggestion: '司法建议',
    ProcuratorialSuggestion: '检察建议',
    InspectionTour: '巡察移交',
    Audit: '审计移送',
  },
  role: {
    RuleOfLawOffice: '法治建设办',
    JusticeBureau: '司法局',
    EnforcementAgency: '行政执法机关',
    DisciplineCommission: '纪委监委',
    AppointingAuthority: '任免机关',
    PartyLeadership: '党委主要领导',
    Auditor: '审计查阅',
    Administrator: '系统管理员',
  },
  region: {
    panjin: '盘锦市',
    'panjin/shuangtaizi': '双台子区',
    'panjin/xinglongtai': '兴隆台区',
    'panjin/dawa': '大洼区',
    'panjin/panshan': '盘山县',
  },
  cadreRank: { DepartmentBureau: '厅局级', CountyDivision: '县处级', TownshipSectionOrBelow: '乡科级及以下' },
  rectificationMode: { Immediate: '立行立改', Deadline: '限期整改', LongTerm: '长期坚持' },
  clueCategory: { Inaction: '不作为', ArbitraryAction: '乱作为', AbuseOfPower: '滥用职权', Other: '其他' },
  field: {
    regionId: '所属地区',
    source: '线索来源',
    sourceRef: '来源文号',
    receivedAt: '收到时间',
    agency: '被监督单位',
    orgId: '单位代码',
    name: '名称',
    summary: '线索摘要',
    subjects: '被反映人',
    subjectId: '人员编号',
    unit: '工作单位',
    post: '职务',
    cadreRank: '干部层级',
    isPartyMember: '中共党员',
    isPublicOfficial: '公职人员',
    attachments: '附件',
    title: '标题',
    documentRef: '文档编号',
  },
};

let catalogue: Record<string, Record<string, string>> = {};

/** Loads the API's catalogue once; a missing catalogue leaves the fallback in place. */
export const loadCatalogue = async (): Promise<void> => {
  try {
    const answer = await get<Record<string, unknown>>('/api/v1/catalogue');
    const groups = (answer.groups ?? answer.labels ?? answer) as Record<string, unknown>;
    const next: Record<string, Record<string, string>> = {};
    for (const [group, entries] of Object.entries(groups)) {
      if (!entries || typeof entries !== 'object') continue;
      next[group] = {};
      const list = Array.isArray(entries)
        ? (entries as { code?: string; zh?: string; label?: string; title?: string }[]).map(
            (e) => [e.code, e.zh ?? e.label ?? e.title] as const,
          )
        : Object.entries(entries as Record<string, unknown>).map(([code, v]) => [
            code,
            typeof v === 'string' ? v : ((v as { zh?: string } | null)?.zh ?? undefined),
          ]);
      for (const [code, zh] of list) if (code && typeof zh === 'string') next[group][code] = zh;
    }
    catalogue = next;
  } catch {
    catalogue = {};
  }
};

export const label = (group: string, code: string | undefined | null): string =>
  code == null ? '' : (catalogue[group]?.[code] ?? FALLBACK[group]?.[code] ?? code);

export const statusLabel = (kind: string, status: string | undefined): string =>
  label(kind === 'clue' ? 'clueStatus' : kind === 'referral' ? 'referralStatus' : 'rectificationStatus', status);

export const KIND_LABELS: Record<string, string> = { clue: '问题线索', referral: '移送', rectification: '整改事项' };
