/**
 * `backlot db seed --scale N`: about N rows in every main table, for load tests. Rows go in by multi-row INSERTs
 * (as many rows per statement as the database's parameter limit allows, at most 1,000) inside transactions of
 * 20,000 rows, so a million rows per table take minutes. The rules of the services are not run; the rows are valid
 * (constraints, references, the audit chain) but not the history a real use would leave: the audit trail gets one
 * `*.created` entry per movie.
 */
import { randomBytes } from 'node:crypto';
import { recordAuditBatch } from '../audit/audit.ts';
import { hashPassword } from '../modules/identity/passwords.ts';
import type { DatabaseHandle, Db } from './database.ts';
import { now } from './database.ts';
import type { Database } from './schema.ts';

/** `(table, rows done in that table, rows the table gets)`, after every statement. */
export type ScaleProgress = (table: string, done: number, total: number) => void;

const WORDS = ['Silent', 'Golden', 'Last', 'Broken', 'Midnight', 'Crimson', 'Quiet', 'Wild', 'Hidden', 'Electric'];
const NOUNS = ['River', 'Empire', 'Garden', 'Signal', 'Harbour', 'Winter', 'Orchard', 'Machine', 'Letter', 'Stranger'];
const FIRST = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Inès', 'Jonas', 'Kemi', 'Luca'];
const LAST = ['Martin', 'Okafor', 'Nguyen', 'Schmidt', 'Rossi', 'García', 'Kowalski', 'Tanaka', 'Dubois', 'Silva'];
const GENRES = ['drama', 'comedy', 'thriller', 'documentary', 'animation', 'western', 'noir', 'musical'];
const CITIES = ['Lyon', 'Austin', 'Porto', 'Osaka', 'Toronto', 'Edinburgh', 'Munich', 'Milan'];
const TRANSACTION_ROWS = 20_000;
const DAY = 24 * 3600_000;

/** Deterministic pseudo-random numbers (the same rows for the same N). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Table = keyof Database & string;

/** Inserts `count` rows made by `make(i)`, in multi-row statements and transactions; returns the new ids in order. */
async function fill(
  db: Db,
  table: Table,
  count: number,
  make: (i: number) => Record<string, unknown>,
  progress: ScaleProgress,
): Promise<number[]> {
  if (count === 0) return [];
  const columns = Object.keys(make(0)).length;
  // SQLite allows 32,766 bound parameters per statement, PostgreSQL and MySQL 65,535.
  const perStatement = Math.max(1, Math.min(1000, Math.floor(30_000 / columns)));
  const ids: number[] = [];
  const hasId = table !== 'orderItems' && table !== 'userRoles';
  const maxId = async (d: Db) =>
    hasId
      ? Number(
          (
            await d
              .selectFrom(table as 'movies')
              .select((eb) => eb.fn.max('id').as('max'))
              .executeTakeFirst()
          )?.max ?? 0,
        )
      : 0;
  for (let start = 0; start < count; start += TRANSACTION_ROWS) {
    const end = Math.min(count, start + TRANSACTION_ROWS);
    await db.transaction().execute(async (trx) => {
      const before = await maxId(trx);
      for (let from = start; from < end; from += perStatement) {
        const rows = [];
        for (let i = from; i < Math.min(end, from + perStatement); i++) rows.push(make(i));
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
        progress(table, Math.min(end, from + perStatement), count);
      }
      if (hasId) {
        // The ids this transaction made (SQLite and MySQL lock the table's inserts; PostgreSQL's sequence may
        // interleave with other writers, so read them back rather than assume a range).
        const made = await trx
          .selectFrom(table as 'movies')
          .select('id')
          .where('id', '>', before)
          .orderBy('id')
          .execute();
        for (const row of made) ids.push(row.id);
      }
    });
  }
  return ids;
}

/** Adds about `count` rows to every main table; audit entries record the movies as created by `actorId`. */
export async function seedScale(
  handle: DatabaseHandle,
  count: number,
  actorId: number | null,
  progress: ScaleProgress,
): Promise<void> {
  const { db, dialect } = handle;
  const next = random(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const at = now();
  const item = { createdAt: at, updatedAt: at, version: 1 };
  // Unique per run, so that seeding twice adds rows instead of colliding on unique emails.
  const run = randomBytes(3).toString('hex');
  const base = Date.now();
  const isoDay = (offsetDays: number) => new Date(base + offsetDays * DAY).toISOString().slice(0, 10);

  // Staff: one per 100 rows, sales and support people to assign clients and events to. Nobody knows the password.
  const staffCount = Math.max(2, Math.ceil(count / 100));
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
  const staff = await fill(
    db,
    'users',
    staffCount,
    (i) => ({
      email: `staff${i}.${run}@scale.backlot`,
      fullName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`,
      employeeNumber: null,
      passwordHash,
      active: 1,
      mustChangePassword: 0,
      lastLoginAt: null,
      ...item,
    }),
    progress,
  );
  const roles = await db.selectFrom('roles').select(['id', 'name']).where('name', 'in', ['sales', 'support']).execute();
  if (roles.length > 0) {
    await fill(
      db,
      'userRoles',
      staff.length,
      (i) => ({ userId: staff[i], roleId: roles[i % roles.length]!.id }),
      progress,
    );
  }

  const movies = await fill(
    db,
    'movies',
    count,
    (i) => ({
      title: `${pick(WORDS)} ${pick(NOUNS)} ${i}`,
      releaseDate: `${1950 + Math.floor(next() * 75)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      genres: JSON.stringify([...new Set([pick(GENRES), pick(GENRES)])]),
      priceCents: 499 + Math.floor(next() * 30) * 100,
      stock: Math.floor(next() * 100),
      ...item,
    }),
    progress,
  );
  await fill(
    db,
    'actors',
    count,
    (i) => ({
      name: `${pick(FIRST)} ${pick(LAST)} ${i}`,
      age: 18 + Math.floor(next() * 60),
      gender: null,
      ...item,
    }),
    progress,
  );
  const clients = await fill(
    db,
    'clients',
    count,
    (i) => ({
      fullName: `${pick(FIRST)} ${pick(LAST)} ${i}`,
      email: `client${i}.${run}@scale.backlot`,
      phone: null,
      companyName: `${pick(NOUNS)} ${pick(['Films', 'Studios', 'Pictures', 'Media'])}`,
      salesContactId: staff[i % staff.length],
      lastContactAt: null,
      ...item,
    }),
    progress,
  );
  const contracts = await fill(
    db,
    'contracts',
    count,
    (i) => {
      const total = 1000 * (1 + Math.floor(next() * 500));
      const signed = next() < 0.6;
      return {
        clientId: clients[i % clients.length],
        totalCents: total,
        dueCents: signed ? Math.floor(total * next()) : total,
        status: signed ? 'signed' : 'draft',
        signedAt: signed ? at : null,
        ...item,
      };
    },
    progress,
  );
  await fill(
    db,
    'events',
    contracts.length,
    (i) => {
      const starts = new Date(base + Math.floor((next() - 0.5) * 730) * DAY);
      return {
        name: `${pick(WORDS)} ${pick(['Premiere', 'Gala', 'Screening', 'Festival'])} ${i}`,
        contractId: contracts[i],
        clientId: clients[i % clients.length],
        supportContactId: staff[(i + 1) % staff.length],
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 4 * 3600_000).toISOString(),
        location: pick(CITIES),
        attendees: 10 + Math.floor(next() * 500),
        notes: null,
        ...item,
      };
    },
    progress,
  );
  await fill(
    db,
    'bookings',
    count,
    (i) => ({
      topic: `${pick(['Screening', 'Anniversary', 'Launch', 'Reception'])} ${i}`,
      startsAt: `${isoDay(Math.floor((next() - 0.3) * 365))}T18:00:00.000Z`,
      durationMinutes: 60 + 15 * Math.floor(next() * 20),
      attendees: 5 + Math.floor(next() * 200),
      addressStreet: `${1 + Math.floor(next() * 200)} Main Street`,
      addressCity: pick(CITIES),
      addressState: null,
      addressPostalCode: String(10000 + Math.floor(next() * 89999)),
      addressCountry: 'FR',
      notes: null,
      status: pick(['pending', 'accepted', 'rejected']),
      requesterId: staff[i % staff.length],
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      ...item,
    }),
    progress,
  );
  const prices: number[] = [];
  const orders = await fill(
    db,
    'orders',
    count,
    (i) => {
      prices[i] = 499 + Math.floor(next() * 30) * 100;
      return {
        clientId: clients[i % clients.length],
        assigneeId: null,
        status: pick(['pending', 'fulfilled', 'cancelled']),
        totalCents: prices[i],
        fulfilledAt: null,
        ...item,
      };
    },
    progress,
  );
  await fill(
    db,
    'orderItems',
    orders.length,
    (i) => ({ orderId: orders[i], movieId: movies[i % movies.length], quantity: 1, unitPriceCents: prices[i] ?? 0 }),
    progress,
  );

  // The trail: one entry per movie, chained like any other entry.
  const entries = movies.length;
  for (let start = 0; start < entries; start += TRANSACTION_ROWS) {
    const end = Math.min(entries, start + TRANSACTION_ROWS);
    await db.transaction().execute(async (trx) => {
      const batch = [];
      for (let i = start; i < end; i++) {
        batch.push({
          actorId,
          action: 'movie.created',
          entity: 'movies',
          entityId: movies[i]!,
          changes: { id: [null, movies[i]!] as [unknown, unknown] },
        });
      }
      await recordAuditBatch(trx, dialect, batch, (done) => progress('auditEntries', start + done, entries));
    });
  }
}
