import { deciderSpec } from '@xj/testing';
import { createDomainConfig } from '../domain-config';
import { createRectificationDecider } from '../rectification/rectification.decider';
import { RectificationEvent } from '../rectification/rectification.events';
import { Actor } from '../shared/actor';
import { ImportRectificationFromLedger, withRectificationImport } from './rectification-import';

const config = createDomainConfig();
const decider = withRectificationImport(createRectificationDecider(config), config);
const spec = deciderSpec(decider);

const AT = '2026-12-07T10:00:00+08:00';
const FILE = 'b'.repeat(64);
const clerk: Actor = {
  userId: 'u-clerk',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.dawa.rol-office',
  regionId: 'panjin/dawa',
};
const BY = { userId: 'u-clerk', role: 'RuleOfLawOffice' as const, orgId: 'panjin.dawa.rol-office' };
const ROW = { ledger: 'rectification' as const, ledgerNo: 'DW-ZG-2023-007', fileSha256: FILE, row: 3 };

const importRow = (overrides: Partial<ImportRectificationFromLedger> = {}): ImportRectificationFromLedger => ({
  type: 'ImportRectificationFromLedger',
  actor: clerk,
  at: AT,
  itemId: 'r-imported',
  clueId: 'c-imported',
  regionId: 'panjin/dawa',
  agencyOrgId: 'dawa.emergency',
  mode: 'Deadline',
  issue: '行政处罚案卷未载明裁量理由',
  measures: '逐案补正裁量说明，组织执法人员培训',
  dueDate: '2023-06-30',
  owner: '局长 张某',
  responsiblePerson: '法制科 李某',
  assignedOn: '2023-04-10',
  status: 'Closed',
  evaluation: { method: 'Document', result: 'Pass', on: '2023-07-05' },
  closedOn: '2023-07-12',
  clueLedgerNo: 'DW-2023-012',
  ledgerRow: ROW,
  ...overrides,
});

const assigned = (): RectificationEvent => ({
  type: 'RectificationItemAssigned',
  data: {
    at: AT,
    by: BY,
    itemId: 'r-imported',
    clueId: 'c-imported',
    regionId: 'panjin/dawa',
    supervisorOrgId: 'panjin.dawa.rol-office',
    agencyOrgId: 'dawa.emergency',
    mode: 'Deadline',
    issue: '行政处罚案卷未载明裁量理由',
    measures: '逐案补正裁量说明，组织执法人员培训',
    owner: '局长 张某',
    responsiblePerson: '法制科 李某',
    evidence: [],
    deadline: expect.objectContaining({ from: '2023-04-10', dueOn: '2023-06-30' }) as never,
  },
});

describe('历史补录 — importing a legacy 整改台账 line (issue 19 §3)', () => {
  it('given no item, when a closed-out line is imported, then it is assigned from its original date and marked imported at its step', () => {
    spec
      .given([])
      .when(importRow())
      .then([
        assigned(),
        {
          type: 'RectificationHistoryImported',
          data: {
            at: AT,
            by: BY,
            status: 'Closed',
            assignedOn: '2023-04-10',
            evaluation: { method: 'Document', result: 'Pass', on: '2023-07-05' },
            closedOn: '2023-07-12',
            clueLedgerNo: 'DW-2023-012',
            ledgerRow: ROW,
          },
        },
      ]);
  });

  it('the imported item stands at the ledger step with its records and continues the workflow from there', () => {
    const state = spec.given([]).when(importRow()).thenState();
    expect(state).toMatchObject({
      status: 'Closed',
      importedFrom: ROW,
      reportCount: 1,
      evaluationCount: 1,
      lastEvaluation: { result: 'Pass', method: 'Document', at: '2023-07-05T00:00:00+08:00' },
      closedAt: '2023-07-12T00:00:00+08:00',
    });
    expect(state.deadline).toBeUndefined();
    // An evaluated line that passed may be closed out here (销号 rests on the imported evaluation).
    const evaluated = spec
      .given([])
      .when(importRow({ status: 'Evaluated', closedOn: undefined }))
      .thenEvents();
    const head: Actor = { ...clerk, position: 'Head' };
    spec.given(evaluated).when({ type: 'CloseItem', actor: head, at: AT, itemId: 'r-imported' }).thenEvents();
  });

  it('an item still being rectified keeps its 整改时限 (counted from the assignment day)', () => {
    const state = spec
      .given([])
      .when(importRow({ status: 'InProgress', evaluation: undefined, closedOn: undefined, dueDate: '2026-12-31' }))
      .thenState();
    expect(state).toMatchObject({ status: 'InProgress', deadline: { from: '2023-04-10', dueOn: '2026-12-31' } });
  });

  it('given the item exists, when the line is imported again under another command, then it is refused as existing', () => {
    spec.given([assigned()]).when(importRow()).thenError('Conflict', 'RECTIFICATION.ALREADY_EXISTS');
  });

  it('refuses 销号 without a passed evaluation (seed 003: 反馈即为整改了 is the failure)', () => {
    spec
      .given([])
      .when(importRow({ evaluation: undefined }))
      .thenError('Conflict', 'RECTIFICATION.EVALUATION_REQUIRED');
    spec
      .given([])
      .when(importRow({ evaluation: { method: 'OnSite', result: 'Fail', on: '2023-07-05' } }))
      .thenError('Conflict', 'RECTIFICATION.EVALUATION_FAILED');
    spec
      .given([])
      .when(importRow({ closedOn: undefined }))
      .thenError('Validation', 'IMPORT.CLOSE_DATE_REQUIRED');
  });

  it('refuses a passed look-back step without its passed look-back, and a step recorded ahead of the status', () => {
    spec
      .given([])
      .when(importRow({ status: 'LookBackPassed' }))
      .thenError('Validation', 'IMPORT.LOOK_BACK_REQUIRED');
    spec
      .given([])
      .when(importRow({ status: 'Reported', evaluation: undefined }))
      .thenError('Validation', 'IMPORT.STEP_AHEAD_OF_STATUS');
  });

  it('refuses dates out of order or after the import day', () => {
    spec
      .given([])
      .when(importRow({ closedOn: '2023-07-01' }))
      .thenError('Validation', 'IMPORT.DATE_OUT_OF_ORDER');
    spec
      .given([])
      .when(importRow({ dueDate: '2023-04-01' }))
      .thenError('Validation', 'IMPORT.DATE_OUT_OF_ORDER');
    spec
      .given([])
      .when(importRow({ evaluation: { method: 'Document', result: 'Pass', on: '2023-04-09' } }))
      .thenError('Validation', 'IMPORT.DATE_OUT_OF_ORDER');
    spec
      .given([])
      .when(
        importRow({
          status: 'LookBackPassed',
          lookBack: { method: 'OnSite', result: 'Pass', on: '2023-07-11' },
        }),
      )
      .thenError('Validation', 'IMPORT.DATE_OUT_OF_ORDER');
    spec
      .given([])
      .when(
        importRow({
          assignedOn: '2026-12-08',
          status: 'Assigned',
          mode: 'Immediate',
          evaluation: undefined,
          closedOn: undefined,
          dueDate: undefined,
        }),
      )
      .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
  });

  it('keeps the plan rules of 下达: a 限期整改 line has its 整改时限, a 长期坚持 line its target', () => {
    spec
      .given([])
      .when(importRow({ dueDate: undefined }))
      .thenError('Validation', 'VALIDATION.DATE');
    spec
      .given([])
      .when(importRow({ mode: 'LongTerm', dueDate: undefined }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });

  it('refuses "reopened" as a ledger step and a line without its ledger number', () => {
    spec
      .given([])
      .when(importRow({ status: 'Reopened' as unknown as 'Closed' }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
    spec
      .given([])
      .when(importRow({ ledgerRow: { ...ROW, ledgerNo: ' ' } }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
  });

  it('is for a supervisor of the clue region only', () => {
    spec
      .given([])
      .when(importRow({ actor: { ...clerk, role: 'EnforcementAgency', orgId: 'dawa.emergency' } }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given([])
      .when(importRow({ actor: { ...clerk, regionId: 'panjin/panshan' } }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
  });

  it('leaves every other rectification command to the rectification decider', () => {
    spec
      .given([])
      .when({ type: 'StartRectification', actor: clerk, at: AT, itemId: 'r-imported' })
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });
});
