/**
 * The core of the client modules that talk to the API (issue 16): session, requests, cases and
 * actions; the reads (reads-client), evidence and documents (files-client) and accounts
 * (accounts-client) build on it. Every other file of the web app goes through these modules, so
 * aligning a route or a field with the API is a change in `src/api` only.
 *
 * Session: the cookie session (POST/DELETE /api/v1/auth/session, httpOnly + SameSite=Strict, CSRF
 * header X-Requested-With on writes) is used when the API offers it; an API without it (404) is
 * logged into with a bearer token (POST /api/v1/auth/token) kept in this tab's sessionStorage.
 */

import { CASE_ROUTES, type CaseKind } from './case-kinds';

export type { CaseKind } from './case-kinds';

export interface SessionUser {
  readonly username: string;
  readonly userId: string;
  readonly role: string;
  readonly orgId: string;
  readonly position: string;
  readonly displayName?: string;
  /** 'one-time' or 'expired': every route but the password change answers 403 until it is changed. */
  readonly passwordChangeDue?: string;
  /** MFA_REQUIRED_*: every route but the enrolment answers 403 until a second factor is enrolled. */
  readonly secondFactorEnrolmentDue?: boolean;
  /** The role's administrative duties as the API states them (三员分立); absent when signed in by a bearer token. */
  readonly duties?: readonly string[];
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

/** The signed-in user as the API now describes it (e.g. no longer asked to enrol). */
export const updateSessionUser = (patch: Partial<SessionUser>): void => {
  if (session) setSession({ ...session, user: { ...session.user, ...patch } });
};

/** Called on login, logout and an expired session. */
export const onSessionChange = (listener: (user: SessionUser | undefined) => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const problemOf = async (res: Response): Promise<ApiError> => {
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

export const send = async (
  method: string,
  path: string,
  body?: unknown,
  extra?: Record<string, string>,
): Promise<Response> => {
  // A form (a file upload) goes as it is: the browser writes its Content-Type with the boundary.
  const raw = body === undefined || body instanceof FormData;
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headersFor(raw ? extra : { 'Content-Type': 'application/json', ...extra }),
    body: raw ? body : JSON.stringify(body),
  });
  if (res.status === 401 && session) setSession(undefined);
  return res;
};

/**
 * A 403 that says the account must first change its password or enrol a second factor (a password
 * may expire during a session): the app then shows that page instead of any other.
 */
const noteAccountDue = (error: ApiError): void => {
  if (!session || error.status !== 403) return;
  const user = session.user;
  // Only a change is announced: each announcement renders the app again, whose reads would answer 403 again.
  if (error.code === 'AUTH.PASSWORD_CHANGE_REQUIRED' || error.code === 'AUTH.PASSWORD_EXPIRED') {
    const due = error.code === 'AUTH.PASSWORD_EXPIRED' ? 'expired' : 'one-time';
    if (user.passwordChangeDue !== due) setSession({ ...session, user: { ...user, passwordChangeDue: due } });
  } else if (error.code === 'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED' && !user.secondFactorEnrolmentDue)
    setSession({ ...session, user: { ...user, secondFactorEnrolmentDue: true } });
};

/** One request; a problem answer is thrown as ApiError. For the other client modules of the app. */
export const call = async <T>(
  method: string,
  path: string,
  body?: unknown,
  extra?: Record<string, string>,
): Promise<Answer<T>> => {
  const res = await send(method, path, body, extra);
  if (!res.ok) {
    const error = await problemOf(res);
    noteAccountDue(error);
    throw error;
  }
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
    passwordChangeDue: text('passwordChangeDue') || undefined,
    secondFactorEnrolmentDue: source.secondFactorEnrolmentDue === true || undefined,
    duties: Array.isArray(source.duties) ? source.duties.filter((d): d is string => typeof d === 'string') : undefined,
  };
};

/** The password was right and the account has a second factor: the code comes next (README "Accounts"). */
export interface CodeRequired {
  readonly username: string;
  readonly mode: 'cookie' | 'bearer';
  readonly challenge: string;
  /** Seconds the challenge lasts. */
  readonly expiresIn: number;
}

export type LoginStep = { readonly user: SessionUser } | { readonly codeRequired: CodeRequired };

const codeRequiredOf = async (res: Response, username: string, mode: 'cookie' | 'bearer'): Promise<LoginStep> => {
  const body = (await res.json()) as { challenge: string; expiresIn: number };
  return { codeRequired: { username, mode, challenge: body.challenge, expiresIn: body.expiresIn } };
};

const startBearer = (username: string, accessToken: string): SessionUser => {
  const [, payload = ''] = accessToken.split('.');
  const user = userFrom(username, base64UrlJson(payload));
  setSession({ mode: 'bearer', token: accessToken, user });
  return user;
};

/** The password step: signed in, or (202) a challenge for the second factor's code. */
export const login = async (username: string, password: string): Promise<LoginStep> => {
  const cookie = await send('POST', '/api/v1/auth/session', { username, password });
  if (cookie.status === 202) return codeRequiredOf(cookie, username, 'cookie');
  if (cookie.ok) {
    const user = userFrom(username, (await cookie.json().catch(() => ({}))) as Record<string, unknown>);
    setSession({ mode: 'cookie', user });
    return { user };
  }
  if (cookie.status !== 404) throw await problemOf(cookie);
  const token = await send('POST', '/api/v1/auth/token', { username, password });
  if (token.status === 202) return codeRequiredOf(token, username, 'bearer');
  if (!token.ok) throw await problemOf(token);
  return { user: startBearer(username, ((await token.json()) as { accessToken: string }).accessToken) };
};

/** The second step: the 6-digit 动态验证码 of the authenticator app. */
export const loginWithCode = async (step: CodeRequired, code: string): Promise<SessionUser> => {
  const body = { challenge: step.challenge, code };
  if (step.mode === 'cookie') {
    const { body: answer } = await call<Record<string, unknown>>('POST', '/api/v1/auth/session/second-factor', body);
    const user = userFrom(step.username, answer);
    setSession({ mode: 'cookie', user });
    return user;
  }
  const { body: answer } = await call<{ accessToken: string }>('POST', '/api/v1/auth/token/second-factor', body);
  return startBearer(step.username, answer.accessToken);
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
  readonly creates?: Exclude<CaseKind, 'clue'>;
  /** The body is not JSON: AttachEvidence sends its one file field (format binary) as multipart/form-data. */
  readonly contentType?: 'multipart/form-data';
}

export interface CaseActions {
  readonly kind: CaseKind;
  readonly id: string;
  readonly revision: string;
  readonly actions: readonly CaseAction[];
}

export const getActions = (kind: CaseKind, id: string, uploads?: 'multipart'): Promise<CaseActions> =>
  get(`/api/v1/cases/${kind}/${encodeURIComponent(id)}/actions`, { uploads });

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
