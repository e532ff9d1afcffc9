/**
 * `@xj/domain` — what the application, the apps and the tests use of the domain, listed name by
 * name (no `export *`): a name no other library imports stays internal to the domain.
 */

// Who sees which case: the one rule table and what is derived from it.
export {
  canSeeCase,
  canSeeClue,
  canSeeCampaign,
  canSeeRectificationItem,
  canSeeAccountabilityCase,
  canSeeReferral,
  caseSight,
  caseViewFor,
  copyOpensTo,
  hiddenPartsFor,
  historyEntryVisible,
  visibilityRule,
} from './access/case-visibility';
export { CASE_KINDS } from './access/case-visibility.types';
export { CARBON_COPY_READS, SECRECY_RESTRICTION } from './access/case-visibility.rules';
export { handlerKey } from './access/case-access.messages';
export type {
  CarbonCopySent,
  CarbonCopySentData,
  CaseHandlersNamed,
  CaseHandlersNamedData,
  CopyRecipient,
  NamedHandlers,
} from './access/case-access.messages';
export { evolveReferral, firstHandler, initialReferralState } from './referral/referral.state';
export { requirePackageExchanger, transferPackageKindFor } from './access/organisation-access.rules';
export type {
  CaseFieldOf,
  CaseKind,
  CaseStateOf,
  OrganisationRelation,
  PartSight,
  Reach,
} from './access/case-visibility.types';

// The business calendar and the deadline catalogue.
export { DEADLINE_RULES, DEFAULT_DEADLINE_POLICY, recountDeadline } from './calendar/deadline-policy';
export type { Deadline, DeadlineRule, DeadlineUnit } from './calendar/deadline-policy';
export { BusinessCalendar } from './calendar/business-calendar';
export { SHIPPED_HOLIDAY_YEARS } from './calendar/prc-holidays';
export type { HolidayYear } from './calendar/prc-holidays';
export { CALENDAR_YEARS, normaliseHolidayYear, validateHolidayYear } from './calendar/holiday-year.validate';
export { CALENDAR_CATEGORY, CALENDAR_FILES_USER_ID, CALENDAR_STREAM_ID } from './calendar/calendar.events';
export type {
  CalendarCommand,
  CalendarEvent,
  HolidayYearOrigin,
  HolidayYearSet,
  HolidayYearSetData,
  RecordHolidayYearFile,
  SetHolidayYear,
} from './calendar/calendar.events';
export { createCalendarDecider, holidayYearsInForce, isYearRecorded } from './calendar/calendar.decider';
export type { CalendarState, HolidayYearInForce } from './calendar/calendar.decider';
export type {
  DeadlineRecomputeCause,
  DeadlineRecomputed,
  DeadlineRecomputedData,
  RecomputeDeadline,
} from './calendar/deadline-recompute';

// 延期申请 and 中止/恢复: the deadline-change overlay.
export { DEADLINE_CHANGE_EVENT_TYPES } from './deadline-change/deadline-change.types';
export { isDeadlineChangeEvent } from './deadline-change/deadline-change.evolve';
export type {
  DeadlineChange,
  DeadlineChangeEvent,
  DeadlinePause,
  ExtensionRequestRecord,
} from './deadline-change/deadline-change.types';

// Clue (问题线索).
export { CLUE_SOURCES, SUPERVISION_INSTRUMENT_KINDS, followUpInstrumentKinds } from './clue/clue-source';
export type { ClueSource, SupervisionInstrumentKind } from './clue/clue-source';
export {
  CLUE_CATEGORIES,
  CLUE_EVALUATION_METHODS,
  CLUE_EVALUATION_RESULTS,
  DISMISSAL_REASONS,
  PLAN_ITEM_MODES,
} from './clue/clue.commands';
export type {
  ClueCategory,
  ClueCommand,
  DismissalReason,
  PlanItemMode,
  RectificationItemSnapshot,
  RectificationPlanItem,
} from './clue/clue.commands';
export { createClueDecider } from './clue/clue.decider';
export { CLUE_PRECONDITIONS, availableClueCommands } from './clue/clue.preconditions';
export type { ClueActionType } from './clue/clue.preconditions';
export type { ClueEvent, RectificationPlanSubmittedData, ReferralProposedData } from './clue/clue.events';
export {
  CLUE_CATEGORY,
  CLUE_DEADLINE_SLOTS,
  CLUE_STATUSES,
  clueStreamName,
  initialClueState,
  openClueDeadlines,
} from './clue/clue.state';
export type { ClueState, ClueStatus } from './clue/clue.state';
export { clueStatusAfter } from './clue/clue.status';

// 历史补录: legacy ledger lines imported as cases (issue 19 §3).
export { LEDGER_IMPORT_ROLES, isImportableAgency, requireLedgerImporter } from './access/organisation-access.rules';
export { IMPORTABLE_CLUE_STATUSES, LEDGER_KINDS, decideImportClue, withClueImport } from './ledger-import/clue-import';
export type { ImportClueFromLedger, LedgerKind, LedgerRowRef } from './ledger-import/clue-import';
export {
  IMPORTABLE_RECTIFICATION_STATUSES,
  decideImportRectification,
  withRectificationImport,
} from './ledger-import/rectification-import';
export type {
  ImportRectificationFromLedger,
  ImportableRectificationStatus,
} from './ledger-import/rectification-import';
export type { ClueHistoryImported, ClueHistoryImportedData } from './clue/clue.events';

// Escalation overlay (督办).
export {
  ESCALATING_ROLES,
  ESCALATION_LADDER_LEVELS,
  ESCALATION_TYPES,
  escalationRolesFor,
} from './escalation/escalation';
// The 督办 ladder: deadlines as timers, reminders, misses and rungs.
export {
  DEFAULT_LADDER_POLICY,
  ESCALATION_RUNGS,
  PROPOSED_ESCALATIONS,
  ladderOf,
  nextFireOn,
  scheduleOf,
  stepDue,
} from './deadlines/escalation-ladder';
export type {
  AlarmStep,
  EscalationPolicy,
  EscalationRung,
  LadderDeadline,
  LadderPolicy,
  LadderProgress,
  ProposedEscalation,
  ScheduledStep,
} from './deadlines/escalation-ladder';
export { DEADLINE_ALARM_EVENT_TYPES, DEADLINE_TIMER_USER_ID } from './deadlines/deadline-alarm.messages';
export type {
  ConfirmEscalationRung,
  DeadlineAlarmCommand,
  DeadlineAlarmEvent,
  FireDeadlineAlarm,
  WaiveEscalationRung,
} from './deadlines/deadline-alarm.messages';
export { isDeadlineAlarmEvent, ladderKey } from './deadlines/deadline-alarm.decide';
export type { DeadlineLadders } from './deadlines/deadline-alarm.decide';
export { openDeadlinesOfClue, openDeadlinesOfRectification, openDeadlinesOfReferral } from './deadlines/open-deadlines';
export type { OpenDeadline } from './deadlines/open-deadlines';
export { DEADLINE_LIGHTS, deadlineLight, reminderWindowStart, windowStartFor } from './deadlines/deadline-light';
export type { DeadlineLight } from './deadlines/deadline-light';
export type { EscalationRaisedData, EscalationType } from './escalation/escalation';
export {
  LEADING_ROLE,
  NEVER_SUPERVISED_ROLES,
  canSeeOrgEscalation,
  requireSupervises,
} from './escalation/org-escalation.access';
export type { OrgEscalationParties } from './escalation/org-escalation.access';
export { createOrgEscalationDecider, evolveOrgEscalation } from './escalation/org-escalation.decider';
export type { OrgEscalationState, RaisedOrgEscalation } from './escalation/org-escalation.decider';
export { ORG_ESCALATION_CATEGORY, ORG_ESCALATION_EVENT_TYPES } from './escalation/org-escalation.events';
export type {
  OrgEscalationCommand,
  OrgEscalationEvent,
  OrganisationEscalationRaisedData,
  OrganisationRef,
  RaiseOrganisationEscalation,
} from './escalation/org-escalation.events';

// Rectification item (整改事项).
export type { AssignRectificationItem, RectificationCommand } from './rectification/rectification.commands';
export { createRectificationDecider } from './rectification/rectification.decider';
export {
  RECTIFICATION_PRECONDITIONS,
  assignItemPrecondition,
  availableRectificationCommands,
} from './rectification/rectification.preconditions';
export type { RectificationActionType } from './rectification/rectification.preconditions';
export { RECTIFICATION_EVENT_TYPES, actDateOf } from './rectification/rectification.events';
export type {
  ImportedCheck,
  RectificationEvent,
  RectificationHistoryImported,
  RectificationHistoryImportedData,
} from './rectification/rectification.events';
export {
  EVALUATION_METHODS,
  EVALUATION_RESULTS,
  RECTIFICATION_CATEGORY,
  RECTIFICATION_MODES,
  RECTIFICATION_STATUSES,
  initialRectificationState,
  isClosedRectificationStatus,
} from './rectification/rectification.state';
export type {
  EvaluationMethod,
  EvaluationResult,
  RectificationMode,
  RectificationState,
  RectificationStatus,
} from './rectification/rectification.state';
export { rectificationStatusAfter } from './rectification/rectification.status';

// Referral (移送).
export { OUTCOME_CATALOGUE, OUTCOME_LAYERS, outcomeApplies, requiresOrganisationalHandling } from './referral/outcomes';
export type { OutcomeDefinition } from './referral/outcomes';
export type { ReferralCommand } from './referral/referral.commands';
export { createReferralDecider } from './referral/referral.decider';
export {
  REFERRAL_PRECONDITIONS,
  availableReferralCommands,
  draftReferralPrecondition,
} from './referral/referral.preconditions';
export type { ReferralActionType } from './referral/referral.preconditions';
export type { ReferralApprovedData, ReferralDraftedData, ReferralEvent } from './referral/referral.events';
export {
  DECIDING_BODY_KINDS,
  DISPOSAL_METHODS,
  REFERRAL_CATEGORY,
  REFERRAL_STATUSES,
  SECRECY_LEVELS,
  TALK_OR_INQUIRY_FORMS,
  TARGET_KINDS,
} from './referral/referral.model';
export type {
  DecidedOutcome,
  DecidingBody,
  DecidingBodyKind,
  DisposalMethod,
  ForwardTarget,
  LinkedRectification,
  OrgRef,
  OutcomeEntry,
  ReferralStatus,
  ReferralTarget,
  TargetKind,
  TransferPackage,
} from './referral/referral.model';
export { REFERRAL_DEADLINE_SLOTS, openReferralDeadlines } from './referral/referral.state';
export type { ExistingReferral, ReferralState } from './referral/referral.state';
export { referralStatusAfter } from './referral/referral.status';

// The seven-situations rulebook.
export type { SituationEvaluation } from './rulebook/evaluate-situations';
export type { Rulebook } from './rulebook/rulebook';
export { RULEBOOK_V1 } from './rulebook/rulebook-v1';

// Actors, deciders, errors, messages, subjects, time; the domain's configuration.
export { createDomainConfig } from './domain-config';
export type { CalendarSource, DomainConfig } from './domain-config';
export { POSITIONS, ROLES, regionCovers } from './shared/actor';
export { ADMINISTRATOR_ROLES } from './shared/authorize';
export type { Actor, ActorRef, Position, Role } from './shared/actor';
export { fold } from './shared/decider';
export type { Decider } from './shared/decider';
export { DomainError, invalidTransition, isDomainError } from './shared/domain-error';
export type { DomainErrorKind } from './shared/domain-error';
export type { DomainEvent, EventDataBase } from './shared/messages';
export { CADRE_RANKS, SUBJECT_KINDS, isUnitSubject, subjectKindOf, subjectFields } from './shared/subject';
export type { CadreRank, PersonSubject, Subject, SubjectKind, UnitSubject } from './shared/subject';
export {
  JURISDICTION_LEVELS,
  competentLevelOf,
  isCompetentReceiver,
  jurisdictionLevelOf,
  jurisdictionLevelOfRank,
  receiverLevelOf,
} from './shared/jurisdiction';
export type {
  CompetenceScope,
  JurisdictionLevel,
  JurisdictionSubject,
  MisdirectedSubject,
  Receiver,
} from './shared/jurisdiction';
export { addDays, isInstant, localDateOf } from './shared/time';
export type { Instant, LocalDate } from './shared/time';

// Notifications (通知): who is told of a case event.
export { evolveCaseParties } from './notification/case-parties';
export type { CaseEventLike, CaseParties, OrgParty } from './notification/case-parties';
export {
  DEADLINE_RESPONSIBLE,
  NOTIFICATION_RULES,
  audienceKey,
  deadlineRuleOf,
  inAudience,
  notificationsFor,
} from './notification/notification.rules';
export type { Audience, NotificationIntent, Party } from './notification/notification.rules';

// Workflows: pure functions from events to commands on other cases, run by the WorkflowProcessor.
export { caseEventOf } from './workflow/workflow';
export type { Workflow, WorkflowCommand, WorkflowEvent } from './workflow/workflow';
export { CASE_WORKFLOWS } from './workflow/case-workflows';
export {
  CAMPAIGN_FINDING_ACTOR_ID,
  campaignFindingWorkflow,
  findingClueKey,
} from './workflow/campaign-finding.workflow';
export type { CampaignFindingState } from './workflow/campaign-finding.workflow';
export { LOOK_BACK_ROUND_ACTOR_ID, lookBackRoundWorkflow, roundLookBackKey } from './workflow/look-back-round.workflow';
export {
  ACCOUNTABILITY_LINKED_ACTOR_ID,
  accountabilityLinkKey,
  accountabilityLinkedWorkflow,
} from './workflow/accountability-linked.workflow';
// 联席会议 (issue 17).
export {
  JOINT_MEETING_CATEGORY,
  JOINT_MEETING_ROLES,
  MEETING_DECISION_TYPES,
  canSeeJointMeeting,
  createJointMeetingDecider,
  evolveJointMeeting,
} from './joint-meeting/joint-meeting';
export type {
  AttendingOrganisation,
  JointMeetingCommand,
  JointMeetingEvent,
  JointMeetingState,
  LinkMeetingDecision,
  MeetingActRef,
  MeetingCaseRef,
  MeetingDecision,
  MeetingDecisionType,
  RecordJointMeeting,
} from './joint-meeting/joint-meeting';
// 回头看 rounds over closed items (issue 17).
export {
  LOOK_BACK_ROUND_CATEGORY,
  LOOK_BACK_ROUND_ROLES,
  canSeeLookBackRound,
  createLookBackRoundDecider,
} from './look-back/look-back-round';
export type {
  LaunchLookBackRound,
  LookBackRoundCommand,
  LookBackRoundEvent,
  LookBackRoundLaunched,
  LookBackRoundState,
  RoundItem,
} from './look-back/look-back-round';
export { forwardedReferralWorkflow, openChildKey } from './workflow/forwarded-referral.workflow';
export type { ForwardedReferralState } from './workflow/forwarded-referral.workflow';
export {
  RECTIFICATION_PLAN_ACTOR_ID,
  assignmentKey,
  rectificationPlanWorkflow,
} from './workflow/rectification-plan.workflow';
export type { RectificationPlanState } from './workflow/rectification-plan.workflow';
export { REFERRAL_SENT_ACTOR_ID, referralSentKey, referralSentWorkflow } from './workflow/referral-sent.workflow';
export type { ReferralSentState } from './workflow/referral-sent.workflow';

// Evidence attachments (证据材料), an overlay of the three case deciders.
export {
  EVIDENCE_ATTACHED,
  EVIDENCE_HASH_ALGORITHMS,
  EVIDENCE_MEDIA_TYPES,
  attachEvidencePrecondition,
  evidenceHashAlgorithmOf,
  isEvidenceAttached,
  withEvidence,
} from './evidence/evidence';
export type {
  AttachEvidence,
  EvidenceAttached,
  EvidenceAttachedData,
  EvidenceFile,
  EvidenceHashAlgorithm,
  EvidenceMediaType,
} from './evidence/evidence';

// 组织机构管理 — the organisations and regions as data (issue 18).
export {
  ORGANISATIONS_CATEGORY,
  ORGANISATIONS_STREAM_ID,
  ORGANISATIONS_SYSTEM_USER_ID,
  ORGANISATION_EVENT_TYPES,
} from './organisation/organisation.events';
export type {
  AddOrganisation,
  CloseOrganisation,
  MoveOrganisation,
  Organisation,
  OrganisationCommand,
  OrganisationEvent,
  OrganisationEventType,
  OrganisationNames,
  OrganisationPlace,
  RenameOrganisation,
  SeedOrganisations,
} from './organisation/organisation.events';
export { createOrganisationDecider } from './organisation/organisation.decider';
export type { MayAdministerOrganisations } from './organisation/organisation.decider';
export { evolveOrganisations, organisationNameAt } from './organisation/organisation.state';
export type { NameSince, OrganisationDirectoryState, OrganisationEntry } from './organisation/organisation.state';
// Accountability outside the commission (行政执法过错责任追究 / 行政错案问责, issue 17).
export { ACCOUNTABILITY_CATEGORY, ACCOUNTABILITY_EVENT_TYPES } from './accountability/accountability.events';
export type {
  AccountabilityCaseCommand,
  AccountabilityCommand,
  AccountabilityEvent,
  DecidingOrganisation,
  HeldAccountable,
  OpenAccountabilityCase,
} from './accountability/accountability.events';
export {
  ACCOUNTABILITY_MEASURES,
  ACCOUNTABILITY_TYPES,
  WRONGFUL_CASE_GROUNDS,
  findAccountabilityMeasure,
} from './accountability/accountability.measures';
export type {
  AccountabilityMeasure,
  AccountabilityType,
  WrongfulCaseGround,
} from './accountability/accountability.measures';
export {
  ACCOUNTABILITY_DECIDERS,
  ACCOUNTABILITY_OPENERS,
  availableAccountabilityCommands,
  openAccountabilityPrecondition,
} from './accountability/accountability.preconditions';
export type { AccountabilityActionType } from './accountability/accountability.preconditions';
export { createAccountabilityDecider } from './accountability/accountability.decider';
export {
  ACCOUNTABILITY_STATUSES,
  accountabilityStatusAfter,
  initialAccountabilityState,
} from './accountability/accountability.state';
export type { AccountabilityState, AccountabilityStatus } from './accountability/accountability.state';
// 法治督察 campaigns (issue 17): a case kind of its own, `campaign-<id>`.
export { CAMPAIGN_CATEGORY, CAMPAIGN_EVENT_TYPES } from './campaign/campaign.events';
export type {
  CampaignCommand,
  CampaignEvent,
  CampaignPlanned,
  CampaignFindingRecorded,
  CloseCampaign,
  InspectionTeam,
  IssueCampaignCircular,
  IssueCampaignFeedback,
  PlanCampaign,
  RecordCampaignFinding,
  StartCampaign,
  SupervisedUnit,
} from './campaign/campaign.events';
export {
  CAMPAIGN_STATUSES,
  campaignStatusAfter,
  evolveCampaign,
  initialCampaignState,
} from './campaign/campaign.state';
export type { CampaignFeedback, CampaignFinding, CampaignState, CampaignStatus } from './campaign/campaign.state';
export {
  CAMPAIGN_PRECONDITIONS,
  CAMPAIGN_ROLES,
  availableCampaignCommands,
  planCampaignPrecondition,
} from './campaign/campaign.preconditions';
export type { CampaignActionType } from './campaign/campaign.preconditions';
export { createCampaignDecider, decideCampaign } from './campaign/campaign.decider';
