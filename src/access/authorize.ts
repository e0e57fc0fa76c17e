import { Forbidden } from '../errors.ts';
import { ALL, PERMISSIONS } from './catalogue.ts';

/** Who is calling: the authenticated user, what they may do, and which request this is. */
export interface Caller {
  userId: number;
  permissions: ReadonlySet<string>;
  roles: readonly string[];
  /** Backlot's own session, or null for a token of an external issuer. */
  sessionId: string | null;
  requestId: string;
  /** A user whose password was reset may only change it (and read or end their session). */
  mustChangePassword: boolean;
  /** Set when the caller authenticated with a personal access token (which cannot create others). */
  personalTokenId?: number;
}

/** The answer of an access check: everything, only the caller's own items, or nothing. */
export type Access = 'all' | 'own';

export function can(actor: Caller, permission: string): boolean {
  if (actor.permissions.has(permission) || actor.permissions.has(ALL)) return true;
  // A token carries `*` expanded into every permission: holding them all is holding `*` (an administrator's grant).
  return permission === ALL && PERMISSIONS.every((each) => actor.permissions.has(each));
}

/**
 * One access check at the top of every service operation. `action:resource` grants all items;
 * `action:resource:own` only the caller's, which the repository turns into a WHERE clause.
 */
export function authorize(actor: Caller, action: string, resource: string): Access {
  if (can(actor, `${action}:${resource}`)) return 'all';
  if (can(actor, `${action}:${resource}:own`)) return 'own';
  throw missingPermission(`${action}:${resource}`);
}

/** For operations with no `:own` form. */
export function requirePermission(actor: Caller, permission: string): void {
  if (!can(actor, permission)) throw missingPermission(permission);
}

/** A 403 that names the permission needed, in its detail and as the problem's `permission` member. */
function missingPermission(permission: string): Forbidden {
  const [action, resource] = permission.split(':');
  const error = new Forbidden(`You do not have permission to ${action} ${resource} (needs ${permission}).`);
  error.permission = permission;
  return error;
}
