import type { Palette, Theme } from '@qd/contracts';

const CACHE_KEY = 'qd.look';

/**
 * Applies theme and palette to the document. The last choice is also remembered in this browser
 * so the next page load paints in it at once; the server's copy stays the source of truth.
 */
export function applyLook(theme: Theme, palette: Palette): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.dataset.palette = palette;
  root.style.colorScheme = theme;
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ theme, palette }));
  } catch {
    // storage may be unavailable (private mode); the server copy still applies after load
  }
}

/** Paints the remembered look before React renders (no dark flash for light users). */
export function applyCachedLook(): void {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return;
    const { theme, palette } = JSON.parse(raw) as { theme?: string; palette?: string };
    applyLook(
      theme === 'light' ? 'light' : 'dark',
      palette === 'colorblind' ? 'colorblind' : 'standard',
    );
  } catch {
    // a bad cache entry is ignored: the defaults apply
  }
}
