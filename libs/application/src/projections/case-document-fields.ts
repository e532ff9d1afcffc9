import { CaseFieldOf, CaseKind, OrganisationRelation, Role } from '@xj/domain';
import { AccountabilityLedgerDocument } from './accountability-ledger.projection';
import { ClueLedgerDocument } from './clue-ledger.projection';
import { InboxDocument } from './commission-inbox.projection';
import { CorrectedCaseDocument } from './corrected-cases.projection';
import { RectificationLedgerDocument } from './rectification-ledger.projection';
import { CampaignFiguresDocument } from '../campaigns/campaign-figures.projection';

/** A field of the document, or a path into one of its lists (`forwardings.toOrgId`), as MongoDB reads paths. */
type DocumentPath<D> = Extract<keyof D, string> | `${Extract<keyof D, string>}.${string}`;

/**
 * Where a read model keeps the facts of a case that the visibility rules look at
 * (libs/domain/src/access): one mapping per read model, from which read-access.ts generates the
 * read model's filter. The property spec read-access.property.spec.ts checks each mapping against
 * the per-case check on generated cases.
 */
export interface CaseDocumentFields<K extends CaseKind, D> {
  readonly kind: K;
  readonly regionId: DocumentPath<D>;
  readonly status: DocumentPath<D>;
  /** 问题类别, for a rule limited to categories; a read model without it shows such a rule nothing. */
  readonly category?: DocumentPath<D>;
  readonly organisations: { readonly [R in Exclude<OrganisationRelation<K>, 'copiedTo'>]: DocumentPath<D> } & {
    /** 抄送 recipients; a read model without them shows a copy's recipient nothing. */
    readonly copiedTo?: DocumentPath<D>;
  };
  /**
   * For a kind whose cases a 密级 restricts (the domain's SECRECY_RESTRICTION): the case's level, its
   * named handlers as `orgId#userId` keys, and the organisations whose heads are in its 知悉范围.
   * A read model without it must never hold a classified case's content.
   */
  readonly restriction?: {
    readonly level: DocumentPath<D>;
    readonly handlers: DocumentPath<D>;
    readonly headsOf: readonly DocumentPath<D>[];
  };
  /**
   * An indexed field listing (at least) every organisation of `organisations`: the generated filter
   * names it first so that MongoDB narrows by its index before checking the exact relations.
   */
  readonly anyOrganisation?: DocumentPath<D>;
  /**
   * For a field-restricted view of the case (see-without-fields): the document fields left out with
   * each field of the case that the view hides. Every hidden field of the case must be listed, even
   * with none (a spec checks it), so a field newly hidden in the domain is decided here too.
   */
  readonly hiddenWith?: { readonly [F in CaseFieldOf<K>]?: readonly DocumentPath<D>[] };
  /**
   * For one role's field-restricted view: document fields kept for that view alone, by the name it
   * reads each under (`nextDueOn: 'agencyNextDueOn'`), in its results, filters and sorts. They hold
   * the part of a value the view may see where the whole carries hidden facts (a due date counting
   * the transfer deadline). Every other reader is spared them.
   */
  readonly standIns?: { readonly role: Role; readonly fields: { readonly [F in DocumentPath<D>]?: DocumentPath<D> } };
}

/** Any of the mappings, as the filter generator reads them. */
export interface AnyCaseDocumentFields {
  readonly kind: CaseKind;
  readonly regionId: string;
  readonly status: string;
  readonly category?: string;
  readonly organisations: Readonly<Record<string, string | undefined>>;
  readonly restriction?: {
    readonly level: string;
    readonly handlers: string;
    readonly headsOf: readonly string[];
  };
  readonly anyOrganisation?: string;
  readonly hiddenWith?: Readonly<Record<string, readonly string[] | undefined>>;
  readonly standIns?: { readonly role: Role; readonly fields: Readonly<Record<string, string | undefined>> };
}

/** 纪委监委 inbox: one document per referral. */
export const INBOX_FIELDS: CaseDocumentFields<'referral', InboxDocument> = {
  kind: 'referral',
  regionId: 'regionId',
  status: 'status',
  organisations: {
    target: 'targetOrgId',
    holder: 'holderOrgId',
    forwardedTo: 'forwardings.toOrgId',
    copiedTo: 'copiedTo',
  },
  restriction: {
    level: 'package.secrecyLevel',
    handlers: 'handlers',
    headsOf: ['ownerOrgId', 'holderOrgId', 'copiedTo'],
  },
  // Target, holder and every organisation a forwarding came from or went to (indexed with firstSentAt).
  anyOrganisation: 'visibleTo',
};

/** 线索台账: one document per clue. */
export const CLUE_LEDGER_FIELDS: CaseDocumentFields<'clue', ClueLedgerDocument> = {
  kind: 'clue',
  regionId: 'regionId',
  status: 'status',
  category: 'category',
  organisations: { agency: 'agencyOrgId', copiedTo: 'copiedTo' },
  // Every clue field some view hides (the agency's, the 组织部's), with the ledger fields that go with it.
  hiddenWith: {
    // The 组织部's view (org-dept-clue-view.ts) hides these too: the office's running work.
    sourceRef: ['sourceRef'],
    deadline: ['stepDueOn', 'stepDueProvisional', 'stepDueNonWorkingDay', 'stepDueMark'],
    planDeadline: ['planDueOn', 'planDueProvisional', 'planDueNonWorkingDay', 'planDueMark'],
    rectificationItems: ['items', 'rectification'],
    copiedTo: ['copiedTo'],
    summary: ['summary'],
    situationCodes: ['situationCodes'],
    evaluation: ['matchedCodes'],
    category: ['category'],
    // The update time moves with every event of the clue's referrals too.
    referrals: ['referrals', 'updatedAt'],
    referralIds: ['referrals'],
    sentReferralIds: ['referrals'],
    transferredAt: ['transferredAt'],
    // The next due date counts the transfer deadline: the agency reads its own (standIns).
    transferDeadline: [
      'transferDueOn',
      'transferDueProvisional',
      'transferDueNonWorkingDay',
      'transferDueMark',
      'nextDueOn',
    ],
    // The agency reads its own deadlines' marks (stepDueMark from the instrument on, planDueMark).
    deadlineRequests: [],
    dismissal: ['dismissalReason'],
    // Who registered it and when (§4.1 C1): the registration time goes with the receipt.
    ownerOrgId: ['ownerOrgId'],
    importedFrom: ['imported', 'ledgerNo', 'importedStatusOn'],
    receivedAt: ['receivedAt', 'receivedOn', 'registeredAt'],
    // Escalations aimed at others move the count and the update time: the agency reads its own (standIns).
    escalations: ['escalations', 'updatedAt'],
    escalationIds: ['escalations'],
    // Not on the ledger at all.
    subjects: [],
    attachments: [],
    analystUserId: [],
    verificationTeam: [],
    evidenceCodes: [],
    statutoryGroundCodes: [],
    justification: [],
    legalBasis: [],
  },
  standIns: {
    role: 'EnforcementAgency',
    fields: {
      nextDueOn: 'agencyNextDueOn',
      escalations: 'agencyEscalations',
      updatedAt: 'agencyUpdatedAt',
      // Only its own items: the rectification visibility shows an agency no other agency's item.
      items: 'agencyItems',
      rectification: 'agencyRectification',
    },
  },
};

/** 整改台账: one document per rectification item. */
export const RECTIFICATION_LEDGER_FIELDS: CaseDocumentFields<'rectification', RectificationLedgerDocument> = {
  kind: 'rectification',
  regionId: 'regionId',
  status: 'status',
  organisations: { agency: 'agencyOrgId' },
};

/** 追责问责台账: one document per accountability case (issue 17). */
export const ACCOUNTABILITY_LEDGER_FIELDS: CaseDocumentFields<'accountability', AccountabilityLedgerDocument> = {
  kind: 'accountability',
  regionId: 'regionId',
  status: 'status',
  organisations: { decidingOrg: 'decidingOrgId' },
};

/** 纠错案件台账: one document per corrected clue (a role-gated view: no field-restricted reader uses it). */
export const CORRECTED_CASES_FIELDS: CaseDocumentFields<'clue', CorrectedCaseDocument> = {
  kind: 'clue',
  regionId: 'regionId',
  status: 'status',
  organisations: { agency: 'agencyOrgId' },
};

/** 法治督察 campaign figures: one document per campaign (issue 17; the annual report sums them). */
export const CAMPAIGN_FIGURES_FIELDS: CaseDocumentFields<'campaign', CampaignFiguresDocument> = {
  kind: 'campaign',
  regionId: 'regionId',
  status: 'status',
  organisations: {},
};
