/**
 * A callback ref that focuses its element when it mounts: what React's `autoFocus` does. Preact
 * only writes the `autofocus` attribute, which a browser honours on page load, not for a field
 * rendered later (a dialog's). Module-level, so the ref is the same on every render and runs once.
 */
export function focusOnMount(el: HTMLElement | null): void {
  el?.focus();
}
