import { Type } from '@sinclair/typebox';
import { ItemFields } from '../../http/schemas.ts';

export const TokenRequest = Type.Object(
  {
    grant_type: Type.Optional(Type.Union([Type.Literal('password'), Type.Literal('refresh_token')])),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scope: Type.Optional(Type.String({ maxLength: 1000 })),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false, description: 'The OAuth2 password or refresh grant, as a form or JSON' },
);

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  refresh_token: Type.String(),
});

export const MeResponse = Type.Object({
  ...ItemFields,
  email: Type.String(),
  fullName: Type.String(),
  employeeNumber: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
});

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
