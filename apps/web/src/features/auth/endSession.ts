import type { QueryClient } from '@tanstack/react-query';
import type { RegisteredRouter } from '@tanstack/react-router';
import { setCsrfToken } from '../../api/client';
import type { LoginReason } from './loginReason';

/** Things to shut when the session ends (the live socket registers itself here). */
const cleanups = new Set<() => void>();

export function onSessionEnd(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Closes the live socket, forgets all server data and shows the login page. */
export async function endSession(
  router: RegisteredRouter,
  queryClient: QueryClient,
  reason?: LoginReason,
): Promise<void> {
  for (const c of cleanups) c();
  setCsrfToken(null);
  await router.navigate({ to: '/login', search: reason ? { reason } : {} });
  queryClient.clear();
  queryClient.setQueryData(['session'], null);
}
