import { useEffect } from 'react';
import { applyLook } from './theme';
import { usePreferences } from './usePreferences';

/** Keeps the document's theme and palette in step with the user's saved preferences. */
export function LookSync() {
  const { prefs, loaded } = usePreferences();
  useEffect(() => {
    if (loaded) applyLook(prefs.theme, prefs.palette);
  }, [loaded, prefs.theme, prefs.palette]);
  return null;
}
