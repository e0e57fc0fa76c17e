import type { Caller } from '../../access/authorize.ts';
import type { Services } from '../../services.ts';

const DEMO_PASSWORD = 'backlot-demo';

const CLIENTS: [string, string, string][] = [
  ['Ada Whitfield', 'Whitfield Weddings', '+44 20 7946 0011'],
  ['Bruno Carvalho', 'Lisbon Film Society', '+351 21 000 1234'],
  ['Chloé Martin', 'Studio Lumière', '+33 1 70 36 12 00'],
  ['Dev Patel', 'Bright Lane Festivals', '+1 415 555 0142'],
  ['Elena Petrova', 'Nevsky Premieres', '+7 812 555 0199'],
  ['Farid Haddad', 'Cedar Conferences', '+961 1 555 010'],
  ['Grace Lee', 'Harbour Gala Trust', '+61 2 5550 1234'],
  ['Hugo Schmidt', 'Rhein Kinowerk', '+49 221 555 0100'],
];

/** Acts as a demo user with the permissions their roles grant, so the seed goes through the real rules. */
async function actorFor(services: Services, userId: number): Promise<Caller> {
  const { roles, permissions } = await services.identity.grantsOf(services.handle.db, userId);
  return {
    userId,
    roles,
    permissions: new Set(permissions),
    sessionId: null,
    requestId: 'seed',
    mustChangePassword: false,
  };
}

/**
 * Clients for each demo salesperson (a second one, sales2@, is created here, and a second support user, support2@),
 * contracts in every state (draft, signed with money due, signed and paid), events with and without support.
 * `actorIds` maps each built-in role to its demo user's id.
 */
export async function seedRelations(services: Services, actorIds: Record<string, number>): Promise<void> {
  const sales2 = await services.identity.createUserDirect({
    email: 'sales2@demo.backlot',
    fullName: 'Demo Sales Two',
    password: DEMO_PASSWORD,
    roles: ['sales'],
  });
  const support2 = await services.identity.createUserDirect({
    email: 'support2@demo.backlot',
    fullName: 'Demo Support Two',
    password: DEMO_PASSWORD,
    roles: ['support'],
  });
  const salesIds = [actorIds.sales, sales2].filter((id): id is number => id !== undefined);
  const supportIds = [actorIds.support, support2].filter((id): id is number => id !== undefined);
  const manager = await actorFor(services, actorIds.management ?? actorIds.admin ?? 0);
  const { relations } = services;

  for (const [index, [fullName, companyName, phone]] of CLIENTS.entries()) {
    const seller = await actorFor(services, salesIds[index % salesIds.length]!);
    const slug = fullName.toLowerCase().replace(/[^a-z]+/g, '.');
    const client = await relations.createClient(seller, {
      fullName,
      companyName,
      phone,
      email: `${slug}@example.com`,
      lastContactAt: new Date(Date.UTC(2026, index % 12, 1 + index)).toISOString(),
    });
    const total = 250_000 + index * 75_000;
    // Every client gets a draft; most also have a signed one, half of those still owing money.
    await relations.createContract(manager, { clientId: client.id, totalCents: total, dueCents: total });
    if (index % 4 === 3) continue;
    const due = index % 2 === 0 ? Math.round(total / 3) : 0;
    const contract = await relations.createContract(manager, { clientId: client.id, totalCents: total, dueCents: due });
    await relations.signContract(seller, contract.id);
    const startsAt = new Date(Date.UTC(2026, (index * 2) % 12, 10 + index, 18));
    const event = await relations.createEvent(seller, {
      name: `${companyName} evening`,
      contractId: contract.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 5 * 3600_000).toISOString(),
      location: ['London', 'Lisbon', 'Paris', 'San Francisco', 'Saint Petersburg', 'Beirut'][index % 6]!,
      attendees: 50 + index * 25,
      notes: index % 3 === 0 ? 'Red carpet and a short screening.' : null,
    });
    if (index % 3 !== 2) {
      await relations.assignSupport(manager, event.id, supportIds[index % supportIds.length]!);
    }
  }
}
