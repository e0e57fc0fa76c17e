import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ifMatch } from '../../http/etag.ts';
import { IdParams, IfMatchHeaders, ListQuery, Page, problems } from '../../http/schemas.ts';
import { idempotencyRequest } from '../../idempotency/idempotency.ts';
import { IdempotencyHeaders, Order, OrderCreate, OrderUpdate } from './schemas.ts';
import type { StoreService } from './service.ts';

/** HTTP only: schemas, status codes, headers; every rule lives in StoreService. */
export const storeRoutes: FastifyPluginAsyncTypebox<{ store: StoreService }> = async (app, { store }) => {
  const tags = ['store'];

  app.get(
    '/orders',
    {
      schema: {
        tags,
        summary: 'List orders, with their items',
        querystring: ListQuery,
        response: { 200: Page(Order), ...problems(400, 401, 403) },
      },
    },
    async (request) => store.list(request.actor, request.query),
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'Read an order with its items',
        params: IdParams,
        response: { 200: Order, ...problems(401, 403, 404) },
      },
    },
    async (request) => store.get(request.actor, request.params.id),
  );

  app.post(
    '/orders',
    {
      schema: {
        tags,
        summary: 'Place an order: prices it and takes the stock (409 names the movies short; honours Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: OrderCreate,
        response: { 201: Order, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyRequest(request.headers['idempotency-key'], 'POST', '/api/v1/orders', request.body);
      const { value: order } = await store.placeOrder(request.actor, request.body, key);
      reply.header('location', `/api/v1/orders/${order.id}`).code(201);
      return order;
    },
  );

  app.patch(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'Assign an order to an active user (null: to nobody)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: OrderUpdate,
        response: { 200: Order, ...problems(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return store.assignOrder(request.actor, id, request.body.assigneeId, ifMatch(request));
    },
  );

  app.post(
    '/orders/:id/fulfil',
    {
      schema: {
        tags,
        summary: 'Fulfil a pending order',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 200: Order, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request) => store.fulfilOrder(request.actor, request.params.id, ifMatch(request)),
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a pending order, giving its stock back',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 200: Order, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request) => store.cancelOrder(request.actor, request.params.id, ifMatch(request)),
  );
};
