import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest } from '../errors.ts';

/** The version an `If-Match` header requires, or undefined when absent or `*`. */
export function ifMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match)
    throw new BadRequest('If-Match must be an ETag such as "3".', [
      { path: 'if-match', message: 'must be an ETag such as "3"' },
    ]);
  return Number(match[1]);
}

export function etag(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${version}"`);
}

/**
 * A preSerialization hook: a successful answer whose body is an item (it has a `version`) carries that version as
 * its ETag. Set once here, so no route can forget it; a route whose answer is part of another item (a casting is
 * a version of its movie) sets the ETag itself.
 */
export function itemEtag(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload: unknown) => void,
): void {
  if (reply.statusCode < 300 && typeof payload === 'object' && payload !== null && !reply.hasHeader('etag')) {
    const version = (payload as { version?: unknown }).version;
    if (typeof version === 'number') etag(reply, version);
  }
  done(null, payload);
}
