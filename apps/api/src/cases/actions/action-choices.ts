import { OrganisationDirectory } from '@xj/composition';
import {
  ACCOUNTABILITY_DECIDERS,
  ACCOUNTABILITY_MEASURES,
  CampaignActionType,
  CampaignState,
  ClueState,
  OUTCOME_CATALOGUE,
  RectificationState,
  ReferralState,
  Role,
  Rulebook,
  followUpInstrumentKinds,
  Subject,
  isCompetentReceiver,
  receiverLevelOf,
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

  /**
   * Organisations of these roles that the domain's jurisdiction rule accepts as receivers of these
   * persons: covering the case's region (a county case: its county, the city or the province) and,
   * for a commission, managing at least one of them by cadre rank (DOMAIN.md Decision 5).
   */
  competent(roles: readonly Role[], caseRegionId: string, subjects: readonly Subject[], except?: string): Choice[] {
    return this.directory.organisations
      .filter((o) => roles.includes(o.role) && o.id !== except && !this.directory.isClosed(o.id))
      .filter((o) => receiverLevelOf(o) === 'Province' || regionCovers(o.regionId, caseRegionId))
      .filter((o) =>
        isCompetentReceiver(
          { ...o, kind: o.role === 'AppointingAuthority' ? 'AppointingAuthority' : 'DisciplineCommission' },
          subjects,
          caseRegionId,
          'Some',
        ),
      )
      .map((o) => ({ const: o.id, title: this.lang === 'zh' ? o.nameZh : o.nameEn }));
  }

  /** Open enforcement agencies inside the case's region (the route refuses any other). */
  agenciesWithin(caseRegionId: string): Choice[] {
    return this.directory.organisations
      .filter(
        (o) =>
          o.role === 'EnforcementAgency' && regionCovers(caseRegionId, o.regionId) && !this.directory.isClosed(o.id),
      )
      .map((o) => ({ const: o.id, title: this.lang === 'zh' ? o.nameZh : o.nameEn }));
  }

  /** Who decides an accountability case (DOMAIN.md §7): the justice bureaus and agencies of the case's region. */
  accountabilityDecidersWithin(caseRegionId: string): Choice[] {
    return this.directory.organisations
      .filter((o) => ACCOUNTABILITY_DECIDERS.includes(o.role) && regionCovers(caseRegionId, o.regionId))
      .map((o) => ({ const: o.id, title: this.lang === 'zh' ? o.nameZh : o.nameEn }));
  }

  /** The measures of the catalogue, labelled (a person's and a unit's; the decider checks which is whose). */
  accountabilityChoices(command: string): ChoicesByPath {
    return command === 'DecideAccountability'
      ? {
          'held[].measureCodes[]': ACCOUNTABILITY_MEASURES.map((m) => ({
            const: m.code,
            title: labelOf('accountabilityMeasure', m.code, this.lang),
          })),
        }
      : {};
  }

  subjects(state: Exclude<ReferralState, { status: 'None' }>, accepted: boolean): Choice[] {
    return this.subjectChoices(
      state.package.subjects.filter((s) => !accepted || state.acceptedSubjectIds.includes(s.subjectId)),
    );
  }

  private subjectChoices(subjects: readonly Subject[]): Choice[] {
    return subjects.map((s) => ({
      const: s.subjectId,
      title: s.kind === 'Unit' ? `${s.name}（单位）` : `${s.name}（${s.unit} ${s.post}）`,
    }));
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
      case 'OpenAccountabilityCase':
        return { decidingOrgId: this.accountabilityDecidersWithin(state.regionId ?? '') };
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
    const all = state.package.subjects;
    // Partial acceptance keeps the persons the holder manages and forwards the others (Decision 5).
    const holder = state.holder;
    const kept = holder ? all.filter((s) => isCompetentReceiver(holder, [s], state.regionId, 'Every')) : all;
    const rest = all.filter((s) => !kept.includes(s));
    switch (command) {
      case 'SendReferral':
        return {
          'target.orgId': this.competent(['DisciplineCommission', 'AppointingAuthority'], state.regionId, all),
        };
      case 'RerouteReferral':
        return { 'target.orgId': this.competent(['AppointingAuthority'], state.regionId, all) };
      case 'ForwardReferral':
        return { 'forwardTo.orgId': this.competent(['DisciplineCommission'], state.regionId, all, holderId) };
      case 'PartiallyAcceptReferral':
        return {
          // 实施条例 art. 171(3): 转送有管辖权的机关 — a commission or the 任免机关.
          'forwardTo.orgId': this.competent(
            ['DisciplineCommission', 'AppointingAuthority'],
            state.regionId,
            rest,
            holderId,
          ),
          'acceptedSubjectIds[]': this.subjectChoices(kept),
        };
      case 'PartiallyReturnReferral':
        // Any person may go back; keeping one the commission does not manage is refused (Decision 5).
        return { 'returnedSubjectIds[]': this.subjectChoices(all) };
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

  /** A finding or a feedback opinion names one of the campaign's units; a finding may name one of its topics. */
  campaignChoices(state: CampaignState, command: CampaignActionType): ChoicesByPath {
    const units: Choice[] = state.units.map((u) => ({ const: u.orgId, title: u.name }));
    switch (command) {
      case 'RecordCampaignFinding':
        return { unitOrgId: units, topic: state.topics.map((t) => ({ const: t, title: t })) };
      case 'IssueCampaignFeedback':
        return { unitOrgId: units.filter((u) => !state.feedback.some((f) => f.unitOrgId === u.const)) };
      default:
        return {};
    }
  }
}
