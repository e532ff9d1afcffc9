import { deciderSpec } from '@xj/testing';
import { Actor } from '../shared/actor';
import { PersonSubject as Subject } from '../shared/subject';
import { availableReferralCommands } from './referral.preconditions';
import { ReferralTarget } from './referral.model';
import {
  CHILD_ID,
  COUNTY_CDI,
  CITY_CDI,
  approve,
  atMixedReceived,
  atReceived,
  cityCdiHead,
  cmd,
  countyCdiHead,
  countyCdiStaff,
  day,
  decider,
  draft,
  eventsOf,
  mixedSubjects,
  pkg,
  receive,
  send,
  stateOf,
  subjects,
} from './referral.fixtures-spec';

/**
 * DOMAIN.md Decision 5 — jurisdiction belongs to the person (干部管理权限; 监察法 art. 16): 厅局级 →
 * provincial commission, 县处级 → city, 乡科级及以下 → county. Issue 17 items 1, 2 and 8.
 */
const spec = deciderSpec(decider);

const COUNTY_TARGET = { kind: 'DisciplineCommission', ...COUNTY_CDI } as const;
const PROVINCE_CDI = { orgId: 'liaoning.cdi', regionId: 'liaoning', level: 'Province' } as const;
const PROVINCE_TARGET = { kind: 'DisciplineCommission', ...PROVINCE_CDI } as const;
const provinceCdi: Actor = {
  userId: 'u-ln-cdi',
  role: 'DisciplineCommission',
  position: 'Head',
  orgId: 'liaoning.cdi',
  regionId: 'liaoning',
};

/** 副区长 — a 县处级 cadre of a district government (the case of issue 17 item 1). */
const deputyDistrictHead: Subject = { ...subjects[0]!, name: '赵某', unit: '兴隆台区政府', post: '副区长' };
/** 厅局级 — a provincial department's deputy director. */
const departmentCadre: Subject = { ...subjects[0]!, subjectId: 's1', cadreRank: 'DepartmentBureau', post: '副厅长' };

const approvedWith = (people: readonly Subject[]) =>
  eventsOf([draft({ package: { ...pkg, subjects: people } }), approve()]);
const sendTo = (target: ReferralTarget) => cmd('SendReferral', approve().actor, day(2), { target });
const sendBy = (target: ReferralTarget) => ({ ...send(), target }) as ReturnType<typeof send>;

describe('Referral — jurisdiction follows the person (Decision 5)', () => {
  describe('sending (R2)', () => {
    it('refuses a county commission for a 县处级 副区长 and names him and the competent level (issue 17 item 1)', () => {
      const error = spec
        .given(approvedWith([deputyDistrictHead]))
        .when(sendBy(COUNTY_TARGET))
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
      expect(error.details).toEqual({
        receiver: { orgId: COUNTY_CDI.orgId, regionId: COUNTY_CDI.regionId, level: 'County' },
        caseRegionId: COUNTY_CDI.regionId,
        subjects: [{ subjectId: 's1', name: '赵某', cadreRank: 'CountyDivision', competentLevel: 'City' }],
        competentLevels: ['City'],
      });
      expect(error.message).toContain('赵某');
    });

    it('sends a 县处级 cadre to the city commission', () => {
      expect(
        spec
          .given(approvedWith([deputyDistrictHead]))
          .when(sendBy(CITY_CDI))
          .thenState(),
      ).toMatchObject({
        status: 'Sent',
        holder: CITY_CDI,
      });
    });

    it('refuses the city commission for 乡科级 staff only', () => {
      spec
        .given(approvedWith(mixedSubjects.slice(1)))
        .when(sendBy(CITY_CDI))
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
    });

    it('sends a 厅局级 cadre to the provincial commission only (issue 17 item 8)', () => {
      spec
        .given(approvedWith([departmentCadre]))
        .when(sendBy(CITY_CDI))
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
      expect(
        spec
          .given(approvedWith([departmentCadre]))
          .when(sendBy(PROVINCE_TARGET))
          .thenState(),
      ).toMatchObject({
        status: 'Sent',
        holder: PROVINCE_TARGET,
      });
      // The province is above every region of the deployment, but manages no 县处级 cadre.
      spec
        .given(approvedWith([deputyDistrictHead]))
        .when(sendTo(PROVINCE_TARGET))
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
    });

    it('sends persons of several levels to a receiver that manages some of them (it passes the others on)', () => {
      expect(spec.given(approvedWith(mixedSubjects)).when(sendBy(COUNTY_TARGET)).thenState()).toMatchObject({
        status: 'Sent',
      });
    });

    it('leaves the choice of appointing authority (任免机关, 行政复议法 art. 85) to the office', () => {
      const countyAppointing = {
        kind: 'AppointingAuthority',
        orgId: 'panjin/xinglongtai.org-dept',
        regionId: COUNTY_CDI.regionId,
      } as const;
      expect(
        spec
          .given(approvedWith([deputyDistrictHead]))
          .when(sendBy(countyAppointing))
          .thenState(),
      ).toMatchObject({ status: 'Sent', holder: countyAppointing });
    });
  });

  it('gives the 乡科级 staff of a city-level unit to the city commission: no county commission covers it', () => {
    const cityCase = eventsOf([
      draft({
        clue: { regionId: 'panjin', status: 'Verification' },
        package: { ...pkg, subjects: mixedSubjects.slice(1) },
      }),
      approve(),
    ]);
    const accepted = eventsOf([sendBy(CITY_CDI), receive(), cmd('AcceptReferral', cityCdiHead, day(4), {})], cityCase);
    expect(stateOf(accepted)).toMatchObject({ status: 'Accepted', acceptedSubjectIds: ['s2', 's3'] });
  });

  describe('forwarding (R4, 实施条例 art. 171(2): 转送有管辖权的监察机关)', () => {
    it('refuses to forward a 县处级 city-bureau officer to a county commission (issue 17 item 2)', () => {
      spec
        .given(atReceived())
        .when(cmd('ForwardReferral', cityCdiHead, day(4), { forwardTo: COUNTY_CDI, reason: '转送' }))
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
    });

    it('refuses a commission of another county even for 乡科级 staff', () => {
      spec
        .given(atMixedReceived())
        .when(
          cmd('ForwardReferral', cityCdiHead, day(4), {
            forwardTo: { orgId: 'panjin/dawa.cdi', regionId: 'panjin/dawa' },
            reason: '转送',
          }),
        )
        .thenError('Validation', 'REFERRAL.TARGET_OUTSIDE_JURISDICTION');
    });

    it('forwards a 厅局级 cadre from the city to the provincial commission, which receives and accepts', () => {
      const threeLevels = [departmentCadre, subjects[1]!, mixedSubjects[2]!];
      const atCity = eventsOf([sendBy(CITY_CDI), receive()], approvedWith(threeLevels));
      const forwarded = eventsOf(
        [
          cmd('ForwardReferral', cityCdiHead, day(4), {
            forwardTo: PROVINCE_CDI,
            reason: '厅局级干部由省纪委监委管辖',
          }),
        ],
        atCity,
      );
      expect(stateOf(forwarded)).toMatchObject({ status: 'Forwarded', holder: { ...PROVINCE_CDI } });
      const received = eventsOf([receive(provinceCdi, day(5))], forwarded);
      // It manages the 厅局级 cadre only: it keeps him and passes the 县处级 and 乡科级 ones on.
      expect(availableReferralCommands(stateOf(received), provinceCdi)).toEqual(
        expect.arrayContaining(['PartiallyAcceptReferral']),
      );
      expect(availableReferralCommands(stateOf(received), provinceCdi)).not.toContain('AcceptReferral');
      expect(
        stateOf(
          eventsOf(
            [
              cmd('PartiallyAcceptReferral', provinceCdi, day(6), {
                acceptedSubjectIds: ['s1'],
                forwardTo: CITY_CDI,
                childReferralId: CHILD_ID,
                reason: '县处级干部由市纪委监委管辖',
              }),
            ],
            received,
          ),
        ),
      ).toMatchObject({ status: 'PartiallyAccepted', acceptedSubjectIds: ['s1'], forwardedSubjectIds: ['s2', 's3'] });
    });
  });

  describe('acceptance (R6)', () => {
    it('a county commission cannot accept a 县处级 cadre; the action is not offered either (issue 17 item 1)', () => {
      const atCounty = eventsOf([sendBy(COUNTY_TARGET), receive(countyCdiStaff)], approvedWith(mixedSubjects));
      spec
        .given(atCounty)
        .when(cmd('AcceptReferral', countyCdiStaff, day(4), {}))
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
      const offered = availableReferralCommands(stateOf(atCounty), countyCdiHead);
      expect(offered).not.toContain('AcceptReferral');
      expect(offered).toContain('PartiallyAcceptReferral');
    });

    it('the city commission cannot keep 乡科级 staff on partial acceptance', () => {
      spec
        .given(atMixedReceived())
        .when(
          cmd('PartiallyAcceptReferral', cityCdiHead, day(4), {
            acceptedSubjectIds: ['s1', 's2'],
            forwardTo: COUNTY_CDI,
            childReferralId: CHILD_ID,
            reason: '部分受理',
          }),
        )
        .thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
    });

    it('the rest of a partial acceptance goes to a receiver competent for it', () => {
      const atMixedCounty = eventsOf([sendBy(COUNTY_TARGET), receive(countyCdiStaff)], approvedWith(mixedSubjects));
      const keep = (forwardTo: typeof CITY_CDI | typeof PROVINCE_CDI) =>
        cmd('PartiallyAcceptReferral', countyCdiHead, day(4), {
          acceptedSubjectIds: ['s2', 's3'],
          forwardTo,
          childReferralId: CHILD_ID,
          reason: '县处级干部由市纪委监委管辖',
        });
      spec.given(atMixedCounty).when(keep(PROVINCE_CDI)).thenError('Validation', 'REFERRAL.RECEIVER_NOT_COMPETENT');
      expect(spec.given(atMixedCounty).when(keep(CITY_CDI)).thenState()).toMatchObject({
        status: 'PartiallyAccepted',
        acceptedSubjectIds: ['s2', 's3'],
        forwardedSubjectIds: ['s1'],
      });
    });
  });
});
