import { AuditService } from './audit/service.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { BookingsService } from './modules/bookings/service.ts';
import { CastingService } from './modules/casting/service.ts';
import { ExternalTokenVerifier } from './modules/identity/external.ts';
import { PersonalTokensService } from './modules/identity/personal-tokens-service.ts';
import { RolesService } from './modules/identity/roles-service.ts';
import { IdentityService } from './modules/identity/service.ts';
import { type CounterStore, LoginThrottle, MemoryCounterStore } from './modules/identity/throttle.ts';
import { TokenService } from './modules/identity/tokens.ts';
import { UsersService } from './modules/identity/users-service.ts';
import { RelationsService } from './modules/relations/service.ts';
import { StatsService } from './modules/stats/service.ts';
import { StoreService } from './modules/store/service.ts';
import { ViewsService } from './modules/views/service.ts';

/** Every service of the product, wired once per process over one database. */
export interface Services {
  handle: DatabaseHandle;
  identity: IdentityService;
  personalTokens: PersonalTokensService;
  casting: CastingService;
  audit: AuditService;
  users: UsersService;
  roles: RolesService;
  relations: RelationsService;
  bookings: BookingsService;
  store: StoreService;
  stats: StatsService;
  views: ViewsService;
}

export function createServices(
  config: Config & { jwtSecret: string },
  handle: DatabaseHandle,
  counters: CounterStore = new MemoryCounterStore(),
): Services {
  const users = new UsersService(handle);
  const personalTokens = new PersonalTokensService(handle);
  return {
    handle,
    personalTokens,
    identity: new IdentityService({
      handle,
      tokens: new TokenService(config.jwtSecret, config.accessTokenTtlSeconds),
      external: new ExternalTokenVerifier(config.externalIssuers),
      throttle: new LoginThrottle(counters),
      personalTokens,
      refreshTtlSeconds: config.refreshTokenTtlSeconds,
    }),
    casting: new CastingService(handle),
    audit: new AuditService(handle),
    users,
    roles: new RolesService(handle),
    relations: new RelationsService(handle, users),
    bookings: new BookingsService(handle),
    store: new StoreService(handle, users),
    stats: new StatsService(handle),
    views: new ViewsService(handle),
  };
}
