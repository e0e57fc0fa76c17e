import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
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
 * One line per request, when it has been answered (Fastify's default writes two: one on arrival, one on completion),
 * with the method, URL and client address that the arrival line carried. The line is made of these fields only, none
 * of which holds a secret, so it is written without the redaction pass that every other line goes through (which
 * costs more than writing the line itself); an error line keeps it.
 */
export class OneLinePerRequest extends LogController {
  readonly #lines: FastifyBaseLogger | undefined;

  constructor(logger?: FastifyBaseLogger) {
    super();
    this.#lines = logger?.child({}, { redact: { paths: [] } } as Parameters<Logger['child']>[1]);
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error || !this.#lines) {
      // The request's own logger: Fastify's serializers turn the request and reply into the arrival line's fields.
      const line = { req: request, res: reply, responseTime: reply.elapsedTime };
      if (error) reply.log.error({ ...line, err: error }, 'request errored');
      else reply.log.info(line, 'request completed');
      return;
    }
    // Those fields, written out: this logger has no serializers, and must never see the whole request (its headers).
    this.#lines.info(
      {
        reqId: request.id,
        req: { method: request.method, url: request.url, remoteAddress: request.ip },
        res: { statusCode: reply.statusCode },
        responseTime: reply.elapsedTime,
      },
      'request completed',
    );
  }
}
