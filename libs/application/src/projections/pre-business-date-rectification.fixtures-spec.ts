/**
 * A rectification item's stream as the code before rectification business dates (commit b5f1ec7,
 * issue 17 item 7) wrote it, and the ledger line that code projected from it: assigned → started →
 * reported → evaluated (pass) → 销号 → 回头看 scheduled → 回头看 failed, so reopened; entered 2 March –
 * 11 April 2026. Recorded by running that commit's deciders and projection (case-world fixtures);
 * never edit it — it stands for data already stored.
 */
export const PRE_BUSINESS_DATE_RECTIFICATION_LOG: readonly { streamId: string; type: string; data: object }[] = [
  {
    streamId: 'rectification-I1',
    type: 'RectificationItemAssigned',
    data: {
      at: '2026-03-02T09:30:00+08:00',
      by: {
        userId: 'u-office-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      itemId: 'I1',
      clueId: 'k1',
      regionId: 'panjin/dawa',
      supervisorOrgId: 'panjin.rol-office',
      agencyOrgId: 'dawa.emergency',
      mode: 'Deadline',
      issue: '罚款未履行告知程序',
      measures: '重新告知并整改制度',
      owner: '王局长',
      responsiblePerson: '张科长',
      evidence: ['督察反馈意见书'],
      deadline: {
        rule: 'InspectionFeedbackRectification',
        from: '2026-03-02',
        amount: 0,
        unit: 'Days',
        dueOn: '2026-03-20',
      },
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'RectificationStarted',
    data: {
      at: '2026-03-03T09:30:00+08:00',
      by: {
        userId: 'u-dawa-emergency-head',
        role: 'EnforcementAgency',
        orgId: 'dawa.emergency',
      },
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'RectificationReported',
    data: {
      at: '2026-03-10T09:30:00+08:00',
      by: {
        userId: 'u-dawa-emergency-head',
        role: 'EnforcementAgency',
        orgId: 'dawa.emergency',
      },
      reportNo: 1,
      report: '已整改',
      evidence: ['整改报告'],
      late: false,
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'RectificationEvaluated',
    data: {
      at: '2026-03-12T09:30:00+08:00',
      by: {
        userId: 'u-office-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      evaluationNo: 1,
      reportNo: 1,
      evaluatorUserId: 'u-office-head',
      method: 'OnSite',
      result: 'Pass',
      notes: '实地核查',
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'ItemClosed',
    data: {
      at: '2026-03-14T09:30:00+08:00',
      by: {
        userId: 'u-office-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      evaluationNo: 1,
      longTerm: false,
      lookBackDue: {
        rule: 'LookBack',
        from: '2026-03-14',
        amount: 3,
        unit: 'Months',
        dueOn: '2026-06-15',
      },
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'LookBackScheduled',
    data: {
      at: '2026-03-15T09:30:00+08:00',
      by: {
        userId: 'u-office-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      lookBackDue: {
        rule: 'LookBack',
        from: '2026-03-15',
        amount: 0,
        unit: 'Days',
        dueOn: '2026-05-15',
      },
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'LookBackCompleted',
    data: {
      at: '2026-04-11T09:30:00+08:00',
      by: {
        userId: 'u-office-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      method: 'Document',
      result: 'Fail',
      notes: '问题反弹',
      failureReasons: ['制度未落实'],
    },
  },
  {
    streamId: 'rectification-I1',
    type: 'RectificationReopened',
    data: {
      at: '2026-04-11T09:30:00+08:00',
      by: {
        userId: 'u-office-head',
        role: 'RuleOfLawOffice',
        orgId: 'panjin.rol-office',
      },
      reopenNo: 1,
      cause: 'LookBackFailed',
      reasons: ['制度未落实'],
      deadline: {
        rule: 'InspectionFeedbackRectification',
        from: '2026-04-11',
        amount: 0,
        unit: 'Days',
        dueOn: '2026-05-29',
      },
    },
  },
];

/** The 整改台账 line commit b5f1ec7 projected from the log above (without its `_position`). */
export const PRE_BUSINESS_DATE_LEDGER_LINE: Readonly<Record<string, unknown>> = {
  itemId: 'I1',
  clueId: 'k1',
  regionId: 'panjin/dawa',
  countyId: 'panjin/dawa',
  supervisorOrgId: 'panjin.rol-office',
  agencyOrgId: 'dawa.emergency',
  mode: 'Deadline',
  issue: '罚款未履行告知程序',
  measures: '重新告知并整改制度',
  owner: '王局长',
  responsiblePerson: '张科长',
  evidence: ['督察反馈意见书'],
  status: 'Reopened',
  assignedAt: '2026-03-02T09:30:00+08:00',
  assignedOn: '2026-03-02',
  reportCount: 1,
  evaluationCount: 1,
  lookBacks: [
    {
      at: '2026-04-11T09:30:00+08:00',
      on: '2026-04-11',
      method: 'Document',
      result: 'Fail',
    },
  ],
  reopenCount: 1,
  escalations: 0,
  updatedAt: '2026-04-11T01:30:00.000Z',
  _id: 'I1',
  lastReport: {
    reportNo: 1,
    report: '已整改',
    evidence: ['整改报告'],
    at: '2026-03-10T09:30:00+08:00',
    late: false,
  },
  lastEvaluation: {
    evaluationNo: 1,
    result: 'Pass',
    method: 'OnSite',
    notes: '实地核查',
    at: '2026-03-12T09:30:00+08:00',
    evaluatorUserId: 'u-office-head',
  },
  closedAt: '2026-03-14T09:30:00+08:00',
  closedLongTerm: false,
  lastLookBackResult: 'Fail',
  dueOn: '2026-05-29',
};
