/**
 * `backlot db copy`: from SQLite to PostgreSQL and MySQL/MariaDB and back, on 100,000 rows per main table, with the
 * real binary. Afterwards the row counts match, the audit chain verifies, ids and versions are as they were, new ids
 * continue after the highest, and a demo user signs in on the target. The copy and a portable backup of the target
 * stream their rows (they run in a heap far smaller than the data); on a terminal the copy shows a progress bar.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed.ts';
import { readBackupFile } from '../../src/db/transfer.ts';
import { createServices } from '../../src/services.ts';
import { dialects, JWT_SECRET, testConfig } from '../support.ts';
import { appOn, assertChainVerifies, BIN, backlot, rowCounts, withHandle } from './support.ts';

const ROWS = 100_000;
/** A million rows as JavaScript values take several times this: a command that held them all would run out. */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=96' };

/** A migrated SQLite file with the demo data. */
async function demoDatabase(url: string): Promise<void> {
  await withHandle(url, async (handle) => {
    await migrateToLatest(handle);
    await seedDemo(createServices({ ...testConfig(url), jwtSecret: JWT_SECRET }, handle));
  });
}

/** Rows per table in a portable backup file, read as a restore reads it (which also checks its end mark). */
async function rowsInBackup(file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await readBackupFile(file, {
    async begin(snapshot) {
      for (const table of snapshot.tables) counts[table.name] = 0;
    },
    async rows(table, rows) {
      counts[table.name] = (counts[table.name] ?? 0) + rows.length;
    },
    async end() {},
    async abort() {},
  });
  return counts;
}

/** Fills a migrated, demo-seeded SQLite file with `ROWS` rows per main table, by multi-row inserts in one transaction. */
function bulkFill(file: string): void {
  const db = new SqliteDatabase(file);
  const at = new Date().toISOString();
  const first = (table: string) =>
    Number((db.prepare(`select coalesce(max(id), 0) + 1 as n from ${table}`).get() as { n: number }).n);
  const insert = (table: string, columns: string[], count: number, row: (i: number) => unknown[]) => {
    const per = Math.floor(30_000 / columns.length);
    const statement = (n: number) =>
      db.prepare(
        `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(',')})`).join(',')}`,
      );
    const full = statement(per);
    for (let start = 0; start < count; start += per) {
      const n = Math.min(per, count - start);
      const values: unknown[] = [];
      for (let i = start; i < start + n; i++) values.push(...row(i));
      (n === per ? full : statement(n)).run(values);
    }
  };
  const item = ['id', 'created_at', 'updated_at', 'version'];
  db.transaction(() => {
    const user = Number((db.prepare('select min(id) as id from users').get() as { id: number }).id);
    const movie = first('movies');
    const actor = first('actors');
    const client = first('clients');
    const contract = first('contracts');
    const order = first('orders');
    const event = first('events');
    const booking = first('bookings');
    const version = (i: number) => 1 + (i % 7);
    insert('movies', [...item, 'title', 'release_date', 'genres', 'price_cents', 'stock'], ROWS, (i) => [
      movie + i,
      at,
      at,
      version(i),
      `Bulk movie ${i}`,
      '2020-01-01',
      '["drama"]',
      999 + (i % 100),
      1_000_000,
    ]);
    insert('actors', [...item, 'name', 'age', 'gender'], ROWS, (i) => [
      actor + i,
      at,
      at,
      version(i),
      `Bulk actor ${i}`,
      20 + (i % 60),
      i % 2 ? 'female' : 'male',
    ]);
    insert('castings', ['movie_id', 'actor_id', 'character', 'billing', 'created_at'], ROWS, (i) => [
      movie + i,
      actor + i,
      `Role ${i}`,
      1,
      at,
    ]);
    insert(
      'clients',
      [...item, 'full_name', 'email', 'phone', 'company_name', 'sales_contact_id', 'last_contact_at'],
      ROWS,
      (i) => [
        client + i,
        at,
        at,
        version(i),
        `Bulk client ${i}`,
        `bulk${i}@clients.test`,
        null,
        'Bulk Inc',
        user,
        null,
      ],
    );
    insert('contracts', [...item, 'client_id', 'total_cents', 'due_cents', 'status', 'signed_at'], ROWS, (i) => [
      contract + i,
      at,
      at,
      version(i),
      client + i,
      5_000_000_000 + i,
      i,
      'signed',
      at,
    ]);
    insert(
      'events',
      [
        ...item,
        'name',
        'contract_id',
        'client_id',
        'support_contact_id',
        'starts_at',
        'ends_at',
        'location',
        'attendees',
        'notes',
      ],
      ROWS,
      (i) => [
        event + i,
        at,
        at,
        version(i),
        `Bulk event ${i}`,
        contract + i,
        client + i,
        null,
        at,
        at,
        'Paris',
        10,
        "l'été « ünïcode »",
      ],
    );
    insert(
      'bookings',
      [
        ...item,
        'topic',
        'starts_at',
        'duration_minutes',
        'attendees',
        'address_street',
        'address_city',
        'address_state',
        'address_postal_code',
        'address_country',
        'notes',
        'status',
        'requester_id',
        'decided_by',
        'decided_at',
        'decision_note',
      ],
      ROWS,
      (i) => [
        booking + i,
        at,
        at,
        version(i),
        `Bulk booking ${i}`,
        at,
        60,
        5,
        '1 Main St',
        'Lyon',
        null,
        '69001',
        'FR',
        null,
        'pending',
        user,
        null,
        null,
        null,
      ],
    );
    insert('orders', [...item, 'client_id', 'assignee_id', 'status', 'total_cents', 'fulfilled_at'], ROWS, (i) => [
      order + i,
      at,
      at,
      version(i),
      client + i,
      null,
      'pending',
      999,
      null,
    ]);
    insert('order_items', ['order_id', 'movie_id', 'quantity', 'unit_price_cents'], ROWS, (i) => [
      order + i,
      movie + i,
      1,
      999,
    ]);
    // The audit trail gets one entry per movie, written unsealed as recordAudit writes them: the copy seals them.
    const { top } = db.prepare('select coalesce(max(id), 0) as top from audit_entries').get() as { top: number };
    insert(
      'audit_entries',
      ['id', 'at', 'actor_id', 'action', 'entity', 'entity_id', 'changes', 'request_id', 'seq', 'prev_hash', 'hash'],
      ROWS,
      (i) => [
        top + 1 + i,
        at,
        user,
        'movie.created',
        'movie',
        String(movie + i),
        `{"title":[null,"Bulk movie ${i}"]}`,
        'bulk',
        null,
        '',
        '',
      ],
    );
  })();
  db.close();
}

/** A signature of a table's ids and versions, compared between source and target. */
async function idsAndVersions(url: string) {
  return withHandle(url, async (handle) => {
    const db = handle.db.withoutPlugins();
    const { rows } = await sql<{ n: number | string; ids: number | string; versions: number | string; top: number }>`
      select count(*) as n, sum(id) as ids, sum(version * (id % 13)) as versions, max(id) as top from movies`.execute(
      db,
    );
    const row = rows[0];
    return { n: Number(row?.n), ids: Number(row?.ids), versions: Number(row?.versions), top: Number(row?.top) };
  });
}

/** Signs in as a demo user on the target, reads a copied movie, and creates one: its id comes after the highest. */
async function writeOnTarget(url: string, highest: number) {
  const app = await appOn(url);
  try {
    const signIn = await app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { email: 'executive_producer@demo.backlot', password: DEMO_PASSWORD },
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const authorization = `Bearer ${signIn.json().access_token}`;
    const read = await app.app.inject({ method: 'GET', url: `/api/v1/movies/${highest}`, headers: { authorization } });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().title, `Bulk movie ${ROWS - 1}`);
    assert.equal(read.json().version, 1 + ((ROWS - 1) % 7));
    const created = await app.app.inject({
      method: 'POST',
      url: '/api/v1/movies',
      headers: { authorization },
      payload: { title: 'After the move', releaseDate: '2026-01-01', genres: ['drama'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().id, highest + 1);
  } finally {
    await app.close();
  }
}

describe('backlot db copy, 100,000 rows per main table', () => {
  let folder: string;
  let source: string;
  let counts: Record<string, number>;
  let signature: Awaited<ReturnType<typeof idsAndVersions>>;
  const targets = dialects().filter((d) => d.name !== 'sqlite');

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'backlot-copy-'));
    source = `sqlite:${join(folder, 'source.db')}`;
    await demoDatabase(source);
    bulkFill(join(folder, 'source.db'));
    counts = await withHandle(source, rowCounts);
    signature = await idsAndVersions(source);
    assert.ok(counts.audit_entries! > ROWS);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  for (const target of targets.length > 0 ? targets : [null]) {
    const name = target?.name ?? 'sqlite';
    it(`copies SQLite → ${name} and back, everything intact`, { timeout: 1_200_000 }, async (t) => {
      const database = target
        ? await target.fresh()
        : { url: `sqlite:${join(folder, 'target.db')}`, drop: async () => {} };
      try {
        const there = await backlot(['db', 'copy', '--from', source, '--to', database.url], SMALL_HEAP, folder);
        assert.equal(there.code, 0, there.stderr);
        assert.match(there.stdout, /^Copied \d+ rows of \d+ tables in [\d.]+ s \((\d+) rows\/s\)\.$/m);
        t.diagnostic(`SQLite → ${name}: ${there.stdout.trim()}`);
        assert.deepEqual(await withHandle(database.url, rowCounts), counts);
        assert.deepEqual(await idsAndVersions(database.url), signature);
        await assertChainVerifies(database.url, ROWS);

        if (target) {
          // A portable backup streams its rows from the database into the file, every one of them.
          const file = join(folder, `${name}.backup`);
          const backedUp = await backlot(['db', 'backup', file], { ...SMALL_HEAP, DATABASE_URL: database.url }, folder);
          assert.equal(backedUp.code, 0, backedUp.stderr);
          assert.deepEqual(await rowsInBackup(file), counts);
          t.diagnostic(`${name} backup: ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`);
          rmSync(file);
        }

        // A target that holds data is not overwritten unless told so.
        const again = await backlot(['db', 'copy', '--from', source, '--to', database.url], {}, folder);
        assert.equal(again.code, 6, again.stdout);
        assert.match(again.stderr, /not empty.*--yes/);

        await writeOnTarget(database.url, signature.top);

        const back = `sqlite:${join(folder, `back-from-${name}.db`)}`;
        const home = await backlot(['db', 'copy', '--from', database.url, '--to', back], SMALL_HEAP, folder);
        assert.equal(home.code, 0, home.stderr);
        t.diagnostic(`${name} → SQLite: ${home.stdout.trim()}`);
        // The movie and its audit entry created on the target came back too.
        const onTarget = await withHandle(database.url, rowCounts);
        assert.equal(onTarget.movies, counts.movies! + 1);
        assert.deepEqual(await withHandle(back, rowCounts), onTarget);
        await assertChainVerifies(back, ROWS + 1);
      } finally {
        await database.drop();
      }
    });
  }
});

describe('backlot db copy on a terminal', () => {
  it('shows a progress bar on standard error, from empty to full', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'backlot-copy-terminal-'));
    try {
      const from = `sqlite:${join(folder, 'demo.db')}`;
      await demoDatabase(from);
      const total = Object.values(await withHandle(from, rowCounts)).reduce((sum, n) => sum + n, 0);
      const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
      const command = [
        process.execPath,
        BIN,
        'db',
        'copy',
        '--from',
        from,
        '--to',
        `sqlite:${join(folder, 'copy.db')}`,
      ];
      // script(1) runs the command on a pseudo-terminal of its own and passes on what it showed.
      const shown = execFileSync(
        'script',
        ['--quiet', '--return', '--command', command.map(quote).join(' '), '/dev/null'],
        {
          cwd: folder,
          env: { PATH: process.env.PATH ?? '', TERM: 'xterm', LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        },
      );
      assert.match(shown, new RegExp(`\\rrows +\\[\\.{30}\\] 0/${total}`));
      assert.match(shown, new RegExp(`\\rrows +\\[#{30}\\] ${total}/${total}`));
      assert.match(shown, new RegExp(`Copied ${total} rows`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
