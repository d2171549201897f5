import { QueryCache, QueryClient, MutationCache } from '@tanstack/react-query';
import { isApiError } from './api';
import { meQueryKey } from '../features/auth/api';

function handleUnauthenticated(error: unknown) {
  // A session that ends (expired, signed out elsewhere) sends the user back to the login page.
  if (isApiError(error) && error.status === 401) queryClient.setQueryData(meQueryKey, null);
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
