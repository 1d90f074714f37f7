import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { fetchSession } from '../../api/auth';
import { activityKeepalive } from './activityKeepalive';
import { endSession } from './endSession';

const TOUCH_EVERY_MS = 60_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel'] as const;

/** While the shell is mounted, user activity keeps the server session's idle timer fresh. */
export function useActivityKeepalive(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    const onActivity = activityKeepalive(() => {
      fetchSession()
        .then((s) => (s ? undefined : endSession(router, queryClient, 'expired')))
        .catch(() => undefined); // offline: the connection banner already says so
    }, TOUCH_EVERY_MS);
    for (const e of ACTIVITY)
      window.addEventListener(e, onActivity, { passive: true, capture: true });
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [queryClient, router]);
}
