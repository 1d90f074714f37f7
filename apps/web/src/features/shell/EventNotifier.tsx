import type { Fill } from '@qd/contracts';
import { useEffect, useRef } from 'react';
import { useTopic } from '../../live/useTopic';
import { describeFill } from '../orders/orderText';
import { useFills } from '../orders/useOrders';
import { usePreferences } from '../preferences/usePreferences';
import { startNotificationSync } from './notificationHistory';
import { setQuietMode, showToast } from './toasts';

/**
 * Turns live changes into notifications (kill-switch changes pop up, fills go to the history) and
 * keeps the signed-in user's history in sync with the server.
 */
export function EventNotifier() {
  const { prefs } = usePreferences();
  const killSwitch = useTopic('killswitch');
  const fills = useFills();
  const engaged = useRef<boolean | null>(null);
  const seenFills = useRef<Set<string> | null>(null);

  useEffect(() => setQuietMode(prefs.quietMode), [prefs.quietMode]);
  useEffect(() => startNotificationSync(), []);

  useEffect(() => {
    if (!killSwitch) return;
    const now = killSwitch.state.engaged;
    if (engaged.current !== null && engaged.current !== now) {
      const by = killSwitch.state.changedBy ?? 'unknown';
      if (now)
        showToast('error', `Kill switch engaged by ${by}`, killSwitch.state.reason ?? '', 'event');
      else showToast('success', `Trading resumed by ${by}`, killSwitch.state.reason ?? '', 'event');
    }
    engaged.current = now;
  }, [killSwitch]);

  useEffect(() => {
    if (!fills) return;
    const seen = seenFills.current;
    if (seen) {
      const fresh: Fill[] = fills.filter((f) => !seen.has(f.id));
      for (const f of fresh.reverse())
        showToast('info', `Fill: ${describeFill(f)}`, undefined, 'log');
    }
    seenFills.current = new Set(fills.map((f) => f.id));
  }, [fills]);

  return null;
}
