import type { KillSwitchStatus } from '@qd/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { topicKey } from '../../live/topicCache';
import { showToast } from '../shell/toasts';

/**
 * Runs an engage/disengage call: busy flag, field errors, and the new status written into the
 * topic's cache entry at once (the push that follows carries the same state).
 */
export function useKillSwitchAction(
  run: (reason: string) => Promise<KillSwitchStatus | null>,
  success: string,
) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(reason: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const status = await run(reason);
      if (status) queryClient.setQueryData(topicKey('killswitch'), status);
      showToast('success', success, `Reason: ${reason}`);
      return true;
    } catch (e) {
      const message =
        e instanceof ApiError
          ? (e.fieldErrors.reason ?? e.fieldErrors.confirm ?? e.message)
          : 'The request failed unexpectedly.';
      setError(message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { submit, busy, error, setError };
}
