import type { SessionInfo } from '@qd/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { setCsrfToken } from '../../api/client';
import { fetchSession } from '../../api/auth';

export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: async (): Promise<SessionInfo | null> => {
    const session = await fetchSession();
    setCsrfToken(session?.csrfToken ?? null);
    return session;
  },
  staleTime: Infinity,
  gcTime: Infinity,
  retry: false,
});

/** The signed-in session; inside the app shell it is always loaded. */
export function useSession(): SessionInfo | null {
  return useQuery(sessionQuery).data ?? null;
}
