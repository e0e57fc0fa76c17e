import type { FastifyInstance } from 'fastify';

/** The row as the driver returns it. */
export interface MovieRow {
  id: number;
  title: string;
  release_date: string;
  genres: string;
  price_cents: number;
  stock: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export const BASELINE_LIMIT = 50;

const text = { type: 'string' };
const integer = { type: 'integer' };

/** The baseline's response: the rows as they are. */
export const BASELINE_PAGE = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: integer,
          title: text,
          release_date: text,
          genres: text,
          price_cents: integer,
          stock: integer,
          created_at: text,
          updated_at: text,
          version: integer,
        },
      },
    },
    more: { type: 'boolean' },
  },
} as const;

/** The baseline's one route: `limit + 1` rows from `query`, the first `limit` sent through a response schema. */
export function baselineRoute(app: FastifyInstance, query: () => Promise<MovieRow[]>): void {
  app.get(
    '/movies',
    {
      schema: {
        response: { 200: BASELINE_PAGE },
      },
    },
    async () => {
      const rows = await query();
      return { items: rows.slice(0, BASELINE_LIMIT), more: rows.length > BASELINE_LIMIT };
    },
  );
}
