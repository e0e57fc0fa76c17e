import type { Generated } from 'kysely';

/**
 * Table types, in the camelCase that Kysely's CamelCasePlugin maps to snake_case columns.
 * Timestamps are ISO 8601 UTC strings and dates `YYYY-MM-DD`, so that all three databases compare
 * and sort them alike; booleans are 0/1; lists and objects are JSON text.
 */
interface Row {
  id: Generated<number>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UsersTable extends Row {
  email: string;
  fullName: string;
  employeeNumber: string | null;
  passwordHash: string | null;
  active: number;
  mustChangePassword: number;
  lastLoginAt: string | null;
}

export interface RolesTable extends Row {
  name: string;
  description: string;
  permissions: string;
  builtIn: number;
}

export interface UserRolesTable {
  userId: number;
  roleId: number;
}

export interface SessionsTable {
  id: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

export interface RefreshTokensTable {
  tokenHash: string;
  sessionId: string;
  createdAt: string;
  usedAt: string | null;
}

export interface PersonalAccessTokensTable extends Row {
  userId: number;
  name: string;
  tokenHash: string;
  /** JSON list of permissions: at use, narrowed again to what the user's roles still grant. */
  permissions: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ExternalIdentitiesTable {
  issuer: string;
  subject: string;
  userId: number;
  createdAt: string;
}

export interface AuditEntriesTable {
  id: Generated<number>;
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  changes: string;
  requestId: string | null;
  /** The entry's place in the chain; null until the sealer links it (and then its hashes are empty). */
  seq: number | null;
  prevHash: string;
  hash: string;
}

/** The end of the sealed chain: the last entry's place, id and hash. */
export interface AuditHeadTable {
  id: number;
  lastSeq: number;
  lastId: number;
  lastHash: string;
}

export interface MoviesTable extends Row {
  title: string;
  releaseDate: string;
  genres: string;
  priceCents: number;
  stock: number;
}

export interface ActorsTable extends Row {
  name: string;
  age: number | null;
  gender: string | null;
}

export interface CastingsTable {
  movieId: number;
  actorId: number;
  character: string;
  billing: number | null;
  createdAt: string;
}

export interface ClientsTable extends Row {
  fullName: string;
  email: string;
  phone: string | null;
  companyName: string | null;
  salesContactId: number | null;
  lastContactAt: string | null;
}

export interface ContractsTable extends Row {
  clientId: number;
  totalCents: number;
  dueCents: number;
  status: string;
  signedAt: string | null;
}

export interface EventsTable extends Row {
  name: string;
  contractId: number;
  clientId: number;
  supportContactId: number | null;
  startsAt: string;
  endsAt: string;
  location: string | null;
  attendees: number | null;
  notes: string | null;
}

export interface BookingsTable extends Row {
  topic: string;
  startsAt: string;
  durationMinutes: number;
  attendees: number;
  addressStreet: string;
  addressCity: string;
  addressState: string | null;
  addressPostalCode: string;
  addressCountry: string;
  notes: string | null;
  status: string;
  requesterId: number;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface OrdersTable extends Row {
  clientId: number;
  assigneeId: number | null;
  status: string;
  totalCents: number;
  fulfilledAt: string | null;
}

export interface OrderItemsTable {
  orderId: number;
  movieId: number;
  quantity: number;
  unitPriceCents: number;
}

export interface IdempotencyKeysTable {
  userId: number;
  key: string;
  fingerprint: string;
  statusCode: number;
  response: string;
  createdAt: string;
}

export interface Database {
  idempotencyKeys: IdempotencyKeysTable;
  users: UsersTable;
  roles: RolesTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  refreshTokens: RefreshTokensTable;
  personalAccessTokens: PersonalAccessTokensTable;
  externalIdentities: ExternalIdentitiesTable;
  auditEntries: AuditEntriesTable;
  auditHead: AuditHeadTable;
  movies: MoviesTable;
  actors: ActorsTable;
  castings: CastingsTable;
  clients: ClientsTable;
  contracts: ContractsTable;
  events: EventsTable;
  bookings: BookingsTable;
  orders: OrdersTable;
  orderItems: OrderItemsTable;
  savedViews: SavedViewsTable;
}

export interface SavedViewsTable {
  id: Generated<number>;
  userId: number;
  list: string;
  name: string;
  filter: string;
  sort: string | null;
  createdAt: string;
}
