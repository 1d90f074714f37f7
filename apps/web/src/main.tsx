import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUnauthorizedHandler } from './api/client';
import { initCspNonce } from './cspNonce';
import { endSession } from './features/auth/endSession';
import { sessionQuery } from './features/auth/session';
import { applyCachedLook } from './features/preferences/theme';
import { createAppRouter } from './router';
import './styles.css';

initCspNonce();
applyCachedLook();

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
const router = createAppRouter(queryClient);

setUnauthorizedHandler(() => void endSession(router, queryClient, 'expired'));

// A signed-in page load (the server hinted the session check, see apps/console/src/http/spaShell.ts):
// check the session and open the socket now, while the router loads the shell and the page.
if (document.querySelector('link[rel="preload"][href="/api/v1/auth/session"]')) {
  const early = import('./features/shell/AppShell');
  void queryClient
    .ensureQueryData(sessionQuery)
    .then(async (session) => {
      if (!session || session.mfa.verificationRequired || session.mfa.enrolmentRequired) return;
      (await early).startLiveEarly(router, queryClient, window.location.pathname);
    })
    .catch(() => undefined); // the router's own check shows the error or the login page
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
