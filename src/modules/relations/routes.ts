import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ifMatch } from '../../http/etag.ts';
import { IdParams, IfMatchHeaders, ListQuery, NoContent, Page, problems } from '../../http/schemas.ts';
import {
  Client,
  ClientCreate,
  ClientUpdate,
  Contract,
  ContractCreate,
  ContractUpdate,
  Event,
  EventCreate,
  EventUpdate,
  SupportAssignment,
} from './schemas.ts';
import type { RelationsService } from './service.ts';

/** HTTP only: schemas, status codes, headers; every rule lives in RelationsService. */
export const relationsRoutes: FastifyPluginAsyncTypebox<{ relations: RelationsService }> = async (
  app,
  { relations },
) => {
  const tags = ['relations'];

  app.get(
    '/clients',
    {
      schema: {
        tags,
        summary: 'List clients',
        querystring: ListQuery,
        response: { 200: Page(Client), ...problems(400, 401, 403) },
      },
    },
    async (request) => relations.listClients(request.actor, request.query),
  );

  app.get(
    '/clients/:id',
    {
      schema: {
        tags,
        summary: 'Read a client',
        params: IdParams,
        response: { 200: Client, ...problems(401, 403, 404) },
      },
    },
    async (request) => relations.getClient(request.actor, request.params.id),
  );

  app.post(
    '/clients',
    {
      schema: {
        tags,
        summary: 'Add a client (a salesperson becomes its sales contact)',
        body: ClientCreate,
        response: { 201: Client, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const client = await relations.createClient(request.actor, request.body);
      reply.header('location', `/api/v1/clients/${client.id}`).code(201);
      return client;
    },
  );

  app.patch(
    '/clients/:id',
    {
      schema: {
        tags,
        summary: 'Change a client (sales: their own, and not its salesContactId)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ClientUpdate,
        response: { 200: Client, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request) => relations.updateClient(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.delete(
    '/clients/:id',
    {
      schema: {
        tags,
        summary: 'Delete a client that has no contracts or orders',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      await relations.deleteClient(request.actor, request.params.id, ifMatch(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/contracts',
    {
      schema: {
        tags,
        summary: 'List contracts',
        querystring: ListQuery,
        response: { 200: Page(Contract), ...problems(400, 401, 403) },
      },
    },
    async (request) => relations.listContracts(request.actor, request.query),
  );

  app.get(
    '/contracts/:id',
    {
      schema: {
        tags,
        summary: 'Read a contract',
        params: IdParams,
        response: { 200: Contract, ...problems(401, 403, 404) },
      },
    },
    async (request) => relations.getContract(request.actor, request.params.id),
  );

  app.post(
    '/contracts',
    {
      schema: {
        tags,
        summary: 'Draw up a contract (draft)',
        body: ContractCreate,
        response: { 201: Contract, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const contract = await relations.createContract(request.actor, request.body);
      reply.header('location', `/api/v1/contracts/${contract.id}`).code(201);
      return contract;
    },
  );

  app.patch(
    '/contracts/:id',
    {
      schema: {
        tags,
        summary: "Change a contract's amounts (status changes only by signing)",
        params: IdParams,
        headers: IfMatchHeaders,
        body: ContractUpdate,
        response: { 200: Contract, ...problems(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request) => relations.updateContract(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.post(
    '/contracts/:id/sign',
    {
      schema: {
        tags,
        summary: 'Sign a contract (once)',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 200: Contract, ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request) => relations.signContract(request.actor, request.params.id, ifMatch(request)),
  );

  app.get(
    '/events',
    {
      schema: {
        tags,
        summary: 'List events',
        querystring: ListQuery,
        response: { 200: Page(Event), ...problems(400, 401, 403) },
      },
    },
    async (request) => relations.listEvents(request.actor, request.query),
  );

  app.get(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Read an event',
        params: IdParams,
        response: { 200: Event, ...problems(401, 403, 404) },
      },
    },
    async (request) => relations.getEvent(request.actor, request.params.id),
  );

  app.post(
    '/events',
    {
      schema: {
        tags,
        summary: 'Plan the event of a signed contract (one per contract)',
        body: EventCreate,
        response: { 201: Event, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const event = await relations.createEvent(request.actor, request.body);
      reply.header('location', `/api/v1/events/${event.id}`).code(201);
      return event;
    },
  );

  app.patch(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Change an event (support: their own, not its contract or assignment)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: EventUpdate,
        response: { 200: Event, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request) => relations.updateEvent(request.actor, request.params.id, request.body, ifMatch(request)),
  );

  app.post(
    '/events/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign support to an event (null unassigns)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: SupportAssignment,
        response: { 200: Event, ...problems(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return relations.assignSupport(request.actor, id, request.body.supportContactId, ifMatch(request));
    },
  );
};
