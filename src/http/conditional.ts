import type { FastifyInstance } from 'fastify';

/**
 * HTTP semantics every route shares: `If-None-Match` on a read (304), `application/merge-patch+json` on PATCH
 * (RFC 7396), and 405 with `Allow` for a known path asked with a method it does not take.
 */

/** Does an If-None-Match header name this ETag? Weak comparison, as RFC 9110 §13.1.2 wants for it. */
export function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** A GET whose answer carries the ETag the client already holds is answered 304 with no body. */
export function notModified(app: FastifyInstance): void {
  // A callback, not an async function: it runs on every answer, and most have no If-None-Match.
  app.addHook('onSend', (request, reply, payload, done) => {
    const condition = request.headers['if-none-match'];
    if (condition === undefined || reply.statusCode !== 200) return done(null, payload);
    if (request.method !== 'GET' && request.method !== 'HEAD') return done(null, payload);
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string' || !noneMatch(condition, etag)) return done(null, payload);
    reply.code(304).removeHeader('content-type').removeHeader('content-length');
    done(null, null);
  });
}

/** PATCH bodies may be sent as JSON merge patches (RFC 7396): the same JSON, parsed alike, on PATCH only. */
export function mergePatch(app: FastifyInstance, bodyLimit: number): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (request.method !== 'PATCH') {
      done(
        Object.assign(new Error('Only PATCH takes a merge patch.'), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      );
      return;
    }
    json(request, body as string, done);
  });
}

/**
 * The methods that a path takes, from the registered routes (`:param` matches one segment, `*` the rest): an
 * empty list means no route has this path at all (404), otherwise a missing method is 405.
 */
export function methodsOf(routes: readonly { method: string; url: string }[]): (path: string) => string[] {
  let compiled: { method: string; pattern: RegExp }[] | undefined;
  return (path) => {
    compiled ??= routes
      .filter((route) => route.method !== 'OPTIONS')
      .map((route) => ({
        method: route.method,
        pattern: new RegExp(
          `^${route.url
            .split('/')
            .map((segment) =>
              segment.startsWith(':')
                ? '[^/]+'
                : segment === '*'
                  ? '.*'
                  : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
            )
            .join('/')}/?$`,
        ),
      }));
    const methods = new Set(compiled.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
