import { deciderSpec } from '@xj/testing';
import {
  CITY_CDI,
  approve,
  atFedBack,
  cityCdiStaff,
  cmd,
  day,
  decider,
  draft,
  eventsOf,
  officeStaff,
  REGION,
} from './referral.fixtures-spec';

/**
 * 业务日期 (issue 17 item 7): sending (R2) and publishing a typical case (R13) carry the day the act
 * happened, so that statistics count it in its business year, not the day it was entered. It may not
 * lie after the day of entry, nor before the case began: for a referral, the day the clue met the
 * transfer conditions (R0, `conditionsMetOn`).
 */
const spec = deciderSpec(decider);

/** Drafted and approved on 2 March 2026 for a clue that met the transfer conditions on 5 January 2026. */
const approvedLate = () => eventsOf([draft({ conditionsMetOn: '2026-01-05' }), approve()]);
const sendOn = (occurredOn: string | undefined, at = day(2)) =>
  cmd('SendReferral', officeStaff, at, { target: CITY_CDI, ...(occurredOn !== undefined ? { occurredOn } : {}) });

describe('SendReferral with its business date', () => {
  it('records the day it was sent and judges lateness on it, not on the day of entry', () => {
    // The transfer deadline (15 working days from 5 January 2026) fell in late January: sent on
    // 20 January it was in time, though entered on 4 March.
    spec
      .given(approvedLate())
      .when(sendOn('2026-01-20'))
      .then([
        {
          type: 'ReferralSent',
          data: {
            at: day(2),
            by: { userId: officeStaff.userId, role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
            target: CITY_CDI,
            sentAt: day(2),
            sentLate: false,
            occurredOn: '2026-01-20',
          },
        },
      ]);
    expect(spec.given(approvedLate()).when(sendOn(undefined)).thenState()).toMatchObject({ sentLate: true });
  });

  it('refuses a day after the day of entry', () => {
    spec.given(approvedLate()).when(sendOn('2026-03-05')).thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
  });

  it('accepts the day of entry itself (China time) and refuses a day before the case began', () => {
    expect(spec.given(approvedLate()).when(sendOn('2026-03-04')).thenEvents()[0]?.data).toMatchObject({
      occurredOn: '2026-03-04',
    });
    spec.given(approvedLate()).when(sendOn('2026-01-04')).thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
  });

  it('refuses what is not a date', () => {
    spec.given(approvedLate()).when(sendOn('2026-02-30')).thenError('Validation', 'VALIDATION.DATE');
    spec
      .given(approvedLate())
      .when(sendOn(20260120 as unknown as string))
      .thenError('Validation', 'VALIDATION.DATE');
  });
});

describe('PublishTypicalCase with its business date', () => {
  // atFedBack: drafted on 2 March 2026 (conditions met that day), fed back on 3 May 2026 (day 62).
  const publishOn = (occurredOn: string) =>
    cmd('PublishTypicalCase', cityCdiStaff, day(80), { text: '典型案例', anonymised: true, occurredOn });

  it('records the day of publication', () => {
    expect(spec.given(atFedBack()).when(publishOn('2026-05-10')).thenEvents()[0]?.data).toMatchObject({
      occurredOn: '2026-05-10',
      at: day(80),
    });
  });

  it('refuses a day after the day of entry or before the case began', () => {
    spec.given(atFedBack()).when(publishOn('2026-05-22')).thenError('Validation', 'BUSINESS_DATE.IN_FUTURE');
    spec.given(atFedBack()).when(publishOn('2026-03-01')).thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
  });
});

describe('DraftReferral: the conditions cannot be met before the clue was received', () => {
  const draftFor = (receivedOn: string, conditionsMetOn: string) =>
    draft({ clue: { regionId: REGION, status: 'Verification', receivedOn }, conditionsMetOn });

  it('accepts the day of receipt and refuses a day before it', () => {
    expect(spec.given([]).when(draftFor('2026-01-05', '2026-01-05')).thenEvents()[0]?.data).toMatchObject({
      conditionsMetOn: '2026-01-05',
    });
    spec
      .given([])
      .when(draftFor('2026-01-05', '2026-01-04'))
      .thenError('Validation', 'BUSINESS_DATE.BEFORE_CASE_BEGAN');
  });
});
