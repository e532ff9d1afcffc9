import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AttemptCounterStore, Clock } from '@xj/application';
import { SessionClaims, TokenClaims, TokenService } from './token-service';

/** The cookie of the browser session; scoped to the API, which is all that reads it. */
export const SESSION_COOKIE = 'xj_session';
const COOKIE_PATH = '/api';

/** The custom header a cookie-authenticated write must carry (CSRF: a cross-site form cannot set it). */
export const CSRF_HEADER = 'x-requested-with';

/** A session token older than this is re-signed on the next request, so the idle timeout counts from the last request (±1 min). */
const RENEW_AFTER_SECONDS = 60;

export interface SessionSettings {
  readonly idleTimeoutSeconds: number;
  readonly maxLifetimeSeconds: number;
}

const revokedKey = (sessionId: string): string => `session-revoked:${sessionId}`;

/**
 * Browser sessions (issue 16): the cookie holds a session token signed with the API's own key
 * (an audience of its own, so it is never a bearer token), valid for the idle timeout and
 * re-signed as requests come, never past the session's absolute end. Logout revokes the session
 * id server-side until that end: the id is blocked in the login-attempt store, which every API
 * replica sees and which forgets a block once it is over — no per-session state otherwise.
 */
export class BrowserSessions {
  constructor(
    private readonly tokens: TokenService,
    /** Null where an external identity provider issues the tokens: no logins here, so no sessions. */
    private readonly revocations: AttemptCounterStore | null,
    private readonly clock: Clock,
    readonly settings: SessionSettings,
  ) {}

  get available(): boolean {
    return this.tokens.issuesTokens && this.revocations !== null;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private expiryOf(startedAt: number, now: number): number {
    return Math.min(now + this.settings.idleTimeoutSeconds, startedAt + this.settings.maxLifetimeSeconds);
  }

  /** A new session for a user who just logged in. */
  async open(user: TokenClaims): Promise<{ readonly token: string; readonly session: SessionClaims }> {
    const now = this.nowSeconds();
    const session: SessionClaims = {
      ...user,
      sessionId: randomUUID(),
      startedAt: now,
      issuedAt: now,
      expiresAt: this.expiryOf(now, now),
    };
    return { token: await this.tokens.issueSession(session), session };
  }

  /** The session of a cookie value: validly signed, not idle too long, not past its end, not logged out. */
  async check(token: string): Promise<SessionClaims | undefined> {
    if (!this.revocations) return undefined;
    const now = this.clock.now();
    const session = await this.tokens.verifySession(token, now);
    if (!session) return undefined;
    if (session.startedAt + this.settings.maxLifetimeSeconds <= Math.floor(now.getTime() / 1000)) return undefined;
    const revoked = await this.revocations.read(revokedKey(session.sessionId), now.getTime());
    return revoked && revoked.blockedUntil > now.getTime() ? undefined : session;
  }

  /** A re-signed token when the session's token is over a minute old; undefined when it is fresh or at its end. */
  async renewal(session: SessionClaims): Promise<string | undefined> {
    const now = this.nowSeconds();
    if (now - session.issuedAt < RENEW_AFTER_SECONDS) return undefined;
    const expiresAt = this.expiryOf(session.startedAt, now);
    if (expiresAt <= session.expiresAt) return undefined;
    return this.tokens.issueSession({ ...session, issuedAt: now, expiresAt });
  }

  /** Logout: the session id is refused by every replica until the session would have ended anyway. */
  async close(session: SessionClaims): Promise<void> {
    const until = (session.startedAt + this.settings.maxLifetimeSeconds) * 1000;
    await this.revocations?.block(revokedKey(session.sessionId), until);
  }

  /** Sets the cookie: httpOnly (no page script reads it), SameSite=Strict, Secure when the request came over HTTPS. */
  setCookie(request: Request, response: Response, token: string): void {
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: COOKIE_PATH,
      maxAge: this.settings.idleTimeoutSeconds * 1000,
    });
  }

  clearCookie(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: COOKIE_PATH,
    });
  }
}

/** The session cookie's value from the Cookie header, if any (no cookie parser in the stack). */
export const sessionCookieOf = (request: Request): string | undefined => {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return value.length > 0 && value.length <= 4096 ? value : undefined;
  }
  return undefined;
};

/** Methods that change nothing: every other method on a cookie-authenticated request needs the CSRF header. */
export const isSafeMethod = (method: string): boolean => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/** SameSite=Strict plus a header a cross-site form or image cannot send (OWASP CSRF cheat sheet: custom request headers). */
export const hasCsrfHeader = (request: Request): boolean => {
  const value = request.headers[CSRF_HEADER];
  return typeof value === 'string' && value.toLowerCase() === 'xmlhttprequest';
};
