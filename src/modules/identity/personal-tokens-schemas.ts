import { Type } from '@sinclair/typebox';
import { ItemFields, Timestamp } from '../../http/schemas.ts';

export const MAX_TOKEN_DAYS = 366;

/** A personal access token as its owner sees it: never the secret, which is shown once at creation. */
export const PersonalToken = Type.Object(
  {
    ...ItemFields,
    name: Type.String(),
    permissions: Type.Array(Type.String()),
    expiresAt: Timestamp,
    revokedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'PersonalToken' },
);

export const PersonalTokenWithSecret = Type.Object({
  ...PersonalToken.properties,
  token: Type.String({ description: 'The secret, shown this once: send it as `Authorization: Bearer <token>`' }),
});

export const PersonalTokenCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for, such as "nightly export"' }),
    permissions: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      description: 'A subset of your own permissions (`*` only if you hold every permission)',
    }),
    expiresInDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS, default: 30, description: 'Days until it expires' }),
    ),
  },
  { additionalProperties: false },
);

export const PersonalTokenList = Type.Object({
  items: Type.Array(PersonalToken),
  nextCursor: Type.Null({ description: 'Always null: every token of the caller is on the one page' }),
});
