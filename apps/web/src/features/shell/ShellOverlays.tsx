import { useEffect } from 'react';
import { CommandPalette } from './CommandPalette';
import { onGlobalKey } from './overlays';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutsDialog } from './ShortcutsDialog';

/** The palette, shortcut list and settings, and the global keys that open them. */
export function ShellOverlays() {
  useEffect(() => {
    document.addEventListener('keydown', onGlobalKey);
    return () => document.removeEventListener('keydown', onGlobalKey);
  }, []);
  return (
    <>
      <CommandPalette />
      <ShortcutsDialog />
      <SettingsDialog />
    </>
  );
}
