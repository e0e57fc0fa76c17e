import createClient from 'openapi-fetch';
import { accessToken, rejected } from '../auth/session.ts';
import type { Problem } from '../lib/problem.ts';
import type { components, paths } from './schema';

/** Every call of the console goes through this typed client: the types come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  // A refused token (revoked, or expired while asleep): refresh once; the query layer retries the call.
  async onResponse({ response }) {
    if (response.status === 401) await rejected();
    return response;
  },
});

export type Schemas = components['schemas'];
export type Movie = Schemas['Movie'];
export type Actor = Schemas['Actor'];
export type Order = Schemas['Order'];

/** The JSON body of an operation's 200 answer. */
export type Answer<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;
export type MovieWithCast = Answer<'/api/v1/movies/{id}'>;
export type ActorWithFilmography = Answer<'/api/v1/actors/{id}'>;

/** An API failure carrying its problem body; thrown by `data()` so TanStack Query sees it as an error. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `Error ${problem.status}`);
  }
}

/** The data of an openapi-fetch answer, or throws its problem. */
export function data<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem = (result.error ?? {}) as Partial<Problem>;
    throw new ApiError({ ...problem, status: result.response.status } as Problem);
  }
  return result.data as T;
}

/** The `If-Match` header of an item: its version, as the server's ETag writes it. */
export function ifMatch(item: { version: number }): { 'if-match': string } {
  return { 'if-match': `"${item.version}"` };
}
