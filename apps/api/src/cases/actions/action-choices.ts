import { OrganisationDirectory } from '@xj/composition';
import {
  ClueState,
  OUTCOME_CATALOGUE,
  RectificationState,
  ReferralState,
  Role,
  Rulebook,
  followUpInstrumentKinds,
  regionCovers,
} from '@xj/domain';
import { Lang, labelOf } from '@xj/application';
import { ChoicesByPath, Choice } from './action-schema';

/**
 * What a caller may choose in an action's form, from the same sources the command route and the
 * decider check against: the organisation directory (the route refuses an unknown or out-of-region
 * organisation), the case's own subjects, the current rulebook and the outcome catalogue.
 */
export class ActionChoices {
  constructor(
    private readonly directory: OrganisationDirectory,
    private readonly rulebook: Rulebook,
    private readonly lang: Lang,
  ) {}

  /** The rulebook's situations, statutory grounds and evidence checklist (the claim fields of a clue or package). */
  claim(prefix = ''): ChoicesByPath {
    const pick = <T extends { code: string; labelZh: string; labelEn: string }>(list: readonly T[]): Choice[] =>
      list.map((r) => ({ const: r.code, title: this.lang === 'zh' ? r.labelZh : r.labelEn }));
    return {
      [`${prefix}situationCodes[]`]: pick(this.rulebook.rules),
      [`${prefix}statutoryGroundCodes[]`]: pick(this.rulebook.statutoryGrounds),
      [`${prefix}evidenceCodes[]`]: pick(this.rulebook.rules.flatMap((r) => r.evidence)),
    };
  }

  /** Organisations of these roles whose region has jurisdiction over the case's (a county case: its county or the city). */
  competent(roles: readonly Role[], caseRegionId: string, except?: string): Choice[] {
    return this.directory.organisations
      .filter((o) => roles.includes(o.role) && regionCovers(o.regionId, caseRegionId) && o.id !== except)
      .map((o) => ({ const: o.id, title: this.lang === 'zh' ? o.nameZh : o.nameEn }));
  }

  /** Enforcement agencies inside the case's region (the route refuses any other). */
  agenciesWithin(caseRegionId: string): Choice[] {
    return this.directory.organisations
      .filter((o) => o.role === 'EnforcementAgency' && regionCovers(caseRegionId, o.regionId))
      .map((o) => ({ const: o.id, title: this.lang === 'zh' ? o.nameZh : o.nameEn }));
  }

  subjects(state: Exclude<ReferralState, { status: 'None' }>, accepted: boolean): Choice[] {
    return state.package.subjects
      .filter((s) => !accepted || state.acceptedSubjectIds.includes(s.subjectId))
      .map((s) => ({ const: s.subjectId, title: `${s.name}（${s.unit} ${s.post}）` }));
  }

  outcomes(minorOnly: boolean): Choice[] {
    return OUTCOME_CATALOGUE.filter((o) => !minorOnly || o.layer === 'Minor').map((o) => ({
      const: o.code,
      title: labelOf('outcome', o.code, this.lang),
    }));
  }

  clueChoices(state: ClueState, command: string): ChoicesByPath {
    switch (command) {
      case 'StartVerification':
      case 'ProposeReferral':
      case 'IssueSupervisionInstrument':
      case 'DraftReferral':
        return this.claim();
      case 'AssignRectificationItem':
        return { agencyOrgId: this.agenciesWithin(state.regionId ?? '') };
      case 'IssueFollowUpInstrument':
        // Issue 17 §6: never a softer instrument than the current one (the decider refuses it).
        return state.instrument
          ? {
              'instrument.kind': followUpInstrumentKinds(state.instrument.kind).map((kind) => ({
                const: kind,
                title: labelOf('supervisionInstrument', kind, this.lang),
              })),
            }
          : {};
      default:
        return {};
    }
  }

  referralChoices(state: ReferralState, command: string): ChoicesByPath {
    if (state.status === 'None') return {};
    const holderId = state.holder?.orgId;
    switch (command) {
      case 'SendReferral':
        return { 'target.orgId': this.competent(['DisciplineCommission', 'AppointingAuthority'], state.regionId) };
      case 'RerouteReferral':
        return { 'target.orgId': this.competent(['AppointingAuthority'], state.regionId) };
      case 'ForwardReferral':
        return { 'forwardTo.orgId': this.competent(['DisciplineCommission'], state.regionId, holderId) };
      case 'PartiallyAcceptReferral':
        return {
          'forwardTo.orgId': this.competent(['DisciplineCommission'], state.regionId, holderId),
          'acceptedSubjectIds[]': this.subjects(state, false),
        };
      case 'RecordOutcomes':
        return { 'outcomes[].subjectId': this.subjects(state, true), 'outcomes[].outcome': this.outcomes(false) };
      case 'CompleteTalkOrInquiry':
        return {
          'minorOutcomes[].subjectId': this.subjects(state, true),
          'minorOutcomes[].outcome': this.outcomes(true),
        };
      default:
        return {};
    }
  }

  rectificationChoices(_state: RectificationState, _command: string): ChoicesByPath {
    return {};
  }
}
