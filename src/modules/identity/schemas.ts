import { Type } from '@sinclair/typebox';
import { ItemFields, ProblemSchema } from '../../http/schemas.ts';

export const GRANT_TYPES = ['password', 'refresh_token'] as const;

export const TokenRequest = Type.Object(
  {
    // An enum rather than a union of literals: an unknown value is one `enum` error, answered unsupported_grant_type.
    grant_type: Type.Optional(
      Type.Unsafe<(typeof GRANT_TYPES)[number]>({ type: 'string', enum: [...GRANT_TYPES], maxLength: 100 }),
    ),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scope: Type.Optional(Type.String({ maxLength: 1000 })),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  {
    additionalProperties: false,
    description:
      'The OAuth2 password grant (`grant_type=password&username=…&password=…`) or refresh grant ' +
      '(`grant_type=refresh_token&refresh_token=…`). As JSON, `{"email","password"}` without `grant_type` also signs in.',
  },
);

/** An OAuth2 error (RFC 6749 §5.2), with the problem fields beside `error` and `error_description`. */
export const TokenError = Type.Object(
  {
    error: Type.Union([
      Type.Literal('invalid_request'),
      Type.Literal('invalid_grant'),
      Type.Literal('unsupported_grant_type'),
    ]),
    error_description: Type.String(),
    ...ProblemSchema.properties,
  },
  { description: 'An OAuth2 error of the token endpoint (RFC 6749 §5.2)' },
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
