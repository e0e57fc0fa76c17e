import { AuditService } from './audit/service.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { CastingService } from './modules/casting/service.ts';
import { ExternalTokenVerifier } from './modules/identity/external.ts';
import { RolesService } from './modules/identity/roles-service.ts';
import { IdentityService } from './modules/identity/service.ts';
import { type CounterStore, LoginThrottle, MemoryCounterStore } from './modules/identity/throttle.ts';
import { TokenService } from './modules/identity/tokens.ts';
import { UsersService } from './modules/identity/users-service.ts';
import { RelationsService } from './modules/relations/service.ts';

/** Every service of the product, wired once per process over one database. */
export interface Services {
  handle: DatabaseHandle;
  identity: IdentityService;
  casting: CastingService;
  audit: AuditService;
  users: UsersService;
  roles: RolesService;
  relations: RelationsService;
}

export function createServices(
  config: Config & { jwtSecret: string },
  handle: DatabaseHandle,
  counters: CounterStore = new MemoryCounterStore(),
): Services {
  return {
    handle,
    identity: new IdentityService({
      handle,
      tokens: new TokenService(config.jwtSecret, config.accessTokenTtlSeconds),
      external: new ExternalTokenVerifier(config.externalIssuers),
      throttle: new LoginThrottle(counters),
      refreshTtlSeconds: config.refreshTokenTtlSeconds,
    }),
    casting: new CastingService(handle),
    audit: new AuditService(handle),
    users: new UsersService(handle),
    roles: new RolesService(handle),
    relations: new RelationsService(handle, new UsersService(handle)),
  };
}
