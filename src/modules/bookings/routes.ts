import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ifMatch } from '../../http/etag.ts';
import { IdParams, IfMatchHeaders, ListQuery, NoContent, Page, problems } from '../../http/schemas.ts';
import { idempotencyRequest } from '../../idempotency/idempotency.ts';
import { Booking, BookingAccept, BookingCreate, BookingReject, IdempotencyHeaders } from './schemas.ts';
import type { BookingsService } from './service.ts';

/** HTTP only: schemas, status codes, headers; every rule lives in BookingsService. */
export const bookingsRoutes: FastifyPluginAsyncTypebox<{ bookings: BookingsService }> = async (app, { bookings }) => {
  const tags = ['bookings'];

  app.get(
    '/bookings',
    {
      schema: {
        tags,
        summary: 'List bookings (a requester: their own)',
        querystring: ListQuery,
        response: { 200: Page(Booking), ...problems(400, 401, 403) },
      },
    },
    async (request) => bookings.list(request.actor, request.query),
  );

  app.get(
    '/bookings/:id',
    {
      schema: {
        tags,
        summary: 'Read a booking (a requester: their own)',
        params: IdParams,
        response: { 200: Booking, ...problems(401, 403, 404) },
      },
    },
    async (request) => bookings.get(request.actor, request.params.id),
  );

  app.post(
    '/bookings',
    {
      schema: {
        tags,
        summary: 'Submit a booking request (honours Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: BookingCreate,
        response: { 201: Booking, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyRequest(request.headers['idempotency-key'], 'POST', '/api/v1/bookings', request.body);
      const { value: booking } = await bookings.submit(request.actor, request.body, key);
      reply.header('location', `/api/v1/bookings/${booking.id}`).code(201);
      return booking;
    },
  );

  app.post(
    '/bookings/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a pending booking',
        params: IdParams,
        headers: IfMatchHeaders,
        body: BookingAccept,
        response: { 200: Booking, ...problems(400, 401, 403, 404, 409, 412) },
      },
      // The note is optional, and so is the body that would carry it.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const { id } = request.params;
      return bookings.accept(request.actor, id, request.body.note, ifMatch(request));
    },
  );

  app.post(
    '/bookings/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a pending booking, saying why',
        params: IdParams,
        headers: IfMatchHeaders,
        body: BookingReject,
        response: { 200: Booking, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return bookings.reject(request.actor, id, request.body.reason, ifMatch(request));
    },
  );

  app.delete(
    '/bookings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a booking (a requester: withdraw their own pending one)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      await bookings.delete(request.actor, request.params.id, ifMatch(request));
      return reply.code(204).send(null);
    },
  );
};
