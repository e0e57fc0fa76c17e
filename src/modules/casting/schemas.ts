import { Type } from '@sinclair/typebox';
import { Id, ItemFields } from '../../http/schemas.ts';

const Title = Type.String({ minLength: 1, maxLength: 200 });
const ReleaseDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Genres = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, uniqueItems: true });
const PriceCents = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Stock = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Age = Type.Union([Type.Integer({ minimum: 0, maximum: 150 }), Type.Null()]);
const Gender = Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()]);
const Character = Type.String({ minLength: 1, maxLength: 200 });
const Billing = Type.Union([Type.Integer({ minimum: 1, maximum: 10_000 }), Type.Null()]);

export const Movie = Type.Object(
  {
    ...ItemFields,
    title: Title,
    releaseDate: ReleaseDate,
    genres: Genres,
    priceCents: PriceCents,
    stock: Stock,
  },
  { $id: 'Movie' },
);

export const CastMember = Type.Object({
  actorId: Type.Integer(),
  name: Type.String(),
  character: Type.String(),
  billing: Billing,
});

export const MovieWithCast = Type.Object({
  ...Movie.properties,
  cast: Type.Array(CastMember),
});

export const MovieCreate = Type.Object(
  {
    title: Title,
    releaseDate: ReleaseDate,
    genres: Type.Optional(Genres),
    priceCents: Type.Optional(PriceCents),
    stock: Type.Optional(Stock),
  },
  { additionalProperties: false },
);

export const MovieUpdate = Type.Object(
  {
    title: Type.Optional(Title),
    releaseDate: Type.Optional(ReleaseDate),
    genres: Type.Optional(Genres),
    priceCents: Type.Optional(PriceCents),
    stock: Type.Optional(Stock),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Actor = Type.Object({ ...ItemFields, name: Name, age: Age, gender: Gender }, { $id: 'Actor' });

export const Role = Type.Object({
  movieId: Type.Integer(),
  title: Type.String(),
  releaseDate: Type.String(),
  character: Type.String(),
  billing: Billing,
});

export const ActorWithFilmography = Type.Object({ ...Actor.properties, filmography: Type.Array(Role) });

export const ActorCreate = Type.Object(
  { name: Name, age: Type.Optional(Age), gender: Type.Optional(Gender) },
  { additionalProperties: false },
);

export const ActorUpdate = Type.Object(
  { name: Type.Optional(Name), age: Type.Optional(Age), gender: Type.Optional(Gender) },
  { additionalProperties: false, minProperties: 1 },
);

export const CastParams = Type.Object({ id: Id, actorId: Id }, { additionalProperties: false });

export const CastingBody = Type.Object(
  { character: Character, billing: Type.Optional(Billing) },
  { additionalProperties: false },
);

export type MovieCreateBody = typeof MovieCreate.static;
export type MovieUpdateBody = typeof MovieUpdate.static;
export type ActorCreateBody = typeof ActorCreate.static;
export type ActorUpdateBody = typeof ActorUpdate.static;
export type MovieItem = typeof Movie.static;
export type ActorItem = typeof Actor.static;
export type CastMemberItem = typeof CastMember.static;
export type RoleItem = typeof Role.static;
