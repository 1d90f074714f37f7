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
import { LoginRoute } from './features/auth/LoginRoute';
import { parseLoginSearch, signedInPath } from './features/auth/loginReason';
import { sessionQuery } from './features/auth/session';
import { StepUpHost } from './features/auth/stepUp';
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
      <StepUpHost />
    </>
  ),
});

// The signed-in chunks. Fetched in parallel with the session check on a deep link, and while
// the login form shows, so the dashboard does not wait for a chain of lazy loads.
const loadShell = () => import('./features/shell/AppShell');
const loadDashboard = () => import('./features/dashboard/DashboardPage');

/** Starts loading the shell and dashboard chunks without waiting for them. */
export function prefetchAppChunks(): void {
  void loadShell().catch(() => undefined);
  void loadDashboard().catch(() => undefined);
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: parseLoginSearch,
  component: LoginRoute,
  // After the form has painted, so the prefetch never delays it.
  onEnter: () => void setTimeout(prefetchAppChunks, 300),
});

/** After sign-in, when the role requires MFA that is not set up: enrol before anything else. */
const enrolMfaRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/enrol-mfa',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (!session) throw redirect({ to: '/login', search: {} });
  },
  component: lazyRouteComponent(() => import('./features/auth/mfa/EnrolMfaPage'), 'EnrolMfaPage'),
});

/** After a sign-in that proved no second factor, for a user who has TOTP: the code step. */
const verifyMfaRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-mfa',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (!session) throw redirect({ to: '/login', search: {} });
  },
  component: lazyRouteComponent(() => import('./features/auth/mfa/VerifyMfaPage'), 'VerifyMfaPage'),
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
    prefetchAppChunks();
    let session;
    try {
      session = await context.queryClient.ensureQueryData(sessionQuery);
    } catch {
      throw redirect({ to: '/login', search: { reason: 'unreachable' } });
    }
    if (!session) throw redirect({ to: '/login', search: {} });
    const first = signedInPath(session); // the code step or MFA enrolment comes first
    if (first !== '/') throw redirect({ to: first });
    // Open the socket now, so its handshake overlaps loading and rendering the shell; the shell
    // attaches the topic cache and the session handlers when it mounts (useLiveSocket). A dynamic
    // import, so the login route does not carry the socket code.
    void import('./live/socket').then(
      (m) => m.liveSocket.start(),
      () => undefined,
    );
  },
  component: lazyRouteComponent(loadShell, 'AppShell'),
  pendingComponent: ShellPending,
});

function PagePending() {
  return <SkeletonRows rows={10} label="Loading page" />;
}

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(loadDashboard, 'DashboardPage'),
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

const controlsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/controls',
  component: lazyRouteComponent(
    () => import('./features/positionControls/ControlsPage'),
    'ControlsPage',
  ),
  pendingComponent: PagePending,
});

const breakerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/breaker',
  component: lazyRouteComponent(() => import('./features/breaker/BreakerPage'), 'BreakerPage'),
  pendingComponent: PagePending,
});

const strategiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/strategies',
  component: lazyRouteComponent(
    () => import('./features/strategies/StrategiesPage'),
    'StrategiesPage',
  ),
  pendingComponent: PagePending,
});

const twapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/twap',
  component: lazyRouteComponent(() => import('./features/twap/TwapPage'), 'TwapPage'),
  pendingComponent: PagePending,
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('./features/profile/ProfilePage'), 'ProfilePage'),
  pendingComponent: PagePending,
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  component: lazyRouteComponent(() => import('./features/admin/UsersPage'), 'UsersPage'),
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
  enrolMfaRoute,
  verifyMfaRoute,
  appRoute.addChildren([
    dashboardRoute,
    killSwitchRoute,
    controlsRoute,
    breakerRoute,
    strategiesRoute,
    twapRoute,
    profileRoute,
    usersRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultNotFoundComponent: NotFound,
    defaultPendingMs: 150,
    // The router would otherwise hold a shown skeleton for at least 500 ms, delaying the first
    // rows of a cold load; the skeletons match the layout, so swapping them early does not flash.
    defaultPendingMinMs: 0,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
