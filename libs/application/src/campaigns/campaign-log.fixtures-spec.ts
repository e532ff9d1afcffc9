/**
 * A campaign's stream as the code of issue 17 wrote it (2026-12, schema version 1), kept literally:
 * the log must stay readable by every later build (new event types or upcasters, never edits).
 */
export const CAMPAIGN_LOG_V1: readonly { readonly type: string; readonly data: object }[] = [
  {
    type: 'CampaignPlanned',
    data: {
      at: '2026-03-02T09:00:00+08:00',
      by: {
        userId: 'u-pj-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      occurredOn: '2026-03-01',
      campaignId: 'k-2026',
      regionId: 'panjin',
      ownerOrgId: 'panjin.rol-office',
      title: '2026年度法治督察',
      periodFrom: '2026-03-02',
      periodTo: '2026-04-30',
      teams: [
        {
          name: '第一督察组',
          lead: '组长甲',
          members: ['组员乙'],
        },
      ],
      topics: ['涉企乱罚款'],
      units: [
        {
          orgId: 'dawa.emergency',
          name: '大洼区应急管理局',
          regionId: 'panjin/dawa',
        },
      ],
    },
  },
  {
    type: 'CampaignStarted',
    data: {
      at: '2026-03-03T09:00:00+08:00',
      by: {
        userId: 'u-pj-clerk',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      occurredOn: '2026-03-03',
    },
  },
  {
    type: 'CampaignFindingRecorded',
    data: {
      at: '2026-03-05T10:00:00+08:00',
      by: {
        userId: 'u-pj-clerk',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      occurredOn: '2026-03-04',
      findingId: 'f-1',
      unitOrgId: 'dawa.emergency',
      topic: '涉企乱罚款',
      summary: '对同一企业重复罚款',
      clueId: 'c-k-1',
    },
  },
  {
    type: 'CampaignFeedbackIssued',
    data: {
      at: '2026-03-20T10:00:00+08:00',
      by: {
        userId: 'u-pj-clerk',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      occurredOn: '2026-03-20',
      unitOrgId: 'dawa.emergency',
      documentNo: '盘法督反〔2026〕1号',
      opinion: '限期整改',
    },
  },
  {
    type: 'CampaignCircularIssued',
    data: {
      at: '2026-04-10T10:00:00+08:00',
      by: {
        userId: 'u-pj-clerk',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      occurredOn: '2026-04-10',
      documentNo: '盘法督通〔2026〕1号',
      commonProblems: ['执法程序不规范'],
    },
  },
  {
    type: 'CampaignClosed',
    data: {
      at: '2026-04-30T10:00:00+08:00',
      by: {
        userId: 'u-pj-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      occurredOn: '2026-04-30',
    },
  },
];
