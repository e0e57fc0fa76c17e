import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { usePermissions } from '../auth/useSession.ts';

/** Active users with a role: the only ones a client (sales) or an event (support) can be given to. */
export function useStaff(role: string, enabled: boolean) {
  return useQuery({
    queryKey: ['staff', role],
    enabled,
    queryFn: async () => {
      const page = data(await api.GET('/api/v1/users', { params: { query: { filter: 'active=true', limit: 200 } } }));
      return page.items.filter((user) => user.roles.includes(role));
    },
  });
}

/** A user's name for whoever may read users, else their number. */
export function useUserName(id: number | null): string {
  const { can } = usePermissions();
  const user = useQuery({
    queryKey: ['user-name', id],
    enabled: id !== null && can('get:users'),
    staleTime: 5 * 60_000,
    queryFn: async () => data(await api.GET('/api/v1/users/{id}', { params: { path: { id: id ?? 0 } } })),
  });
  return id === null ? '' : (user.data?.fullName ?? `#${id}`);
}
