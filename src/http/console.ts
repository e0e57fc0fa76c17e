import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './problem.ts';

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

const API_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$|\?)/;

/**
 * Serves the web console at `/`: hashed assets (under /assets/) cached for a year, index.html never cached, and every
 * other GET that is not an API path answered with index.html so the console's own routes survive a reload.
 * Without a build (web/dist) only the API is served.
 */
export async function registerConsole(app: FastifyInstance, root = CONSOLE_DIR): Promise<boolean> {
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

  // Any other GET: a page of the console, unless it names an API path or a file.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = !API_PATHS.test(path) && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path);
    if (isPage) return sendIndex(reply);
    return sendProblem(reply, problem(404, 'not_found', `There is no ${request.method} ${path}.`));
  });
  return true;
}
