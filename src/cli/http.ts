import {
  type Credentials,
  credentialsPath,
  loadCredentials,
  resolveProfile,
  saveCredentials,
  withCredentialsLock,
} from './credentials.ts';
import { ApiError, CliError, EXIT, type FieldError, usage } from './errors.ts';

export const DEFAULT_SERVER = 'http://127.0.0.1:3000';
const API = '/api/v1';
const TIMEOUT_MS = 60_000;
/** Refresh a little before expiry, so that a token does not expire on its way to the server. */
const MIN_VALIDITY_S = 10;

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** `--server`, else `BACKLOT_URL`, else the server saved at login, else the local default; without a trailing slash. */
export function resolveServer(
  flag: string | undefined,
  saved: Credentials | null,
  env: Record<string, string | undefined> = process.env,
): string {
  const raw = flag ?? (env.BACKLOT_URL || undefined) ?? saved?.server ?? DEFAULT_SERVER;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usage(`not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`not an http(s) URL: ${raw}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function credentialsFromToken(server: string, email: string, answer: TokenAnswer): Credentials {
  return {
    server,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: new Date(Date.now() + answer.expires_in * 1000).toISOString(),
    email,
  };
}

/**
 * The one HTTP client of the CLI: JSON in and out, problem+json turned into ApiError, the session's access token
 * attached and refreshed (before it expires, or once after a 401), the rotated tokens saved.
 */
export class ApiClient {
  readonly server: string;
  readonly profile: string;
  readonly path: string;
  readonly env: Record<string, string | undefined>;
  readonly #envToken: string | undefined;
  #saved: Credentials | null;

  constructor(
    flags: { server?: string | undefined; profile?: string | undefined },
    env: Record<string, string | undefined> = process.env,
  ) {
    this.env = env;
    this.path = credentialsPath(env);
    this.profile = resolveProfile(flags.profile, env);
    this.#saved = loadCredentials(this.path, this.profile);
    this.server = resolveServer(flags.server, this.#saved, env);
    this.#envToken = env.BACKLOT_TOKEN || undefined;
  }

  /** `backlot login …` with this client's profile and server, for messages. */
  get loginHint(): string {
    return `backlot login${this.profile === 'default' ? '' : ` --profile ${this.profile}`}`;
  }

  /** The saved session, if it belongs to this server. */
  get session(): Credentials | null {
    return this.#saved && this.#saved.server === this.server ? this.#saved : null;
  }

  get usesEnvToken(): boolean {
    return this.#envToken !== undefined;
  }

  /** A request without a token (sign-in). */
  async anonymous<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const answer = await this.#send(method, path, options, undefined);
    if (answer.status >= 400) throw toApiError(answer.status, answer.body);
    return answer.body as T;
  }

  /** A request as the signed-in user; the answer's body (null for 204). */
  async call<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let token = await this.accessToken();
    let answer = await this.#send(method, path, options, token);
    if (answer.status === 401 && !this.#envToken) {
      token = await this.#refresh(token);
      answer = await this.#send(method, path, options, token);
    }
    if (answer.status >= 400) {
      const error = toApiError(answer.status, answer.body);
      if (answer.status === 401) {
        throw new CliError(
          EXIT.unauthenticated,
          this.#envToken
            ? `${error.message} (BACKLOT_TOKEN was refused: unset it or take a fresh one with \`backlot token\`)`
            : `${error.message} Run \`${this.loginHint}\`.`,
        );
      }
      throw error;
    }
    return answer.body as T;
  }

  /** An access token valid for at least `minValiditySeconds`, refreshing the saved session if needed. */
  async accessToken(minValiditySeconds = MIN_VALIDITY_S): Promise<string> {
    if (this.#envToken) return this.#envToken;
    const session = this.#requireSession();
    if (Date.parse(session.expiresAt) - Date.now() > minValiditySeconds * 1000) return session.accessToken;
    return this.#refresh(session.accessToken, minValiditySeconds);
  }

  #requireSession(): Credentials {
    const session = this.session;
    if (session) return session;
    if (this.#saved) {
      throw new CliError(
        EXIT.unauthenticated,
        `not logged in to ${this.server} (the saved session is for ${this.#saved.server}): run \`${this.loginHint} --server ${this.server}\``,
      );
    }
    throw new CliError(EXIT.unauthenticated, `not logged in: run \`${this.loginHint}\` (or set BACKLOT_TOKEN)`);
  }

  /**
   * Replaces `rejected` with a fresh access token. Under the lock, the file is read again first: if another
   * process has already refreshed, its tokens are used rather than spending the refresh token a second time.
   */
  async #refresh(rejected: string, minValiditySeconds = MIN_VALIDITY_S): Promise<string> {
    return withCredentialsLock(async () => {
      this.#saved = loadCredentials(this.path, this.profile);
      const current = this.#requireSession();
      const fresh = Date.parse(current.expiresAt) - Date.now() > minValiditySeconds * 1000;
      if (current.accessToken !== rejected && fresh) return current.accessToken;
      const answer = await this.#send(
        'POST',
        '/auth/token',
        { body: { grant_type: 'refresh_token', refresh_token: current.refreshToken } },
        undefined,
      );
      if (answer.status === 400 || answer.status === 401) {
        throw new CliError(EXIT.unauthenticated, `the session has expired: run \`${this.loginHint}\``);
      }
      if (answer.status >= 400) throw toApiError(answer.status, answer.body);
      const renewed = credentialsFromToken(this.server, current.email, answer.body as TokenAnswer);
      saveCredentials(renewed, this.path, this.profile);
      this.#saved = renewed;
      return renewed.accessToken;
    }, this.path);
  }

  /** A public document of the server outside the API's base path (the OpenAPI document). */
  async document<T>(path: string): Promise<T> {
    const answer = await this.#send('GET', path, {}, undefined, '');
    if (answer.status >= 400) throw toApiError(answer.status, answer.body);
    return answer.body as T;
  }

  async #send(
    method: string,
    path: string,
    options: RequestOptions,
    token: string | undefined,
    base = API,
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(`${this.server}${base}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    let response: { status: number; type: string; text: string };
    try {
      response = await request(url, method, headers, payload);
    } catch (error) {
      throw new CliError(EXIT.failure, `cannot reach ${this.server}: ${networkReason(error)}`);
    }
    const { text } = response;
    let body: unknown = text === '' ? null : text;
    if (text !== '' && /json/.test(response.type)) {
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
    }
    return { status: response.status, body };
  }
}

/**
 * One HTTP exchange with node:http(s), which start in a fraction of the time `fetch` (undici) takes to load: the
 * client makes one or two requests per run, and its start-up is what a user waits for.
 */
function request(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
): Promise<{ status: number; type: string; text: string }> {
  // getBuiltinModule, not import(): the ESM view of node:http touches its lazy exports, which load undici.
  const transport = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(url, { method, headers, timeout: TIMEOUT_MS }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          type: String(incoming.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'detail' in body) {
    const problem = body as { detail?: unknown; code?: unknown; errors?: unknown };
    const errors = Array.isArray(problem.errors)
      ? (problem.errors as FieldError[]).filter((e) => e && typeof e.path === 'string')
      : [];
    return new ApiError(
      status,
      String(problem.detail),
      typeof problem.code === 'string' ? problem.code : undefined,
      errors,
      body,
    );
  }
  if (body && typeof body === 'object' && 'error' in body) {
    // An OAuth2 error of the token endpoint (RFC 6749 §5.2).
    const oauth = body as { error?: unknown; error_description?: unknown };
    const detail = typeof oauth.error_description === 'string' ? oauth.error_description : String(oauth.error);
    return new ApiError(status, detail, typeof oauth.error === 'string' ? oauth.error : undefined, [], body);
  }
  const text = typeof body === 'string' && body.length > 0 && body.length < 200 ? `: ${body}` : '';
  return new ApiError(status, `the server answered ${status}${text}`, undefined, [], body);
}
