import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from 'fastify';

/**
 * The browser console's session: its refresh token lives in an HttpOnly cookie that page scripts never read.
 *
 * A client asks for it by sending `X-Refresh-Cookie: 1` to the token endpoint. Then a successful grant answers the
 * refresh token as a `SameSite=Strict; HttpOnly` cookie scoped to the auth paths (`Secure` in production) instead of
 * in the body, and a refresh grant without `refresh_token` takes it from that cookie. Signing out clears it.
 * Other clients (the CLI, scripts) see no difference: without the header the endpoint behaves as before.
 *
 * Only the hooks of the auth routes are touched (through `onRoute`), so the rest of the API pays nothing.
 */
export const REFRESH_COOKIE = 'backlot_refresh';
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';
const COOKIE_PATH = '/api/v1/auth';
/** Signing out, here or everywhere, clears the cookie. */
const SIGN_OUT_PATHS = new Set([`${COOKIE_PATH}/logout`, `${COOKIE_PATH}/logout/everywhere`]);

export interface RefreshCookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

function wantsCookie(request: FastifyRequest): boolean {
  return request.headers[REFRESH_COOKIE_HEADER] === '1';
}

/** The value of the refresh cookie in the request, if any (its value is base64url: no decoding needed). */
export function readRefreshCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === REFRESH_COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${REFRESH_COOKIE}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function append<T>(existing: T | T[] | undefined, hook: T): T[] {
  return [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), hook];
}

/** Installs the cookie handling on the token and logout routes registered after it in `app`'s scope. */
export function refreshCookie(app: FastifyInstance, options: RefreshCookieOptions): void {
  const { secure, maxAgeSeconds } = options;

  // A refresh grant from the console carries no token in its body: it is taken from the cookie.
  const fromCookie = async (request: FastifyRequest) => {
    if (!wantsCookie(request)) return;
    const body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && body.grant_type === 'refresh_token' && body.refresh_token === undefined) {
      const token = readRefreshCookie(request.headers.cookie);
      if (token) body.refresh_token = token;
    }
  };

  // A successful grant: the refresh token moves from the body to the cookie.
  const toCookie: onSendHookHandler = async (request, reply: FastifyReply, payload) => {
    if (!wantsCookie(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const body = JSON.parse(payload) as Record<string, unknown>;
    if (typeof body.refresh_token !== 'string') return payload;
    reply.header('set-cookie', cookie(body.refresh_token, maxAgeSeconds, secure));
    delete body.refresh_token;
    return JSON.stringify(body);
  };

  // Signing out (or any refusal of the refresh grant) clears the cookie.
  const clear: onSendHookHandler = async (request, reply, payload) => {
    if (wantsCookie(request) && (reply.statusCode === 204 || reply.statusCode === 400 || reply.statusCode === 401)) {
      reply.header('set-cookie', cookie('', 0, secure));
    }
    return payload;
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url === `${COOKIE_PATH}/token` && route.method === 'POST') {
      route.preValidation = append(route.preValidation, fromCookie);
      route.onSend = append(route.onSend, toCookie as never);
      route.onSend = append(route.onSend, clear as never);
    } else if (SIGN_OUT_PATHS.has(route.url) && route.method === 'POST') {
      route.onSend = append(route.onSend, clear as never);
    }
  });
}
