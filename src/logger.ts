import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Paths whose values never reach a log line. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.refresh_token',
  '*.access_token',
  '*.token',
];

/**
 * JSON lines on standard output, written asynchronously (lines logged while a write is under way go out together;
 * what is left is flushed at exit). Pretty-printed on a terminal outside production only: pino-pretty runs in a
 * worker thread and, with a line per request, takes as much CPU as the requests themselves.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'production'>): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } };
  if (process.stdout.isTTY && !config.production) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

/**
 * One line per request, when it has been answered (Fastify's own request logging writes two: one on arrival, one
 * on completion). Set up with Fastify's `disableRequestLogging`.
 */
export function logRequests(app: FastifyInstance): void {
  if (!((app.log as Logger).isLevelEnabled?.('info') ?? true)) return;
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        req: { method: request.method, url: request.url, remoteAddress: request.ip },
        res: { statusCode: reply.statusCode },
        responseTime: reply.elapsedTime,
      },
      'request completed',
    );
    done();
  });
}
