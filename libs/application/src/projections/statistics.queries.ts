import { Inject, Injectable } from '@nestjs/common';
import { Actor, CADRE_RANKS, CLUE_SOURCES, LocalDate, isClosedRectificationStatus, regionCovers } from '@xj/domain';
import { Filter, READ_MODEL_STORE, ReadModelStore } from '../read-models/read-model-store.port';
import { CLUE_LEDGER, CLUE_LEDGER_CLUES, ClueLedgerDocument } from './clue-ledger.projection';
import { COMMISSION_INBOX, INBOX, InboxDocument } from './commission-inbox.projection';
import {
  ClosureEntry,
  ITEMS,
  RECTIFICATION_LEDGER,
  RectificationLedgerDocument,
} from './rectification-ledger.projection';
import { and, awaitFreshness, fieldsOf, findAll } from './query-support';
import { CaseReadModel, regionFilter, statisticsFilters } from './read-access';
import { READ_MODEL_FRESHNESS, ReadModelFreshness } from './read-model-freshness';
import { countyOf, dateOf } from './projection-support';
import { AgencyYearFigures, agencyYearOnYear } from './statistics-agency-cases';
import {
  ACCOUNTABILITY_CASES,
  ACCOUNTABILITY_LEDGER,
  AccountabilityLedgerDocument,
} from './accountability-ledger.projection';
import { AccountabilityFigures, accountabilityFigures } from './statistics-accountability';

/**
 * Statistics by period and county (DOMAIN.md §8, §9.8), computed at query time from the ledgers.
 *
 * Why not a counter projection: counting *persons* needs de-duplication (one person, several
 * outcomes, possibly on a parent and a forwarded referral) and the cadre rank from the transfer
 * package, and the period is any pair of dates, not a month bucket. Reading the ledgers gives exact
 * figures for any period, stays equal to a rebuild by construction, and adds no write per event to
 * the replay path. The cost is proportional to the documents of the period and region, which suits a
 * statistics page; a counter projection per (month, county) can replace it behind this service if
 * that ever becomes too slow.
 *
 * Each fact counts on its own business date (业务日期, China time, issue 17 item 7), the day the act
 * happened as entered on its command, never the day it was entered: a clue on the day it was received,
 * a referral on the `occurredOn` of its first sending, a person on the decision date of the outcome, a
 * typical case on the `occurredOn` of its publication, a rectification item on the `occurredOn` of its
 * assignment, a 回头看 on the `occurredOn` of its completion; events written before those fields existed
 * count on the day they were recorded. An item of the period counts as closed (销号) when a 销号 on or
 * before the period's last day was not undone by then (closedAtEnd): an item closed in 2024 and reopened
 * by a failed 回头看 in 2025 is closed in the 2024 figures.
 *
 * Every figure counts only the cases the caller could open (read-access.ts statisticsFilters, #13
 * item 7): a commission or appointing authority counts the referrals sent or forwarded to it and no
 * clue or rectification item, so no count and no agency name comes from a case hidden from it. The
 * county list (zero rows, counties without referrals) comes from the organisation directory.
 */
export interface StatisticsQuery {
  /** Inclusive China dates; either may be absent ("since the mechanism began"). */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** Restrict to one county (a region path). */
  readonly county?: string;
  /** Every county region of the deployment (organisation directory): for the zero-referral list. */
  readonly counties: readonly string[];
  /** The region of each organisation (organisation directory): a referral is its sending office's. */
  readonly organisationRegions: Readonly<Record<string, string>>;
  readonly minPosition?: bigint;
}

export interface CountyFigures {
  readonly regionId: string;
  readonly clues: number;
  /** Referrals about a case of this county, whoever sent them. */
  readonly referrals: number;
  /** Referrals sent by this county's own office (the zero-referral list counts these); 0 for the city. */
  readonly referralsSent: number;
  readonly persons: number;
  readonly typicalCases: number;
  readonly rectificationItems: number;
}

export interface Statistics {
  readonly period: { readonly from?: string; readonly to?: string };
  readonly county?: string;
  /** `imported`: of `total`, the clues that came from a legacy ledger (历史补录, issue 19 §3), on their original receipt date. */
  readonly clues: { readonly total: number; readonly bySource: Record<string, number>; readonly imported: number };
  readonly referrals: {
    readonly total: number;
    /** Of `total`, those the receiver accepted (受理), wholly or in part, by now (R6; 实施条例 art. 171). */
    readonly accepted: number;
    readonly bySituation: Record<string, number>;
    readonly withoutSituation: number;
  };
  /**
   * Persons held accountable: at least one outcome that holds the person to account, i.e. other than
   * NoAction (予以了结) and a 监察建议, which is addressed to a unit, not a sanction of the person
   * (监察法 art. 52(5)). byOutcome and byLayer count every person with an outcome in the period.
   */
  readonly persons: {
    readonly total: number;
    readonly byRank: Record<string, number>;
    readonly byOutcome: Record<string, number>;
    readonly byLayer: Record<string, number>;
  };
  /**
   * Units (an agency or one of its departments) with an outcome decided in the period: 监察建议
   * (监察法 art. 52(5)), 检查/通报/改组 (问责条例 art. 8), 限期整改/通报批评 (过错责任追究). A unit is
   * never counted among the persons. byOutcome counts units per outcome code.
   */
  readonly units: {
    readonly total: number;
    readonly byOutcome: Record<string, number>;
  };
  readonly transfersToJudicialOrgans: number;
  /** 典型案例 published by the commissions and by the offices (issue 17), on their business dates. */
  readonly typicalCasesPublished: number;
  readonly typicalCasesByPublisher: { readonly commission: number; readonly office: number };
  /** `imported`: of `total`, the items from a legacy 整改台账 (历史补录, issue 19 §3), on their original assignment date. */
  readonly rectification: {
    readonly total: number;
    readonly closed: number;
    readonly longTerm: number;
    readonly closeRate: number | null;
    readonly imported: number;
  };
  readonly lookBacks: { readonly completed: number; readonly failed: number; readonly failureRate: number | null };
  /** Counties whose own office sent no referral in the period (Panjin: the slow counties were summoned). */
  readonly countiesWithoutReferrals: readonly string[];
  readonly agencyYearOnYear: readonly AgencyYearFigures[];
  /** Accountability outside the commission, apart from the commission's outcomes (statistics-accountability.ts). */
  readonly accountability: AccountabilityFigures;
  readonly byCounty: readonly CountyFigures[];
  readonly stale: boolean;
}

const rate = (part: number, total: number): number | null =>
  total === 0 ? null : Math.round((part / total) * 10_000) / 10_000;
const increment = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

/**
 * 销号 by the end of the period (`to`; none: now) and not undone by then. A line written before its
 * closures were kept (read model version 2, until rebuilt) counts on its status and 销号 time.
 */
const closedAtEnd = (item: RectificationLedgerDocument, to: LocalDate | undefined): boolean => {
  const closures: readonly ClosureEntry[] =
    item.closures ??
    (isClosedRectificationStatus(item.status) && item.closedAt !== undefined
      ? [{ closedOn: dateOf(item.closedAt) }]
      : []);
  const end = to ?? '9999-12-31';
  return closures.some((c) => c.closedOn <= end && (c.reopenedOn === undefined || c.reopenedOn > end));
};

/** Layers that hold no one accountable: ended without a sanction, or a 监察建议 to a unit (监察法 art. 52(5)). */
const NOT_ACCOUNTABLE_LAYERS: ReadonlySet<string> = new Set(['NoAction', 'SupervisionRecommendation']);

interface Person {
  readonly countyId: string;
  rank?: string;
  readonly outcomes: Set<string>;
  readonly layers: Set<string>;
}

@Injectable()
export class StatisticsQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_FRESHNESS) private readonly freshness: ReadModelFreshness,
  ) {}

  async compute(actor: Actor, query: StatisticsQuery): Promise<Statistics> {
    const scope = statisticsFilters(actor);
    const stale = await awaitFreshness(this.freshness, query.minPosition);
    const { from, to } = query;
    const inPeriod = (date: string | undefined): date is string =>
      date !== undefined && (from === undefined || date >= from) && (to === undefined || date <= to);
    const bounds = { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lte: to } : {}) };
    const dated = (field: string): Filter => ({ [field]: Object.keys(bounds).length > 0 ? bounds : { $exists: true } });
    const inCounty = query.county !== undefined ? regionFilter(query.county) : undefined;
    // A read model the caller can open no case of is not read at all.
    const visible = (readModel: CaseReadModel, projection: string, collection: string, filter: Filter) => {
      const access = scope[readModel];
      return access === undefined
        ? Promise.resolve([])
        : findAll(this.store, projection, collection, and(access, inCounty, filter));
    };

    const [clueDocs, inboxDocs, itemDocs, lookBackDocs, accountabilityDocs] = await Promise.all([
      // Received in the period, or published as the office's 典型案例 in it.
      visible('clue-ledger', CLUE_LEDGER, CLUE_LEDGER_CLUES, {
        $or: [dated('receivedOn'), dated('typicalCasePublishedOn')],
      }),
      visible(
        'inbox',
        COMMISSION_INBOX,
        INBOX,
        and(
          { inInbox: true },
          {
            $or: [
              dated('firstSentOn'),
              dated('typicalCasePublishedOn'),
              { outcomes: { $elemMatch: dated('decisionDate') } },
            ],
          },
        ),
      ),
      visible('rectification-ledger', RECTIFICATION_LEDGER, ITEMS, dated('assignedOn')),
      visible('rectification-ledger', RECTIFICATION_LEDGER, ITEMS, { lookBacks: { $elemMatch: dated('on') } }),
      visible('accountability-ledger', ACCOUNTABILITY_LEDGER, ACCOUNTABILITY_CASES, {
        $or: [dated('openedOn'), dated('decisionDate')],
      }),
    ]);
    // Read in place: these are counted, not returned (a copy of every document cost ~0.2 s per request at 50,000 clues).
    const clueLines = clueDocs.map((d) => fieldsOf<ClueLedgerDocument>(d));
    const clues = clueLines.filter((c) => inPeriod(c.receivedOn));
    const inbox = inboxDocs.map((d) => fieldsOf<InboxDocument>(d));
    const items = itemDocs.map((d) => fieldsOf<RectificationLedgerDocument>(d));
    const byCounty = new Map<string, { -readonly [K in Exclude<keyof CountyFigures, 'regionId'>]: number }>();
    const county = (regionId: string) => {
      const id = countyOf(regionId);
      const figures = byCounty.get(id) ?? {
        clues: 0,
        referrals: 0,
        referralsSent: 0,
        persons: 0,
        typicalCases: 0,
        rectificationItems: 0,
      };
      byCounty.set(id, figures);
      return figures;
    };
    const visibleCounties = query.counties.filter(
      (c) =>
        (actor.role === 'Auditor' || regionCovers(actor.regionId, c)) &&
        (query.county === undefined || regionCovers(query.county, c) || regionCovers(c, query.county)),
    );
    visibleCounties.forEach((c) => county(c));
    const countyIds = new Set(visibleCounties.map(countyOf));

    const bySource: Record<string, number> = Object.fromEntries(CLUE_SOURCES.map((s) => [s, 0]));
    let imported = 0;
    for (const clue of clues) {
      increment(bySource, clue.source);
      if (clue.imported === true) imported += 1;
      county(clue.regionId).clues += 1;
    }

    const bySituation: Record<string, number> = {};
    let referrals = 0;
    let accepted = 0;
    let withoutSituation = 0;
    let typicalCases = 0;
    let officeTypicalCases = 0;
    for (const clue of clueLines) {
      if (inPeriod(clue.typicalCasePublishedOn)) {
        officeTypicalCases += 1;
        county(clue.regionId).typicalCases += 1;
      }
    }
    const persons = new Map<string, Person>();
    const units = new Map<string, Set<string>>();
    const sendingCounties = new Set<string>();
    for (const doc of inbox) {
      // A forwarded part (部分受理) is the same transfer, not a new referral; its persons still count.
      if (doc.parentReferralId === undefined && inPeriod(doc.firstSentOn)) {
        referrals += 1;
        if (doc.acceptedSubjectIds.length > 0) accepted += 1;
        county(doc.regionId).referrals += 1;
        // The sender is the office that owns the referral (only it sends, R2), not the case's county;
        // a city office's sendings are no county's (they count in the total only).
        const regions = query.organisationRegions;
        const own = Object.prototype.hasOwnProperty.call(regions, doc.ownerOrgId);
        const sender = countyOf((own ? regions[doc.ownerOrgId] : undefined) ?? '');
        if (countyIds.has(sender)) {
          county(sender).referralsSent += 1;
          sendingCounties.add(sender);
        }
        doc.package.situationCodes.forEach((code) => increment(bySituation, code));
        if (doc.package.situationCodes.length === 0) withoutSituation += 1;
      }
      if (doc.typicalCase && inPeriod(doc.typicalCasePublishedOn)) {
        typicalCases += 1;
        county(doc.regionId).typicalCases += 1;
      }
      for (const outcome of doc.outcomes.filter((o) => inPeriod(o.decisionDate))) {
        const personKey = `${doc.clueId}\u0000${outcome.subjectId}`;
        const subject = doc.package.subjects.find((s) => s.subjectId === outcome.subjectId);
        if (subject?.kind === 'Unit') {
          units.set(personKey, (units.get(personKey) ?? new Set<string>()).add(outcome.outcome));
          continue;
        }
        const person = persons.get(personKey) ?? {
          countyId: countyOf(doc.regionId),
          outcomes: new Set<string>(),
          layers: new Set<string>(),
        };
        person.rank ??= subject?.cadreRank;
        person.outcomes.add(outcome.outcome);
        person.layers.add(outcome.layer);
        persons.set(personKey, person);
      }
    }

    const byRank: Record<string, number> = Object.fromEntries(CADRE_RANKS.map((r) => [r, 0]));
    const byOutcome: Record<string, number> = {};
    const byLayer: Record<string, number> = {};
    let accountable = 0;
    for (const person of persons.values()) {
      person.outcomes.forEach((o) => increment(byOutcome, o));
      person.layers.forEach((l) => increment(byLayer, l));
      if ([...person.layers].every((l) => NOT_ACCOUNTABLE_LAYERS.has(l))) continue;
      accountable += 1;
      increment(byRank, person.rank ?? 'Unknown');
      county(person.countyId).persons += 1;
    }

    const unitsByOutcome: Record<string, number> = {};
    units.forEach((outcomes) => outcomes.forEach((o) => increment(unitsByOutcome, o)));

    const accountability = accountabilityFigures(
      accountabilityDocs.map((d) => fieldsOf<AccountabilityLedgerDocument>(d)),
      inPeriod,
      visibleCounties,
    );

    const done = items.filter((i) => closedAtEnd(i, to));
    const longTerm = done.filter((i) => i.mode === 'LongTerm').length;
    items.forEach((i) => (county(i.regionId).rectificationItems += 1));
    const lookBacks = lookBackDocs.flatMap((d) =>
      fieldsOf<RectificationLedgerDocument>(d).lookBacks.filter((l) => inPeriod(l.on)),
    );
    const failed = lookBacks.filter((l) => l.result === 'Fail').length;

    return {
      period: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
      ...(query.county !== undefined ? { county: query.county } : {}),
      clues: { total: clues.length, bySource, imported },
      referrals: { total: referrals, accepted, bySituation, withoutSituation },
      persons: { total: accountable, byRank, byOutcome, byLayer },
      units: { total: units.size, byOutcome: unitsByOutcome },
      transfersToJudicialOrgans: byOutcome['TransferToProcuratorate'] ?? 0,
      typicalCasesPublished: typicalCases + officeTypicalCases,
      typicalCasesByPublisher: { commission: typicalCases, office: officeTypicalCases },
      rectification: {
        total: items.length,
        closed: done.length - longTerm,
        longTerm,
        closeRate: rate(done.length, items.length),
        imported: items.filter((i) => i.imported === true).length,
      },
      lookBacks: { completed: lookBacks.length, failed, failureRate: rate(failed, lookBacks.length) },
      countiesWithoutReferrals: visibleCounties.filter((c) => !sendingCounties.has(countyOf(c))).sort(),
      agencyYearOnYear: agencyYearOnYear(clues),
      accountability,
      byCounty: [...byCounty.entries()]
        .map(([regionId, figures]) => ({ regionId, ...figures }))
        .sort((a, b) => a.regionId.localeCompare(b.regionId)),
      stale,
    };
  }
}
