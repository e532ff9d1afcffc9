import type { Response } from 'supertest';
import { RULEBOOK_V1 } from '@xj/domain';
import { TestApp } from './test-app';

/**
 * Helpers for the HTTP journeys: a client that acts as a demo account, assertions on command and
 * problem answers, and request bodies where each journey states only what it cares about.
 */

type Body = Record<string, unknown>;

/** Calls the API as one of the demo accounts (DEMO_ACCOUNTS usernames). */
export interface JourneyClient {
  post(user: string, path: string, body?: Body, headers?: Record<string, string>): Promise<Response>;
  get(user: string, path: string): Promise<Response>;
  /** GET of a case, asserting 200 and an ETag equal to the revision in the body. */
  read(user: string, path: string): Promise<{ readonly state: Response['body']; readonly revision: string }>;
}

export const journeyClient = (t: TestApp): JourneyClient => {
  const auth = async (user: string) => ({ Authorization: `Bearer ${await t.token(user)}` });
  const get = async (user: string, path: string) =>
    t
      .http()
      .get(path)
      .set(await auth(user));
  return {
    post: async (user, path, body = {}, headers = {}) =>
      t
        .http()
        .post(path)
        .set(await auth(user))
        .set(headers)
        .send(body),
    get,
    async read(user, path) {
      const res = await get(user, path);
      expect({ http: res.status, code: res.body.code }).toEqual({ http: 200, code: undefined });
      expect(res.headers.etag).toBe(`"${res.body.revision}"`);
      return { state: res.body.state, revision: res.body.revision as string };
    },
  };
};

/**
 * Polls a case as `user` until `until` holds of its state (a case not there yet reads as
 * undefined), for 10 s at most: what a command sets off on other cases (the clue's sent mark, a
 * child referral, plan items) is done by the workflows shortly after the command is answered.
 */
export const waitForCase = async (
  api: JourneyClient,
  user: string,
  path: string,
  until: (state: Response['body'] | undefined) => boolean = (state) => state !== undefined,
): Promise<void> => {
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const res = await api.get(user, path);
    if (res.status !== 200 && res.status !== 404) throw new Error(`GET ${path} as ${user} → ${res.status}`);
    if (until(res.status === 200 ? res.body.state : undefined)) return;
    if (Date.now() - started > 10_000) throw new Error(`GET ${path} as ${user}: not reached in 10 s`);
  }
};

/** Waits until the clue records `referralId` as sent (the referral-sent workflow). */
export const waitForSentOnClue = (api: JourneyClient, user: string, clueId: string, referralId: string) =>
  waitForCase(api, user, `/api/v1/clues/${clueId}`, (clue) => Boolean(clue?.sentReferralIds?.includes(referralId)));

/**
 * A command answer: the HTTP status, the case's `status` after the command, and an ETag that
 * carries the stream revision of the body (and equals `revision` when given).
 */
export const expectAnswer = (res: Response, http: number, status: string, revision?: number): void => {
  // One object, so a failure shows the problem code next to the unexpected status.
  expect({ http: res.status, status: res.body.status, code: res.body.code }).toEqual({ http, status, code: undefined });
  expect(res.headers.etag).toBe(`"${res.body.revision}"`);
  if (revision !== undefined) expect(res.body.revision).toBe(String(revision));
};

/** The ETag of an answer, to send back as If-Match. */
export const etagOf = (res: Response): string => {
  const etag: unknown = res.headers.etag;
  if (typeof etag !== 'string') throw new Error(`no ETag on a ${res.status} answer`);
  return etag;
};

/** A problem+json answer with its stable code. */
export const expectProblem = (res: Response, http: number, code: string): void => {
  expect({ http: res.status, code: res.body.code }).toEqual({ http, code });
  expect(res.headers['content-type']).toContain('application/problem+json');
};

/** The business day in Beijing time (UTC+8), which the API's deadlines and date checks use. */
export const todayInChina = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export const plusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Situation #5 不依法纠正违法行为 with every required checklist item of rulebook v1 in the file. */
export const failToCorrectClaim = (): { situationCodes: string[]; evidenceCodes: string[] } => {
  const rule = RULEBOOK_V1.rules.find((r) => r.code === 'FailToCorrectIllegalAct');
  if (!rule) throw new Error('rulebook v1 lost situation FailToCorrectIllegalAct');
  return { situationCodes: [rule.code], evidenceCodes: rule.evidence.filter((e) => e.required).map((e) => e.code) };
};

export const subject = (subjectId: string, o: Body = {}): Body => ({
  subjectId,
  name: `被反映人 ${subjectId}`,
  unit: '大洼区应急管理局',
  post: '副局长',
  cadreRank: 'CountyDivision',
  isPartyMember: true,
  isPublicOfficial: true,
  ...o,
});

/** C1: a clue in Dawa about the Dawa emergency bureau, received yesterday. */
export const clueBody = (o: Body = {}): Body => ({
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not correct an illegal penalty within the period set by the reconsideration opinion.',
  ...o,
});

/** R0: the transfer package for situation #5, with the given subjects. */
export const referralBody = (clueId: string, subjects: readonly Body[], o: Body = {}): Body => ({
  clueId,
  transferLetter: '关于移送大洼区应急管理局有关人员问题线索的函',
  clueSummary: 'Penalty found illegal on reconsideration; not corrected within 60 days.',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  ...failToCorrectClaim(),
  subjects,
  facts: 'On 2 March the reconsideration opinion was served; by the deadline nothing had been corrected.',
  evidence: [{ title: '行政复议意见书', documentRef: 'doc://2026/0012' }],
  legalBasis: ['行政复议法 (2023) arts. 76, 77'],
  transferorOpinion: '建议依规依纪依法处理',
  contact: '市委法治办 王某 0427-1234567',
  secrecyLevel: 'Internal',
  ...o,
});

export const CLUES = '/api/v1/clues';
export const REFERRALS = '/api/v1/referrals';
export const ITEMS = '/api/v1/rectification-items';

/** A clue registered by the city office and under analysis; returns its id. */
export const clueUnderAnalysis = async (api: JourneyClient, o: Body = {}): Promise<string> => {
  const created = await api.post('office', CLUES, clueBody(o));
  expectAnswer(created, 201, 'Registered', 0);
  const id = created.body.id as string;
  expectAnswer(
    await api.post('office', `${CLUES}/${id}/analysis`, { analystUserId: 'user-office' }),
    200,
    'Analysis',
    1,
  );
  return id;
};

/** R0–R2: drafted by the office, approved by its head, sent to `targetOrgId`; returns the referral id. */
export const sentReferral = async (
  api: JourneyClient,
  clueId: string,
  subjects: readonly Body[],
  targetOrgId: string,
): Promise<string> => {
  const drafted = await api.post('office', REFERRALS, referralBody(clueId, subjects));
  expectAnswer(drafted, 201, 'Draft', 0);
  const id = drafted.body.id as string;
  expectAnswer(
    await api.post('office-head', `${REFERRALS}/${id}/approval`, { opinion: '同意移送' }),
    200,
    'Approved',
    1,
  );
  const target = { orgId: targetOrgId, kind: 'DisciplineCommission' };
  expectAnswer(await api.post('office', `${REFERRALS}/${id}/sending`, { target }), 200, 'Sent', 2);
  return id;
};
