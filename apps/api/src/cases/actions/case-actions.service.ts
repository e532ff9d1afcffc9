import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AUDIT_DOMAIN_CONFIG, CaseKind, Lang, LoadCaseQuery, labelOf } from '@xj/application';
import { OrganisationDirectory } from '@xj/composition';
import {
  Actor,
  ClueState,
  DomainConfig,
  assignItemPrecondition,
  attachEvidencePrecondition,
  availableAccountabilityCommands,
  availableCampaignCommands,
  availableClueCommands,
  availableRectificationCommands,
  availableReferralCommands,
  draftReferralPrecondition,
  openAccountabilityPrecondition,
} from '@xj/domain';
import { OpenApiDocument } from '../../http/openapi-document';
import { CaseReader } from '../case-reader';
import { ActionChoices } from './action-choices';
import {
  ACCOUNTABILITY_ACTION_ROUTES,
  ATTACH_ROUTES,
  CAMPAIGN_ACTION_ROUTES,
  CLUE_ACTION_ROUTES,
  CREATE_ROUTES,
  RECTIFICATION_ACTION_ROUTES,
  REFERRAL_ACTION_ROUTES,
  RouteRef,
  pathFor,
  routeOf,
} from './action-routes';
import { ChoicesByPath, JsonSchema, actionSchemaOf } from './action-schema';

/** One command the caller may send now, as the workbench renders it (ui-common.md's contract). */
export interface CaseAction {
  readonly command: string;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly title: string;
  readonly schema: JsonSchema;
  readonly prefill?: Readonly<Record<string, unknown>>;
  readonly creates?: 'referral' | 'rectification' | 'accountability';
  /** Set when the body is not JSON: an evidence upload is `multipart/form-data` (its file field has `format: binary`). */
  readonly contentType?: 'multipart/form-data';
}

export interface CaseActions {
  readonly kind: CaseKind;
  readonly id: string;
  readonly revision: string | null;
  readonly actions: readonly CaseAction[];
}

interface Offer {
  readonly command: string;
  readonly route: RouteRef;
  readonly choices: ChoicesByPath;
  readonly prefill?: Readonly<Record<string, unknown>>;
  readonly creates?: 'referral' | 'rectification' | 'accountability';
  readonly contentType?: 'multipart/form-data';
}

const UPLOAD = 'multipart/form-data' as const;

/**
 * The commands a caller may send on a case now. Which ones is the domain's answer (the same
 * preconditions its decide runs first); where each goes and what it takes is the route's own
 * declaration and the OpenAPI document's request schema. Nothing here decides a rule.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly reader: CaseReader,
    private readonly queryBus: QueryBus,
    private readonly directory: OrganisationDirectory,
    private readonly document: OpenApiDocument,
    @Inject(AUDIT_DOMAIN_CONFIG) private readonly config: DomainConfig,
  ) {}

  /** 404 (CaseNotVisibleError) for a case the caller may not see, like every case route. */
  /** `uploads`: the client sends multipart/form-data, so it is offered attaching evidence too. */
  async list(
    actor: Actor,
    kind: CaseKind,
    id: string,
    lang: Lang,
    options: { readonly uploads?: boolean } = {},
  ): Promise<CaseActions> {
    const loaded = await this.reader.load(actor, kind, id);
    const choices = new ActionChoices(this.directory, this.config.currentRulebook, lang);
    const attach = ATTACH_ROUTES[kind];
    const upload: Offer[] =
      options.uploads && attach !== undefined && attachEvidencePrecondition(actor) === undefined
        ? [{ command: 'AttachEvidence', route: attach, choices: {}, contentType: UPLOAD }]
        : [];
    const offers = [...(await this.offers(actor, kind, loaded.state, choices)), ...upload];
    const document = this.document.get();
    return {
      kind,
      id,
      revision: loaded.revision === undefined ? null : String(loaded.revision),
      actions: offers.map((offer) => this.actionOf(document, offer, id, lang)),
    };
  }

  private actionOf(document: OpenAPIObject, offer: Offer, id: string, lang: Lang): CaseAction {
    const route = routeOf(offer.route);
    return {
      command: offer.command,
      method: route.method,
      path: pathFor(route, id),
      title: labelOf('command', offer.command, lang),
      schema: actionSchemaOf(document, route, lang, offer.choices),
      ...(offer.prefill ? { prefill: offer.prefill } : {}),
      ...(offer.creates ? { creates: offer.creates } : {}),
      ...(offer.contentType ? { contentType: offer.contentType } : {}),
    };
  }

  private async offers(actor: Actor, kind: CaseKind, state: unknown, choices: ActionChoices): Promise<Offer[]> {
    switch (kind) {
      case 'clue': {
        const clue = state as ClueState;
        const own = availableClueCommands(clue, actor).map((command): Offer => ({
          command,
          route: CLUE_ACTION_ROUTES[command],
          choices: choices.clueChoices(clue, command),
          ...(command === 'ProposeReferral' ? { prefill: claimOf(clue) } : {}),
        }));
        return [...own, ...(await this.creations(actor, clue, choices))];
      }
      case 'referral': {
        const referral = state as Parameters<typeof availableReferralCommands>[0];
        return availableReferralCommands(referral, actor).map((command) => ({
          command,
          route: REFERRAL_ACTION_ROUTES[command],
          choices: choices.referralChoices(referral, command),
          // The API's default (a recording completes the outcomes unless it says otherwise), shown as such.
          ...(command === 'RecordOutcomes' ? { prefill: { complete: true } } : {}),
        }));
      }
      case 'rectification': {
        const item = state as Parameters<typeof availableRectificationCommands>[0];
        return availableRectificationCommands(item, actor).map((command) => ({
          command,
          route: RECTIFICATION_ACTION_ROUTES[command],
          choices: choices.rectificationChoices(item, command),
        }));
      }
      case 'accountability': {
        const accountability = state as Parameters<typeof availableAccountabilityCommands>[0];
        return availableAccountabilityCommands(accountability, actor).map((command) => ({
          command,
          route: ACCOUNTABILITY_ACTION_ROUTES[command],
          choices: choices.accountabilityChoices(command),
        }));
      }
      case 'campaign': {
        const campaign = state as Parameters<typeof availableCampaignCommands>[0];
        return availableCampaignCommands(campaign, actor).map((command) => ({
          command,
          route: CAMPAIGN_ACTION_ROUTES[command],
          choices: choices.campaignChoices(campaign, command),
        }));
      }
      default: {
        const _exhaustive: never = kind;
        return _exhaustive;
      }
    }
  }

  /** Cases opened from a clue's page: a referral draft (prefilled from the clue) and a rectification item. */
  private async creations(actor: Actor, clue: ClueState, choices: ActionChoices): Promise<Offer[]> {
    if (clue.status === 'None') return [];
    const regionId = clue.regionId ?? '';
    const offers: Offer[] = [];
    if (draftReferralPrecondition({ regionId, status: clue.status }, actor) === undefined) {
      const referralId = await this.undraftedProposal(clue);
      offers.push({
        command: 'DraftReferral',
        route: CREATE_ROUTES.DraftReferral,
        choices: choices.clueChoices(clue, 'DraftReferral'),
        prefill: draftOf(clue, referralId),
        creates: 'referral',
      });
    }
    if (assignItemPrecondition({ regionId }, actor) === undefined) {
      offers.push({
        command: 'AssignRectificationItem',
        route: CREATE_ROUTES.AssignRectificationItem,
        choices: choices.clueChoices(clue, 'AssignRectificationItem'),
        prefill: { clueId: clue.clueId },
        creates: 'rectification',
      });
    }
    // 行政执法过错责任追究 / 行政错案问责 arising from the clue (issue 17).
    if (openAccountabilityPrecondition({ regionId }, actor) === undefined) {
      offers.push({
        command: 'OpenAccountabilityCase',
        route: CREATE_ROUTES.OpenAccountabilityCase,
        choices: choices.clueChoices(clue, 'OpenAccountabilityCase'),
        prefill: { clueId: clue.clueId },
        creates: 'accountability',
      });
    }
    return offers;
  }

  /** The latest referral proposed on the clue (C14) that has not been drafted yet: the draft takes its id. */
  private async undraftedProposal(clue: ClueState): Promise<string | undefined> {
    for (const { referralId } of [...clue.referrals].reverse()) {
      const loaded = await this.queryBus.execute(new LoadCaseQuery('referral', referralId));
      if (loaded.state.status === 'None') return referralId;
    }
    return undefined;
  }
}

/** The facts the clue already holds for the rulebook. */
const claimOf = (clue: ClueState): Record<string, unknown> => ({
  situationCodes: [...clue.situationCodes],
  evidenceCodes: [...clue.evidenceCodes],
  statutoryGroundCodes: [...clue.statutoryGroundCodes],
  legalBasis: [...clue.legalBasis],
  ...(clue.justification !== undefined ? { justification: clue.justification } : {}),
});

/** A referral draft starts from its clue: subjects, the situations and evidence claimed, the documents. */
const draftOf = (clue: ClueState, referralId: string | undefined): Record<string, unknown> => ({
  ...(referralId !== undefined ? { referralId } : {}),
  clueId: clue.clueId,
  ...(clue.summary !== undefined ? { clueSummary: clue.summary } : {}),
  ...(clue.source !== undefined ? { source: clue.source } : {}),
  ...(clue.sourceRef !== undefined ? { sourceRef: clue.sourceRef } : {}),
  subjects: clue.subjects.map((s) => ({ ...s })),
  evidence: clue.attachments.map((a) => ({ ...a })),
  ...claimOf(clue),
});
