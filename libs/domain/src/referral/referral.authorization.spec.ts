import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { ReferralCommand } from './referral.commands';
import { ReferralEvent } from './referral.events';
import {
  APPOINTING,
  CHILD_ID,
  COUNTY_CDI,
  administrator,
  agencyStaff,
  atAccepted,
  atApproved,
  atCaseFiled,
  atDecided,
  atDisposing,
  atDraft,
  atFedBack,
  atReceived,
  atSent,
  auditor,
  cityCdiHead,
  cmd,
  day,
  decider,
  eventsOf,
  officeHead,
} from './referral.fixtures-spec';

const spec = deciderSpec(decider);
const at = day(90);
const returned = () => eventsOf([cmd('ReturnReferral', cityCdiHead, day(4), { reason: '无管辖权' })], atReceived());

/** Every non-creating command, with a history in which its legitimate actor could issue it. */
const CASES: readonly [string, () => ReferralEvent[], (actor: Actor) => ReferralCommand][] = [
  ['ApproveReferral', atDraft, (a) => cmd('ApproveReferral', a, at, { opinion: '同意' })],
  ['SendReferral', atApproved, (a) => cmd('SendReferral', a, at, { target: APPOINTING })],
  ['RerouteReferral', returned, (a) => cmd('RerouteReferral', a, at, { target: APPOINTING })],
  ['ReceiveReferral', atSent, (a) => cmd('ReceiveReferral', a, at, { registrationNo: 'R-1' })],
  ['ForwardReferral', atReceived, (a) => cmd('ForwardReferral', a, at, { forwardTo: COUNTY_CDI, reason: '管辖' })],
  ['ReturnReferral', atReceived, (a) => cmd('ReturnReferral', a, at, { reason: '无管辖权' })],
  ['AcceptReferral', atReceived, (a) => cmd('AcceptReferral', a, at, {})],
  [
    'PartiallyAcceptReferral',
    atReceived,
    (a) =>
      cmd('PartiallyAcceptReferral', a, at, {
        acceptedSubjectIds: ['s1'],
        forwardTo: COUNTY_CDI,
        childReferralId: CHILD_ID,
        reason: '分级管辖',
      }),
  ],
  ['DecideDisposal', atAccepted, (a) => cmd('DecideDisposal', a, at, { method: 'Concluded', reason: '不实' })],
  ['ResumeShelved', () => atDisposing('ShelvedPending'), (a) => cmd('ResumeShelved', a, at, { newEvidence: '新材料' })],
  [
    'CompleteTalkOrInquiry',
    () => atDisposing('TalkOrInquiryLetter'),
    (a) => cmd('CompleteTalkOrInquiry', a, at, { record: '记录', problemsSurfaced: false }),
  ],
  ['FileCase', () => atDisposing('PreliminaryVerification'), (a) => cmd('FileCase', a, at, { caseNo: 'C-1' })],
  [
    'ConcludeVerification',
    () => atDisposing('PreliminaryVerification'),
    (a) => cmd('ConcludeVerification', a, at, { report: '报告' }),
  ],
  [
    'RecordOutcomes',
    atCaseFiled,
    (a) =>
      cmd('RecordOutcomes', a, at, {
        outcomes: [{ subjectId: 's1', outcome: 'NoAction', decisionDate: '2026-05-01', documentNo: 'D-1' }],
      }),
  ],
  ['FeedBackResult', atDecided, (a) => cmd('FeedBackResult', a, at, { summary: '结果' })],
  ['PublishTypicalCase', atFedBack, (a) => cmd('PublishTypicalCase', a, at, { text: '案例', anonymised: true })],
  ['CloseReferral', atFedBack, (a) => cmd('CloseReferral', a, at, { linkedRectification: [] })],
  [
    'RaiseEscalation',
    atSent,
    (a) =>
      cmd('RaiseEscalation', a, at, {
        escalationId: 'e1',
        escalationType: 'Interview',
        reason: '督办',
        targetOrgId: 'panjin.cdi',
        target: { orgId: 'panjin.cdi', role: 'DisciplineCommission', regionId: 'panjin' },
      }),
  ],
];

describe('Referral — authorisation and existence for every command', () => {
  it.each(CASES)('%s: auditors and administrators change nothing', (_type, history, build) => {
    spec.given(history()).when(build(auditor)).thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
    spec.given(history()).when(build(administrator)).thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });

  it.each(CASES)('%s: the supervised agency has no part in it', (_type, history, build) => {
    spec.given(history()).when(build(agencyStaff)).thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
  });

  it.each(CASES)('%s: needs an existing referral', (_type, _history, build) => {
    spec.given([]).when(build(officeHead)).thenError('NotFound', 'REFERRAL.NOT_FOUND');
    spec.given([]).when(build(cityCdiHead)).thenError('NotFound', 'REFERRAL.NOT_FOUND');
  });
});
