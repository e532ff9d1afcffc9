import {
  Actor,
  AlarmStep,
  CaseKind,
  DeadlineLight,
  DeadlineRule,
  DomainConfig,
  LocalDate,
  ProposedEscalation,
  Role,
  canSeeCase,
  deadlineLight,
  ladderOf,
} from '@xj/domain';
import { CaseAggregates } from '../cases/case-aggregates';
import { caseDefinitionOf } from '../cases/execute-case-command';
import { CommandExecutor } from '../command/command-executor';
import { EventStore } from '../event-store/event-store.port';
import { ReadModelAccessDenied } from '../projections/read-access';
import { DeadlineTimer, OpenDeadlineQuery, TimerStore, awaitsDecision } from './timer-store.port';

/** One open deadline of a case, as the 督办 lists show it. */
export interface DeadlineLine {
  readonly caseKind: CaseKind;
  readonly caseId: string;
  readonly rule: DeadlineRule;
  readonly dueOn: LocalDate;
  readonly responsibleOrgId: string;
  readonly regionId: string;
  readonly light: DeadlineLight;
  /** Working days past the due date (0 while in time). */
  readonly workingDaysOverdue: number;
  /** The ladder's last step so far (none: nothing fired yet). */
  readonly lastStep: AlarmStep | null;
  /** The proposed 函询 / 约谈 / 挂牌督办 waits for a supervising head (its kind, else null). */
  readonly proposalAwaiting: ProposedEscalation | null;
}

export interface DeadlineList {
  readonly items: readonly DeadlineLine[];
  readonly limit: number;
  readonly skip: number;
}

const SUPERVISORS: readonly Role[] = ['RuleOfLawOffice', 'JusticeBureau', 'PartyLeadership'];
/** The administrator runs the system, not cases (as in every case view). */
const OVERDUE_ROLES: readonly Role[] = [
  ...SUPERVISORS,
  'EnforcementAgency',
  'DisciplineCommission',
  'AppointingAuthority',
  'Auditor',
];
/** The heads who confirm or waive a proposal (the deciders' rule), and the auditor who reads everything. */
const PROPOSAL_ROLES: readonly Role[] = [...SUPERVISORS, 'Auditor'];

/** Index rows read per round while filling a page of visible lines. */
const SCAN = 200;

/**
 * The 督办 lists over the timer index (issue 15 §2): the overdue deadlines, per organisation when
 * asked, and the proposals waiting for a head's decision. What a caller sees is the domain's case
 * visibility, applied to each case as it stands (canSeeCase on its folded state, as a case read
 * does): the index narrows by region where the role's reach is its region, never widens.
 */
export class DeadlineQueries {
  private readonly executor: CommandExecutor;

  constructor(
    private readonly timers: TimerStore,
    events: EventStore,
    private readonly aggregates: CaseAggregates,
    private readonly config: Pick<DomainConfig, 'calendar' | 'ladder'>,
  ) {
    this.executor = new CommandExecutor(events);
  }

  /** 逾期清单 — deadlines past their due date on `today`, oldest first; `responsibleOrgId` narrows to one organisation. */
  async overdue(
    actor: Actor,
    query: {
      readonly today: LocalDate;
      readonly responsibleOrgId?: string;
      readonly limit: number;
      readonly skip: number;
    },
  ): Promise<DeadlineList> {
    if (!OVERDUE_ROLES.includes(actor.role)) throw new ReadModelAccessDenied('overdue', actor.role);
    const filter: Omit<OpenDeadlineQuery, 'limit' | 'skip'> = {
      dueBefore: query.today,
      ...(query.responsibleOrgId === undefined ? {} : { responsibleOrgIds: [query.responsibleOrgId] }),
      ...this.regionOf(actor),
    };
    return this.page(actor, filter, query.today, query);
  }

  /** The proposed rungs this head may confirm or waive (empty for anyone who may not decide them). */
  async proposals(
    actor: Actor,
    query: { readonly today: LocalDate; readonly limit: number; readonly skip: number },
  ): Promise<DeadlineList> {
    if (!PROPOSAL_ROLES.includes(actor.role)) throw new ReadModelAccessDenied('escalation-proposals', actor.role);
    const decides = actor.role === 'Auditor' || actor.position === 'Head';
    if (!decides) return { items: [], limit: query.limit, skip: query.skip };
    const filter = { awaitingDecision: true, ...(actor.role === 'Auditor' ? {} : { region: actor.regionId }) };
    return this.page(actor, filter, query.today, query);
  }

  /** Supervisors reach their region; other roles reach cases by organisation, which the index cannot narrow. */
  private regionOf(actor: Actor): { readonly region?: string } {
    return SUPERVISORS.includes(actor.role) ? { region: actor.regionId } : {};
  }

  private async page(
    actor: Actor,
    filter: Omit<OpenDeadlineQuery, 'limit' | 'skip'>,
    today: LocalDate,
    query: { readonly limit: number; readonly skip: number },
  ): Promise<DeadlineList> {
    const visible: DeadlineTimer[] = [];
    const seen = new Map<string, boolean>();
    for (let offset = 0; visible.length < query.skip + query.limit; offset += SCAN) {
      const rows = await this.timers.list({ ...filter, skip: offset, limit: SCAN });
      for (const row of rows) {
        const key = `${row.caseKind}:${row.caseId}`;
        const sees = seen.get(key) ?? (await this.canSee(actor, row));
        seen.set(key, sees);
        if (sees) visible.push(row);
      }
      if (rows.length < SCAN) break;
    }
    const items = visible.slice(query.skip, query.skip + query.limit).map((t) => this.lineOf(t, today));
    return { items, limit: query.limit, skip: query.skip };
  }

  private async canSee(actor: Actor, timer: DeadlineTimer): Promise<boolean> {
    const { state } = await this.executor.load(caseDefinitionOf(this.aggregates, timer.caseKind), timer.caseId);
    return canSeeCase(actor, timer.caseKind, state as never);
  }

  private lineOf(timer: DeadlineTimer, today: LocalDate): DeadlineLine {
    const { calendar, ladder } = this.config;
    return {
      caseKind: timer.caseKind,
      caseId: timer.caseId,
      rule: timer.rule,
      dueOn: timer.dueOn,
      responsibleOrgId: timer.responsibleOrgId,
      regionId: timer.regionId,
      light: deadlineLight(timer, today, ladder, calendar),
      workingDaysOverdue: calendar.workingDaysBetween(timer.dueOn, today),
      lastStep: timer.progress.fired[timer.progress.fired.length - 1] ?? null,
      proposalAwaiting: awaitsDecision(timer) ? ladderOf(ladder, timer.rule).proposal : null,
    };
  }
}
