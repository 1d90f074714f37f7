import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { LoginPage } from './features/auth/LoginPage';
import { parseLoginSearch } from './features/auth/loginReason';
import { sessionQuery } from './features/auth/session';
import { Toaster } from './features/shell/Toaster';
import { SkeletonRows } from './ui/Skeleton';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <Outlet />
      <Toaster />
    </>
  ),
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: parseLoginSearch,
  component: LoginPage,
});

/** The shell's outline while its code loads, so the page does not jump. */
function ShellPending() {
  return (
    <div className="flex h-full flex-col">
      <div className="h-12 shrink-0 border-b border-line bg-panel" />
      <div className="flex min-h-0 flex-1">
        <div className="hidden w-12 shrink-0 border-r border-line bg-panel md:block lg:w-48" />
        <SkeletonRows rows={10} label="Loading Quarterdeck" />
      </div>
    </div>
  );
}

/** Everything behind a session; without one, the login page. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context }) => {
    let session;
    try {
      session = await context.queryClient.ensureQueryData(sessionQuery);
    } catch {
      throw redirect({ to: '/login', search: { reason: 'unreachable' } });
    }
    if (!session) throw redirect({ to: '/login', search: {} });
  },
  component: lazyRouteComponent(() => import('./features/shell/AppShell'), 'AppShell'),
  pendingComponent: ShellPending,
});

function PagePending() {
  return <SkeletonRows rows={10} label="Loading page" />;
}

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(
    () => import('./features/dashboard/DashboardPage'),
    'DashboardPage',
  ),
  pendingComponent: PagePending,
});

const killSwitchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kill-switch',
  component: lazyRouteComponent(
    () => import('./features/killSwitch/KillSwitchPage'),
    'KillSwitchPage',
  ),
  pendingComponent: PagePending,
});

function NotFound() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center">
      <p className="text-base font-semibold">This page does not exist.</p>
      <Link to="/" className="text-ui text-accent hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([dashboardRoute, killSwitchRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultNotFoundComponent: NotFound,
    defaultPendingMs: 150,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
