import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { CaseKind } from '@xj/application';
import {
  AccountabilityActionType,
  CampaignActionType,
  ClueActionType,
  RectificationActionType,
  ReferralActionType,
} from '@xj/domain';
import { AccountabilityCasesController } from '../accountability-cases.controller';
import { AttachmentsController } from '../attachments/attachments.controller';
import { CaseAccessController } from '../case-access.controller';
import { CaseDeadlinesController } from '../case-deadlines.controller';
import { CampaignsController } from '../campaigns.controller';
import { CluesController } from '../clues.controller';
import { RectificationItemsController } from '../rectification-items.controller';
import { ReferralsController } from '../referrals.controller';

/** A command's route: the controller method that accepts it. */
export interface RouteRef {
  readonly controller: Type<unknown>;
  readonly handler: string;
}

const route = <C>(controller: Type<C>, handler: keyof C & string): RouteRef => ({ controller, handler });

/*
 * Which route takes which command. The mapped types make a user command without a route a compile
 * error; method, path and body class are read from the route's own decorators (routeOf), so the
 * action list cannot drift from the controllers.
 */
export const CLUE_ACTION_ROUTES: Readonly<Record<ClueActionType, RouteRef>> = {
  StartAnalysis: route(CluesController, 'analyse'),
  DismissClue: route(CluesController, 'dismiss'),
  StartVerification: route(CluesController, 'verify'),
  IssueSupervisionInstrument: route(CluesController, 'supervise'),
  IssueFollowUpInstrument: route(CluesController, 'followUpInstrument'),
  SubmitRectificationPlan: route(CluesController, 'plan'),
  SubmitRectificationFeedback: route(CluesController, 'feedback'),
  StartEvaluation: route(CluesController, 'startEvaluation'),
  EvaluateClue: route(CluesController, 'evaluate'),
  CompleteClueLookBack: route(CluesController, 'lookBack'),
  ProposeReferral: route(CluesController, 'propose'),
  RaiseEscalation: route(CluesController, 'escalate'),
  RequestDeadlineExtension: route(CaseDeadlinesController, 'requestOnClue'),
  ApproveDeadlineExtension: route(CaseDeadlinesController, 'approveOnClue'),
  RefuseDeadlineExtension: route(CaseDeadlinesController, 'refuseOnClue'),
  PauseDeadline: route(CaseDeadlinesController, 'pauseOnClue'),
  ResumeDeadline: route(CaseDeadlinesController, 'resumeOnClue'),
  ConfirmEscalationRung: route(CluesController, 'confirmProposedRung'),
  WaiveEscalationRung: route(CluesController, 'waiveProposedRung'),
  SendCarbonCopy: route(CaseAccessController, 'copyClue'),
  PublishTypicalCase: route(CluesController, 'publishTypicalCase'),
};

export const REFERRAL_ACTION_ROUTES: Readonly<Record<ReferralActionType, RouteRef>> = {
  ApproveReferral: route(ReferralsController, 'approve'),
  SendReferral: route(ReferralsController, 'send'),
  RerouteReferral: route(ReferralsController, 'reroute'),
  ReceiveReferral: route(ReferralsController, 'receive'),
  ForwardReferral: route(ReferralsController, 'forward'),
  ReturnReferral: route(ReferralsController, 'returnReferral'),
  AcceptReferral: route(ReferralsController, 'accept'),
  PartiallyAcceptReferral: route(ReferralsController, 'partiallyAccept'),
  PartiallyReturnReferral: route(ReferralsController, 'partiallyReturn'),
  DecideDisposal: route(ReferralsController, 'dispose'),
  ResumeShelved: route(ReferralsController, 'resume'),
  RecordTalkOrInquiryHeld: route(ReferralsController, 'talkOrInquiryHeld'),
  CompleteTalkOrInquiry: route(ReferralsController, 'talkOrInquiry'),
  FileCase: route(ReferralsController, 'fileCase'),
  ConcludeVerification: route(ReferralsController, 'concludeVerification'),
  RecordOutcomes: route(ReferralsController, 'recordOutcomes'),
  CompleteOutcomes: route(ReferralsController, 'completeOutcomes'),
  FeedBackResult: route(ReferralsController, 'feedBack'),
  RecordOrganisationalHandlingDone: route(ReferralsController, 'organisationalHandlingDone'),
  PublishTypicalCase: route(ReferralsController, 'publishTypicalCase'),
  CloseReferral: route(ReferralsController, 'close'),
  RaiseEscalation: route(ReferralsController, 'escalate'),
  RequestDeadlineExtension: route(CaseDeadlinesController, 'requestOnReferral'),
  ApproveDeadlineExtension: route(CaseDeadlinesController, 'approveOnReferral'),
  RefuseDeadlineExtension: route(CaseDeadlinesController, 'refuseOnReferral'),
  PauseDeadline: route(CaseDeadlinesController, 'pauseOnReferral'),
  ResumeDeadline: route(CaseDeadlinesController, 'resumeOnReferral'),
  ConfirmEscalationRung: route(ReferralsController, 'confirmProposedRung'),
  WaiveEscalationRung: route(ReferralsController, 'waiveProposedRung'),
  SendCarbonCopy: route(CaseAccessController, 'copyReferral'),
  NameCaseHandlers: route(CaseAccessController, 'nameHandlers'),
};

export const RECTIFICATION_ACTION_ROUTES: Readonly<Record<RectificationActionType, RouteRef>> = {
  StartRectification: route(RectificationItemsController, 'start'),
  ReportRectification: route(RectificationItemsController, 'report'),
  EvaluateRectification: route(RectificationItemsController, 'evaluate'),
  CloseItem: route(RectificationItemsController, 'closeOut'),
  ReopenItem: route(RectificationItemsController, 'reopen'),
  ScheduleLookBack: route(RectificationItemsController, 'scheduleLookBack'),
  CompleteLookBack: route(RectificationItemsController, 'lookBack'),
  RaiseEscalation: route(RectificationItemsController, 'escalate'),
  RequestDeadlineExtension: route(CaseDeadlinesController, 'requestOnItem'),
  ApproveDeadlineExtension: route(CaseDeadlinesController, 'approveOnItem'),
  RefuseDeadlineExtension: route(CaseDeadlinesController, 'refuseOnItem'),
  PauseDeadline: route(CaseDeadlinesController, 'pauseOnItem'),
  ResumeDeadline: route(CaseDeadlinesController, 'resumeOnItem'),
  ConfirmEscalationRung: route(RectificationItemsController, 'confirmProposedRung'),
  WaiveEscalationRung: route(RectificationItemsController, 'waiveProposedRung'),
};

export const ACCOUNTABILITY_ACTION_ROUTES: Readonly<Record<AccountabilityActionType, RouteRef>> = {
  StartAccountabilityInvestigation: route(AccountabilityCasesController, 'investigate'),
  DecideAccountability: route(AccountabilityCasesController, 'decide'),
  RecordAccountabilityExecuted: route(AccountabilityCasesController, 'execute'),
  ArchiveAccountability: route(AccountabilityCasesController, 'archive'),
  WithdrawAccountability: route(AccountabilityCasesController, 'withdraw'),
};

export const CAMPAIGN_ACTION_ROUTES: Readonly<Record<CampaignActionType, RouteRef>> = {
  StartCampaign: route(CampaignsController, 'start'),
  RecordCampaignFinding: route(CampaignsController, 'recordFinding'),
  IssueCampaignFeedback: route(CampaignsController, 'issueFeedback'),
  IssueCampaignCircular: route(CampaignsController, 'issueCircular'),
  CloseCampaign: route(CampaignsController, 'close'),
};

/**
 * Attaching evidence, on the kinds of case with an upload route (the domain's overlay:
 * attachEvidencePrecondition); an accountability case and a campaign have none yet.
 */
export const ATTACH_ROUTES: Readonly<Partial<Record<CaseKind, RouteRef>>> = {
  clue: route(AttachmentsController, 'attachToClue'),
  referral: route(AttachmentsController, 'attachToReferral'),
  rectification: route(AttachmentsController, 'attachToItem'),
};

/** Commands that open another case from a clue's page. */
export const CREATE_ROUTES = {
  DraftReferral: route(ReferralsController, 'draft'),
  AssignRectificationItem: route(RectificationItemsController, 'assign'),
  OpenAccountabilityCase: route(AccountabilityCasesController, 'open'),
} as const;

/** A route as its decorators declare it. */
export interface ResolvedRoute {
  readonly method: 'POST' | 'PUT';
  /** `/api/v1/referrals/{id}/acceptance`: the OpenAPI document's key. */
  readonly template: string;
  /** The class of its @Body(), when it takes one. */
  readonly body?: Type<unknown>;
}

const resolved = new Map<RouteRef, ResolvedRoute>();

export const routeOf = (ref: RouteRef): ResolvedRoute => {
  const known = resolved.get(ref);
  if (known) return known;
  const handler = (ref.controller.prototype as Record<string, unknown>)[ref.handler] as object;
  const parts = [Reflect.getMetadata(PATH_METADATA, ref.controller), Reflect.getMetadata(PATH_METADATA, handler)]
    .map((p) => String(p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter((p) => p.length > 0);
  const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
  if (verb !== RequestMethod.POST && verb !== RequestMethod.PUT)
    throw new Error(`${ref.controller.name}.${ref.handler} is not a command route`);
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ref.controller, ref.handler) ?? {}) as Record<
    string,
    { index: number }
  >;
  const bodyArg = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY))?.[1];
  const paramTypes = (Reflect.getMetadata('design:paramtypes', ref.controller.prototype, ref.handler) ??
    []) as Type<unknown>[];
  const body = bodyArg ? paramTypes[bodyArg.index] : undefined;
  const result: ResolvedRoute = {
    method: verb === RequestMethod.POST ? 'POST' : 'PUT',
    template: `/${parts.join('/')}`.replace(/:(\w+)/g, '{$1}'),
    ...(body ? { body } : {}),
  };
  resolved.set(ref, result);
  return result;
};

/** The concrete path for a case id. */
export const pathFor = (route: ResolvedRoute, id: string): string =>
  route.template.replace('{id}', encodeURIComponent(id));
