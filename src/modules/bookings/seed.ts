import type { Caller } from '../../access/authorize.ts';
import type { Services } from '../../services.ts';

const DEMO_PASSWORD = 'backlot-demo';
const DAY = 24 * 3600_000;

const REQUESTS: { topic: string; city: string; street: string; postalCode: string; country: string; state?: string }[] =
  [
    {
      topic: 'Premiere screening',
      city: 'Lyon',
      street: '12 rue de la République',
      postalCode: '69002',
      country: 'FR',
    },
    {
      topic: 'Company anniversary',
      city: 'Austin',
      street: '500 Congress Ave',
      postalCode: '78701',
      country: 'US',
      state: 'TX',
    },
    {
      topic: 'Film club evening',
      city: 'Porto',
      street: 'Rua de Santa Catarina 112',
      postalCode: '4000-442',
      country: 'PT',
    },
    { topic: 'Product launch', city: 'Osaka', street: '1-1 Umeda', postalCode: '530-0001', country: 'JP' },
    {
      topic: 'Charity gala',
      city: 'Toronto',
      street: '100 Queen St W',
      postalCode: 'M5H 2N2',
      country: 'CA',
      state: 'ON',
    },
    { topic: 'Wedding reception', city: 'Edinburgh', street: '1 Princes St', postalCode: 'EH2 2EQ', country: 'GB' },
    { topic: 'School graduation', city: 'Munich', street: 'Marienplatz 8', postalCode: '80331', country: 'DE' },
    { topic: 'Press junket', city: 'Milan', street: 'Via Dante 4', postalCode: '20121', country: 'IT' },
  ];

/** Acts as a demo user with the permissions their roles grant, so the seed goes through the real rules. */
export async function demoActor(services: Services, userId: number): Promise<Caller> {
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
 * Two requesters (the second, requester2@, is created here) with bookings in every state: pending, accepted with a
 * note, rejected with a reason, and one withdrawn. `actorIds` maps each built-in role to its demo user's id.
 */
export async function seedBookings(services: Services, actorIds: Record<string, number>): Promise<void> {
  const requester2 = await services.identity.createUserDirect({
    email: 'requester2@demo.backlot',
    fullName: 'Demo Requester Two',
    password: DEMO_PASSWORD,
    roles: ['requester'],
  });
  const requesterIds = [actorIds.requester, requester2].filter((id): id is number => id !== undefined);
  const manager = await demoActor(services, actorIds.management ?? actorIds.admin ?? 0);
  const { bookings } = services;
  const start = Date.now();
  for (const [index, request] of REQUESTS.entries()) {
    const requester = await demoActor(services, requesterIds[index % requesterIds.length]!);
    const { topic, city, street, postalCode, country, state } = request;
    const startsAt = new Date(Math.ceil((start + (14 + index * 9) * DAY) / 3600_000) * 3600_000 + 18 * 3600_000);
    const { value: booking } = await bookings.submit(requester, {
      topic,
      startsAt: startsAt.toISOString(),
      durationMinutes: [90, 240, 120, 60, 300, 480, 180, 45][index]!,
      attendees: 20 + index * 35,
      address: { street, city, postalCode, country, ...(state ? { state } : {}) },
      notes: index % 2 === 0 ? 'We would like a short introduction by the director.' : null,
    });
    if (index % 4 === 1) await bookings.accept(manager, booking.id, 'Confirmed: see you there.');
    else if (index % 4 === 2) await bookings.reject(manager, booking.id, 'The team is fully booked that week.');
    else if (index === 7) await bookings.delete(requester, booking.id);
  }
}
