import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run setup` (vite build) puts the console. */
export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * The console's own Content-Security-Policy: stricter than the API's (helmet's default allows inline styles for the
 * docs page). No inline script or style at all: the bundle's CSS is a file, and React sets styles through the CSSOM.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
].join('; ');

/** Set once the console is served: answers a GET of one of its pages (true), or leaves it to the 404 (false). */
export interface ConsolePages {
  page?: (request: FastifyRequest, reply: FastifyReply) => boolean;
}

const API_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$|\?)/;

/**
 * Serves the web console at `/`: hashed assets (under /assets/) cached for a year, index.html never cached, and every
 * other GET that is not an API path answered with index.html so the console's own routes survive a reload.
 * Without a build (web/dist) only the API is served.
 */
export async function registerConsole(app: FastifyInstance, pages: ConsolePages, root = CONSOLE_DIR): Promise<boolean> {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return false;
  const index = readFileSync(indexPath);

  // Vite names every asset by its content's hash: a changed file is a new URL, so an old one never goes stale.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    wildcard: false,
    maxAge: 365 * 24 * 3600 * 1000,
    immutable: true,
  });

  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply
      .code(200)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .type('text/html; charset=utf-8')
      .send(index);

  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/index.html', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));

  // Any other GET that is not an API path nor a file is a page of the console. It is answered from the not-found
  // handler, not a wildcard route, so that the router still refuses what it refuses (405, 414) on API paths.
  pages.page = (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = !API_PATHS.test(path) && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path);
    if (request.method !== 'GET' || !isPage) return false;
    sendIndex(reply);
    return true;
  };
  return true;
}
