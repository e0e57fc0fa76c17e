/**
 * What happens at the edge of the HTTP server, before or after a route: requests the framework or Node refuse before
 * routing, and draining on shutdown. Every answer is problem+json, like the routes' own.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Starts draining: every response closes its connection (`Connection: close`), new requests answer 503. Resolves
     * once every connection open at the start has closed, or after `maxMs`; the server still listens meanwhile.
     */
    drain(maxMs: number): Promise<void>;
  }
}

/** Refusals of the router, before any route runs (the path is not echoed: it may be huge). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, problem(414, 'uri_too_long', 'A part of the path is too long.'));
    return;
  }
  sendProblem(reply, problem(400, 'bad_url', 'The URL is not valid.'));
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive.'],
};

/** Requests Node's parser refuses (headers too large, malformed): answered on the socket, which then closes. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'bad_request', 'The request is malformed.'];
  const body = JSON.stringify(problem(status, code, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Draining on shutdown without resetting anyone: a keep-alive connection is closed by the server after its current
 * response (`Connection: close`), so a client never sends on a socket that is being torn down; a request that arrives
 * meanwhile answers 503 with `Retry-After` (a load balancer sends it elsewhere).
 */
export function registerDraining(app: FastifyInstance): void {
  let draining = false;
  // Every open connection, with how many of its requests are unanswered.
  const open = new Map<Socket, number>();
  app.server.on('connection', (socket: Socket) => {
    open.set(socket, 0);
    socket.once('close', () => open.delete(socket));
  });
  app.server.on('request', (request, response) => {
    const socket = request.socket as Socket;
    open.set(socket, (open.get(socket) ?? 0) + 1);
    response.once('close', () => {
      if (open.has(socket)) open.set(socket, (open.get(socket) ?? 1) - 1);
    });
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!draining) return done();
    reply.header('connection', 'close').header('retry-after', '1');
    sendProblem(reply, problem(503, 'shutting_down', 'This server is shutting down. Try again shortly.'));
  });
  app.addHook('onSend', (_request, reply, _payload, done) => {
    if (draining) reply.header('connection', 'close');
    done();
  });
  app.decorate('drain', async (maxMs: number) => {
    draining = true;
    const started = Date.now();
    const busy = () => [...open.values()].some((requests) => requests > 0);
    // A connection that sends nothing for a second is idle: closing it then races no request of a busy client.
    while (open.size > 0 && Date.now() - started < maxMs && (busy() || Date.now() - started < IDLE_GRACE_MS)) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
}

const IDLE_GRACE_MS = 1000;
