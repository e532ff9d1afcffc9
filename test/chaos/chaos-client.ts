import { ChaosServer } from './chaos-server';

/** A command's success as the client saw it: what a retry under the same key must repeat. */
export interface Answer {
  readonly status: number;
  readonly body: {
    readonly id: string;
    readonly revision: string | null;
    readonly position: string | null;
    readonly events: readonly string[];
  };
  readonly etag: string | null;
  readonly position: string | null;
  readonly location: string | null;
}

/** One intended change: a key, a request, and the answers it got. */
export interface Intent {
  readonly key: string;
  readonly username: string;
  readonly path: string;
  /** The exact body of every attempt (the key's fingerprint includes it). */
  readonly body: string;
  /** The first success; later successes under the key must equal it. */
  answer?: Answer;
  /** A definitive rejection (4xx other than the retryable ones), or errors without end: unexpected in this load. */
  rejected?: string;
}

export interface ClientStats {
  requests: number;
  /** Requests whose answer never came (connection reset or refused: the server died). */
  lostAnswers: number;
  /** 5xx, 429 and 409 conflicts (COMMAND.CONCURRENCY_RETRIES_EXHAUSTED, store conflicts): retried under the same key. */
  retryableErrors: number;
  /** 409 conflicts of the store (EVENT.ID_CONFLICT, STREAM.WRONG_EXPECTED_REVISION): never due now. */
  storeConflicts: number;
  /** Successes under one key that differ from the first: item 1 broken. */
  differingAnswers: number;
  /** Successes marked `Idempotent-Replayed`: a racing copy or a retry, answered without writing. */
  replayed: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const STORE_CONFLICTS = new Set(['EVENT.ID_CONFLICT', 'STREAM.WRONG_EXPECTED_REVISION']);
const MAX_ERRORS_PER_ATTEMPT = 200;

/**
 * The client every caller should be: each request carries its intent's Idempotency-Key and is
 * retried with the same key and body until a definitive answer — across lost answers, 5xx and
 * restarts of the server.
 */
export class RetryingClient {
  readonly stats: ClientStats = {
    requests: 0,
    lostAnswers: 0,
    retryableErrors: 0,
    storeConflicts: 0,
    differingAnswers: 0,
    replayed: 0,
  };

  constructor(
    private readonly server: ChaosServer,
    private readonly tokens: Readonly<Record<string, string>>,
  ) {}

  /** Sends the intent until definitive; `copies` > 1 sends identical attempts at once (a client racing itself). */
  async run(intent: Intent, copies = 1): Promise<Answer | undefined> {
    await Promise.all(Array.from({ length: copies }, () => this.attempt(intent)));
    return intent.answer;
  }

  private async attempt(intent: Intent): Promise<void> {
    for (let errors = 0; ;) {
      const base = await this.server.url();
      this.stats.requests += 1;
      let res: Response;
      let text: string;
      try {
        res = await fetch(`${base}${intent.path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.tokens[intent.username] ?? ''}`,
            'content-type': 'application/json',
            'idempotency-key': intent.key,
          },
          body: intent.body,
          signal: AbortSignal.timeout(30_000),
        });
        text = await res.text();
      } catch {
        this.stats.lostAnswers += 1;
        await sleep(20);
        continue;
      }
      const json = parse(text);
      const code = typeof json?.['code'] === 'string' ? json['code'] : '';
      if (res.status >= 200 && res.status < 300) return this.accept(intent, res, json);
      if (STORE_CONFLICTS.has(code)) this.stats.storeConflicts += 1;
      const retryable =
        res.status >= 500 ||
        res.status === 429 ||
        code === 'COMMAND.CONCURRENCY_RETRIES_EXHAUSTED' ||
        STORE_CONFLICTS.has(code);
      // A server that answers an error for ever under one key (as a stored 409 did) is a finding, not a wait.
      if (retryable && (errors += 1) < MAX_ERRORS_PER_ATTEMPT) {
        this.stats.retryableErrors += 1;
        await sleep(20);
        continue;
      }
      intent.rejected = `${retryable ? `still ${res.status} after ${errors} tries: ` : ''}${res.status} ${code}`;
      return;
    }
  }

  private accept(intent: Intent, res: Response, json: Record<string, unknown> | undefined): void {
    const answer: Answer = {
      status: res.status,
      body: json as unknown as Answer['body'],
      etag: res.headers.get('etag'),
      position: res.headers.get('x-global-position'),
      location: res.headers.get('location'),
    };
    if (res.headers.get('idempotent-replayed') === 'true') this.stats.replayed += 1;
    if (!intent.answer) intent.answer = answer;
    else if (canonical(intent.answer) !== canonical(answer)) this.stats.differingAnswers += 1;
  }
}

/** JSON with sorted keys: a replayed body comes from the store, whose JSON is canonical. */
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
};

const parse = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
