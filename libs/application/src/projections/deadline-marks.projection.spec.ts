import { EventLog, projectionSpec } from '@xj/testing';
import {
  ACTORS,
  CaseWorld,
  clueToSupervision,
  dateOfDay,
  day,
  referralToAccepted,
  subject,
} from './case-world.fixtures-spec';
import { clueLedgerProjection } from './clue-ledger.projection';
import { commissionInboxProjection } from './commission-inbox.projection';
import { rectificationLedgerProjection } from './rectification-ledger.projection';

/** 延期 and 中止/恢复 on the ledgers (issue 15 §2): the current due date, with its marks. */
const office = ACTORS.cityOfficeHead;
const agency = ACTORS.dawaAgencyHead;
const RULE = 'InspectionFeedbackRectification';

const assignedItem = () => {
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
    mode: 'Deadline',
    issue: '罚款未履行告知程序',
    measures: '重新告知',
    dueDate: dateOfDay(10),
    owner: '王局长',
    responsiblePerson: '张科长',
  });
  w.item({
    type: 'RequestDeadlineExtension',
    actor: agency,
    at: day(2),
    itemId: 'i1',
    requestId: 'x1',
    rule: RULE,
    proposedDueOn: dateOfDay(30),
    reason: '需要鉴定',
  });
  w.item({ type: 'ApproveDeadlineExtension', actor: office, at: day(3), itemId: 'i1', requestId: 'x1' });
  return { log, w };
};

describe('deadline marks on the ledgers', () => {
  const items = projectionSpec(rectificationLedgerProjection);
  const item = { collection: 'items', id: 'i1' };

  it('given an approved extension, then the rectification ledger shows the new due date, marked extended from the original', async () => {
    const { log } = assignedItem();
    await items.given(log.events).thenMatch(item, {
      dueOn: dateOfDay(30),
      dueMark: { dueOn: dateOfDay(30), originalDueOn: dateOfDay(10), extended: true, paused: false },
    });
  });

  it('given a pause, then the line has no running due date (never overdue) and the mark keeps the date; a resumption sets it again', async () => {
    const { log, w } = assignedItem();
    w.item({ type: 'PauseDeadline', actor: office, at: day(4), itemId: 'i1', rule: RULE, reason: '等待鉴定' });
    const paused = await items.given(log.events).thenMatch(item, {
      dueMark: { dueOn: dateOfDay(30), originalDueOn: dateOfDay(10), extended: true, paused: true },
    });
    expect(paused['dueOn']).toBeUndefined();
    w.item({ type: 'ResumeDeadline', actor: office, at: day(9), itemId: 'i1', rule: RULE });
    const resumed = await items.given(log.events).thenMatch(item, { dueMark: { paused: false, extended: true } });
    expect(resumed['dueOn']).toBe((resumed['dueMark'] as { dueOn: string }).dueOn);
    expect(String(resumed['dueOn']) > dateOfDay(30)).toBe(true);
  });

  it('given the report that meets the moved date, then the due date and its mark go together; replay changes nothing', async () => {
    const { log, w } = assignedItem();
    w.item({
      type: 'ReportRectification',
      actor: agency,
      at: day(5),
      itemId: 'i1',
      report: '已整改',
      evidence: ['报告'],
    });
    const doc = await items.given(log.events).thenMatch(item, { status: 'Reported' });
    expect([doc['dueOn'], doc['dueMark']]).toEqual([undefined, undefined]);
    await items.given(log.events).thenReplayChangesNothing();
  });

  it('given a paused plan deadline, then the clue ledger keeps showing it, marked, but its next due date skips it', async () => {
    const log = new EventLog();
    const w = new CaseWorld(log);
    clueToSupervision(w, { clueId: 'c1' });
    w.clue({
      type: 'PauseDeadline',
      actor: office,
      at: day(3),
      clueId: 'c1',
      rule: 'RectificationPlan',
      reason: '等待鉴定',
    });
    const doc = await projectionSpec(clueLedgerProjection)
      .given(log.events)
      .thenMatch({ collection: 'clues', id: 'c1' }, { planDueMark: { paused: true, extended: false } });
    expect(doc['planDueOn']).toBe((doc['planDueMark'] as { dueOn: string }).dueOn);
    expect(doc['nextDueOn']).toBe(doc['transferDueOn']);
    expect(doc['agencyNextDueOn']).toBe(doc['stepDueOn']);
  });

  it('given an extended acceptance period, then the inbox shows the moved running date and its own field, until the next step replaces it', async () => {
    const log = new EventLog();
    const w = new CaseWorld(log);
    clueToSupervision(w, { clueId: 'c1' }, 0, 'Verification');
    referralToAccepted(
      w,
      { clueId: 'c1', referralId: 'R1', subjects: [subject('s1', 'CountyDivision')] },
      2,
      'Received',
    );
    w.referral({
      type: 'RequestDeadlineExtension',
      actor: ACTORS.cityCcdi,
      at: day(5),
      referralId: 'R1',
      requestId: 'x1',
      rule: 'CommissionAcceptance',
      proposedDueOn: dateOfDay(18),
      reason: '需核实干部管理权限',
    });
    w.referral({
      type: 'ApproveDeadlineExtension',
      actor: ACTORS.cityCcdiHead,
      at: day(6),
      referralId: 'R1',
      requestId: 'x1',
    });
    const inbox = projectionSpec(commissionInboxProjection);
    await inbox.given(log.events).thenMatch(
      { collection: 'inbox', id: 'R1' },
      {
        dueOn: dateOfDay(18),
        acceptanceDueOn: dateOfDay(18),
        dueRule: 'CommissionAcceptance',
        dueMark: { dueOn: dateOfDay(18), extended: true, paused: false },
      },
    );
    w.referral({ type: 'AcceptReferral', actor: ACTORS.cityCcdiHead, at: day(7), referralId: 'R1' });
    const accepted = await inbox
      .given(log.events)
      .thenMatch({ collection: 'inbox', id: 'R1' }, { dueRule: 'DisposalProposal' });
    expect(accepted['dueMark']).toBeUndefined();
    await inbox.given(log.events).thenReplayChangesNothing();
  });
});
