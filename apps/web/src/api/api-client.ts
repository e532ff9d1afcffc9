/**
 * The one module that talks to the API (issue 16): session, reads, actions, downloads. Every other
 * file of the web app goes through these functions, so aligning a route or a field with the API
 * is a change here only.
 *
 * Session: the cookie session (POST/DELETE /api/v1/auth/session, httpOnly + SameSite=Strict, CSRF
 * header X-Requested-With on writes) is used when the API offers it; an API without it (404) is
 * logged into with a bearer token (POST /api/v1/auth/token) kept in this tab's sessionStorage.
 */

export type CaseKind = 'clue' | 'referral' | 'rectification' | 'campaign';

export interface SessionUser {
  readonly username: string;
  readonly userId: string;
  readonly role: string;
  readonly orgId: string;
  readonly position: string;
  readonly displayName?: string;
}

interface Session {
  readonly mode: 'cookie' | 'bearer';
  readonly token?: string;
  readonly user: SessionUser;
}

/** A field's broken rules: `codes[i]` (isNotEmpty, maxLength…) is the rule `messages[i]` states in Chinese. */
export interface FieldError {
  readonly field: string;
  readonly codes?: readonly string[];
  readonly messages: readonly string[];
}

/** A problem+json answer (RFC 9457) with the API's stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(`${status} ${code}`);
  }
}

const STORAGE_KEY = 'xj.session';
const listeners = new Set<(user: SessionUser | undefined) => void>();
let session: Session | undefined = readStoredSession();

function readStoredSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

const setSession = (next: Session | undefined): void => {
  session = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(next?.user);
};

export const currentUser = (): SessionUser | undefined => session?.user;

/** Called on login, logout and an expired session. */
export const onSessionChange = (listener: (user: SessionUser | undefined) => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const problemOf = async (res: Response): Promise<ApiError> => {
  const body = (await res.json().catch(() => ({}))) as {
    code?: string;
    title?: string;
    detail?: string;
    errors?: FieldError[];
  };
  return new ApiError(
    res.status,
    body.code ?? `HTTP.${res.status}`,
    body.title ?? res.statusText,
    body.detail,
    body.errors,
  );
};

const headersFor = (extra: Record<string, string> = {}): Record<string, string> => ({
  // The CSRF header of the cookie session: a cross-site form cannot set it.
  'X-Requested-With': 'XMLHttpRequest',
  // The workbench speaks Chinese whatever the browser's language: titles, labels, field messages.
  'Accept-Language': 'zh-CN',
  ...(session?.mode === 'bearer' && session.token ? { Authorization: `Bearer ${session.token}` } : {}),
  ...extra,
});

export interface Answer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

const send = async (
  method: string,
  path: string,
  body?: unknown,
  extra?: Record<string, string>,
): Promise<Response> => {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headersFor(body === undefined ? extra : { 'Content-Type': 'application/json', ...extra }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && session) setSession(undefined);
  return res;
};

const call = async <T>(
  method: string,
  path: string,
  body?: unknown,
  extra?: Record<string, string>,
): Promise<Answer<T>> => {
  const res = await send(method, path, body, extra);
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
};

export const get = async <T>(
  path: string,
  query: Record<string, string | number | boolean | undefined> = {},
): Promise<T> => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return (await call<T>('GET', search ? `${path}?${search}` : path)).body;
};

const base64UrlJson = (part: string): Record<string, unknown> => {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
};

const userFrom = (username: string, claims: Record<string, unknown>): SessionUser => {
  const source = (claims.user as Record<string, unknown> | undefined) ?? claims;
  const text = (...keys: string[]): string => {
    const found = keys.map((k) => source[k]).find((v) => typeof v === 'string');
    return typeof found === 'string' ? found : '';
  };
  return {
    username,
    userId: text('userId', 'sub') || `user-${username}`,
    role: text('role'),
    orgId: text('orgId', 'org'),
    position: text('position', 'pos') || 'Staff',
    displayName: text('displayName', 'name') || undefined,
  };
};

export const login = async (username: string, password: string): Promise<SessionUser> => {
  const cookie = await send('POST', '/api/v1/auth/session', { username, password });
  if (cookie.ok) {
    const user = userFrom(username, (await cookie.json().catch(() => ({}))) as Record<string, unknown>);
    setSession({ mode: 'cookie', user });
    return user;
  }
  if (cookie.status !== 404) throw await problemOf(cookie);
  const { body } = await call<{ accessToken: string }>('POST', '/api/v1/auth/token', { username, password });
  const [, payload = ''] = body.accessToken.split('.');
  const user = userFrom(username, base64UrlJson(payload));
  setSession({ mode: 'bearer', token: body.accessToken, user });
  return user;
};

export const logout = async (): Promise<void> => {
  if (session?.mode === 'cookie') await send('DELETE', '/api/v1/auth/session').catch(() => undefined);
  setSession(undefined);
};

/** A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts; an intranet may serve plain http. */
export const newIdempotencyKey = (): string => {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

// ---- cases ----------------------------------------------------------------------------------

const CASE_ROUTES: Record<CaseKind, string> = {
  clue: '/api/v1/clues',
  referral: '/api/v1/referrals',
  rectification: '/api/v1/rectification-items',
  campaign: '/api/v1/campaigns',
};

export interface CaseView<S = Record<string, unknown>> {
  readonly kind: CaseKind;
  readonly id: string;
  readonly revision: string;
  readonly state: S;
}

export interface HistoryEntry {
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly orgId: string };
  readonly recordedAt: string;
  readonly at: string;
  readonly hash: string;
  readonly description: { readonly zh: string; readonly en: string };
}

export const getCase = (kind: CaseKind, id: string): Promise<CaseView> =>
  get<CaseView>(`${CASE_ROUTES[kind]}/${encodeURIComponent(id)}`);

export const getHistory = (kind: CaseKind, id: string): Promise<{ entries: HistoryEntry[]; redacted: boolean }> =>
  get(`${CASE_ROUTES[kind]}/${encodeURIComponent(id)}/history`);

export const getAsOf = (kind: CaseKind, id: string, at: string): Promise<CaseView> =>
  get(`${CASE_ROUTES[kind]}/${encodeURIComponent(id)}/as-of`, { at });

export const getExplanation = (id: string): Promise<Record<string, unknown>> =>
  get(`/api/v1/referrals/${encodeURIComponent(id)}/explanation`);

// ---- actions (the contract in issue 16: GET /api/v1/cases/{kind}/{id}/actions) ---------------

export interface JsonSchema {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly oneOf?: readonly { readonly const: string | number | boolean; readonly title?: string }[];
  readonly enum?: readonly (string | number)[];
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: unknown;
}

export interface CaseAction {
  readonly command: string;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly title: string;
  readonly schema: JsonSchema;
  readonly prefill?: Record<string, unknown>;
  readonly creates?: 'referral' | 'rectification';
}

export interface CaseActions {
  readonly kind: CaseKind;
  readonly id: string;
  readonly revision: string;
  readonly actions: readonly CaseAction[];
}

export const getActions = (kind: CaseKind, id: string): Promise<CaseActions> =>
  get(`/api/v1/cases/${kind}/${encodeURIComponent(id)}/actions`);

export interface CommandResult {
  readonly kind: CaseKind;
  readonly id: string;
  readonly status: string;
  readonly revision: string | null;
  readonly position: string | null;
}

/**
 * Sends one intended change. The caller keeps `idempotencyKey` across retries of the same
 * submission, so a retry after a lost answer writes nothing twice.
 */
export const sendAction = async (
  action: Pick<CaseAction, 'method' | 'path'>,
  body: Record<string, unknown>,
  revision: string | undefined,
  idempotencyKey: string,
): Promise<CommandResult> =>
  (
    await call<CommandResult>(action.method, action.path, body, {
      'Idempotency-Key': idempotencyKey,
      ...(revision === undefined ? {} : { 'If-Match': `"${revision}"` }),
    })
  ).body;

// ---- lists, statistics, audit ------------------------------------------------------------------

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly skip: number;
  readonly stale: boolean;
}

export type Query = Record<string, string | number | boolean | undefined>;
export type Row = Record<string, unknown>;

export const LEDGERS = {
  clues: '/api/v1/ledgers/clues',
  rectification: '/api/v1/ledgers/rectification',
  correctedCases: '/api/v1/ledgers/corrected-cases',
  inbox: '/api/v1/inbox',
} as const;

export const getPage = (path: string, query: Query = {}): Promise<Page<Row>> => get(path, query);

export const getStatistics = (query: Query = {}): Promise<Record<string, unknown>> => get('/api/v1/statistics', query);

export const getAccessLog = (query: Query): Promise<{ entries: Row[]; nextCursor: string | null }> =>
  get('/api/v1/audit/access-log', query);

export const getCheckpoints = (): Promise<unknown> => get('/api/v1/integrity/checkpoints');

export const verifyChain = async (streamId?: string): Promise<Record<string, unknown>> =>
  (
    await call<Record<string, unknown>>('POST', '/api/v1/integrity/verification', streamId ? { streamId } : {}, {
      'Idempotency-Key': newIdempotencyKey(),
    })
  ).body;

/** Downloads an export (CSV or XLSX) with the session's credentials and hands it to the browser as a file. */
export const download = async (path: string, query: Query, fallbackName: string): Promise<void> => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const res = await send('GET', params.size ? `${path}?${params}` : path);
  if (!res.ok) throw await problemOf(res);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
