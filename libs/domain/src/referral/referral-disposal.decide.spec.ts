import { deciderSpec } from '@xj/testing';
import { OutcomeEntry } from './referral.model';
import {
  CHILD_ID,
  COUNTY_CDI,
  appointingHead,
  atAccepted,
  atAppointingAccepted,
  atCaseFiled,
  atClosed,
  atDecided,
  atDisposing,
  atFedBack,
  atReceived,
  auditor,
  cityCdiHead,
  cityCdiStaff,
  cmd,
  countyCdiHead,
  day,
  decideMethod,
  decider,
  eventsOf,
  feedBack,
  fileCase,
  officeHead,
  recordOutcomes,
  stateOf,
} from './referral.fixtures-spec';

const spec = deciderSpec(decider);
const by = (actor = cityCdiStaff) => ({ userId: actor.userId, role: actor.role, orgId: actor.orgId });
const entry = (subjectId: string, outcome: string, decisionDate = '2026-03-20'): OutcomeEntry => ({
  subjectId,
  outcome,
  decisionDate,
  documentNo: `doc-${subjectId}-${outcome}`,
});
const complete = (problemsSurfaced: boolean, minorOutcomes?: readonly OutcomeEntry[], at = day(20)) =>
  cmd('CompleteTalkOrInquiry', cityCdiStaff, at, {
    record: '谈话记录',
    problemsSurfaced,
    ...(minorOutcomes ? { minorOutcomes } : {}),
  });
const record = (outcomes: unknown, actor = cityCdiStaff, at = day(60)) =>
  cmd('RecordOutcomes', actor, at, { outcomes: outcomes as never });
const partiallyAccepted = () =>
  eventsOf(
    [
      cmd('PartiallyAcceptReferral', cityCdiHead, day(4), {
        acceptedSubjectIds: ['s1'],
        forwardTo: COUNTY_CDI,
        childReferralId: CHILD_ID,
        reason: '分级管辖',
      }),
    ],
    atReceived(),
  );

describe('Referral — disposal, outcomes and feedback', () => {
  describe('DecideDisposal (R7)', () => {
    it.each([
      // Mon 2026-03-09: talk starts within 5 working days (→ 03-16); 初核 15 working days (→ 03-30).
      [
        'TalkOrInquiryLetter',
        {
          disposalDeadline: {
            rule: 'TalkOrInquiryStart',
            from: '2026-03-09',
            amount: 5,
            unit: 'WorkingDays',
            dueOn: '2026-03-16',
          },
        },
        'Disposing',
      ],
      [
        'PreliminaryVerification',
        {
          disposalDeadline: {
            rule: 'PreliminaryVerification',
            from: '2026-03-09',
            amount: 15,
            unit: 'WorkingDays',
            dueOn: '2026-03-30',
          },
        },
        'Disposing',
      ],
      ['ShelvedPending', {}, 'Disposing'],
      // 予以了结 ends the matter: feed back within 10 working days (重庆 art. 20).
      [
        'Concluded',
        {
          resultFeedbackDeadline: {
            rule: 'ResultFeedback',
            from: '2026-03-09',
            amount: 10,
            unit: 'WorkingDays',
            dueOn: '2026-03-23',
          },
        },
        'Concluded',
      ],
    ] as const)('%s', (method, deadlines, status) => {
      spec
        .given(atAccepted())
        .when(decideMethod(method))
        .then([
          {
            type: 'DisposalDecided',
            data: { at: day(7), by: by(cityCdiHead), method, reason: '集体研究', ...deadlines },
          },
        ]);
      const state = spec.given(atAccepted()).when(decideMethod(method)).thenState();
      expect(state).toMatchObject({ status, disposal: { method, decidedAt: day(7), reason: '集体研究' } });
      expect(state.status !== 'None' && state.deadline).toEqual(Object.values(deadlines)[0]);
    });

    it('also after a partial acceptance', () => {
      expect(spec.given(partiallyAccepted()).when(decideMethod('PreliminaryVerification')).thenState()).toMatchObject({
        status: 'Disposing',
      });
    });

    it('is the commission head’s decision (集体研究 + 报批)', () => {
      spec
        .given(atAccepted())
        .when(cmd('DecideDisposal', cityCdiStaff, day(7), { method: 'Concluded', reason: 'r' }))
        .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
      spec
        .given(atAccepted())
        .when(cmd('DecideDisposal', countyCdiHead, day(7), { method: 'Concluded', reason: 'r' }))
        .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec
        .given(atAccepted())
        .when(cmd('DecideDisposal', auditor, day(7), { method: 'Concluded', reason: 'r' }))
        .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
      spec
        .given(atAppointingAccepted())
        .when(cmd('DecideDisposal', appointingHead, day(7), { method: 'Concluded', reason: 'r' }))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });

    it('needs a known method and a reason', () => {
      spec
        .given(atAccepted())
        .when(cmd('DecideDisposal', cityCdiHead, day(7), { method: 'Ignore' as never, reason: 'r' }))
        .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
      spec
        .given(atAccepted())
        .when(cmd('DecideDisposal', cityCdiHead, day(7), { method: 'Concluded', reason: '' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
    });

    it('only once accepted', () => {
      spec.given(atReceived()).when(decideMethod('Concluded')).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec
        .given(atDisposing('ShelvedPending'))
        .when(decideMethod('Concluded'))
        .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('ResumeShelved (R10)', () => {
    const resume = (newEvidence = '新举报材料', actor = cityCdiStaff) =>
      cmd('ResumeShelved', actor, day(30), { newEvidence });

    it('takes a shelved referral into preliminary verification', () => {
      spec
        .given(atDisposing('ShelvedPending'))
        .when(resume())
        .then([
          {
            type: 'ShelvedReferralResumed',
            data: {
              at: day(30),
              by: by(),
              newEvidence: '新举报材料',
              disposalDeadline: {
                rule: 'PreliminaryVerification',
                from: '2026-04-01',
                amount: 15,
                unit: 'WorkingDays',
                dueOn: '2026-04-23',
              },
            },
          },
        ]);
      expect(spec.given(atDisposing('ShelvedPending')).when(resume()).thenState()).toMatchObject({
        status: 'Disposing',
        disposal: { method: 'PreliminaryVerification', reason: '新举报材料' },
        deadline: { rule: 'PreliminaryVerification' },
      });
    });

    it('only from 暂存待查', () => {
      spec
        .given(atDisposing('TalkOrInquiryLetter'))
        .when(resume())
        .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given(atAccepted()).when(resume()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });

    it('needs the new evidence and the holder', () => {
      spec.given(atDisposing('ShelvedPending')).when(resume('')).thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec
        .given(atDisposing('ShelvedPending'))
        .when(resume('x', officeHead))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });
  });

  describe('CompleteTalkOrInquiry (R8)', () => {
    const talking = () => atDisposing('TalkOrInquiryLetter');

    it('concludes with first-form outcomes and starts the feedback deadline', () => {
      const [event] = spec
        .given(talking())
        .when(complete(false, [entry('s2', 'TalkReminder')]))
        .thenEvents();
      expect(event).toEqual({
        type: 'TalkOrInquiryCompleted',
        data: {
          at: day(20),
          by: by(),
          record: '谈话记录',
          problemsSurfaced: false,
          outcomes: [{ ...entry('s2', 'TalkReminder'), layer: 'Minor' }],
          // Sun 2026-03-22 + 10 working days = Fri 2026-04-03.
          resultFeedbackDeadline: {
            rule: 'ResultFeedback',
            from: '2026-03-22',
            amount: 10,
            unit: 'WorkingDays',
            dueOn: '2026-04-03',
          },
        },
      });
      expect(
        spec
          .given(talking())
          .when(complete(false, [entry('s2', 'TalkReminder')]))
          .thenState(),
      ).toMatchObject({
        status: 'Concluded',
        conclusion: { text: '谈话记录', at: day(20) },
        outcomes: [{ subjectId: 's2', outcome: 'TalkReminder' }],
        deadline: { rule: 'ResultFeedback' },
      });
    });

    it('concludes without outcomes', () => {
      expect(spec.given(talking()).when(complete(false)).thenState()).toMatchObject({
        status: 'Concluded',
        outcomes: [],
      });
    });

    it('turns into preliminary verification when problems surface', () => {
      const state = spec.given(talking()).when(complete(true)).thenState();
      expect(state).toMatchObject({
        status: 'Disposing',
        disposal: { method: 'PreliminaryVerification', reason: '谈话记录' },
        deadline: { rule: 'PreliminaryVerification', from: '2026-03-22' },
      });
    });

    it.each([
      [
        'outcomes although problems surfaced',
        complete(true, [entry('s1', 'TalkReminder')]),
        'REFERRAL.OUTCOMES_BEFORE_VERIFICATION',
      ],
      [
        'a sanction that is not first-form',
        complete(false, [entry('s1', 'GovSanction.Warning')]),
        'REFERRAL.OUTCOME_NOT_MINOR',
      ],
      ['an unknown outcome', complete(false, [entry('s1', 'Praise')]), 'REFERRAL.UNKNOWN_OUTCOME'],
      [
        'a decision in the future',
        complete(false, [entry('s1', 'TalkReminder', '2026-03-23')]),
        'REFERRAL.DECISION_DATE_IN_FUTURE',
      ],
      ['an unknown person', complete(false, [entry('s9', 'TalkReminder')]), 'REFERRAL.SUBJECT_NOT_ACCEPTED'],
      [
        'the same outcome twice',
        complete(false, [entry('s1', 'TalkReminder'), entry('s1', 'TalkReminder')]),
        'REFERRAL.DUPLICATE_OUTCOME',
      ],
      [
        'a missing record',
        cmd('CompleteTalkOrInquiry', cityCdiStaff, day(20), { record: '', problemsSurfaced: false }),
        'VALIDATION.TEXT_REQUIRED',
      ],
      [
        'a missing flag',
        cmd('CompleteTalkOrInquiry', cityCdiStaff, day(20), { record: 'r', problemsSurfaced: 'yes' as never }),
        'VALIDATION.BOOLEAN',
      ],
      ['outcomes that are not a list', complete(false, 'TalkReminder' as never), 'VALIDATION.REQUIRED'],
    ])('rejects %s', (_label, command, code) => {
      spec.given(talking()).when(command).thenError('Validation', code);
    });

    it('only while a talk or inquiry runs', () => {
      spec
        .given(atDisposing('PreliminaryVerification'))
        .when(complete(false))
        .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('FileCase and ConcludeVerification (R9)', () => {
    const verifying = () => atDisposing('PreliminaryVerification');
    const conclude = (report = '初核报告：问题不实') => cmd('ConcludeVerification', cityCdiStaff, day(25), { report });

    it('files a case (立案) on the head’s approval; no deadline runs', () => {
      spec
        .given(verifying())
        .when(fileCase())
        .then([{ type: 'CaseFiled', data: { at: day(28), by: by(cityCdiHead), caseNo: '盘纪立〔2026〕5号' } }]);
      const state = spec.given(verifying()).when(fileCase()).thenState();
      expect(state).toMatchObject({ status: 'CaseFiled', caseNo: '盘纪立〔2026〕5号' });
      expect(state.status !== 'None' && state.deadline).toBeUndefined();
    });

    it('filing needs the head, a case number and 初核 running', () => {
      spec
        .given(verifying())
        .when(cmd('FileCase', cityCdiStaff, day(28), { caseNo: 'x' }))
        .thenError('Forbidden', 'AUTH.HEAD_REQUIRED');
      spec
        .given(verifying())
        .when(cmd('FileCase', cityCdiHead, day(28), { caseNo: '' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec.given(atDisposing('ShelvedPending')).when(fileCase()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });

    it('concludes 初核 without a case and starts the feedback deadline', () => {
      spec
        .given(verifying())
        .when(conclude())
        .then([
          {
            type: 'VerificationConcluded',
            data: {
              at: day(25),
              by: by(),
              report: '初核报告：问题不实',
              resultFeedbackDeadline: {
                rule: 'ResultFeedback',
                from: '2026-03-27',
                amount: 10,
                unit: 'WorkingDays',
                dueOn: '2026-04-13',
              },
            },
          },
        ]);
      expect(spec.given(verifying()).when(conclude()).thenState()).toMatchObject({
        status: 'Concluded',
        conclusion: { text: '初核报告：问题不实' },
      });
    });

    it('concluding needs a report and 初核 running', () => {
      spec.given(verifying()).when(conclude('')).thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec.given(atCaseFiled()).when(conclude()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('RecordOutcomes (R11)', () => {
    it('records outcomes with their sanction periods and starts the feedback deadline', () => {
      spec
        .given(atCaseFiled())
        .when(recordOutcomes())
        .then([
          {
            type: 'OutcomesAdded',
            data: {
              at: day(60),
              by: by(),
              outcomes: [
                // 政务处分法 art. 8: 记过 12 months from the decision.
                {
                  subjectId: 's1',
                  outcome: 'GovSanction.Demerit',
                  decisionDate: '2026-05-01',
                  documentNo: '盘监处〔2026〕1号',
                  layer: 'GovSanction',
                  sanctionEndsOn: '2027-05-01',
                  // No deciding body given: the commission recording it decided it.
                  decidedBy: { kind: 'DisciplineCommission', orgId: 'panjin.cdi' },
                },
                {
                  subjectId: 's1',
                  outcome: 'PartySanction.Warning',
                  decisionDate: '2026-05-01',
                  documentNo: '盘纪处〔2026〕1号',
                  layer: 'PartySanction',
                  decidedBy: { kind: 'DisciplineCommission', orgId: 'panjin.cdi' },
                },
              ],
              complete: true,
              // Fri 2026-05-01 (劳动节 5/1–5/5, Sat 5/9 a make-up day) + 10 working days = Mon 2026-05-18.
              resultFeedbackDeadline: {
                rule: 'ResultFeedback',
                from: '2026-05-01',
                amount: 10,
                unit: 'WorkingDays',
                dueOn: '2026-05-18',
              },
            },
          },
        ]);
      expect(spec.given(atCaseFiled()).when(recordOutcomes()).thenState()).toMatchObject({
        status: 'Decided',
        outcomes: [{ outcome: 'GovSanction.Demerit' }, { outcome: 'PartySanction.Warning' }],
        resultFeedbackDeadline: { dueOn: '2026-05-18' },
      });
    });

    it('an appointing authority decides straight after accepting', () => {
      const state = spec
        .given(atAppointingAccepted())
        .when(record([entry('s2', 'GovSanction.Warning')], appointingHead, day(20)))
        .thenState();
      expect(state).toMatchObject({
        status: 'Decided',
        outcomes: [{ subjectId: 's2', outcome: 'GovSanction.Warning', sanctionEndsOn: '2026-09-20' }],
      });
    });

    it('a commission must file a case first', () => {
      spec
        .given(atAccepted())
        .when(record([entry('s1', 'NoAction')]))
        .thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });

    it.each([
      ['a party sanction for a non-member', [entry('s2', 'PartySanction.Warning')], 'REFERRAL.OUTCOME_NOT_APPLICABLE'],
      [
        'a state sanction for a non-official',
        [entry('s3', 'GovSanction.Dismissal')],
        'REFERRAL.OUTCOME_NOT_APPLICABLE',
      ],
      ['an unknown code', [entry('s1', 'GovSanction.Fine')], 'REFERRAL.UNKNOWN_OUTCOME'],
      ['a person not on the referral', [entry('s9', 'NoAction')], 'REFERRAL.SUBJECT_NOT_ACCEPTED'],
      ['the same outcome twice', [entry('s1', 'NoAction'), entry('s1', 'NoAction')], 'REFERRAL.DUPLICATE_OUTCOME'],
      ['a decision in the future', [entry('s1', 'NoAction', '2026-05-02')], 'REFERRAL.DECISION_DATE_IN_FUTURE'],
      ['a malformed date', [entry('s1', 'NoAction', '1 May')], 'VALIDATION.DATE'],
      ['no document number', [{ ...entry('s1', 'NoAction'), documentNo: '' }], 'VALIDATION.TEXT_REQUIRED'],
      ['a missing entry', [null], 'VALIDATION.REQUIRED'],
      ['an empty list', [], 'VALIDATION.LIST_REQUIRED'],
      ['no list', undefined, 'VALIDATION.REQUIRED'],
    ])('rejects %s', (_label, outcomes, code) => {
      spec.given(atCaseFiled()).when(record(outcomes)).thenError('Validation', code);
    });

    it('only for accepted subjects after a partial acceptance', () => {
      const filed = eventsOf([decideMethod('PreliminaryVerification'), fileCase()], partiallyAccepted());
      spec
        .given(filed)
        .when(record([entry('s2', 'NoAction')]))
        .thenError('Validation', 'REFERRAL.SUBJECT_NOT_ACCEPTED');
      expect(
        spec
          .given(filed)
          .when(record([entry('s1', 'TransferToProcuratorate')]))
          .thenState(),
      ).toMatchObject({ status: 'Decided' });
    });

    it('is the holder’s', () => {
      spec
        .given(atCaseFiled())
        .when(record([entry('s1', 'NoAction')], countyCdiHead))
        .thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec
        .given(atCaseFiled())
        .when(record([entry('s1', 'NoAction')], officeHead))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });
  });

  describe('FeedBackResult (R12)', () => {
    it('feeds back per accepted subject from the recorded outcomes', () => {
      spec
        .given(atDecided())
        .when(feedBack())
        .then([
          {
            type: 'ResultFedBack',
            data: {
              at: day(62),
              by: by(),
              summary: '已作出处理',
              perSubject: [
                {
                  subjectId: 's1',
                  outcomes: [
                    { outcome: 'GovSanction.Demerit', decisionDate: '2026-05-01', documentNo: '盘监处〔2026〕1号' },
                    { outcome: 'PartySanction.Warning', decisionDate: '2026-05-01', documentNo: '盘纪处〔2026〕1号' },
                  ],
                },
                { subjectId: 's2', outcomes: [] },
                { subjectId: 's3', outcomes: [] },
              ],
              late: false,
            },
          },
        ]);
      const state = spec.given(atDecided()).when(feedBack()).thenState();
      expect(state).toMatchObject({
        status: 'ResultFedBack',
        feedback: { summary: '已作出处理', fedBackAt: day(62), late: false },
      });
      expect(state.status !== 'None' && state.deadline).toBeUndefined();
    });

    it('flags feedback after the 10-working-day deadline', () => {
      expect(
        spec.given(atDecided()).when(feedBack(cityCdiStaff, '2026-05-19T09:00:00+08:00')).thenState(),
      ).toMatchObject({ feedback: { late: true } });
    });

    it('after a conclusion, and by an appointing authority', () => {
      const concluded = eventsOf([decideMethod('Concluded')], atAccepted());
      expect(spec.given(concluded).when(feedBack()).thenState()).toMatchObject({ status: 'ResultFedBack' });
      const aaDecided = eventsOf(
        [record([entry('s2', 'GovSanction.Warning')], appointingHead, day(20))],
        atAppointingAccepted(),
      );
      expect(
        spec
          .given(aaDecided)
          .when(feedBack(appointingHead, day(21)))
          .thenState(),
      ).toMatchObject({ status: 'ResultFedBack' });
    });

    it('rejects a missing summary, another organisation and the wrong state', () => {
      spec
        .given(atDecided())
        .when(cmd('FeedBackResult', cityCdiStaff, day(62), { summary: '' }))
        .thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec.given(atDecided()).when(feedBack(countyCdiHead)).thenError('Forbidden', 'AUTH.WRONG_ORGANISATION');
      spec.given(atCaseFiled()).when(feedBack()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given(atFedBack()).when(feedBack()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
    });
  });

  describe('PublishTypicalCase (R13)', () => {
    const publish = (anonymised: unknown = true, text = '某局局长不履行复议决定案', actor = cityCdiStaff) =>
      cmd('PublishTypicalCase', actor, day(80), { text, anonymised: anonymised as boolean });

    it('publishes after feedback without changing the status', () => {
      spec
        .given(atFedBack())
        .when(publish())
        .then([
          {
            type: 'TypicalCasePublished',
            data: { at: day(80), by: by(), text: '某局局长不履行复议决定案', anonymised: true },
          },
        ]);
      expect(spec.given(atFedBack()).when(publish()).thenState()).toMatchObject({
        status: 'ResultFedBack',
        typicalCasePublished: true,
        typicalCase: { text: '某局局长不履行复议决定案', anonymised: true, publishedAt: day(80) },
      });
    });

    it('also after closing; the referral stays closed', () => {
      expect(spec.given(atClosed()).when(publish(false)).thenState()).toMatchObject({
        status: 'Closed',
        typicalCasePublished: true,
      });
    });

    it('once only', () => {
      spec
        .given(eventsOf([publish()], atFedBack()))
        .when(publish())
        .thenError('Conflict', 'REFERRAL.TYPICAL_CASE_ALREADY_PUBLISHED');
    });

    it('rejects publishing before feedback, bad input and the office', () => {
      spec.given(atDecided()).when(publish()).thenError('InvalidTransition', 'REFERRAL.WRONG_STATE');
      spec.given(atFedBack()).when(publish('yes')).thenError('Validation', 'VALIDATION.BOOLEAN');
      spec.given(atFedBack()).when(publish(true, '')).thenError('Validation', 'VALIDATION.TEXT_REQUIRED');
      spec
        .given(atFedBack())
        .when(publish(true, 't', officeHead))
        .thenError('Forbidden', 'AUTH.ROLE_NOT_ALLOWED');
    });
  });

  it('walks the appointing-authority path end to end', () => {
    const events = eventsOf(
      [
        record([entry('s1', 'OrganisationalHandling.Removal')], appointingHead, day(20)),
        feedBack(appointingHead, day(21)),
      ],
      atAppointingAccepted(),
    );
    expect(stateOf(events)).toMatchObject({ status: 'ResultFedBack', holder: { kind: 'AppointingAuthority' } });
  });
});
