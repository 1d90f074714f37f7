import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRouter, type RegisteredRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { fetchSession } from '../api/auth';
import { revokedReason } from '../features/auth/activityKeepalive';
import { endSession, onSessionEnd } from '../features/auth/endSession';
import { liveSocket } from './socket';
import { createTopicSink } from './topicCache';

/**
 * Feeds the socket's data into the query cache, starts it, and closes it when the session ends.
 * Safe to call again (the page boot calls it before the shell mounts); returns the unregistration.
 */
export function connectLive(router: RegisteredRouter, queryClient: QueryClient): () => void {
  liveSocket.attach(createTopicSink(queryClient), {
    revoked: (reason) => void endSession(router, queryClient, revokedReason(reason)),
    // A refused upgrade is usually a dead session; check before retrying blindly.
    refused: () => {
      fetchSession()
        .then((s) => (s ? undefined : endSession(router, queryClient, 'expired')))
        .catch(() => undefined);
    },
  });
  liveSocket.start();
  return onSessionEnd(() => liveSocket.stop());
}

/** Runs the tab's socket while the signed-in shell is mounted; it closes when the session ends. */
export function useLiveSocket(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => connectLive(router, queryClient), [queryClient, router]);
}
