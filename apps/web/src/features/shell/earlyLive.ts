import type { QueryClient } from '@tanstack/react-query';
import type { RegisteredRouter } from '@tanstack/react-router';
import { onSessionEnd } from '../auth/endSession';
import { liveSocket } from '../../live/socket';
import { connectLive } from '../../live/useLiveSocket';

/** The topics a page shows first, by path: subscribed before the page's code has loaded. */
const FIRST_VIEW_TOPICS: Readonly<Record<string, readonly string[]>> = {
  '/': ['positions'],
};

/** Long enough for the page to have mounted and taken its own hold on the same topics. */
const EARLY_HOLD_MS = 30_000;

/**
 * Opens the live socket for a signed-in page load as soon as the session is known, and
 * subscribes the page's first-view topics, so their snapshots arrive while the shell and page
 * chunks load and render instead of after the page has mounted. The page's own subscriptions
 * take over; the early hold is let go after a while or when the session ends.
 */
export function startLiveEarly(
  router: RegisteredRouter,
  queryClient: QueryClient,
  path: string,
): void {
  connectLive(router, queryClient);
  for (const topic of FIRST_VIEW_TOPICS[path] ?? []) {
    const release = liveSocket.retain(topic);
    const letGo = () => {
      clearTimeout(timer);
      unregister();
      release();
    };
    const timer = setTimeout(letGo, EARLY_HOLD_MS);
    const unregister = onSessionEnd(letGo);
  }
}
