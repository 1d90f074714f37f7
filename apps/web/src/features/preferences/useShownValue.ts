import { useCallback, useState } from 'react';

/**
 * What a control bound to a saved preference shows: the user's pick at once, then whatever is saved.
 *
 * Why: the preferences cache tells React about a change a task later (TanStack Query batches its
 * notifications on a timer), so a controlled radio or checkbox bound to it straight away is put
 * back to the old value at the end of the click and only flips over later. Local state is
 * rendered within the click; a change of the saved value (server answer, failed save) wins.
 */
export function useShownValue<T>(saved: T): readonly [T, (value: T) => void] {
  const [state, setState] = useState({ saved, shown: saved });
  const show = useCallback((value: T) => setState((s) => ({ ...s, shown: value })), []);
  if (!Object.is(state.saved, saved)) {
    // the saved value moved (our own save landing, another tab, a failed save undone): follow it
    setState({ saved, shown: saved });
    return [saved, show] as const;
  }
  return [state.shown, show] as const;
}
