import { deciderSpec } from '@xj/testing';
import { createClueDecider } from '../clue/clue.decider';
import { ClueEvent } from '../clue/clue.events';
import { createDomainConfig } from '../domain-config';
import { Actor } from '../shared/actor';
import { ImportClueFromLedger, withClueImport } from './clue-import';

const decider = withClueImport(createClueDecider(createDomainConfig()));
const spec = deciderSpec(decider);

const AT = '2026-12-07T10:00:00+08:00';
const FILE = 'a'.repeat(64);
const clerk: Actor = {
  userId: 'u-clerk',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.dawa.rol-office',
  regionId: 'panjin/dawa',
};

const importRow = (overrides: Partial<ImportClueFromLedger> = {}): ImportClueFromLedger => ({
  type: 'ImportClueFromLedger',
  actor: clerk,
  at: AT,
  clueId: 'c-imported',
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '大洼复字〔2023〕12号',
  receivedAt: '2023-04-03T00:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: '对举报久拖不办',
  status: 'Closed',
  statusOn: '2023-09-20',
  ledgerRow: { ledger: 'clue', ledgerNo: 'DW-2023-012', fileSha256: FILE, row: 2 },
  ...overrides,
});

const registered = (): ClueEvent => ({
  type: 'ClueRegistered',
  data: {
    at: AT,
    by: { userId: 'u-clerk', role: 'RuleOfLawOffice', orgId: 'panjin.dawa.rol-office' },
    clueId: 'c-imported',
    regionId: 'panjin/dawa',
    ownerOrgId: 'panjin.dawa.rol-office',
    source: 'Reconsideration',
    sourceRef: '大洼复字〔2023〕12号',
    receivedAt: '2023-04-03T00:00:00+08:00',
    agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
    summary: '对举报久拖不办',
    subjects: [],
    attachments: [],
  },
});

describe('历史补录 — importing a legacy clue ledger line (issue 19 §3)', () => {
  it('given no clue, when a line is imported, then the clue is registered with its original date and marked imported at its step', () => {
    spec
      .given([])
      .when(importRow())
      .then([
        registered(),
        {
          type: 'ClueHistoryImported',
          data: {
            at: AT,
            by: { userId: 'u-clerk', role: 'RuleOfLawOffice', orgId: 'panjin.dawa.rol-office' },
            status: 'Closed',
            statusOn: '2023-09-20',
            ledgerRow: { ledger: 'clue', ledgerNo: 'DW-2023-012', fileSha256: FILE, row: 2 },
          },
        },
      ]);
  });

  it('the imported clue stands at the ledger step and remembers its line', () => {
    const state = spec
      .given([])
      .when(importRow({ status: 'Supervision', statusOn: undefined }))
      .thenState();
    expect(state).toMatchObject({
      status: 'Supervision',
      receivedAt: '2023-04-03T00:00:00+08:00',
      importedFrom: { ledgerNo: 'DW-2023-012', row: 2 },
    });
  });

  it('given the clue exists, when the line is imported again under another command, then it is refused as existing', () => {
    spec.given([registered()]).when(importRow()).thenError('Conflict', 'CLUE.ALREADY_EXISTS');
  });

  it('refuses a step dated after the import day', () => {
    spec
      .given([])
      .when(importRow({ statusOn: '2026-12-08' }))
      .thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
  });

  it('refuses a step dated before the clue was received (out of order)', () => {
    spec
      .given([])
      .when(importRow({ statusOn: '2023-04-02' }))
      .thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
  });

  it('refuses a receipt after the import', () => {
    spec
      .given([])
      .when(importRow({ receivedAt: '2026-12-08T00:00:00+08:00', statusOn: undefined }))
      .thenError('Validation', 'CLUE.RECEIVED_IN_FUTURE');
  });

  it('refuses "not registered" as a ledger step', () => {
    spec
      .given([])
      .when(importRow({ status: 'None' as unknown as 'Closed' }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
  });

  it('refuses a line without its ledger number or with a malformed file hash', () => {
    spec
      .given([])
      .when(importRow({ ledgerRow: { ledger: 'clue', ledgerNo: ' ', fileSha256: FILE, row: 2 } }))
      .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    spec
      .given([])
      .when(importRow({ ledgerRow: { ledger: 'clue', ledgerNo: 'X', fileSha256: 'nope', row: 2 } }))
      .thenError('Validation', 'IMPORT.INVALID_FILE_HASH');
  });

  it('is for the office and the justice bureau of the clue region only', () => {
    spec
      .given([])
      .when(importRow({ actor: { ...clerk, role: 'EnforcementAgency', orgId: 'dawa.emergency' } }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given([])
      .when(importRow({ actor: { ...clerk, regionId: 'panjin/panshan' } }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
  });

  it('leaves every other clue command to the clue decider', () => {
    spec
      .given([])
      .when({ type: 'StartAnalysis', actor: clerk, at: AT, clueId: 'c-imported', analystUserId: 'u' })
      .thenError('NotFound', 'CLUE.NOT_FOUND');
  });
});
