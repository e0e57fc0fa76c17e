/** Shared helpers of the casting tests: problem+json checks and data arranged directly through the services. */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestBacklot } from '../support.ts';

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

/** Asserts an RFC 9457 answer with this status (and code, when given) and returns its body. */
export function assertProblem(response: LightMyRequestResponse, status: number, code?: string): ProblemBody {
  assert.equal(response.statusCode, status, `expected ${status}, got ${response.statusCode}: ${response.body}`);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json() as ProblemBody;
  assert.equal(body.status, status);
  assert.equal(typeof body.type, 'string');
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.equal(typeof body.code, 'string');
  if (code !== undefined) assert.equal(body.code, code, response.body);
  return body;
}

/** Asserts a 400 validation answer whose `errors` name exactly these paths (in any order, each at least once). */
export function assertFieldErrors(response: LightMyRequestResponse, paths: string[]): FieldError[] {
  const body = assertProblem(response, 400);
  assert.ok(Array.isArray(body.errors), `no errors in ${response.body}`);
  for (const error of body.errors) {
    assert.equal(typeof error.path, 'string');
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0);
  }
  assert.deepEqual([...new Set(body.errors.map((error) => error.path))].sort(), [...paths].sort(), response.body);
  return body.errors;
}

let sequence = 0;

/** A movie made directly through the service (as the system administrator). */
export async function newMovie(
  backlot: TestBacklot,
  values: Partial<{ title: string; releaseDate: string; genres: string[]; priceCents: number; stock: number }> = {},
) {
  return backlot.services.casting.createMovie(backlot.system, {
    title: values.title ?? `Fixture movie ${++sequence}`,
    releaseDate: values.releaseDate ?? '2020-05-17',
    ...(values.genres ? { genres: values.genres } : {}),
    ...(values.priceCents !== undefined ? { priceCents: values.priceCents } : {}),
    ...(values.stock !== undefined ? { stock: values.stock } : {}),
  });
}

/** An actor made directly through the service. */
export async function newActor(
  backlot: TestBacklot,
  values: Partial<{ name: string; age: number | null; gender: string | null }> = {},
) {
  return backlot.services.casting.createActor(backlot.system, {
    name: values.name ?? `Fixture actor ${++sequence}`,
    ...(values.age !== undefined ? { age: values.age } : {}),
    ...(values.gender !== undefined ? { gender: values.gender } : {}),
  });
}

/** Casts an actor directly through the service. */
export async function cast(
  backlot: TestBacklot,
  movieId: number,
  actorId: number,
  character = 'Someone',
  billing?: number | null,
) {
  return backlot.services.casting.castActor(backlot.system, movieId, actorId, {
    character,
    ...(billing !== undefined ? { billing } : {}),
  });
}
