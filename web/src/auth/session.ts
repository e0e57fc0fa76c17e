/**
 * The console's session. The access token lives in this module's memory only; the refresh token is an HttpOnly
 * cookie the token endpoint sets when asked (`X-Refresh-Cookie: 1`), so no script can read it.
 *
 * Tabs share one session: a refresh runs under a Web Lock, the new access token is handed to the other tabs over a
 * BroadcastChannel, and a tab that waited for the lock while another refreshed takes that token instead of spending
 * the (already rotated) refresh token again. A new tab first asks the others for the current token, when there are
 * others.
 */
const TOKEN_URL = '/api/v1/auth/token';
const LOCK = 'backlot-session-refresh';
const GENERATION_KEY = 'backlot.session.generation';
/** Set while this browser has a session (not a secret: only spares a refresh attempt that would fail). */
const ACTIVE_KEY = 'backlot.session.active';
/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

export type SessionState = 'unknown' | 'signed-in' | 'signed-out';

interface Token {
  accessToken: string;
  expiresAt: number;
}

type Message = { type: 'token'; token: Token } | { type: 'ask' } | { type: 'signed-out' };

export class SignInError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

let token: Token | undefined;
let state: SessionState = 'unknown';
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('backlot-session');
let tokenWaiters: ((value: Token | undefined) => void)[] = [];

function setState(next: SessionState): void {
  if (state === next) return;
  state = next;
  for (const listener of listeners) listener();
}

function adopt(next: Token): void {
  token = next;
  for (const resolve of tokenWaiters) resolve(next);
  tokenWaiters = [];
  clearTimeout(timer);
  const delay = Math.max(next.expiresAt - Date.now() - EARLY_MS, (next.expiresAt - Date.now()) / 2, 1_000);
  timer = setTimeout(() => void refresh(), delay);
  setState('signed-in');
}

function dropLocal(): void {
  token = undefined;
  localStorage.removeItem(ACTIVE_KEY);
  clearTimeout(timer);
  for (const resolve of tokenWaiters) resolve(undefined);
  tokenWaiters = [];
  setState('signed-out');
}

channel?.addEventListener('message', (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.type === 'token') adopt(message.token);
  else if (message.type === 'signed-out') dropLocal();
  else if (message.type === 'ask' && token && token.expiresAt - Date.now() > EARLY_MS) {
    channel.postMessage({ type: 'token', token } satisfies Message);
  }
});

/**
 * Every tab holds this lock (shared) for as long as it lives, so a new tab knows whether another one could hand it
 * a token, and does not wait for an answer when none can. Without Web Locks it always asks.
 */
const PRESENCE = 'backlot-session-tab';
const othersAtStart: Promise<boolean> =
  typeof navigator !== 'undefined' && navigator.locks
    ? navigator.locks.query().then((locks) => {
        void navigator.locks.request(PRESENCE, { mode: 'shared' }, () => new Promise<never>(() => {}));
        return locks.held?.some((lock) => lock.name === PRESENCE) ?? true;
      })
    : Promise.resolve(true);

function generation(): number {
  return Number(localStorage.getItem(GENERATION_KEY) ?? '0');
}

/** A token another tab announces within `ms`, if one does. */
function tokenFromOtherTab(ms: number): Promise<Token | undefined> {
  return new Promise((resolve) => {
    const done = (value: Token | undefined) => {
      clearTimeout(timeout);
      resolve(value);
    };
    const timeout = setTimeout(() => {
      tokenWaiters = tokenWaiters.filter((waiter) => waiter !== done);
      resolve(undefined);
    }, ms);
    tokenWaiters.push(done);
  });
}

async function grant(body: Record<string, string>): Promise<Response> {
  return fetch(TOKEN_URL, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1' },
    body: JSON.stringify(body),
  });
}

async function accept(response: Response): Promise<void> {
  const body = (await response.json()) as { access_token: string; expires_in: number };
  const next = { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  localStorage.setItem(GENERATION_KEY, String(generation() + 1));
  localStorage.setItem(ACTIVE_KEY, '1');
  adopt(next);
  channel?.postMessage({ type: 'token', token: next } satisfies Message);
}

function withLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(LOCK, work) as Promise<T>;
  return work();
}

let refreshing: Promise<boolean> | undefined;

/** Spends the refresh cookie for a new access token, once across every tab; false when the session is over. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const seen = generation();
    try {
      return await withLock(async () => {
        // Another tab refreshed while this one waited: its token is on its way (or already here).
        if (generation() !== seen) {
          const shared = token && token.expiresAt - Date.now() > EARLY_MS ? token : await tokenFromOtherTab(2_000);
          if (shared) return true;
        }
        const response = await grant({ grant_type: 'refresh_token' });
        if (!response.ok) {
          if (response.status === 429 || response.status >= 500) return token !== undefined;
          dropLocal();
          return false;
        }
        await accept(response);
        return true;
      });
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

let restoring: Promise<void> | undefined;

/** At start (once): a token from another tab, else the refresh cookie, else signed out. */
export function restore(): Promise<void> {
  restoring ??= restoreOnce();
  return restoring;
}

async function restoreOnce(): Promise<void> {
  if (channel && (await othersAtStart)) {
    channel.postMessage({ type: 'ask' } satisfies Message);
    const shared = await tokenFromOtherTab(300);
    if (shared) return;
  }
  if (token) return;
  if (localStorage.getItem(ACTIVE_KEY) !== '1') {
    setState('signed-out');
    return;
  }
  await refresh();
}

export async function signIn(email: string, password: string): Promise<void> {
  const response = await grant({ grant_type: 'password', username: email, password });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    const retry = Number(response.headers.get('retry-after') ?? '') || undefined;
    throw new SignInError(response.status, problem.code ?? 'error', problem.detail ?? response.statusText, retry);
  }
  await accept(response);
}

function endSession(path: string, current: string): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { authorization: `Bearer ${current}`, 'x-refresh-cookie': '1' },
  });
}

function signedOutHere(): void {
  dropLocal();
  channel?.postMessage({ type: 'signed-out' } satisfies Message);
}

/** Ends the server session (and the cookie), here and in every other tab. */
export async function signOut(): Promise<void> {
  const current = await accessToken();
  if (current) await endSession('/api/v1/auth/logout', current).catch(() => undefined);
  signedOutHere();
}

/**
 * Ends every session of the user (other browsers, devices, the CLI), then this one here and in every tab. Unlike a
 * sign-out, a failure is thrown: the other sessions would still be open.
 */
export async function signOutEverywhere(): Promise<void> {
  const current = await accessToken();
  if (!current) throw new Error('no session');
  const response = await endSession('/api/v1/auth/logout/everywhere', current);
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? response.statusText);
  }
  signedOutHere();
}

/** The current access token, refreshed first when it is about to expire. */
export async function accessToken(): Promise<string | undefined> {
  if (token && token.expiresAt - Date.now() > 5_000) return token.accessToken;
  if (state === 'signed-out') return undefined;
  return (await refresh()) ? token?.accessToken : undefined;
}

/** The server refused the token (401): try one refresh, else the session is over. */
export async function rejected(): Promise<boolean> {
  token = undefined;
  return refresh();
}

export function sessionState(): SessionState {
  return state;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
