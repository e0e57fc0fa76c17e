import { Counter, Registry } from 'prom-client';

/**
 * Business figures for Prometheus, counted by the services when a change commits (or is refused), for the
 * whole process: every app's `/metrics` shows them beside its HTTP figures.
 */
export const businessRegistry = new Registry();

const signIns = new Counter({
  name: 'backlot_sign_ins_total',
  help: 'Sign-ins with a password, by outcome (ok, failed: a wrong password, an unknown account or too many failures)',
  labelNames: ['outcome'],
  registers: [businessRegistry],
});
const orders = new Counter({
  name: 'backlot_orders_total',
  help: 'Orders placed, and orders refused because a movie was short of stock',
  labelNames: ['outcome'],
  registers: [businessRegistry],
});
const contractsSigned = new Counter({
  name: 'backlot_contracts_signed_total',
  help: 'Contracts signed',
  registers: [businessRegistry],
});
const bookingDecisions = new Counter({
  name: 'backlot_booking_decisions_total',
  help: 'Bookings decided, by decision (accepted, rejected)',
  labelNames: ['decision'],
  registers: [businessRegistry],
});

// Every series exists from the start, at 0, so that rates and alerts work before the first event.
for (const outcome of ['ok', 'failed']) signIns.inc({ outcome }, 0);
for (const outcome of ['placed', 'insufficient_stock']) orders.inc({ outcome }, 0);
for (const decision of ['accepted', 'rejected']) bookingDecisions.inc({ decision }, 0);

export const businessMetrics = {
  signIn: (outcome: 'ok' | 'failed') => signIns.inc({ outcome }),
  orderPlaced: () => orders.inc({ outcome: 'placed' }),
  orderRefusedForStock: () => orders.inc({ outcome: 'insufficient_stock' }),
  contractSigned: () => contractsSigned.inc(),
  bookingDecided: (decision: 'accepted' | 'rejected') => bookingDecisions.inc({ decision }),
};
