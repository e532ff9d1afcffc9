import { workflowSpec } from '@xj/testing';
import { SituationEvaluation } from '../rulebook/evaluate-situations';
import { TransferPackage } from '../referral/referral.model';
import { ActorRef } from '../shared/actor';
import { Subject } from '../shared/subject';
import { WorkflowEvent } from './workflow';
import { forwardedReferralWorkflow, openChildKey, openReturnedChildKey } from './forwarded-referral.workflow';

const spec = workflowSpec(forwardedReferralWorkflow);
const AT = '2026-04-10T09:00:00+08:00';
const office = { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' };
const commission: ActorRef = { userId: 'u-ccdi-head', role: 'DisciplineCommission', orgId: 'panjin.ccdi' };

const event = (type: string, data: object, streamId = 'P1'): WorkflowEvent => ({
  category: 'referral',
  streamId,
  eventId: `${streamId}-${type}`,
  type,
  data: { at: AT, by: office, ...data },
});
const subject = (subjectId: string): Subject => ({
  subjectId,
  name: `人员 ${subjectId}`,
  unit: '大洼区应急管理局',
  post: '局长',
  cadreRank: 'CountyDivision',
  isPartyMember: true,
  isPublicOfficial: true,
});
// The workflow copies the package whole but for its subjects: the other fields need not be real.
const pkg = {
  transferLetter: '移送函',
  clueSummary: '摘要',
  subjects: [subject('S1'), subject('S2'), subject('S3')],
} as unknown as TransferPackage;
const evaluation = { rulebookVersion: 'v1', transferMandatory: true } as unknown as SituationEvaluation;
const facts = {
  clueId: 'C1',
  regionId: 'panjin/dawa',
  ownerOrgId: 'panjin.rol-office',
  package: pkg,
  rulebookVersion: 'v1',
  evaluation,
};
const drafted = event('ReferralDrafted', facts);
const sent = event('ReferralSent', {
  target: { kind: 'DisciplineCommission', orgId: 'panjin.ccdi', regionId: 'panjin' },
});
const forwardTo = { orgId: 'dawa.ccdi', regionId: 'panjin/dawa' };
const partiallyAccepted = event('ReferralPartiallyAccepted', {
  by: commission,
  acceptedSubjectIds: ['S1'],
  forwardedSubjectIds: ['S2', 'S3'],
  forwardTo,
  childReferralId: 'K1',
  reason: '管辖',
});

describe('forwarded-referral workflow (R6 部分受理 → child referral)', () => {
  it('given a sent referral, when it is partially accepted, then the child is opened by the same commission with the forwarded subjects', () => {
    spec
      .given([drafted, sent])
      .when(partiallyAccepted)
      .then([
        {
          kind: 'referral',
          id: 'K1',
          key: openChildKey('P1', 'K1'),
          command: {
            type: 'OpenForwardedReferral',
            actor: { ...commission, position: 'Staff', regionId: 'panjin' },
            at: AT,
            referralId: 'K1',
            parentReferralId: 'P1',
            ...facts,
            package: { ...pkg, subjects: [subject('S2'), subject('S3')] },
            forwardedBy: 'panjin.ccdi',
            forwardTo,
            reason: '管辖',
          },
        },
      ]);
  });

  it('given a child that was itself forwarded on, when it is partially accepted, then its own package and holder are used', () => {
    const opened = event('ForwardedReferralOpened', { ...facts, forwardTo: { orgId: 'x.ccdi', regionId: 'x' } }, 'K1');
    const forwarded = event('ReferralForwarded', { forwardTo: { orgId: 'y.ccdi', regionId: 'y' }, reason: 'r' }, 'K1');
    const [open] = spec
      .given([opened, forwarded])
      .when({ ...partiallyAccepted, streamId: 'K1', data: { ...partiallyAccepted.data, childReferralId: 'K2' } })
      .thenCommands();
    expect(open).toMatchObject({ id: 'K2', key: openChildKey('K1', 'K2'), command: { actor: { regionId: 'y' } } });
  });

  it('given a partial acceptance naming the 任免机关 (实施条例 art. 171(3)), then the child is opened towards it, kind and all', () => {
    const toAppointing = { kind: 'AppointingAuthority', orgId: 'panjin.org-dept', regionId: 'panjin' } as const;
    const [open] = spec
      .given([drafted, sent])
      .when({ ...partiallyAccepted, data: { ...partiallyAccepted.data, forwardTo: toAppointing } })
      .thenCommands();
    expect(open).toMatchObject({ id: 'K1', command: { type: 'OpenForwardedReferral', forwardTo: toAppointing } });
  });

  it('given a sent referral, when part of it is returned (实施条例 art. 171(4)), then the returned part opens as its own referral for the office', () => {
    const partiallyReturned = event('ReferralPartiallyReturned', {
      by: commission,
      acceptedSubjectIds: ['S1', 'S3'],
      returnedSubjectIds: ['S2'],
      childReferralId: 'K2',
      reason: '无监察管辖权',
    });
    spec
      .given([drafted, sent])
      .when(partiallyReturned)
      .then([
        {
          kind: 'referral',
          id: 'K2',
          key: openReturnedChildKey('P1', 'K2'),
          command: {
            type: 'OpenReturnedReferral',
            actor: { ...commission, position: 'Staff', regionId: 'panjin' },
            at: AT,
            referralId: 'K2',
            parentReferralId: 'P1',
            ...facts,
            package: { ...pkg, subjects: [subject('S2')] },
            returnedBy: 'panjin.ccdi',
            reason: '无监察管辖权',
          },
        },
      ]);
    expect(spec.given([drafted, sent]).when(partiallyReturned).thenState()).toEqual({});
  });

  it('given an accepted referral, then its facts are dropped: nothing is left to forward', () => {
    spec
      .given([drafted, sent, event('ReferralAccepted', {})])
      .when(partiallyAccepted)
      .then([]);
    expect(spec.given([drafted, sent]).when(partiallyAccepted).thenState()).toEqual({});
  });

  it('given any other event, then nothing is sent', () => {
    spec.given([drafted]).when(sent).then([]);
  });
});
