import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../src/db/database.ts';
import { RuleViolation, Unavailable } from '../../src/errors.ts';
import { idempotencyRequest, readRetrying, runIdempotent } from '../../src/idempotency/idempotency.ts';
import { dialects, startBacklot, type TestBacklot } from '../support.ts';

async function insertMovie(trx: Db, title: string): Promise<{ title: string }> {
  const at = new Date().toISOString();
  await trx
    .insertInto('movies')
    .values({
      title,
      releaseDate: '2020-01-01',
      genres: '[]',
      priceCents: 0,
      stock: 0,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  return { title };
}

async function count(db: Db, title: string): Promise<number> {
  const rows = await db.selectFrom('movies').select('id').where('title', '=', title).execute();
  return rows.length;
}

for (const dialect of dialects()) {
  describe(`Idempotency-Key on ${dialect.name}`, () => {
    let backlot: TestBacklot;
    before(async () => {
      backlot = await startBacklot(dialect);
    });
    after(() => backlot.stop());

    it('a repeat with the same key returns the first answer and creates nothing new', async () => {
      const db = backlot.handle.db;
      const request = idempotencyRequest('key-1', 'POST', '/x', { a: 1 });
      const first = await runIdempotent(db, backlot.system, request, (trx) => insertMovie(trx, 'Once'));
      const second = await runIdempotent(db, backlot.system, request, (trx) => insertMovie(trx, 'Once'));
      assert.deepEqual(first, { value: { title: 'Once' }, replayed: false });
      assert.deepEqual(second, { value: { title: 'Once' }, replayed: true });
      assert.equal(await count(db, 'Once'), 1);
    });

    it('the same key with a different request is refused with 422', async () => {
      const db = backlot.handle.db;
      await runIdempotent(db, backlot.system, idempotencyRequest('key-2', 'POST', '/x', { a: 1 }), (trx) =>
        insertMovie(trx, 'Two'),
      );
      await assert.rejects(
        runIdempotent(db, backlot.system, idempotencyRequest('key-2', 'POST', '/x', { a: 2 }), (trx) =>
          insertMovie(trx, 'Two'),
        ),
        (error) => error instanceof RuleViolation && error.status === 422,
      );
      assert.equal(await count(db, 'Two'), 1);
    });

    it('keys belong to their caller: another user may use the same key', async () => {
      const db = backlot.handle.db;
      const request = idempotencyRequest('shared', 'POST', '/x', {});
      await runIdempotent(db, backlot.system, request, (trx) => insertMovie(trx, 'Mine'));
      const other = { ...backlot.system, userId: 999 };
      const outcome = await runIdempotent(db, other, request, (trx) => insertMovie(trx, 'Mine'));
      assert.equal(outcome.replayed, false);
      assert.equal(await count(db, 'Mine'), 2);
    });

    it('a failed request leaves the key free for a retry', async () => {
      const db = backlot.handle.db;
      const request = idempotencyRequest('key-3', 'POST', '/x', {});
      await assert.rejects(
        runIdempotent(db, backlot.system, request, async (trx) => {
          await insertMovie(trx, 'Failed');
          throw new Error('boom');
        }),
      );
      assert.equal(await count(db, 'Failed'), 0);
      const retry = await runIdempotent(db, backlot.system, request, (trx) => insertMovie(trx, 'Failed'));
      assert.equal(retry.replayed, false);
      assert.equal(await count(db, 'Failed'), 1);
    });

    it('concurrent repeats of one key create exactly one item', async () => {
      const db = backlot.handle.db;
      const request = idempotencyRequest('key-4', 'POST', '/x', { n: 4 });
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          runIdempotent(db, backlot.system, request, (trx) => insertMovie(trx, 'Raced')),
        ),
      );
      assert.equal(await count(db, 'Raced'), 1);
      assert.equal(outcomes.filter((o) => !o.replayed).length, 1);
      for (const outcome of outcomes) assert.deepEqual(outcome.value, { title: 'Raced' });
    });

    it('refuses a malformed key', () => {
      assert.throws(() => idempotencyRequest('has space', 'POST', '/x', {}), /Idempotency-Key/);
      assert.throws(() => idempotencyRequest('', 'POST', '/x', {}), /Idempotency-Key/);
      assert.equal(idempotencyRequest(undefined, 'POST', '/x', {}), undefined);
    });
  });
}

describe('the read that settles a commit whose connection broke', () => {
  it('is tried again while the database is unavailable, and its answer is the answer', async () => {
    let tries = 0;
    const answer = await readRetrying(async () => {
      tries++;
      if (tries < 3) throw new Unavailable('The database is unavailable. Try again shortly.');
      return 'stored';
    }, [1, 1, 1]);
    assert.equal(answer, 'stored');
    assert.equal(tries, 3);
  });

  it('gives up after its last delay, with the last failure', async () => {
    let tries = 0;
    const failing = () => {
      tries++;
      return Promise.reject(new Unavailable(`down ${tries}`));
    };
    await assert.rejects(readRetrying(failing, [1, 1]), { message: 'down 3' });
    assert.equal(tries, 3);
  });

  it('is not tried again for any other failure', async () => {
    let tries = 0;
    const refused = () => {
      tries++;
      return Promise.reject(new RuleViolation('another request', 'idempotency_key_reused'));
    };
    await assert.rejects(readRetrying(refused, [1, 1]), RuleViolation);
    assert.equal(tries, 1);
  });
});
