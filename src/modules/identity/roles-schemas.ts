import { Type } from '@sinclair/typebox';
import { ALL, PERMISSIONS, type Permission } from '../../access/catalogue.ts';
import { ItemFields } from '../../http/schemas.ts';

/** A permission of the catalogue or `*`: the enum puts the whole catalogue, in order, in the OpenAPI document. */
const CataloguePermission = Type.Unsafe<Permission | typeof ALL>({ type: 'string', enum: [...PERMISSIONS, ALL] });

const Name = Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'lower_snake_case' });
const Description = Type.String({ maxLength: 500 });
const Permissions = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 200,
  uniqueItems: true,
  description: 'Permissions of the catalogue (action:resource[:own], listed by the Role schema) or *',
});

export const Role = Type.Object(
  {
    ...ItemFields,
    name: Type.String(),
    description: Type.String(),
    permissions: Type.Array(CataloguePermission),
    builtIn: Type.Boolean(),
  },
  { $id: 'Role' },
);

export const RoleCreate = Type.Object(
  { name: Name, description: Type.Optional(Description), permissions: Permissions },
  { additionalProperties: false },
);

export const RoleUpdate = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(Description), permissions: Type.Optional(Permissions) },
  { additionalProperties: false, minProperties: 1 },
);

export type RoleItem = typeof Role.static;
export type RoleCreateBody = typeof RoleCreate.static;
export type RoleUpdateBody = typeof RoleUpdate.static;
