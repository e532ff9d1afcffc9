import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';

/**
 * The command mix of the HTTP benchmark. Each connection loops over ten requests that are valid in
 * sequence: it registers clues, reads them back, moves them into analysis and escalates one, so
 * almost every request succeeds. Per loop: 3 registrations (30 %), 3 transitions (30 %: two
 * analyses, one escalation), 4 reads of GET /api/v1/clues/:id (40 %, one of them a pre-created clue).
 * Commands carry a fresh Idempotency-Key each.
 */

export type RequestKind = 'register' | 'transition' | 'read';

export interface KindCounts {
  ok: number;
  failed: number;
}

/** What the responses said, per kind, plus a sample of the failures for the report. */
export interface MixTally {
  readonly byKind: Record<RequestKind, KindCounts>;
  readonly failures: Map<string, number>;
}

const REGIONS = [
  {
    regionId: 'panjin/shuangtaizi',
    agency: { orgId: 'shuangtaizi.market-regulation', name: '双台子区市场监督管理局' },
  },
  {
    regionId: 'panjin/xinglongtai',
    agency: { orgId: 'xinglongtai.traffic-police', name: '兴隆台区公安分局交通警察大队' },
  },
  { regionId: 'panjin/dawa', agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' } },
  { regionId: 'panjin/panshan', agency: { orgId: 'panshan.urban-mgmt', name: '盘山县城市管理综合行政执法局' } },
  { regionId: 'panjin', agency: { orgId: 'panjin.urban-mgmt', name: '盘锦市城市管理综合行政执法局' } },
] as const;

let sequence = 0;

const RUN = randomUUID().slice(0, 8);
let keys = 0;
/** A fresh Idempotency-Key: unique per request across runs over the same data directory. */
export const benchKey = (): string => `bench-${RUN}-${(keys += 1)}`;

/** A realistic C1 registration body (about 450 bytes), varied across regions, sources and agencies. */
export const clueBody = (): string => {
  sequence += 1;
  const place = REGIONS[sequence % REGIONS.length] as (typeof REGIONS)[number];
  return JSON.stringify({
    regionId: place.regionId,
    source: (['Reconsideration', 'RuleOfLawInspection', 'EnforcementSupervision', 'Complaint'] as const)[sequence % 4],
    sourceRef: `盘复〔2026〕${sequence}号`,
    receivedAt: '2026-03-02T09:00:00+08:00',
    agency: place.agency,
    summary: '行政复议决定责令重新作出行政处罚，被申请人逾期未履行，亦未说明理由。',
    subjects: [
      {
        subjectId: `s-${sequence}`,
        name: '张某',
        unit: place.agency.name,
        post: '执法科科长',
        cadreRank: 'TownshipSectionOrBelow',
        isPartyMember: true,
        isPublicOfficial: true,
      },
    ],
  });
};

const ANALYSIS = JSON.stringify({ analystUserId: 'user-office' });
const ESCALATION = JSON.stringify({
  escalationType: 'InquiryLetter',
  reason: '逾期未报告整改情况，函询。',
  targetOrgId: 'dawa.emergency',
});

/**
 * The autocannon request loop. `tokens` are bearer tokens of supervisor accounts (one is picked per
 * loop); `readIds` are pre-created clues. The tally is filled in as responses arrive.
 */
export const commandMix = (
  tokens: readonly string[],
  readIds: readonly string[],
): { requests: autocannon.Request[]; tally: MixTally } => {
  const tally: MixTally = {
    byKind: { register: { ok: 0, failed: 0 }, transition: { ok: 0, failed: 0 }, read: { ok: 0, failed: 0 } },
    failures: new Map(),
  };
  // Every command carries an Idempotency-Key, as every first-party client must (README, Using the API).
  const headers = (context: autocannon.Context, command: boolean): Record<string, string> => ({
    authorization: `Bearer ${String(context['token'])}`,
    ...(command ? { 'content-type': 'application/json', 'idempotency-key': benchKey() } : {}),
  });
  const record =
    (kind: RequestKind, capture?: string) => (status: number, body: string, context: autocannon.Context) => {
      const ok = status >= 200 && status < 300;
      tally.byKind[kind][ok ? 'ok' : 'failed'] += 1;
      if (!ok) {
        const code = /"code":"([^"]+)"/.exec(body)?.[1] ?? '';
        const key = `${kind} ${status} ${code}`;
        tally.failures.set(key, (tally.failures.get(key) ?? 0) + 1);
      }
      if (capture) context[capture] = ok ? (JSON.parse(body) as { id: string }).id : 'missing';
    };
  const register = (capture?: string, opensLoop = false): autocannon.Request => ({
    method: 'POST',
    path: '/api/v1/clues',
    setupRequest: (req, context) => {
      // The context is fresh at the start of every loop: pick the acting account there.
      if (opensLoop) context['token'] = tokens[Math.floor(Math.random() * tokens.length)];
      return { ...req, headers: headers(context, true), body: clueBody() };
    },
    onResponse: record('register', capture),
  });
  const read = (id: (context: autocannon.Context) => string): autocannon.Request => ({
    method: 'GET',
    setupRequest: (req, context) => ({
      ...req,
      path: `/api/v1/clues/${id(context)}`,
      headers: headers(context, false),
    }),
    onResponse: record('read'),
  });
  const transition = (from: string, route: string, body: string): autocannon.Request => ({
    method: 'POST',
    setupRequest: (req, context) => ({
      ...req,
      path: `/api/v1/clues/${String(context[from])}/${route}`,
      headers: headers(context, true),
      body,
    }),
    onResponse: record('transition'),
  });
  const own = (name: string) => (context: autocannon.Context) => String(context[name]);
  const anyPreCreated = () => readIds[Math.floor(Math.random() * readIds.length)] ?? 'missing';
  return {
    tally,
    requests: [
      register('a', true),
      read(own('a')),
      transition('a', 'analysis', ANALYSIS),
      register('b'),
      read(own('b')),
      transition('a', 'escalations', ESCALATION),
      read(anyPreCreated),
      register(),
      transition('b', 'analysis', ANALYSIS),
      read(own('a')),
    ],
  };
};
