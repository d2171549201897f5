import { QueryCache, QueryClient, MutationCache } from '@tanstack/react-query';
import { isApiError } from './api';
import { meQueryKey } from '../features/auth/api';

function handleUnauthenticated(error: unknown) {
  // A 401 means the session may have ended (expired, signed out elsewhere): ask /auth/me again,
  // which shows the login page if it is really gone.
  if (isApiError(error) && error.status === 401) {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleUnauthenticated }),
  mutationCache: new MutationCache({ onError: handleUnauthenticated }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (failureCount, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failureCount < 2;
      },
    },
  },
});
