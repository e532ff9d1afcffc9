import { createDomainConfig, decideImportRectification, initialRectificationState, isDomainError } from '@xj/domain';
import { EventLog, projectionSpec } from '@xj/testing';
import { ACTORS, CaseWorld, dateOfDay, day } from './case-world.fixtures-spec';
import { rectificationLedgerProjection } from './rectification-ledger.projection';

const spec = projectionSpec(rectificationLedgerProjection);
const item = (id: string) => ({ collection: 'items', id });
const office = ACTORS.cityOfficeHead;
const agency = ACTORS.dawaAgencyHead;

const assigned = (mode: 'Immediate' | 'Deadline' | 'LongTerm' = 'Deadline', dueDay: number | null = 10) => {
  const log = new EventLog();
  const w = new CaseWorld(log);
  w.item({
    type: 'AssignRectificationItem',
    actor: office,
    at: day(0),
    itemId: 'i1',
    clueId: 'c1',
    regionId: 'panjin/dawa',
    agencyOrgId: 'dawa.emergency',
    mode,
    issue: '罚款未履行告知程序',
    measures: '重新告知并整改制度',
    ...(dueDay !== null ? { dueDate: dateOfDay(dueDay) } : {}),
    ...(mode === 'LongTerm' ? { longTermTarget: '执法全过程记录' } : {}),
    owner: '王局长',
    responsiblePerson: '张科长',
    evidence: ['督察反馈意见书'],
  });
  return { log, w };
};

const reportAndEvaluate = (w: CaseWorld, at: number, result: 'Pass' | 'Fail') => {
  w.item({ type: 'StartRectification', actor: agency, at: day(at), itemId: 'i1' });
  w.item({
    type: 'ReportRectification',
    actor: agency,
    at: day(at + 1),
    itemId: 'i1',
    report: '已整改',
    evidence: ['整改报告'],
  });
  w.item({
    type: 'EvaluateRectification',
    actor: office,
    at: day(at + 2),
    itemId: 'i1',
    method: 'OnSite',
    result,
    notes: '实地核查',
    ...(result === 'Fail' ? { failureReasons: ['未落实'] } : {}),
  });
};

describe('rectification-ledger projection', () => {
  it('given an assigned item, then the ledger line: issue, measures, 整改时限, owner and responsible person', async () => {
    const { log } = assigned();
    await spec.given(log.events).then(item('i1'), {
      itemId: 'i1',
      clueId: 'c1',
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
      status: 'Assigned',
      assignedAt: day(0),
      assignedOn: dateOfDay(0),
      dueOn: dateOfDay(10),
      reportCount: 0,
      evaluationCount: 0,
      lookBacks: [],
      reopenCount: 0,
      escalations: 0,
      updatedAt: new Date(day(0)).toISOString(),
    });
  });

  it('立行立改 is due the same day; 长期坚持 without a milestone has no due date but its target', async () => {
    await spec
      .given(assigned('Immediate', null).log.events)
      .thenMatch(item('i1'), { mode: 'Immediate', dueOn: dateOfDay(0) });
    const longTerm = await spec
      .given(assigned('LongTerm', null).log.events)
      .thenMatch(item('i1'), { mode: 'LongTerm', longTermTarget: '执法全过程记录' });
    expect(longTerm['dueOn']).toBeUndefined();
  });

  it('records the report (the due date is met), the evaluation, and 销号 with its look-back date', async () => {
    const { log, w } = assigned();
    w.item({ type: 'StartRectification', actor: agency, at: day(1), itemId: 'i1' });
    await spec.given(log.events).thenMatch(item('i1'), { status: 'InProgress', dueOn: dateOfDay(10) });
    w.item({
      type: 'ReportRectification',
      actor: agency,
      at: day(2),
      itemId: 'i1',
      report: '已整改',
      evidence: ['整改报告'],
    });
    const reported = await spec.given(log.events).thenMatch(item('i1'), {
      status: 'Reported',
      reportCount: 1,
      lastReport: { reportNo: 1, report: '已整改', evidence: ['整改报告'], at: day(2), late: false },
    });
    expect(reported['dueOn']).toBeUndefined();
    w.item({
      type: 'EvaluateRectification',
      actor: office,
      at: day(3),
      itemId: 'i1',
      method: 'OnSite',
      result: 'Pass',
      notes: '实地核查',
    });
    await spec.given(log.events).thenMatch(item('i1'), {
      status: 'Evaluated',
      evaluationCount: 1,
      lastEvaluation: {
        evaluationNo: 1,
        result: 'Pass',
        method: 'OnSite',
        notes: '实地核查',
        at: day(3),
        evaluatorUserId: office.userId,
      },
    });
    w.item({ type: 'CloseItem', actor: office, at: day(3), itemId: 'i1' });
    // Closed Thursday 5 March: 回头看 3 months later → Friday 5 June.
    await spec.given(log.events).thenMatch(item('i1'), {
      status: 'Closed',
      closedAt: day(3),
      closedLongTerm: false,
      lookBackDueOn: '2026-06-05',
    });
  });

  it('a report after the due date is recorded as late', async () => {
    const { log, w } = assigned('Deadline', 2);
    w.item({
      type: 'ReportRectification',
      actor: agency,
      at: day(5),
      itemId: 'i1',
      report: '迟报',
      evidence: ['报告'],
    });
    await spec.given(log.events).thenMatch(item('i1'), { lastReport: expect.objectContaining({ late: true }) });
  });

  it('a failed evaluation reopens the item with a new due date (重新整改)', async () => {
    const { log, w } = assigned();
    reportAndEvaluate(w, 1, 'Fail');
    w.item({
      type: 'ReopenItem',
      actor: office,
      at: day(4),
      itemId: 'i1',
      reasons: ['未落实'],
      newDueDate: dateOfDay(17),
    });
    await spec.given(log.events).thenMatch(item('i1'), {
      status: 'Reopened',
      reopenCount: 1,
      dueOn: dateOfDay(17),
      lastEvaluation: expect.objectContaining({ result: 'Fail', failureReasons: ['未落实'] }),
    });
  });

  it('keeps every look-back: a scheduled one, a pass, and a failure that reopens', async () => {
    const { log, w } = assigned();
    reportAndEvaluate(w, 1, 'Pass');
    w.item({ type: 'CloseItem', actor: office, at: day(3), itemId: 'i1' });
    w.item({ type: 'ScheduleLookBack', actor: office, at: day(4), itemId: 'i1', lookBackOn: dateOfDay(45) });
    await spec.given(log.events).thenMatch(item('i1'), { status: 'LookBackPending', lookBackDueOn: dateOfDay(45) });
    w.item({
      type: 'CompleteLookBack',
      actor: office,
      at: day(45),
      itemId: 'i1',
      method: 'OnSite',
      result: 'Fail',
      notes: '反弹',
      reasons: ['问题反弹'],
      newDueDate: dateOfDay(59),
    });
    const reopened = await spec.given(log.events).thenMatch(item('i1'), {
      status: 'Reopened',
      reopenCount: 1,
      dueOn: dateOfDay(59),
      lastLookBackResult: 'Fail',
      lookBacks: [{ at: day(45), on: dateOfDay(45), method: 'OnSite', result: 'Fail' }],
    });
    expect(reopened['lookBackDueOn']).toBeUndefined();
    reportAndEvaluate(w, 50, 'Pass');
    w.item({ type: 'CloseItem', actor: office, at: day(52), itemId: 'i1' });
    w.item({
      type: 'CompleteLookBack',
      actor: office,
      at: day(120),
      itemId: 'i1',
      method: 'Document',
      result: 'Pass',
      notes: '巩固',
    });
    await spec.given(log.events).thenMatch(item('i1'), {
      status: 'LookBackPassed',
      lastLookBackResult: 'Pass',
      lookBacks: [
        { at: day(45), on: dateOfDay(45), method: 'OnSite', result: 'Fail' },
        { at: day(120), on: dateOfDay(120), method: 'Document', result: 'Pass' },
      ],
    });
  });

  it('a long-term item closes into maintenance (长期坚持), and escalations are counted', async () => {
    const { log, w } = assigned('LongTerm', null);
    w.item({
      type: 'RaiseEscalation',
      actor: office,
      at: day(1),
      itemId: 'i1',
      escalationId: 'e1',
      escalationType: 'ListedSupervision',
      reason: '挂牌督办',
      targetOrgId: 'dawa.emergency',
      target: { orgId: 'dawa.emergency', role: 'EnforcementAgency', regionId: 'panjin/dawa' },
    });
    reportAndEvaluate(w, 1, 'Pass');
    w.item({ type: 'CloseItem', actor: office, at: day(3), itemId: 'i1' });
    await spec.given(log.events).thenMatch(item('i1'), { status: 'Closed', closedLongTerm: true, escalations: 1 });
  });

  it('ignores events of an item it never saw assigned', async () => {
    const { log, w } = assigned();
    reportAndEvaluate(w, 1, 'Pass');
    await spec.given(log.events.slice(1)).then(item('i1'), undefined);
  });

  it('run it twice: redelivering the events changes nothing', async () => {
    const { log, w } = assigned();
    reportAndEvaluate(w, 1, 'Fail');
    w.item({
      type: 'ReopenItem',
      actor: office,
      at: day(4),
      itemId: 'i1',
      reasons: ['未落实'],
      newDueDate: dateOfDay(17),
    });
    reportAndEvaluate(w, 5, 'Pass');
    w.item({ type: 'CloseItem', actor: office, at: day(7), itemId: 'i1' });
    w.item({
      type: 'CompleteLookBack',
      actor: office,
      at: day(60),
      itemId: 'i1',
      method: 'OnSite',
      result: 'Pass',
      notes: '巩固',
    });
    await spec.given(log.events).thenReplayChangesNothing();
  });

  describe('历史补录 (issue 19 §3)', () => {
    const imported = (status: 'InProgress' | 'LookBackPassed') => {
      const decision = decideImportRectification(
        {
          type: 'ImportRectificationFromLedger',
          actor: office,
          at: day(0),
          itemId: 'i9',
          clueId: 'c9',
          regionId: 'panjin/dawa',
          agencyOrgId: 'dawa.emergency',
          mode: 'Deadline',
          issue: '行政处罚案卷未载明裁量理由',
          measures: '逐案补正裁量说明',
          dueDate: '2023-06-30',
          owner: '局长 张某',
          responsiblePerson: '法制科 李某',
          assignedOn: '2023-04-10',
          status,
          ...(status === 'LookBackPassed'
            ? {
                evaluation: { method: 'Document' as const, result: 'Pass' as const, on: '2023-07-05' },
                closedOn: '2023-07-12',
                lookBack: { method: 'OnSite' as const, result: 'Pass' as const, on: '2023-12-20' },
              }
            : {}),
          ledgerRow: { ledger: 'rectification', ledgerNo: 'DW-ZG-2023-007', fileSha256: 'b'.repeat(64), row: 3 },
        },
        initialRectificationState(),
        createDomainConfig(),
      );
      if (isDomainError(decision)) throw new Error(decision.code);
      const log = new EventLog();
      log.append('rectification-i9', decision);
      return log;
    };

    it('given an imported line past its look-back, then the line is flagged and dated by the ledger, not the import day', async () => {
      const log = imported('LookBackPassed');
      await spec.given(log.events).thenMatch(item('i9'), {
        status: 'LookBackPassed',
        imported: true,
        ledgerNo: 'DW-ZG-2023-007',
        assignedAt: '2023-04-10T00:00:00+08:00',
        assignedOn: '2023-04-10',
        reportCount: 1,
        evaluationCount: 1,
        lastEvaluation: { result: 'Pass', method: 'Document', at: '2023-07-05T00:00:00+08:00' },
        closedAt: '2023-07-12T00:00:00+08:00',
        closedLongTerm: false,
        lookBacks: [{ at: '2023-12-20T00:00:00+08:00', on: '2023-12-20', method: 'OnSite', result: 'Pass' }],
        lastLookBackResult: 'Pass',
      });
      const doc = await spec.given(log.events).thenMatch(item('i9'), {});
      expect(doc.dueOn).toBeUndefined();
      await spec.given(log.events).thenReplayChangesNothing();
    });

    it('given an imported line still being rectified, then it keeps its 整改时限', async () => {
      await spec.given(imported('InProgress').events).thenMatch(item('i9'), {
        status: 'InProgress',
        imported: true,
        dueOn: '2023-06-30',
        reportCount: 0,
      });
    });
  });
});
