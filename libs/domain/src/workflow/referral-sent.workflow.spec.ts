import { workflowSpec } from '@xj/testing';
import { WorkflowCommand, WorkflowEvent } from './workflow';
import { REFERRAL_SENT_ACTOR_ID, referralSentKey, referralSentWorkflow } from './referral-sent.workflow';

const spec = workflowSpec(referralSentWorkflow);
const by = { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' };
const SENT_AT = '2026-04-02T10:00:00+08:00';

const event = (category: string, streamId: string, type: string, data: object): WorkflowEvent => ({
  category,
  streamId,
  eventId: `${streamId}-${type}`,
  type,
  data: { at: SENT_AT, by, ...data },
});
const proposed = (clueId = 'C1', referralId = 'R1') => event('clue', clueId, 'ReferralProposed', { referralId });
const drafted = (clueId = 'C1') =>
  event('referral', 'R1', 'ReferralDrafted', { clueId, regionId: 'panjin/dawa', ownerOrgId: 'panjin.rol-office' });
const target = { kind: 'DisciplineCommission', orgId: 'panjin.ccdi', regionId: 'panjin' };
const sent = event('referral', 'R1', 'ReferralSent', { target, sentAt: SENT_AT, sentLate: false });
const rerouted = event('referral', 'R1', 'ReferralRerouted', {
  target: { ...target, kind: 'AppointingAuthority' },
  sentAt: '2026-04-20T10:00:00+08:00',
  at: '2026-04-20T10:00:00+08:00',
});

const recordSent = (at: string, sentAt: string): WorkflowCommand => ({
  kind: 'clue',
  id: 'C1',
  key: referralSentKey('R1', 'C1'),
  command: {
    type: 'RecordReferralSent',
    actor: {
      userId: REFERRAL_SENT_ACTOR_ID,
      role: 'RuleOfLawOffice',
      position: 'Head',
      orgId: 'panjin.rol-office',
      regionId: 'panjin/dawa',
    },
    at,
    clueId: 'C1',
    referralId: 'R1',
    sentAt,
  },
});

describe('referral-sent workflow (R2 / 改送 → C14)', () => {
  it('given a referral its clue proposed, when it is sent, then the clue records it as sent, for the office, at the send', () => {
    spec
      .given([proposed(), drafted()])
      .when(sent)
      .then([recordSent(SENT_AT, SENT_AT)]);
  });

  it('given a returned referral, when it is re-routed, then the same command is sent again (same key: the clue records it once)', () => {
    spec
      .given([proposed(), drafted(), sent])
      .when(rerouted)
      .then([recordSent('2026-04-20T10:00:00+08:00', '2026-04-20T10:00:00+08:00')]);
  });

  it('given a referral no clue proposed, when it is sent, then nothing is sent (the clue would refuse it)', () => {
    spec.given([drafted()]).when(sent).then([]);
  });

  it('given a proposal on another clue with the same referral id, when the referral is sent, then nothing is sent', () => {
    spec
      .given([proposed('C2'), drafted('C1')])
      .when(sent)
      .then([]);
  });

  it('keys its instance by the referral: the proposal by the id it names, referral events by their stream', () => {
    expect(referralSentWorkflow.instanceOf(proposed('C1', 'R9'))).toBe('R9');
    expect(referralSentWorkflow.instanceOf(sent)).toBe('R1');
    expect(referralSentWorkflow.instanceOf(event('clue', 'C1', 'ClueRegistered', {}))).toBeUndefined();
  });
});
