import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, data } from '../api/client.ts';
import { sessionState, subscribe } from './session.ts';

export function useSessionState() {
  return useSyncExternalStore(subscribe, sessionState);
}

/** The signed-in user, with roles and permissions (GET /auth/me). */
export function useMe() {
  const state = useSessionState();
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => data(await api.GET('/api/v1/auth/me')),
    enabled: state === 'signed-in',
    staleTime: 60_000,
  });
}

/** What the signed-in user may do: a permission, or its `:own` variant when `own` is set. */
export function usePermissions() {
  const me = useMe();
  const granted = new Set(me.data?.permissions ?? []);
  const can = (permission: string, own = false) =>
    granted.has('*') || granted.has(permission) || (own && granted.has(`${permission}:own`));
  return { can, me: me.data };
}
