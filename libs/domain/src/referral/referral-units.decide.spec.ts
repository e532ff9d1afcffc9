import { deciderSpec } from '@xj/testing';
import { competentLevelOf } from '../shared/jurisdiction';
import { Subject, UnitSubject } from '../shared/subject';
import { OUTCOME_CATALOGUE, outcomeApplies } from './outcomes';
import {
  COUNTY_CDI,
  CITY_CDI,
  approve,
  cmd,
  countyCdiHead,
  countyCdiStaff,
  day,
  decider,
  draft,
  eventsOf,
  pkg,
  receive,
  send,
  subjects,
} from './referral.fixtures-spec';

/**
 * Issue 17 item 8, accountability of a unit: a subject may be a unit (an agency or one of its
 * departments). 监察法 art. 52(5) addresses the 监察建议 to the unit; [S2] 问责条例 art. 8(1) holds party
 * organisations to account by 检查/通报/改组; the local 行政执法过错责任追究办法 give a unit 限期整改 and
 * 通报批评 (DOMAIN.md §7). A unit has no cadre rank, party membership or public-official status.
 */

const spec = deciderSpec(decider);
/** 兴隆台区应急管理局执法大队 — a department of a county agency. */
const unit: UnitSubject = {
  kind: 'Unit',
  subjectId: 'u1',
  name: '兴隆台区应急管理局执法大队',
  unit: '兴隆台区应急管理局',
};
/** A 乡科级 public official and party member of the same agency (the county commission's). */
const person: Subject = { ...subjects[1]!, subjectId: 'p1', cadreRank: 'TownshipSectionOrBelow', post: '科员' };
const unitPackage = { ...pkg, subjects: [person, unit] };

/** Sent to the county commission, received, accepted, 初核 decided and the case filed, all by the county. */
const atCountyCaseFiled = () =>
  eventsOf([
    draft({ package: unitPackage }),
    approve(),
    send({ kind: 'DisciplineCommission', ...COUNTY_CDI } as never),
    receive(countyCdiStaff),
    cmd('AcceptReferral', countyCdiStaff, day(4), {}),
    cmd('DecideDisposal', countyCdiHead, day(7), { method: 'PreliminaryVerification', reason: '集体研究' }),
    cmd('FileCase', countyCdiHead, day(28), { caseNo: '兴纪立〔2026〕9号' }),
  ]);
const record = (subjectId: string, outcome: string) =>
  cmd('RecordOutcomes', countyCdiStaff, day(60), {
    outcomes: [{ subjectId, outcome, decisionDate: '2026-05-01', documentNo: `兴监-${subjectId}` }],
  });

describe('Referral — a unit as a subject (issue 17 item 8; 监察法 art. 52(5); 问责条例 art. 8)', () => {
  it('given nothing, when a referral names a unit (no rank, no flags) beside a person, then the draft stores the unit as a unit (before: 400 VALIDATION.UNKNOWN_VALUE on cadreRank)', () => {
    const [event] = spec
      .given([])
      .when(draft({ package: unitPackage }))
      .thenEvents();
    expect(event?.type).toBe('ReferralDrafted');
    expect((event?.data as { package: { subjects: unknown } }).package.subjects).toEqual([person, unit]);
  });

  it.each([
    ['a cadre rank', { cadreRank: 'CountyDivision' }, ['cadreRank']],
    [
      'party membership and official status',
      { isPartyMember: true, isPublicOfficial: false },
      ['isPartyMember', 'isPublicOfficial'],
    ],
    ['a post', { post: '大队长' }, ['post']],
  ])('given nothing, when a unit carries %s, then VALIDATION.UNIT_SUBJECT_FIELDS names them', (_, extra, fields) => {
    const error = spec
      .given([])
      .when(draft({ package: { ...pkg, subjects: [{ ...unit, ...extra } as never] } }))
      .thenError('Validation', 'VALIDATION.UNIT_SUBJECT_FIELDS');
    expect(error.details).toMatchObject({ fields });
  });

  it('given nothing, when a subject has an unknown kind, then VALIDATION.UNKNOWN_VALUE', () => {
    spec
      .given([])
      .when(draft({ package: { ...pkg, subjects: [{ ...unit, kind: 'Group' } as never] } }))
      .thenError('Validation', 'VALIDATION.UNKNOWN_VALUE');
  });

  it.each([
    'SupervisionRecommendation',
    'Accountability.Unit.Reorganisation',
    'EnforcementFault.Unit.DeadlineRectification',
  ])(
    'given the case filed, when %s is recorded for the unit, then it is recorded (监察法 art. 52(5); 问责条例 art. 8)',
    (code) => {
      const [event] = spec.given(atCountyCaseFiled()).when(record('u1', code)).thenEvents();
      expect(event?.data).toMatchObject({ outcomes: [{ subjectId: 'u1', outcome: code }] });
    },
  );

  it.each([
    ['a 政务处分 for the unit', 'u1', 'GovSanction.Demerit'],
    ['a 第一种形态 talk for the unit', 'u1', 'TalkReminder'],
    ['a 监察建议 for the person (it is addressed to the unit, art. 52(5))', 'p1', 'SupervisionRecommendation'],
    ['a 改组 for the person', 'p1', 'Accountability.Unit.Reorganisation'],
  ])('given the case filed, when %s is recorded, then REFERRAL.OUTCOME_NOT_APPLICABLE', (_, subjectId, code) => {
    spec
      .given(atCountyCaseFiled())
      .when(record(subjectId, code))
      .thenError('Validation', 'REFERRAL.OUTCOME_NOT_APPLICABLE');
  });

  it('never gives a unit a person’s outcome nor a person a unit’s, over the whole catalogue', () => {
    const stored = { isPartyMember: true, isPublicOfficial: true }; // an old subject, without `kind`
    for (const o of OUTCOME_CATALOGUE) {
      expect([o.code, outcomeApplies(o, unit)]).toEqual([o.code, o.appliesTo === 'Unit']);
      expect([o.code, outcomeApplies(o, stored)]).toEqual([o.code, o.appliesTo !== 'Unit']);
    }
  });

  it('puts a unit with the commission of its own region’s level (监察法 art. 16: 本辖区)', () => {
    expect(competentLevelOf(unit, 'panjin/xinglongtai')).toBe('County');
    expect(competentLevelOf(unit, 'panjin')).toBe('City');
  });

  it('given a county case naming only a unit, when the office sends it to the city commission, then REFERRAL.RECEIVER_NOT_COMPETENT names the unit and the county level', () => {
    const error = spec
      .given(eventsOf([draft({ package: { ...pkg, subjects: [unit] } }), approve()]))
      .when(send(CITY_CDI))
      .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
    expect(error.details).toMatchObject({
      subjects: [{ subjectId: 'u1', kind: 'Unit', competentLevel: 'County' }],
      competentLevels: ['County'],
    });
  });
});
