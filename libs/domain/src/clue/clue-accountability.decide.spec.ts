import { deciderSpec } from '@xj/testing';
import { createDomainConfig } from '../domain-config';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { ClueCommand, LinkAccountabilityCase, RegisterClue } from './clue.commands';
import { createClueDecider } from './clue.decider';
import { ClueEvent } from './clue.events';
import { availableClueCommands } from './clue.preconditions';

/*
 * Issue 17 (accountability outside the commission, "linked to the clue"): the clue records the
 * accountability case opened on it, so its history and linked cases show it.
 */
const decider = createClueDecider(createDomainConfig());
const spec = deciderSpec(decider);

const AT = '2026-03-02T09:00:00+08:00';
const LATER = '2026-03-20T10:00:00+08:00';
const actor = (role: Actor['role'], orgId: string, regionId: string): Actor => ({
  userId: `u-${orgId}`,
  role,
  position: 'Staff',
  orgId,
  regionId,
});
const office = actor('RuleOfLawOffice', 'panjin.rol-office', 'panjin');
const justice = actor('JusticeBureau', 'panjin.justice', 'panjin');
const agency = actor('EnforcementAgency', 'dawa.emergency', 'panjin/dawa');
const commission = actor('DisciplineCommission', 'panjin.ccdi', 'panjin');
const otherCounty = actor('JusticeBureau', 'panshan.justice', 'panjin/panshan');

const register: RegisterClue = {
  type: 'RegisterClue',
  actor: office,
  at: AT,
  clueId: 'c-1',
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-02-27T16:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: '应急局违法罚款被复议撤销',
};
const link = (o: Partial<LinkAccountabilityCase> = {}): LinkAccountabilityCase => ({
  type: 'LinkAccountabilityCase',
  actor: justice,
  at: LATER,
  clueId: 'c-1',
  accountabilityId: 'a-1',
  accountabilityType: 'EnforcementFault',
  decidingOrgId: 'panjin.justice',
  openedOn: '2026-03-20',
  ...o,
});
const run = (...commands: ClueCommand[]): ClueEvent[] =>
  commands.reduce<ClueEvent[]>((events, command) => {
    const result = decider.decide(command, fold(decider, events));
    if (isDomainError(result)) throw new Error(`${command.type}: ${result.code}`);
    return [...events, ...result];
  }, []);

describe('Clue — an accountability case linked (issue 17)', () => {
  it('given a clue, when an accountability case is opened on it, then the clue records the link with who, when and what', () => {
    spec
      .given(run(register))
      .when(link())
      .then([
        {
          type: 'AccountabilityCaseLinked',
          data: {
            at: LATER,
            by: { userId: justice.userId, role: 'JusticeBureau', orgId: 'panjin.justice' },
            accountabilityId: 'a-1',
            accountabilityType: 'EnforcementFault',
            decidingOrgId: 'panjin.justice',
            openedOn: '2026-03-20',
          },
        },
      ]);
  });

  it('given the link, then the clue lists the case and keeps its status', () => {
    const before = fold(decider, run(register));
    const after = fold(decider, run(register, link(), link({ accountabilityId: 'a-2', actor: agency })));
    expect(after.accountabilityIds).toEqual(['a-1', 'a-2']);
    expect(after.status).toBe(before.status);
  });

  it('given the case already linked, when the link is delivered again, then nothing is appended (at-least-once delivery)', () => {
    spec.given(run(register, link())).when(link()).then([]);
  });

  it('is accepted on a dismissed clue too: accountability often follows the end of the clue', () => {
    const dismissed = run(
      register,
      { type: 'StartAnalysis', actor: office, at: AT, clueId: 'c-1', analystUserId: 'u-analyst' },
      {
        type: 'DismissClue',
        actor: { ...office, position: 'Head' },
        at: AT,
        clueId: 'c-1',
        reason: 'Untrue',
        explanation: '经核查反映不实',
      },
    );
    expect(fold(decider, dismissed).status).toBe('Dismissed');
    expect(spec.given(dismissed).when(link()).thenState()).toMatchObject({
      status: 'Dismissed',
      accountabilityIds: ['a-1'],
    });
  });

  it('rejects a clue that does not exist', () => {
    spec.given([]).when(link()).thenError('NotFound', 'CLUE.NOT_FOUND');
  });

  it('rejects roles that do not open accountability cases, and openers outside the clue’s region', () => {
    spec
      .given(run(register))
      .when(link({ actor: commission }))
      .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    spec
      .given(run(register))
      .when(link({ actor: otherCounty }))
      .thenError('Forbidden', 'AUTH.OUTSIDE_JURISDICTION');
  });

  it.each<[string, Partial<LinkAccountabilityCase>, string]>([
    ['a blank case id', { accountabilityId: ' ' }, 'VALIDATION.TEXT_REQUIRED'],
    ['an unknown type', { accountabilityType: 'Scolding' as never }, 'VALIDATION.UNKNOWN_VALUE'],
    ['a malformed opening date', { openedOn: '20.3.2026' }, 'VALIDATION.DATE'],
  ])('rejects %s', (_label, over, code) => {
    spec.given(run(register)).when(link(over)).thenError('Validation', code);
  });

  it('is never offered to a user: the workflow sends it', () => {
    const state = fold(decider, run(register));
    for (const who of [office, justice, agency])
      expect(availableClueCommands(state, who) as readonly string[]).not.toContain('LinkAccountabilityCase');
  });
});
