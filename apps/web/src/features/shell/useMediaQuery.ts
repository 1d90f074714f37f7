import { useSyncExternalStore } from 'react';

/** True while the media query matches (e.g. phone width), updating on resize. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Phone and small tablet widths (≤ 767 px): single column of monitoring cards. */
export const PHONE = '(max-width: 767px)';
