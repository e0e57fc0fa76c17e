import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (4xx) is an answer, not a glitch; a 401 is retried once, after the session has been refreshed.
      retry: (count, error) => (error instanceof ApiError ? error.problem.status === 401 && count < 1 : count < 2),
    },
  },
});
