/**
 * `backlot db backup` while the server writes, and `backlot db restore` of that backup: on SQLite (the online backup
 * API) and on PostgreSQL and MySQL/MariaDB (the portable format). The restored database is consistent: its audit
 * chain verifies and every movie in it has its audit entry. A database with data is replaced only with --yes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, PASSWORD, startBacklot, type TestBacklot } from '../support.ts';
import { appOn, assertChainVerifies, backlot, freshDatabase, rowCounts, withHandle } from './support.ts';

/** Movies and the audit entries that recorded their creation: equal in a consistent copy. */
async function moviesAndEntries(url: string): Promise<{ movies: number; entries: number }> {
  return withHandle(url, async (handle) => {
    const db = handle.db.withoutPlugins();
    const movies = await sql<{ n: number | string }>`select count(*) as n from movies`.execute(db);
    const entries = await sql<{ n: number | string }>`select count(*) as n from audit_entries
      where action = 'movie.created'`.execute(db);
    return { movies: Number(movies.rows[0]?.n), entries: Number(entries.rows[0]?.n) };
  });
}

for (const dialect of dialects()) {
  describe(`backlot db backup and restore on ${dialect.name}`, () => {
    let folder: string;
    let source: { url: string; drop(): Promise<void> };
    let target: { url: string; drop(): Promise<void> };
    let file: string;
    let written = 0;

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'backlot-backup-'));
      source = await freshDatabase(dialect, folder, 'source');
      target = await freshDatabase(dialect, folder, 'target');
      file = join(folder, 'backup');
    });
    after(async () => {
      await source.drop();
      await target.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('takes a backup while the server writes; its restore is consistent and the audit chain verifies', {
      timeout: 300_000,
    }, async () => {
      const serving: TestBacklot = await startBacklot({ name: dialect.name, fresh: async () => source }, {});
      const producer = await serving.as(['executive_producer']);
      // Writers keep creating movies, each with its audit entry, until the backup is done.
      let writing = true;
      const writer = async () => {
        while (writing) {
          const response = await serving.request({
            method: 'POST',
            url: '/api/v1/movies',
            token: producer.token,
            body: { title: `Written during the backup ${written}`, releaseDate: '2026-01-01', genres: [] },
          });
          assert.equal(response.statusCode, 201, response.body);
          written++;
        }
      };
      const writers = [writer(), writer()];
      while (written < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      const taken = await backlot(['db', 'backup', file], { DATABASE_URL: source.url }, folder);
      const duringBackup = written;
      writing = false;
      await Promise.all(writers);
      await serving.close();
      assert.equal(taken.code, 0, taken.stderr);
      assert.match(taken.stdout, dialect.name === 'sqlite' ? /an SQLite database/ : /portable format/);
      assert.ok(written > duringBackup || written >= 20);

      const restored = await backlot(['db', 'restore', file], { DATABASE_URL: target.url }, folder);
      assert.equal(restored.code, 0, restored.stderr);
      assert.match(restored.stdout, /^Restored \d+ rows of \d+ tables/m);
      const counts = await moviesAndEntries(target.url);
      assert.ok(counts.movies >= 20, `${counts.movies} movies restored`);
      assert.ok(counts.movies <= written);
      assert.equal(counts.entries, counts.movies, 'every restored movie has its audit entry, and no more');
      await assertChainVerifies(target.url, counts.movies);

      // The restored database serves: its user signs in and new ids continue after the restored ones.
      const app = await appOn(target.url);
      try {
        const signIn = await app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/token',
          payload: { email: producer.email, password: PASSWORD },
        });
        assert.equal(signIn.statusCode, 200, signIn.body);
        const created = await app.app.inject({
          method: 'POST',
          url: '/api/v1/movies',
          headers: { authorization: `Bearer ${signIn.json().access_token}` },
          payload: { title: 'After the restore', releaseDate: '2026-01-01', genres: [] },
        });
        assert.equal(created.statusCode, 201, created.body);
        const highest = await withHandle(target.url, async (handle) =>
          Number(
            (
              await handle.db
                .selectFrom('movies')
                .select((eb) => eb.fn.max('id').as('top'))
                .executeTakeFirst()
            )?.top,
          ),
        );
        assert.equal(created.json().id, highest);
      } finally {
        await app.close();
      }
    });

    it('refuses to restore over a database that holds data without --yes, and replaces it with --yes', async () => {
      const before = await withHandle(target.url, rowCounts);
      const refused = await backlot(['db', 'restore', file], { DATABASE_URL: target.url }, folder);
      assert.equal(refused.code, 6, refused.stdout);
      assert.match(refused.stderr, /not empty.*--yes/);
      assert.deepEqual(await withHandle(target.url, rowCounts), before, 'nothing was changed');

      const replaced = await backlot(['db', 'restore', file, '--yes'], { DATABASE_URL: target.url }, folder);
      assert.equal(replaced.code, 0, replaced.stderr);
      const after = await withHandle(target.url, rowCounts);
      assert.equal(after.movies, before.movies! - 1, 'the movie made after the restore is gone again');
      await assertChainVerifies(target.url, 1);
    });

    it('refuses to write over an existing backup file', async () => {
      const again = await backlot(['db', 'backup', file], { DATABASE_URL: source.url }, folder);
      assert.equal(again.code, 6, again.stdout);
      assert.match(again.stderr, /already exists/);
    });

    if (dialect.name !== 'sqlite') {
      it('refuses a backup cut short, leaving the database as it was', async () => {
        const whole = readFileSync(file);
        const cut = join(folder, 'cut');
        writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
        const before = await withHandle(target.url, rowCounts);
        const refused = await backlot(['db', 'restore', cut, '--yes'], { DATABASE_URL: target.url }, folder);
        assert.notEqual(refused.code, 0, refused.stdout);
        assert.deepEqual(await withHandle(target.url, rowCounts), before);
        await assertChainVerifies(target.url, 1);
      });
    }
  });
}
