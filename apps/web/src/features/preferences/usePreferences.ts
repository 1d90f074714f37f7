import {
  applyPreferencesPatch,
  DEFAULT_PREFERENCES,
  type Preferences,
  type PreferencesPatch,
} from '@qd/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../../api/client';
import { fetchPreferences, savePreferences } from '../../api/preferences';
import { showToast } from '../shell/toasts';

export const preferencesQuery = queryOptions({
  queryKey: ['preferences'] as const,
  queryFn: fetchPreferences,
  staleTime: Infinity,
});

/** Saves under way, across every component that edits preferences. */
let inFlight = 0;

export interface PreferencesApi {
  prefs: Preferences;
  /** True once the server's copy has arrived. */
  loaded: boolean;
  /** Applies a change at once and saves it; a failed save is undone and explained. */
  update: (patch: PreferencesPatch) => Promise<void>;
}

/** The signed-in user's preferences (server-side, per user). */
export function usePreferences(): PreferencesApi {
  const queryClient = useQueryClient();
  const query = useQuery(preferencesQuery);
  const update = useCallback(
    async (patch: PreferencesPatch) => {
      const key = preferencesQuery.queryKey;
      // a load still on its way would land after this change and undo it on screen
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData(key) ?? DEFAULT_PREFERENCES;
      queryClient.setQueryData(key, applyPreferencesPatch(before, patch));
      inFlight += 1;
      try {
        const saved = await savePreferences(patch);
        // an older answer must not undo a newer change still on its way: the last one wins
        if (inFlight === 1) queryClient.setQueryData(key, saved);
      } catch (e) {
        void queryClient.invalidateQueries({ queryKey: key }); // back to what the server holds
        showToast(
          'error',
          'Preference not saved',
          e instanceof ApiError ? e.message : 'The server could not be reached.',
        );
      } finally {
        inFlight -= 1;
      }
    },
    [queryClient],
  );
  return { prefs: query.data ?? DEFAULT_PREFERENCES, loaded: query.isSuccess, update };
}
