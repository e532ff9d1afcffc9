/**
 * A small HTTP client for the demo loader: bearer tokens per demo account (logged in lazily),
 * an Idempotency-Key on every POST, and counts of what the server actually wrote versus replayed.
 * Uses Node's global fetch (keep-alive), so the demo needs no extra dependency.
 */

/** What the server's first start writes to $DATA_DIR/demo-credentials.json (only the fields used here). */
export interface DemoCredential {
  readonly username: string;
  readonly password: string;
}

/** The body of every command route (see apps/api/src/cases/case-command.gateway.ts). */
export interface CommandResult {
  readonly kind: 'clue' | 'referral' | 'rectification';
  readonly id: string;
  readonly status: string;
  readonly revision: string | null;
  readonly position: string | null;
  readonly events: readonly string[];
}

/** The body of GET /api/v1/{clues|referrals|rectification-items}/:id. */
export interface CaseRead<S> {
  readonly kind: string;
  readonly id: string;
  readonly revision: string | null;
  /** Global position of the case's last event: `minPosition` for a read model that must include it. */
  readonly position?: string | null;
  readonly state: S;
}

/** A failure the demo reports as one clear line and a non-zero exit. */
export class DemoError extends Error {}

export interface ClientStats {
  /** POST requests sent (logins excluded). */
  posts: number;
  /** POSTs answered from the idempotency record: nothing was written. */
  replays: number;
  /** POSTs the server executed (no `idempotent-replayed` header). */
  writes: number;
  gets: number;
}

const MAX_LOGIN_WAIT_S = 65;

export class ApiClient {
  readonly stats: ClientStats = { posts: 0, replays: 0, writes: 0, gets: 0 };
  private readonly tokens = new Map<string, string>();
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly credentials: readonly DemoCredential[],
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Fails with a clear message when nothing answers at the base URL. */
  async checkReachable(): Promise<void> {
    const res = await this.fetch('GET', '/health/live');
    if (res.status !== 200)
      throw new DemoError(
        `The server at ${this.baseUrl} answered GET /health/live with ${res.status}; is it the xingji-link API?`,
      );
  }

  async post<T = CommandResult>(user: string, path: string, body: unknown, idempotencyKey: string): Promise<T> {
    this.stats.posts += 1;
    const res = await this.fetch('POST', path, body, {
      authorization: `Bearer ${await this.token(user)}`,
      'idempotency-key': idempotencyKey,
    });
    const json = await readJson(res);
    if (res.status >= 300)
      throw new DemoError(`POST ${path} as ${user} (key ${idempotencyKey}) → ${res.status} ${describe(json)}`);
    if (res.headers.get('idempotent-replayed') === 'true') this.stats.replays += 1;
    else this.stats.writes += 1;
    return json as T;
  }

  async get<S>(user: string, path: string): Promise<CaseRead<S>> {
    this.stats.gets += 1;
    const res = await this.fetch('GET', path, undefined, { authorization: `Bearer ${await this.token(user)}` });
    const json = await readJson(res);
    if (res.status !== 200) throw new DemoError(`GET ${path} as ${user} → ${res.status} ${describe(json)}`);
    return json as CaseRead<S>;
  }

  /**
   * Polls a case until `until` holds (a missing case reads as undefined), for 10 s at most: what a
   * command sets off on other cases (the clue's sent mark, a child referral, plan items) is done by
   * the server's workflows shortly after the command is answered.
   */
  async waitFor<S>(user: string, path: string, until: (state: S | undefined) => boolean): Promise<void> {
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const res = await this.fetch('GET', path, undefined, { authorization: `Bearer ${await this.token(user)}` });
      const json = await readJson(res);
      // 429: the read limit; waiting is what this does anyway.
      if (res.status !== 200 && res.status !== 404 && res.status !== 429)
        throw new DemoError(`GET ${path} as ${user} → ${res.status} ${describe(json)}`);
      if (until(res.status === 200 ? (json as CaseRead<S>).state : undefined)) return;
      if (Date.now() - started > 10_000) throw new DemoError(`GET ${path} as ${user}: still not there after 10 s`);
    }
  }

  /** A bearer token for a demo account; waits out a login limit (429 with Retry-After) when hit. */
  private async token(user: string): Promise<string> {
    const cached = this.tokens.get(user);
    if (cached) return cached;
    const password = this.credentials.find((c) => c.username === user)?.password;
    if (!password)
      throw new DemoError(
        `The credentials file has no account "${user}"; was it written by this server's first start?`,
      );
    for (let waited = 0; ;) {
      const res = await this.fetch('POST', '/api/v1/auth/token', { username: user, password });
      const json = await readJson(res);
      if (res.status === 200) {
        const token = (json as { accessToken?: unknown }).accessToken;
        if (typeof token !== 'string')
          throw new DemoError(`POST /api/v1/auth/token answered 200 without an accessToken`);
        this.tokens.set(user, token);
        return token;
      }
      if (res.status === 429 && waited < MAX_LOGIN_WAIT_S) {
        const seconds = Math.min(MAX_LOGIN_WAIT_S - waited, retryAfter(res));
        this.log(`  (login rate limit reached; waiting ${seconds} s before logging in as ${user})`);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        waited += seconds;
        continue;
      }
      if (res.status === 401)
        throw new DemoError(
          `Login as ${user} was refused (401): the credentials file does not belong to this server's data directory.`,
        );
      throw new DemoError(`Login as ${user} → ${res.status} ${describe(json)}`);
    }
  }

  private async fetch(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new DemoError(
        `The server is not reachable at ${this.baseUrl} (${cause}). Start it with \`npm start\` or set DEMO_BASE_URL.`,
      );
    }
  }
}

const readJson = async (res: Response): Promise<unknown> => {
  const text = await res.text();
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return text.slice(0, 200);
  }
};

const describe = (json: unknown): string => {
  if (json && typeof json === 'object' && 'code' in json) {
    const p = json as { code: unknown; title?: unknown; errors?: unknown };
    return `${String(p.code)}: ${String(p.title ?? '')}${p.errors ? ` ${JSON.stringify(p.errors)}` : ''}`;
  }
  return JSON.stringify(json) ?? '';
};

/** Retry-After in seconds (the API never sends the HTTP-date form). */
const retryAfter = (res: Response): number => {
  const value = Number(res.headers.get('retry-after') ?? '10');
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 10;
};
