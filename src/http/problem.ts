import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionLost, isTransactionConflict } from '../db/errors.ts';
import { AppError, type FieldError, OAuthError, OutcomeUnknown, Unavailable } from '../errors.ts';
import type { ConsolePages } from './console.ts';
import { problemType } from './problem-types.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** The occurrence: `urn:backlot:request:<X-Request-Id>`, the id the logs carry (set when sent). */
  instance?: string;
  errors?: FieldError[];
  /** On a 403: the permission that would allow the request. */
  permission?: string;
}

/** A problem of the given status; its `type` and `title` name the problem type of `code` (src/http/problem-types.ts). */
export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    ...problemType(status, code),
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function requestInstance(requestId: string): string {
  return `urn:backlot:request:${encodeURIComponent(requestId)}`;
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply
    .code(body.status)
    .type('application/problem+json; charset=utf-8')
    .send({ ...body, instance: requestInstance(reply.request.id) });
}

/**
 * An OAuth2 error of the token endpoint: `error` and `error_description` as RFC 6749 §5.2 has them, as
 * `application/json`, with the problem's fields beside them.
 */
function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  const body = problem(400, error.code, error.message, error.errors);
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({
      error: error.code,
      error_description: error.message,
      ...body,
      instance: requestInstance(reply.request.id),
    });
}

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * One entry per bad field: a JSON pointer into the body (`/title`), or the name of the query
 * parameter, path parameter or header (`limit`).
 */
export function fieldErrors(errors: AjvError[], context: string | undefined): FieldError[] {
  const inBody = context === undefined || context === 'body';
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    let path = error.instancePath;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      path += `/${String(error.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (error.keyword === 'required') {
      path += `/${String(error.params.missingProperty)}`;
      message = 'is required';
    }
    if (!inBody) path = path.replace(/^\//, '') || String(context);
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path || '/', message });
  }
  return out;
}

const FRAMEWORK_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'The request body must be JSON.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'The request body is empty but declared as JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'The Content-Length header is wrong.'],
};

/** Maps every failure to application/problem+json; an unexpected one is logged and answered with no details. */
export function registerProblemHandlers(
  app: FastifyInstance,
  onUnexpected: (error: unknown, request: FastifyRequest) => void,
  /** The methods a path takes, so that a known path asked with another method is 405, not 404. */
  methodsOf?: (path: string) => string[],
  /** The web console's pages, which every other GET falls back to (src/http/console.ts). */
  pages: ConsolePages = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(reply, error);
    if (error instanceof AppError) {
      if ('retryAfterSeconds' in error) reply.header('retry-after', String(error.retryAfterSeconds));
      if (error instanceof Unavailable) request.log.warn({ err: error.cause ?? error }, 'database unavailable');
      if (error instanceof OutcomeUnknown) onUnexpected(error.cause ?? error, request);
      const body = problem(error.status, error.code, error.message, error.errors);
      if ('permission' in error && typeof error.permission === 'string') body.permission = error.permission;
      return sendProblem(reply, body);
    }
    if (error.validation) {
      const errors = fieldErrors(error.validation as AjvError[], error.validationContext);
      return sendProblem(reply, problem(400, 'validation_failed', 'The request is not valid.', errors));
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return sendProblem(reply, problem(known[0], known[1], known[2]));
    if (error.statusCode === 429) {
      return sendProblem(reply, problem(429, 'too_many_requests', 'Too many requests. Try again later.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, problem(error.statusCode, 'bad_request', 'The request is not valid.'));
    }
    if (isTransactionConflict(error)) {
      // The database aborted this transaction to break a deadlock with another: nothing was changed.
      return sendProblem(reply, problem(409, 'conflict_retry', 'The change collided with another one. Try again.'));
    }
    if (isConnectionLost(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '1');
      return sendProblem(reply, problem(503, 'unavailable', 'The database is unavailable. Try again shortly.'));
    }
    onUnexpected(error, request);
    return sendProblem(reply, problem(500, 'internal', 'Something went wrong on our side. It has been logged.'));
  });
  app.setNotFoundHandler((request, reply) => {
    if (pages.page?.(request, reply)) return reply;
    const path = request.url.split('?')[0] ?? '/';
    const allowed = methodsOf?.(path) ?? [];
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        problem(405, 'method_not_allowed', `${path} does not take ${request.method}; it takes ${allowed.join(', ')}.`),
      );
    }
    return sendProblem(reply, problem(404, 'not_found', `There is no ${request.method} ${path}.`));
  });
}
