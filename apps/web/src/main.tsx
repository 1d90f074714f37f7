import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUnauthorizedHandler } from './api/client';
import { initCspNonce } from './cspNonce';
import { endSession } from './features/auth/endSession';
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

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
