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
