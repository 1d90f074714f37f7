import { lazy, Suspense, useEffect } from 'react';
import { onGlobalKey, useOverlay } from './overlays';

// Each overlay's code (the palette and its commands, the shortcut list, the settings form) loads
// the first time it is opened: none of it is needed to show the dashboard. Closed, each renders
// nothing anyway, so it is mounted only while open.
const CommandPalette = lazy(() =>
  import('./CommandPalette').then((m) => ({ default: m.CommandPalette })),
);
const ShortcutsDialog = lazy(() =>
  import('./ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })),
);
const SettingsDialog = lazy(() =>
  import('./SettingsDialog').then((m) => ({ default: m.SettingsDialog })),
);

/** The palette, shortcut list and settings, and the global keys that open them. */
export function ShellOverlays() {
  const open = useOverlay();
  useEffect(() => {
    document.addEventListener('keydown', onGlobalKey);
    return () => document.removeEventListener('keydown', onGlobalKey);
  }, []);
  return (
    <Suspense fallback={null}>
      {open === 'palette' && <CommandPalette />}
      {open === 'shortcuts' && <ShortcutsDialog />}
      {open === 'settings' && <SettingsDialog />}
    </Suspense>
  );
}
