import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { fetchSession } from '../api/auth';
import { revokedReason } from '../features/auth/activityKeepalive';
import { endSession, onSessionEnd } from '../features/auth/endSession';
import { liveSocket } from './socket';
import { createTopicSink } from './topicCache';

/** Runs the tab's socket while the signed-in shell is mounted; it closes when the session ends. */
export function useLiveSocket(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
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
  }, [queryClient, router]);
}
