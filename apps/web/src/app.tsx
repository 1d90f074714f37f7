import type { SessionInfo } from '@qd/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { setUnauthorizedHandler } from './api/client';
import { endSession } from './features/auth/endSession';
import { signedInPath } from './features/auth/loginReason';
import { sessionQuery } from './features/auth/session';
import { createAppRouter } from './router';

export { prefetchAppChunks } from './router';

/**
 * Renders the full app (router + query client) into `root`. With `session`, the standalone
 * login page has just signed in: the app opens where that session goes first, without a reload.
 */
export function startApp(root: Root, session?: SessionInfo): void {
  const queryClient = new QueryClient({
    defaultOptions: {
      // Push, not polling: nothing refetches on its own.
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: 1,
      },
      mutations: { retry: false },
    },
  });
  if (session) {
    queryClient.setQueryData(sessionQuery.queryKey, session);
    // A history entry, as the router's own navigation from /login would have added.
    window.history.pushState(null, '', signedInPath(session));
  }
  const router = createAppRouter(queryClient);

  setUnauthorizedHandler(() => void endSession(router, queryClient, 'expired'));

  // A signed-in page load (the server hinted the session check, see
  // apps/console/src/http/spaShell.ts): check the session and open the socket now, while the
  // router loads the shell and the page.
  if (!session && document.querySelector('link[rel="preload"][href="/api/v1/auth/session"]')) {
    const early = import('./features/shell/AppShell');
    void queryClient
      .ensureQueryData(sessionQuery)
      .then(async (s) => {
        if (!s || signedInPath(s) !== '/') return; // the code step or enrolment comes first
        (await early).startLiveEarly(router, queryClient, window.location.pathname);
      })
      .catch(() => undefined); // the router's own check shows the error or the login page
  }

  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
