import type { Caller } from '../access/authorize.ts';
import { BUILT_IN_ROLES } from '../access/catalogue.ts';
import { seedBookings } from '../modules/bookings/seed.ts';
import { seedCasting } from '../modules/casting/seed.ts';
import { seedRelations } from '../modules/relations/seed.ts';
import { seedStore } from '../modules/store/seed.ts';
import type { Services } from '../services.ts';
import { seedScale as fillScale, type ScaleProgress } from './scale.ts';

export const DEMO_PASSWORD = 'backlot-demo';
export const DEMO_DOMAIN = 'demo.backlot';

function fullName(role: string): string {
  return `Demo ${role.replaceAll('_', ' ').replace(/\b\w/g, (c) => c.toUpperCase())}`;
}

/** Acts for the seed: every permission, recorded in the audit trail as the demo administrator. */
function seedActor(userId: number): Caller {
  return {
    userId,
    permissions: new Set(['*']),
    roles: ['admin'],
    sessionId: null,
    requestId: 'seed',
    mustChangePassword: false,
  };
}

/** One user per built-in role (`<role>@demo.backlot`, password `backlot-demo`) and every module's demo data. */
export async function seedDemo(services: Services): Promise<{ users: string[]; alreadyThere: boolean }> {
  const existing = await services.identity.emailsAt(DEMO_DOMAIN);
  if (existing.length > 0) return { users: existing, alreadyThere: true };
  const users: string[] = [];
  const ids: Record<string, number> = {};
  for (const role of BUILT_IN_ROLES) {
    const email = `${role.name}@${DEMO_DOMAIN}`;
    ids[role.name] = await services.identity.createUserDirect({
      email,
      fullName: fullName(role.name),
      password: DEMO_PASSWORD,
      roles: [role.name],
    });
    users.push(email);
  }
  const actor = seedActor(ids.admin!);
  await seedCasting(services.casting, actor);
  await seedRelations(services, ids);
  users.push(`sales2@${DEMO_DOMAIN}`, `support2@${DEMO_DOMAIN}`);
  await seedBookings(services, ids);
  await seedStore(services, ids);
  users.push(`requester2@${DEMO_DOMAIN}`);
  return { users, alreadyThere: false };
}

/** Adds about `count` rows to every main table, for load tests (see scale.ts). */
export async function seedScale(services: Services, count: number, progress: ScaleProgress): Promise<void> {
  const admin = await services.identity.holderOf('admin');
  await fillScale(services.handle, count, admin ?? null, progress);
}
