import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ListQuery, Page, problems } from '../http/schemas.ts';
import type { AuditService } from './service.ts';

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  changes: Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2 })),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.Union([Type.String(), Type.Null()], { description: 'null while the entry is pending' }),
  pending: Type.Boolean({ description: 'committed, but not linked into the hash chain yet (for a moment)' }),
});

const Verification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  brokenAt: Type.Union([Type.Object({ id: Type.Integer(), reason: Type.String() }), Type.Null()]),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  const tags = ['audit'];
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'The audit trail',
        querystring: ListQuery,
        response: { 200: Page(Entry), ...problems(400, 401, 403) },
      },
    },
    async (request) => audit.list(request.actor, request.query),
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Re-check the hash chain (every sealed entry)',
        response: { 200: Verification, ...problems(401, 403) },
      },
    },
    async (request) => audit.verify(request.actor),
  );
};
