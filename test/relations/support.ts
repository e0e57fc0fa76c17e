import assert from 'node:assert/strict';
import type { TestBacklot } from '../support.ts';

export type Caller = Awaited<ReturnType<TestBacklot['as']>>;

/** The request helper of these tests: method, url, caller, body; asserts nothing. */
export function api(backlot: TestBacklot) {
  return async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    caller: Caller,
    body?: unknown,
    headers?: Record<string, string>,
  ) => backlot.request({ method, url: `/api/v1${url}`, token: caller.token, body, headers });
}

export function expectStatus(response: { statusCode: number; body: string }, status: number): void {
  assert.equal(response.statusCode, status, response.body);
}
