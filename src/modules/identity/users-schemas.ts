import { Type } from '@sinclair/typebox';
import { ItemFields, Timestamp } from '../../http/schemas.ts';

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
const FullName = Type.String({ minLength: 1, maxLength: 200 });
const EmployeeNumber = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]);
const RoleNames = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true });

/** A staff or requester account as the API shows it: never a password hash. */
export const User = Type.Object(
  {
    ...ItemFields,
    email: Type.String(),
    fullName: Type.String(),
    employeeNumber: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(Type.String()),
    active: Type.Boolean(),
    mustChangePassword: Type.Boolean(),
    lastLoginAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'User' },
);

/** A user with the one-time password they must change at their next sign-in; shown once, never stored in clear. */
export const UserWithPassword = Type.Object({
  ...User.properties,
  oneTimePassword: Type.Optional(Type.String({ description: 'Shown once; the user must change it at sign-in' })),
});

export const UserCreate = Type.Object(
  {
    email: Email,
    fullName: FullName,
    employeeNumber: Type.Optional(EmployeeNumber),
    roles: Type.Optional(RoleNames),
    password: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1024, description: 'Omit it to get a one-time password' }),
    ),
  },
  { additionalProperties: false },
);

export const UserUpdate = Type.Object(
  {
    email: Type.Optional(Email),
    fullName: Type.Optional(FullName),
    employeeNumber: Type.Optional(EmployeeNumber),
    roles: Type.Optional(RoleNames),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export type UserItem = typeof User.static;
export type UserCreateBody = typeof UserCreate.static;
export type UserUpdateBody = typeof UserUpdate.static;
