import { useSyncExternalStore } from 'react';

/** Which shell overlay is open: one at a time. */
export type Overlay = 'palette' | 'shortcuts' | 'settings' | null;

let open: Overlay = null;
const listeners = new Set<() => void>();

export function openOverlay(next: Overlay): void {
  open = next;
  for (const l of listeners) l();
}

export function useOverlay(): Overlay {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}

/** True when a key press belongs to a text field (so `/` and `?` are typed, not shortcuts). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

/** Global keys: Ctrl/⌘+K and `/` open the palette, `?` the shortcut list. */
export function onGlobalKey(e: KeyboardEvent): void {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
    e.preventDefault();
    openOverlay(open === 'palette' ? null : 'palette');
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || open) return;
  if (e.key === '/') {
    e.preventDefault();
    openOverlay('palette');
  } else if (e.key === '?') {
    e.preventDefault();
    openOverlay('shortcuts');
  }
}

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Open the command palette (also ⌘K)' },
  { keys: ['/'], what: 'Open the command palette' },
  { keys: ['?'], what: 'Show this list of shortcuts' },
  { keys: ['Esc'], what: 'Close a dialog, menu or the palette; cancel an order preview' },
  { keys: ['Enter'], what: 'In the order ticket: preview the order' },
  { keys: ['Tab'], what: 'Move through fields and actions in order' },
  { keys: ['↑', '↓'], what: 'In the palette: choose a command' },
];
