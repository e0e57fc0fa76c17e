import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions, type Level, type Logger } from 'pino';
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

/**
 * A request's logger, made when something first logs through it. Fastify gives every request a pino child bound to
 * its id; making one costs more than the request's own log line (the bindings go through the redaction pass), and
 * most requests log nothing else (their line is OneLinePerRequest's). Until then it reads its level from the parent.
 */
class RequestLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  #logger: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  #made(): FastifyBaseLogger {
    this.#logger ??= this.#parent.child(this.#bindings);
    return this.#logger;
  }

  get level(): string {
    return (this.#logger ?? this.#parent).level;
  }

  set level(level: string) {
    this.#made().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options);
  }

  isLevelEnabled(level: string): boolean {
    return ((this.#logger ?? this.#parent) as unknown as Logger).isLevelEnabled(level);
  }

  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#log('error', args);
  }
  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }
  info(...args: unknown[]): void {
    this.#log('info', args);
  }
  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }
  silent(): void {}

  #log(level: Level, args: unknown[]): void {
    // Below the level nothing is written, and no child needs to be made for it.
    if (!this.isLevelEnabled(level)) return;
    (this.#made()[level] as (...args: unknown[]) => void)(...args);
  }
}

/**
 * Fastify's childLoggerFactory: a RequestLogger; the child at once when the route asks for its own level or
 * serializers, or when there is no pino logger (Fastify's silent one is its own child).
 */
export function requestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  const pinoLogger = typeof (logger as Partial<Logger>).isLevelEnabled === 'function';
  if (!pinoLogger || Object.keys(options).length > 0) return logger.child(bindings, options);
  return new RequestLogger(logger, bindings) as unknown as FastifyBaseLogger;
}
