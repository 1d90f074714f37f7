let nonce: string | undefined;

/**
 * The per-response style nonce the console puts in `<meta name="csp-nonce">` (CSP has no
 * `'unsafe-inline'` for styles): libraries that add `<style>` elements must carry it.
 * Undefined under the Vite dev server, which serves no CSP.
 */
export function cspNonce(): string | undefined {
  return nonce;
}

/** Reads the nonce once at start-up (the grid's theme styles carry it). */
export function initCspNonce(): void {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
  nonce = meta?.content || undefined;
  // Removed from the DOM so page script injected later cannot read it back from there.
  meta?.remove();
}
