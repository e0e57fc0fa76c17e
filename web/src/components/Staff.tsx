import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

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
