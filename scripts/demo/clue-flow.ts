import type { ClueState } from '@xj/domain';
import type { ApiClient, CommandResult } from './api-client';
import type { ClueStage, DemoClue, DemoEscalation, DemoPlanItem, OfficeKey } from './dataset-types';
import { FlowContext, closeReferral, runReferral } from './referral-flow';

const OFFICES: Readonly<Record<OfficeKey, { readonly staff: string; readonly head: string }>> = {
  city: { staff: 'office', head: 'office-head' },
  // Dawa's office head does the staff steps too: one account fewer against the login rate limit.
  dawa: { staff: 'dawa-office-head', head: 'dawa-office-head' },
};

const ORDER: readonly ClueStage[] = [
  'Registered',
  'Analysis',
  'Verification',
  'Supervision',
  'Rectification',
  'Closed',
];
const reaches = (clue: DemoClue, stage: ClueStage): boolean =>
  clue.stage !== 'Dismissed' && ORDER.indexOf(clue.stage) >= ORDER.indexOf(stage);

/** Every Idempotency-Key of the demo: stable across runs, so a second run replays instead of writing. */
export const demoKey = (clueName: string, step: string): string => `demo-panjin:${clueName}:${step}`;

export interface LoadedClue {
  readonly clueId: string;
  readonly referralIds: readonly string[];
}

const escalate = async (api: ApiClient, path: string, e: DemoEscalation, key: string): Promise<void> => {
  await api.post(
    e.by,
    `${path}/escalations`,
    { escalationId: e.id, escalationType: e.type, reason: e.reason, targetOrgId: e.targetOrgId },
    key,
  );
};

/**
 * Plan due dates hang on the instrument, read back from the server: the day it was issued
 * (立行立改) or its own due date. A rerun on another day therefore sends the same body.
 */
const planBody = (items: readonly DemoPlanItem[], instrument: NonNullable<ClueState['instrument']>) => ({
  items: items.map((i) => ({
    itemId: i.itemId,
    issue: i.issue,
    measures: i.measures,
    mode: i.mode,
    ...(i.due === 'instrument-day' ? { dueDate: instrument.deadline.from } : {}),
    ...(i.due === 'instrument-due' ? { dueDate: instrument.deadline.dueOn } : {}),
    ...(i.longTermTarget !== undefined ? { longTermTarget: i.longTermTarget } : {}),
    responsiblePerson: i.responsiblePerson,
    owner: i.owner,
  })),
});

/** 整改事项: started by the agency, or all the way to 销号 (report, evaluation, close-out). */
const progressItem = async (ctx: FlowContext, agencyHead: string, item: DemoPlanItem): Promise<void> => {
  const { api, office, key } = ctx;
  const path = `/api/v1/rectification-items/${item.itemId}`;
  if (item.progress !== undefined) await api.post(agencyHead, `${path}/start`, {}, key(`${item.itemId}:start`));
  if (item.progress === 'closed') {
    await api.post(
      agencyHead,
      `${path}/report`,
      { report: '已完成整改，附佐证材料。', evidence: [`doc://${item.itemId}/report`] },
      key(`${item.itemId}:report`),
    );
    await api.post(
      office.staff,
      `${path}/evaluation`,
      { method: 'OnSite', result: 'Pass', notes: '实地核查，整改到位。' },
      key(`${item.itemId}:evaluate`),
    );
    await api.post(office.head, `${path}/close-out`, {}, key(`${item.itemId}:close-out`));
  }
  for (const e of item.escalations ?? []) await escalate(api, path, e, key(`${item.itemId}:escalate:${e.id}`));
};

/** Drives one clue of the dataset to its stage (DOMAIN.md §4.1), with its referral along the way. */
export const loadClue = async (api: ApiClient, clue: DemoClue): Promise<LoadedClue> => {
  const registered = await api.post<CommandResult>(
    OFFICES[clue.office].staff,
    '/api/v1/clues',
    {
      regionId: clue.regionId,
      source: clue.source,
      sourceRef: clue.sourceRef,
      receivedAt: clue.receivedAt,
      agency: clue.agency,
      summary: clue.summary,
      ...(clue.subjects ? { subjects: clue.subjects } : {}),
    },
    demoKey(clue.name, 'register'),
  );
  return walkClue(api, clue, registered.id);
};

/**
 * Drives a registered clue on to its stage: the dataset's own clues after registering them, and the
 * clues a workflow registered (a campaign's findings).
 */
export const walkClue = async (api: ApiClient, clue: DemoClue, clueId: string): Promise<LoadedClue> => {
  const office = OFFICES[clue.office];
  const ctx: FlowContext = { api, office, key: (step) => demoKey(clue.name, step) };
  const { key } = ctx;
  const path = `/api/v1/clues/${clueId}`;
  if (clue.stage === 'Registered') return { clueId, referralIds: [] };
  await api.post(office.staff, `${path}/analysis`, { analystUserId: `user-${office.staff}` }, key('analysis'));
  if (clue.verification) {
    const v = clue.verification;
    await api.post(
      office.head,
      `${path}/verification`,
      {
        situationCodes: v.situationCodes,
        evidenceCodes: v.evidenceCodes,
        ...(v.statutoryGroundCodes ? { statutoryGroundCodes: v.statutoryGroundCodes } : {}),
        category: v.category,
        verificationPlan: v.plan,
        team: [`user-${office.staff}`, `user-${office.head}`],
      },
      key('verification'),
    );
  }
  if (clue.dismissal) await api.post(office.head, `${path}/dismissal`, clue.dismissal, key('dismissal'));
  const referralIds = clue.referral ? await runReferral(ctx, clueId, clue.referral, clue) : [];
  if (clue.instrument && reaches(clue, 'Supervision')) {
    const i = clue.instrument;
    await api.post(
      office.head,
      `${path}/supervision-instrument`,
      {
        verificationReport: i.report,
        responsibleUnits: [clue.agency.name],
        instrument: { kind: i.kind, documentNo: i.documentNo },
      },
      key('instrument'),
    );
  }
  if (clue.plan && clue.agencyHead && reaches(clue, 'Rectification')) {
    const { state } = await api.get<ClueState>(office.head, path);
    if (!state.instrument) throw new Error(`${clue.name}: the clue has no instrument to plan against`);
    await api.post(clue.agencyHead, `${path}/rectification-plan`, planBody(clue.plan, state.instrument), key('plan'));
    for (const item of clue.plan) {
      await api.waitFor(clue.agencyHead, `/api/v1/rectification-items/${item.itemId}`, Boolean);
      await progressItem(ctx, clue.agencyHead, item);
    }
  }
  if (clue.agencyHead && reaches(clue, 'Closed')) {
    await api.post(
      clue.agencyHead,
      `${path}/rectification-feedback`,
      {
        report: '整改事项均已完成并经评估销号。',
        evidence: [{ title: '整改报告', documentRef: `doc://${clue.name}/feedback` }],
      },
      key('feedback'),
    );
    await api.post(office.staff, `${path}/evaluation-start`, {}, key('evaluation-start'));
    await api.post(
      office.head,
      `${path}/evaluation`,
      { result: 'Pass', method: 'OnSite', notes: '实地评估，整改真实到位，予以销号。' },
      key('evaluation'),
    );
  }
  for (const e of clue.escalations ?? []) await escalate(api, path, e, key(`escalate:${e.id}`));
  if (clue.referral) await closeReferral(ctx, clue.referral);
  return { clueId, referralIds };
};
