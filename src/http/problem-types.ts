import type { FastifyInstance } from 'fastify';
import { NotFound } from '../errors.ts';

/**
 * Every problem type the API answers with (RFC 9457): its `code`, the status it goes with, the `title` that names
 * it, and what it means. `type` is `/problems/<code with dashes>`, served by the API itself (see `problemPages`), so
 * every type URI resolves to a page that explains it.
 */
export interface ProblemType {
  status: number;
  title: string;
  description: string;
}

export const PROBLEM_TYPES: Readonly<Record<string, ProblemType>> = {
  bad_request: { status: 400, title: 'Bad request', description: 'The request is malformed.' },
  validation_failed: {
    status: 400,
    title: 'Validation failed',
    description:
      'A field of the body, the query string, the path or a header is missing, unknown, of the wrong type or out of ' +
      'range. `errors` lists every bad field: `path` is a JSON pointer into the body (`/title`), or the bare name of ' +
      'a query parameter, path parameter or header (`limit`, `id`, `if-match`).',
  },
  invalid_json: { status: 400, title: 'Invalid JSON', description: 'The body is declared as JSON but is not JSON.' },
  invalid_request: {
    status: 400,
    title: 'Invalid token request',
    description:
      'OAuth 2.0 (RFC 6749 §5.2): the token request lacks a parameter (such as `grant_type`), repeats one, or has a ' +
      'malformed one.',
  },
  invalid_grant: {
    status: 400,
    title: 'Invalid grant',
    description:
      'OAuth 2.0 (RFC 6749 §5.2): the email or password is not correct, or the refresh token is unknown, spent, ' +
      'expired or belongs to an ended session. Presenting a spent refresh token again ends its whole session.',
  },
  unsupported_grant_type: {
    status: 400,
    title: 'Unsupported grant type',
    description: 'OAuth 2.0 (RFC 6749 §5.2): the token endpoint takes `password` and `refresh_token` grants only.',
  },
  unauthorized: {
    status: 401,
    title: 'Not authenticated',
    description: 'No access token, or one that is not valid, has expired, or whose session has ended.',
  },
  forbidden: {
    status: 403,
    title: 'Not permitted',
    description: 'The caller is authenticated but their permissions do not allow this.',
  },
  forbidden_field: {
    status: 403,
    title: 'Field not permitted',
    description: 'The caller may change this item, but not the field named in `errors`.',
  },
  password_change_required: {
    status: 403,
    title: 'Password change required',
    description: 'The password was reset: change it (`POST /api/v1/auth/password`) before anything else.',
  },
  not_found: { status: 404, title: 'Not found', description: 'There is no such item or route.' },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    description: 'The path exists but does not take this method; `Allow` lists the methods it takes.',
  },
  conflict: { status: 409, title: 'Conflict', description: 'The request conflicts with the current state.' },
  duplicate: {
    status: 409,
    title: 'Duplicate value',
    description: 'Another item already has this unique value (an email, a name, an employee number).',
  },
  conflict_retry: {
    status: 409,
    title: 'Concurrent change',
    description: 'The change collided with another one and the database undid it: nothing was changed; try again.',
  },
  already_signed: { status: 409, title: 'Contract already signed', description: 'A contract is signed only once.' },
  event_exists: { status: 409, title: 'Event exists', description: 'A contract has at most one event.' },
  booking_not_pending: {
    status: 409,
    title: 'Booking not pending',
    description: 'Only a pending booking can be accepted, rejected or withdrawn.',
  },
  order_not_pending: {
    status: 409,
    title: 'Order not pending',
    description: 'Only a pending order can be fulfilled or cancelled.',
  },
  insufficient_stock: {
    status: 409,
    title: 'Insufficient stock',
    description: 'Some movies of the order are short; `errors` names each one. Nothing was taken.',
  },
  movie_in_use: {
    status: 409,
    title: 'Movie in use',
    description: 'A movie that has been ordered cannot be deleted.',
  },
  client_in_use: {
    status: 409,
    title: 'Client in use',
    description: 'A client with contracts or orders cannot be deleted.',
  },
  built_in_role: {
    status: 409,
    title: 'Built-in role',
    description: 'Built-in roles can be neither changed nor deleted.',
  },
  not_acceptable: {
    status: 406,
    title: 'Not acceptable',
    description: 'The server cannot answer in a media type the `Accept` header allows.',
  },
  precondition_failed: {
    status: 412,
    title: 'Version mismatch',
    description: '`If-Match` names another version than the stored one: read the item again, then retry.',
  },
  body_too_large: { status: 413, title: 'Body too large', description: 'The request body is over 1 MiB.' },
  uri_too_long: { status: 414, title: 'URI too long', description: 'The request line is too long.' },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    description:
      'The body is neither JSON (`application/json`, or `application/merge-patch+json` for PATCH) nor a form ' +
      '(`application/x-www-form-urlencoded`).',
  },
  rule_violation: { status: 422, title: 'Business rule violated', description: 'A business rule refuses it.' },
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency key reused',
    description: 'The same `Idempotency-Key` was sent before with another request body.',
  },
  too_many_tokens: {
    status: 422,
    title: 'Too many tokens',
    description: 'A user holds at most 100 personal access tokens that are not revoked: revoke one first.',
  },
  starts_in_past: { status: 422, title: 'Starts in the past', description: 'A booking must start in the future.' },
  self_deactivation: { status: 422, title: 'Self-deactivation', description: 'Nobody can deactivate themselves.' },
  invalid_assignee: {
    status: 422,
    title: 'Invalid assignee',
    description: 'The user named must be active and hold the role the assignment needs.',
  },
  no_such_client: { status: 422, title: 'No such client', description: 'The client named does not exist.' },
  no_such_movie: { status: 422, title: 'No such movie', description: 'A movie named does not exist.' },
  no_such_contract: { status: 422, title: 'No such contract', description: 'The contract named does not exist.' },
  contract_not_signed: {
    status: 422,
    title: 'Contract not signed',
    description: 'An event needs a signed contract.',
  },
  due_out_of_range: {
    status: 422,
    title: 'Amount due out of range',
    description: '`dueCents` must be between 0 and `totalCents`.',
  },
  ends_before_start: { status: 422, title: 'Ends before it starts', description: '`endsAt` must be after `startsAt`.' },
  headers_too_large: {
    status: 431,
    title: 'Headers too large',
    description: 'The request headers are too large.',
  },
  too_many_requests: {
    status: 429,
    title: 'Too many requests',
    description:
      'Too many requests or failed sign-ins from this address or for this account: wait `Retry-After` seconds.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    description: 'Something went wrong on the server. It has been logged; the answer holds no details.',
  },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    description: 'The database does not answer, or the server is stopping. Try again shortly.',
  },
};

/** The generic type of each status, for a code that has no entry of its own. */
const BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'body_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'rule_violation',
  429: 'too_many_requests',
  431: 'headers_too_large',
  500: 'internal',
  503: 'unavailable',
};

export const PROBLEMS_PATH = '/problems';

/** The type URI and title of a problem: its own when the code is known, else its status's generic one. */
export function problemType(status: number, code: string): { type: string; title: string } {
  const known =
    PROBLEM_TYPES[code]?.status === status ? code : (BY_STATUS[status] ?? (status < 500 ? 'bad_request' : 'internal'));
  return { type: `${PROBLEMS_PATH}/${known.replaceAll('_', '-')}`, title: PROBLEM_TYPES[known]?.title ?? 'Error' };
}

const html = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/`([^`]+)`/g, '<code>$1</code>');

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${html(title)} · Backlot API</title></head>\n<body>${body}</body></html>\n`;
}

/** `GET /problems` lists every problem type; `GET /problems/<type>` explains one. */
export function problemPages(app: FastifyInstance): void {
  const slugs = new Map(
    Object.entries(PROBLEM_TYPES).map(([code, type]) => [code.replaceAll('_', '-'), { code, ...type }]),
  );
  app.get(PROBLEMS_PATH, { schema: { hide: true } }, async (_request, reply) => {
    const items = [...slugs].map(
      ([slug, type]) => `<li><a href="${PROBLEMS_PATH}/${slug}">${html(type.title)}</a> (${type.status})</li>`,
    );
    return reply
      .type('text/html; charset=utf-8')
      .send(page('Problem types', `<h1>Problem types</h1><ul>${items.join('')}</ul>`));
  });
  app.get<{ Params: { slug: string } }>(
    `${PROBLEMS_PATH}/:slug`,
    { schema: { hide: true } },
    async (request, reply) => {
      const type = slugs.get(request.params.slug);
      if (!type) throw new NotFound(`There is no problem type ${request.params.slug}.`);
      const body =
        `<h1>${html(type.title)}</h1><p>HTTP status ${type.status} · <code>code</code>: <code>${type.code}</code></p>` +
        `<p>${html(type.description)}</p><p><a href="${PROBLEMS_PATH}">Every problem type</a></p>`;
      return reply.type('text/html; charset=utf-8').send(page(type.title, body));
    },
  );
}
